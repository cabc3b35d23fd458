"""Pictures on cards and sheets: reading PNG, JPEG and SVG files, checking them, and drawing them.

`probe` reads a file once (cached by path, size and time): its kind, its size (a bitmap's pixels
after its EXIF orientation, an SVG's points) and, for a bitmap, how far apart its greys are. The
loader calls it so that a missing, damaged or unsupported file is a located error before anything
is drawn. A build's `Pictures` records the largest size each picture is printed at (layouts say so
while they lay out), warns of a bitmap printed below 150 dpi or one whose greys are too close for a
black-and-white copy, and draws: each bitmap embedded once however often it is used (downsampled to
300 dpi at its largest printed size unless the pack says `downsample_pictures: no`), each SVG as
vector drawing in one form reused. Pillow and svglib are imported only when a pack has pictures.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from studypack.errors import Problem
from studypack.model import Picture

MAX_BYTES = 60_000_000  # a picture larger than this is not a revision card's
LOW_DPI = 150  # below this a bitmap prints visibly blocky
TARGET_DPI = 300  # downsampled to this at its largest printed size
MIN_CONTRAST = 0.25  # greys closer than this (of the full range) blur on a black-and-white copy


class PictureError(Exception):
    """A picture file that cannot be used; the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass
class Info:
    kind: str  # png, jpeg, svg
    width: float  # pixels (bitmaps, as shown after EXIF rotation) or points (SVG)
    height: float
    path: str = ""

    @property
    def drawing(self) -> Any:
        """An SVG's ReportLab drawing, read when first drawn (checking a pack needs only its size)."""
        d = _drawings.get(self.path)
        if d is None:
            d = _drawings[self.path] = _svg_drawing(self.path)
        return d


_cache: dict[tuple[str, int, int], Info] = {}
_drawings: dict[str, Any] = {}
_disk: dict[str, list] | None = None  # the user's cache of checked pictures, read once
_disk_dirty = False


def cache_file() -> str:
    """Where checked pictures are remembered between runs (files.cache_dir)."""
    from studypack.files import cache_dir

    return os.path.join(cache_dir(), "pictures.json")


def _remembered(path: str, size: int, mtime: int) -> Info | None:
    """A picture checked by an earlier run and unchanged since (same size and time): its kind and
    size without decoding it again (nor loading Pillow or svglib). A changed file is read afresh."""
    global _disk
    if _disk is None:
        try:
            with open(cache_file(), encoding="utf-8") as f:
                data = json.load(f)
            _disk = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            _disk = {}
    row = _disk.get(path)
    if not isinstance(row, list) or len(row) != 5 or row[0] != size or row[1] != mtime:
        return None
    kind, w, h = row[2], row[3], row[4]
    if kind not in ("png", "jpeg", "svg") or not all(isinstance(v, (int, float)) and v > 0 for v in (w, h)):
        return None
    return Info(kind, float(w), float(h), path)


def _remember(path: str, size: int, mtime: int, info: Info) -> None:
    global _disk_dirty
    if _disk is not None:
        if not _disk_dirty:
            import atexit

            atexit.register(save_cache)  # once, when there is something new to keep
        _disk[path] = [size, mtime, info.kind, info.width, info.height]
        _disk_dirty = True


def save_cache() -> None:
    """Write the remembered pictures back (best effort: a read-only home only costs speed)."""
    global _disk_dirty
    if not _disk_dirty or _disk is None:
        return
    target = cache_file()
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(_disk, f)
        os.replace(tmp, target)
        _disk_dirty = False
    except OSError:
        pass


def kind_of(head: bytes) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in head.lower():
        return "svg"
    for magic, name in OTHER_KINDS:
        if head.startswith(magic):
            return name
    return ""


OTHER_KINDS = (
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"RIFF", "WebP"),
)


def probe(path: str) -> Info:
    """The picture's kind and size; PictureError when it cannot be used."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise PictureError(
            "not found", "check the file name; a path is read from the topic file's folder"
        ) from None
    except OSError as e:
        raise PictureError(f"cannot be read ({e.strerror})") from None
    if not os.path.isfile(path):
        raise PictureError("is not a file", "name a .png, .jpg or .svg file")
    if st.st_size > MAX_BYTES:
        raise PictureError(f"is {st.st_size // 1_000_000} MB, more than a card needs", "save it smaller")
    key = (path, st.st_size, st.st_mtime_ns)
    info = _cache.get(key) or _remembered(os.path.abspath(path), st.st_size, st.st_mtime_ns)
    if info is not None:
        _cache[key] = info
        return info
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError as e:
        raise PictureError(f"cannot be read ({e.strerror})") from None
    kind = kind_of(head)
    if kind not in ("png", "jpeg", "svg"):
        what = f"a {kind} picture" if kind else "not a PNG, JPEG or SVG picture"
        raise PictureError(f"is {what}", "save it as PNG, JPEG or SVG")
    info = _svg(path) if kind == "svg" else _bitmap(path, kind)
    info.path = path
    _cache[key] = info
    _remember(os.path.abspath(path), st.st_size, st.st_mtime_ns, info)
    return info


def _bitmap(path: str, kind: str) -> Info:
    """A bitmap's size as it shows (after its EXIF orientation), read from its header; the whole
    file is checked (a damaged or cut-short file fails here, not half-way through a build). Its
    pixels are decoded once, when it is drawn."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im.verify()
        with Image.open(path) as im:  # the header again: verify leaves the image unusable
            w, h = im.size
            turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PictureError(
            f"cannot be read as a {kind.upper()} picture: the file is damaged or cut short",
            "open it in an image editor and save it again",
        ) from None
    return Info(kind, float(h if turned else w), float(w if turned else h))


def _spread(hist: list[int]) -> float:
    """The 5th to 95th percentile of a greyscale histogram, as a share of the full range."""
    total = sum(hist) or 1
    acc, lo, hi = 0, 0, 255
    for v, n in enumerate(hist):
        if acc < 0.05 * total <= acc + n:
            lo = v
        if acc < 0.95 * total <= acc + n:
            hi = v
        acc += n
    return (hi - lo) / 255


def _svg_drawing(path: str) -> Any:
    try:
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(path)
    except Exception as e:  # svglib raises lxml's and its own errors alike
        raise PictureError(
            f"cannot be read as an SVG picture ({type(e).__name__})", "open and save it again"
        ) from None
    if drawing is None or not drawing.width or not drawing.height:
        raise PictureError(
            "is an SVG picture with no size", "give its <svg> a width and height, or a viewBox"
        )
    return drawing


def _svg(path: str) -> Info:
    drawing = _svg_drawing(path)
    _drawings[path] = drawing
    return Info("svg", float(drawing.width), float(drawing.height), path)


def form_name(path: str) -> str:
    """A picture's form name in the PDF, from its path."""
    import hashlib

    return "pic" + hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _render_svg(c: Any, info: Info) -> None:
    from reportlab.graphics import renderPDF

    renderPDF.draw(info.drawing, c, 0, 0)


def fit_box(info: Info, w: float, h: float) -> tuple[float, float]:
    """The picture's size scaled to fit w x h without distortion."""
    s = min(w / info.width, h / info.height)
    return info.width * s, info.height * s


@dataclass
class Pictures:
    """One build's pictures: where they are printed, what to warn of, and drawing them."""

    downsample: bool = True
    largest: dict[str, tuple[float, float]] = field(default_factory=dict)  # path -> printed size, points
    _noted: dict[str, Picture] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _warned: set[tuple[str, str]] = field(default_factory=set)
    _forms: dict[tuple[int, str], str] = field(default_factory=dict)
    _ready: dict[str, Any] = field(default_factory=dict)  # path -> its ImageReader, made by prepare
    _names: dict[str, str] = field(default_factory=dict)  # form name -> path (form_names)
    _warnings: list[tuple[tuple[str, str], Problem]] = field(default_factory=list)
    # In a process that draws pages only to hand back their operators, a form's content is never
    # used (the parent makes each form itself): an empty one stands in, and no bitmap is decoded.
    stand_ins: bool = False

    def prepare(self) -> None:
        """Decode and downsample every bitmap the layouts placed, on all cores at once (Pillow
        lets go of Python's lock while it decodes and resizes), before the pages are drawn."""
        todo = {p for p in self._noted.values() if p.kind != "svg" and p.path not in self._ready}
        if not todo:
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
            for pic, reader in zip(todo, pool.map(self._reader, todo), strict=True):
                self._ready[pic.path] = reader

    def note(self, pic: Picture, w: float, h: float) -> tuple[float, float]:
        """Record that `pic` is printed in a w x h box (points); returns the size it takes there.
        Warns (once per file) of a bitmap below LOW_DPI; contrast is judged when it is drawn."""
        info = probe(pic.path)
        dw, dh = fit_box(info, w, h)
        self._noted.setdefault(pic.path, pic)
        old = self.largest.get(pic.path, (0.0, 0.0))
        self.largest[pic.path] = (max(old[0], dw), max(old[1], dh))
        if info.kind != "svg":
            dpi = info.width / (dw / 72) if dw > 0 else 1e9
            if dpi < LOW_DPI:
                self._warn(pic, "dpi", f"picture '{pic.file}' prints at {dpi:.0f} dpi here, below {LOW_DPI}: "
                           "it will look blocky", "use a larger picture, or show it smaller")  # fmt: skip
        return dw, dh

    def _warn(self, pic: Picture, why: str, message: str, hint: str) -> None:
        if (pic.path, why) in self._warned:
            return
        self._warned.add((pic.path, why))
        s = pic.src
        problem = Problem(s.path, s.line, s.col, message, hint, warning=True)
        self.problems.append(problem)
        self._warnings.append(((pic.path, why), problem))

    def draw(self, c: Any, pic: Picture, x: float, top: float, w: float, h: float) -> float:
        """Draw `pic` scaled into the w x h box whose top-left is (x, top), centred across it;
        returns the height it took. Each file is one form in the document, drawn where it is used
        (ReportLab would otherwise hash a bitmap's pixels on every use)."""
        info = probe(pic.path)
        dw, dh = fit_box(info, w, h)
        name = self._form(c, pic, info)
        c.saveState()
        c.translate(x + (w - dw) / 2, top - dh)
        c.scale(dw / info.width, dh / info.height)
        c.doForm(name)
        c.restoreState()
        return dh

    def _reader(self, pic: Picture) -> Any:
        """The bitmap to embed, upright, no larger than TARGET_DPI at its largest printed size. A
        photograph (JPEG) stays JPEG in the PDF, as its file's own bytes when it needs no change;
        a PNG stays lossless. Warns when its greys are too close for a black-and-white copy."""
        import io

        from PIL import Image, ImageOps
        from reportlab.lib.utils import ImageReader

        want = None
        if self.downsample and pic.path in self.largest:
            pw, ph = self.largest[pic.path]
            want = (max(1, round(pw / 72 * TARGET_DPI)), max(1, round(ph / 72 * TARGET_DPI)))
        with Image.open(pic.path) as f:
            original = f.size
            turned = f.getexif().get(0x0112, 1) not in (0, 1)
            if want and f.format == "JPEG":
                f.draft("RGB" if f.mode != "L" else "L", want if not turned else want[::-1])  # decode smaller
            im: Any = ImageOps.exif_transpose(f) or f
            im.load()
        smaller = False
        if want and im.size[0] > want[0] * 1.1 and im.size[1] > want[1] * 1.1:
            im = im.resize(want, Image.Resampling.BICUBIC, reducing_gap=3.0)
            smaller = True
        self._contrast(pic, im)
        if pic.kind == "jpeg":
            if not smaller and not turned and im.size == original:
                return ImageReader(pic.path)  # the original bytes, passed through
            buf = io.BytesIO()
            im.convert("L" if im.mode == "L" else "RGB").save(buf, "JPEG", quality=88, optimize=True)
            buf.seek(0)
            return ImageReader(buf)
        if im.mode not in ("RGB", "RGBA", "L", "LA"):
            im = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
        return ImageReader(im)

    def _contrast(self, pic: Picture, im: Any) -> None:
        grey = im.convert("L")
        grey.thumbnail((96, 96))
        spread = _spread(grey.histogram())
        if spread < MIN_CONTRAST:
            self._warn(pic, "grey", f"picture '{pic.file}' has little contrast in greyscale "
                       f"({spread:.0%} of the range): it may not read on a black-and-white copy",
                       "raise its contrast, or use one with darker lines")  # fmt: skip

    def form_names(self) -> dict[str, str]:
        """Each placed picture's form name: from its path, so the same whichever page first shows
        it and whichever process draws that page."""
        if len(self._names) != len(self._noted):
            self._names = {form_name(path): path for path in self._noted}
        return self._names

    def define(self, c: Any, name: str) -> None:
        """Make the form `name` in `c`'s document (a page drawn in another process shows it)."""
        pic = self._noted[self.form_names()[name]]
        self._form(c, pic, probe(pic.path))

    def notes(
        self,
    ) -> tuple[dict[str, Picture], dict[str, tuple[float, float]], list[tuple[tuple[str, str], Problem]]]:
        """What this build learnt of its pictures while laying out (for a helper process to hand
        back): which were placed, their largest printed sizes, the warnings given."""
        return dict(self._noted), dict(self.largest), list(self._warnings)

    def merge(
        self,
        notes: tuple[
            dict[str, Picture], dict[str, tuple[float, float]], list[tuple[tuple[str, str], Problem]]
        ],
    ) -> None:
        """Take in what a helper process learnt (see `notes`), as if this process had laid it out."""
        noted, largest, warnings = notes
        for path, pic in noted.items():
            self._noted.setdefault(path, pic)
        for path, (w, h) in largest.items():
            old = self.largest.get(path, (0.0, 0.0))
            self.largest[path] = (max(old[0], w), max(old[1], h))
        for key, problem in warnings:
            if key not in self._warned:
                self._warned.add(key)
                self._warnings.append((key, problem))
                self.problems.append(problem)

    def _form(self, c: Any, pic: Picture, info: Info) -> str:
        """The picture as a form in this document, made the first time it is drawn: an SVG's
        vector drawing, or a bitmap (embedded once) in its natural size."""
        key = (id(c), pic.path)
        name = self._forms.get(key)
        if name is None:
            name = self._forms[key] = form_name(pic.path)
            if self.stand_ins:
                c.beginForm(name, 0, 0, info.width, info.height)  # its box is the picture's own
                c.endForm()
            elif info.kind == "svg":
                from studypack.reportlab_fast import vector_form

                vector_form(c, name, pic.path, info.width, info.height, lambda c: _render_svg(c, info))
            else:
                c.beginForm(name, 0, 0, info.width, info.height)
                reader = self._ready.get(pic.path) or self._reader(pic)
                c.drawImage(reader, 0, 0, info.width, info.height, mask="auto")
                c.endForm()
        return name
