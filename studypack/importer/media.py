"""Pictures held inside a Word, PowerPoint or Anki file, put where the import can treat them as any
picture a notes file names: each is written to a private temporary folder (gone when the process
ends), and the card names that path. `run.import_files` then checks it and copies it beside the
topic file as it does for Markdown's `![...](...)` pictures.

GIF, BMP, TIFF and WebP pictures (which a card cannot print) are saved as PNG; other kinds (EMF,
WMF) are kept as they are and the import's review note names them.
"""

from __future__ import annotations

import io
import os
import re
import tempfile

_folder: tempfile.TemporaryDirectory[str] | None = None
_PRINTABLE = (".png", ".jpg", ".jpeg", ".svg")
_CONVERT = (".gif", ".bmp", ".tif", ".tiff", ".webp")


def _root() -> str:
    global _folder
    if _folder is None:
        _folder = tempfile.TemporaryDirectory(prefix="studypack-import-")
    return _folder.name


def is_stashed(path: str) -> bool:
    return _folder is not None and os.path.dirname(os.path.dirname(path)) == _folder.name


def stash(name: str, data: bytes) -> str:
    """The path of a temporary file holding `data`, named after `name` (made safe and unique)."""
    base = re.sub(r"[^\w.-]+", "-", os.path.basename(name.replace("\\", "/"))).strip(".-") or "picture"
    stem, ext = os.path.splitext(base)
    if ext.lower() in _CONVERT:
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as im:
                out = io.BytesIO()
                im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB").save(
                    out, "PNG"
                )
            data, ext = out.getvalue(), ".png"
        except Exception:  # noqa: BLE001 - a picture Pillow cannot read stays as it is, and is named
            pass
    # a folder each, so the picture keeps its own name when it is copied beside the topic
    path = os.path.join(tempfile.mkdtemp(dir=_root()), stem + ext)
    with open(path, "wb") as f:
        f.write(data)
    return path
