"""Bitmaps (PNG and JPEG) checked whole and made print-true, whether a card names them or an SVG
holds them.

A picture is decoded completely when it is checked, so `check` finds a damaged or cut-short file,
and a decompression bomb (a small file that unpacks to billions of pixels) is refused from its
header, before a pixel is decoded. What is drawn is always 8 bits a channel in grey or RGB: a
16-bit greyscale, palette, bilevel or CMYK picture is converted with its greys kept (ReportLab would
otherwise print a 16-bit grey as white). Pillow is imported only here, when a pack has bitmaps.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

MAX_PIXELS = 100_000_000  # 100 megapixels: several times any camera's photo; a bomb is refused
KINDS = {"png": "PNG", "jpeg": "JPEG"}


class PictureError(Exception):
    """A picture file that cannot be used; the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def bomb(pixels: int = 0) -> PictureError:
    size = f"{pixels / 1e6:,.0f} million pixels" if pixels else "too many pixels"
    return PictureError(
        f"is {size}, more than the {MAX_PIXELS // 1_000_000} million this tool decodes (a decompression bomb, or a picture far larger than any page needs)",
        "save it smaller: 300 dpi at the printed size is plenty",
    )


def damaged(kind: str) -> PictureError:
    return PictureError(
        f"cannot be read as a {KINDS.get(kind, kind.upper())} picture: the file is damaged or cut short",
        "open it in an image editor and save it again",
    )


def check_bitmap(data: bytes, kind: str) -> tuple[float, float]:
    """The bitmap's size as it shows (after its EXIF orientation), its every pixel decoded once to
    prove the file whole; PictureError when it is damaged, cut short or too many pixels."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # the size is checked here, from the header, against MAX_PIXELS
    w = h = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                if im.format != KINDS[kind]:
                    raise damaged(kind)
                w, h = im.size
                if w * h > MAX_PIXELS:
                    raise bomb(w * h)
                if kind == "png":
                    im.verify()  # chunk checksums, which decoding alone skips
            with Image.open(io.BytesIO(data)) as im:
                turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
                im.load()
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bomb(w * h) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError):
        raise damaged(kind) from None
    except Exception:  # noqa: BLE001 - a decoder's own surprise on a hostile file: still damaged
        raise damaged(kind) from None
    return float(h if turned else w), float(w if turned else h)


def open_bitmap(data: bytes) -> Any:
    """A checked bitmap (see `check_bitmap`) opened from its bytes."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # checked (check_bitmap) before it is opened to be drawn
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked against MAX_PIXELS
        return Image.open(io.BytesIO(data))


def printable(im: Any) -> Any:
    """`im` in a mode a PDF shows true, in grey or colour (L, LA, RGB or RGBA, 8 bits a channel):
    16-bit greys are scaled (a plain conversion clips them to white), a palette keeps its
    transparency, bilevel becomes grey and CMYK becomes RGB."""
    mode = im.mode
    if mode in ("L", "LA", "RGB", "RGBA"):
        return im
    if mode.startswith("I"):  # 16- or 32-bit integer greys, as a 16-bit greyscale PNG opens
        return im.convert("I").point(lambda v: v / 257).convert("L")
    if mode == "F":
        return im.point(lambda v: v * 255).convert("L")
    if mode == "1":
        return im.convert("L")
    if mode in ("La", "PA") or (mode == "P" and "transparency" in im.info):
        return im.convert("LA" if mode == "La" else "RGBA")
    if mode in ("RGBa", "RGBX"):
        return im.convert("RGBA" if mode == "RGBa" else "RGB")
    return im.convert("RGBA" if "A" in im.getbands() else "RGB")
