"""Pictures on cards and sheets: reading PNG, JPEG and SVG files, checking them, and drawing them.

`probe` reads a file once (a regular file, size-capped): its kind, its size (a bitmap's pixels
after its EXIF orientation, an SVG's points) and, for an SVG, what of it was left out because it
reached outside the pack (svgsafe). A bitmap is decoded whole when checked (bitmaps), so `check`
finds a damaged or cut-short file. What was learnt is remembered in the user's cache folder by the
SHA-256 of the file's bytes (never by its name, size or time), for a bitmap or a self-contained SVG.
The loader calls `probe` so that a missing, damaged or unsupported file is a located error before
anything is drawn. A build's `Pictures` records the largest size each picture is printed at
(layouts say so while they lay out), warns of a bitmap printed below 150 dpi or one whose greys are
too close for a black-and-white copy, and draws: each bitmap embedded once however often it is used
(made print-true, downsampled to 300 dpi at its largest printed size unless the pack says
`downsample_pictures: no`), each SVG as vector drawing in one form reused. Under a preset with a
floor (large print: nothing under 12 pt), an SVG drawn so small that one of its labels would print
below the floor is drawn from a copy whose small labels are raised to it (svglabels), one form per
enlargement. Pillow, lxml and svglib are imported only when a pack has pictures.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from typing import Any

from studypack.bitmaps import PictureError, check_bitmap, open_bitmap, printable
from studypack.errors import Problem
from studypack.model import Picture

__all__ = ["PictureError", "Info", "Pictures", "probe", "kind_of", "fit_box"]

MAX_BYTES = 60_000_000  # a picture larger than this is not a revision card's
MAX_POINTS = 1_000_000.0  # an SVG larger than this (350 m) has a size no drawing program meant
LOW_DPI = 150  # below this a bitmap prints visibly blocky
TARGET_DPI = 300  # downsampled to this at its largest printed size
MIN_CONTRAST = 0.25  # greys closer than this (of the full range) blur on a black-and-white copy
CACHE_LIMIT = 4_000_000  # bytes of pictures.json read; a larger one is not ours
CACHE_ROWS = 5_000  # pictures remembered at most (the newest kept)
LABEL_STEP = 1.02  # raised labels' sizes go up in steps of 2% (so a few scales share a form)


@dataclass
class Info:
    """What a picture file is: its kind and size, and for an SVG its drawing and what was left out."""

    kind: str  # png, jpeg, svg
    width: float  # pixels (bitmaps, as shown after EXIF rotation) or points (SVG)
    height: float
    path: str = ""
    digest: str = ""  # SHA-256 of the file's bytes
    root: str = ""  # the folder an SVG's references must stay in (svgsafe)
    left_out: tuple[tuple[int, str], ...] = ()  # an SVG's references not drawn: (line, why)
    self_contained: bool = True  # an SVG that names no other file: its drawing is its bytes' alone

    @property
    def drawing(self) -> Any:
        """An SVG's ReportLab drawing, read when first drawn (checking a pack needs only its size)."""
        key = (self.path, self.root, self.digest)
        d = _drawings.get(key)
        if d is None:
            data = _read(self.path)
            if hashlib.sha256(data).hexdigest() != self.digest:
                raise PictureError("changed while the pack was being built", "build it again")
            d = _drawings[key] = _svg_drawing(_safe(data, self.path, self.root).data)
        return d

    @property
    def smallest_label(self) -> float:
        """An SVG's smallest label (text) size in its drawing's units; inf when it has none."""
        key = (self.path, self.root, self.digest)
        least = _least.get(key)
        if least is None:
            from studypack.svglabels import smallest

            least = _least[key] = smallest(self.drawing)
        return least

    def raised(self, step: int) -> Any:
        """The SVG's drawing with every label smaller than LABEL_STEP ** step raised to that size."""
        key = (self.path, self.root, self.digest, step)
        d = _raised.get(key)
        if d is None:
            from studypack.svglabels import enlarged

            d = _raised[key] = enlarged(self.drawing, LABEL_STEP**step)
        return d


_cache: dict[tuple, Info] = {}
_drawings: dict[tuple[str, str, str], Any] = {}
_least: dict[tuple[str, str, str], float] = {}  # an SVG's smallest label (Info.smallest_label)
_raised: dict[tuple[str, str, str, int], Any] = {}  # an SVG's drawing with its labels raised
_disk: dict[str, list] | None = None  # the user's cache of checked pictures, read once
_disk_dirty = False


def cache_file() -> str | None:
    """Where checked pictures are remembered between runs (files.cache_dir), if anywhere."""
    from studypack.files import cache_path

    return cache_path("pictures.json")


def _load_disk() -> dict[str, list]:
    """The remembered pictures: plain JSON, each row checked when used; anything else is ignored."""
    from studypack.files import read_cache

    raw = read_cache(cache_file(), CACHE_LIMIT)
    try:
        data = json.loads(raw) if raw else {}
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == 2 else {}


def _remembered(digest: str) -> Info | None:
    """A picture with these very bytes checked by an earlier run: its kind and size, without
    decoding it again (nor loading Pillow or svglib). A changed file has another digest."""
    global _disk
    if _disk is None:
        _disk = _load_disk()
    row = _disk.get(digest)
    if not isinstance(row, list) or len(row) != 3:
        return None
    kind, w, h = row
    sizes_ok = all(type(v) in (int, float) and 0 < v <= MAX_POINTS * 100 for v in (w, h))
    if kind not in ("png", "jpeg", "svg") or not sizes_ok:
        return None  # damaged, foreign or poisoned: checked afresh (and the row replaced)
    return Info(kind, float(w), float(h), digest=digest)


def _remember(info: Info) -> None:
    global _disk_dirty
    if _disk is not None and (info.kind != "svg" or (info.self_contained and not info.left_out)):
        if not _disk_dirty:
            import atexit

            atexit.register(save_cache)  # once, when there is something new to keep
        _disk[info.digest] = [info.kind, info.width, info.height]
        _disk_dirty = True


def save_cache() -> None:
    """Write the remembered pictures back (best effort: a cache folder that cannot be written
    only costs speed). Another build may have added rows meanwhile: both are kept."""
    global _disk_dirty
    if not _disk_dirty or _disk is None:
        return
    from studypack.files import write_cache

    merged = {k: v for k, v in _load_disk().items() if k != "version" and _is_digest(k)}
    merged.update((k, v) for k, v in _disk.items() if k != "version")
    rows = list(merged.items())[-CACHE_ROWS:]
    write_cache(cache_file(), json.dumps({"version": 2, **dict(rows)}).encode("utf-8"))
    _disk_dirty = False


def _is_digest(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


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


def svg_root(path: str, root: str | None) -> str:
    """The folder an SVG's references must stay in: `root` (the pack's folder), or the SVG's own
    folder when the SVG lies outside it (or no pack folder is known)."""
    from studypack.files import inside

    own = os.path.dirname(os.path.realpath(path))
    return os.path.realpath(root) if root and inside(path, root) else own


def _read(path: str) -> bytes:
    from studypack.files import FileProblem, read_bytes

    try:
        return read_bytes(path, "a .png, .jpg or .svg file", MAX_BYTES)
    except FileProblem as e:
        if "too large" in e.message:
            raise PictureError(f"{e.message}, more than a card needs", "save it smaller") from None
        if "not found" in e.message:
            raise PictureError(
                "not found", "check the file name; a path is read from the topic file's folder"
            ) from None
        if "regular file" in e.message or "folder" in e.message:
            raise PictureError("is not a file", "name a .png, .jpg or .svg file") from None
        raise PictureError(f"cannot be read ({e.message.removeprefix('cannot read the file: ')})") from None


def probe(path: str, root: str | None = None) -> Info:
    """The picture's kind and size (and for an SVG, what of it is left out); PictureError when it
    cannot be used. `root` is the pack's folder, which an SVG's references must stay in."""
    try:
        st = os.stat(path)
    except OSError:
        st = None
    top = svg_root(path, root)
    # Within one run, a file not touched since (its change time moves with any write or rename)
    # is not read again; across runs only its bytes' digest counts.
    key = (path, top, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) if st else None
    info = _cache.get(key) if key else None
    if info is not None:
        return info
    data = _read(path)
    digest = hashlib.sha256(data).hexdigest()
    info = _remembered(digest)
    if info is None:
        info = _examine(data, path, top)
        info.digest = digest
        _remember(info)
    info.path, info.root = path, top
    if key:
        _cache[key] = info
    return info


def _examine(data: bytes, path: str, root: str) -> Info:
    kind = kind_of(data[:4096])
    if kind not in ("png", "jpeg", "svg"):
        what = f"a {kind} picture" if kind else "not a PNG, JPEG or SVG picture"
        raise PictureError(f"is {what}", "save it as PNG, JPEG or SVG")
    if kind != "svg":
        return Info(kind, *check_bitmap(data, kind))
    safe = _safe(data, path, root)
    drawing = _svg_drawing(safe.data)
    info = Info("svg", float(drawing.width), float(drawing.height), path, root=root)
    info.left_out, info.self_contained = tuple(safe.left_out), safe.self_contained
    _drawings[(path, root, hashlib.sha256(data).hexdigest())] = drawing
    return info


def _safe(data: bytes, path: str, root: str) -> Any:
    from studypack.svgsafe import make_safe

    return make_safe(data, path, root)


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


def _svg_drawing(data: bytes) -> Any:
    """The made-safe SVG's drawing; its size must be a real, positive one."""
    import io
    import logging
    import math

    logging.getLogger("svglib").addHandler(logging.NullHandler())  # problems are ours to report
    logging.getLogger("svglib").propagate = False
    try:
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(io.BytesIO(data))
    except Exception as e:  # svglib raises lxml's and its own errors alike
        raise PictureError(
            f"cannot be read as an SVG picture ({type(e).__name__})", "open and save it again"
        ) from None
    if drawing is None:
        raise PictureError(
            "cannot be read as an SVG picture", "open it in a drawing program and save it again"
        )
    w, h = drawing.width, drawing.height
    if not all(isinstance(v, (int, float)) and math.isfinite(v) and 0 < v <= MAX_POINTS for v in (w, h)):
        raise PictureError(
            f"is an SVG picture with no usable size (width {w!s:.20}, height {h!s:.20})",
            'give its <svg> a positive width and height (e.g. width="200" height="120"), or a viewBox',
        )
    return drawing


def form_name(path: str, step: int | None = None) -> str:
    """A picture's form name in the PDF, from its path (and the step its labels are raised to)."""
    import hashlib

    name = "pic" + hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return name if step is None else f"{name}L{step}" if step >= 0 else f"{name}Lm{-step}"


def _render_svg(c: Any, info: Info, step: int | None = None) -> None:
    from studypack.reportlab_fast import draw_drawing

    draw_drawing(c, info.drawing if step is None else info.raised(step))


def fit_box(info: Info, w: float, h: float) -> tuple[float, float]:
    """The picture's size scaled to fit w x h without distortion."""
    s = min(w / info.width, h / info.height)
    return info.width * s, info.height * s


# What a helper process hands back of its pictures (Pictures.notes): placed pictures by path, their
# largest printed sizes, the warnings given, the steps their labels are raised to.
Notes = tuple[
    dict[str, Picture],
    dict[str, tuple[float, float]],
    list[tuple[tuple[str, str], Problem]],
    dict[str, set[int]],
]


@dataclass
class Pictures:
    """One build's pictures: where they are printed, what to warn of, and drawing them."""

    downsample: bool = True
    floor: float = 0.0  # the preset's: an SVG's labels print no smaller (0: as drawn)
    largest: dict[str, tuple[float, float]] = field(default_factory=dict)  # path -> printed size, points
    _noted: dict[str, Picture] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _warned: set[tuple[str, str]] = field(default_factory=set)
    _forms: dict[tuple[int, str, int | None], str] = field(default_factory=dict)
    _ready: dict[str, Any] = field(default_factory=dict)  # path -> its ImageReader, made by prepare
    _names: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # form name -> (path, step)
    _steps: dict[str, set[int]] = field(default_factory=dict)  # path -> steps its labels are raised to
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
        info = probe(pic.path, pic.root or None)
        dw, dh = fit_box(info, w, h)
        self._noted.setdefault(pic.path, pic)
        old = self.largest.get(pic.path, (0.0, 0.0))
        self.largest[pic.path] = (max(old[0], dw), max(old[1], dh))
        step = self._step(info, dw / info.width)
        if step is not None:  # its form's name is known before any page is drawn (form_names)
            self._steps.setdefault(pic.path, set()).add(step)
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
        (ReportLab would otherwise hash a bitmap's pixels on every use); an SVG whose labels are
        raised here (see `_step`) is one form per size they are raised to."""
        info = probe(pic.path, pic.root or None)
        dw, dh = fit_box(info, w, h)
        name = self._form(c, pic, info, self._step(info, dw / info.width))
        c.saveState()
        c.translate(x + (w - dw) / 2, top - dh)
        c.scale(dw / info.width, dh / info.height)
        c.doForm(name)
        c.restoreState()
        return dh

    def _step(self, info: Info, scale: float) -> int | None:
        """Where an SVG printed at `scale` has a label below the preset's floor: the step its small
        labels are raised to (each then LABEL_STEP ** step in the drawing's units, the least that
        prints at the floor or more); None where nothing changes (always, without a floor).
        The picture itself stays the size of its box: the layouts give it all the box's room."""
        if not self.floor or info.kind != "svg" or scale <= 0 or info.smallest_label * scale >= self.floor:
            return None
        step = math.ceil(math.log(self.floor / scale) / math.log(LABEL_STEP))
        while LABEL_STEP**step * scale < self.floor:  # rounding
            step += 1
        return step

    def _reader(self, pic: Picture) -> Any:
        """The bitmap to embed, upright, in a mode that prints true (see bitmaps.printable), no
        larger than TARGET_DPI at its largest printed size. A photograph (JPEG) stays JPEG in the
        PDF, as its file's own bytes when it needs no change; a PNG stays lossless. Warns when its
        greys are too close for a black-and-white copy."""
        import io

        from PIL import Image, ImageOps
        from reportlab.lib.utils import ImageReader

        want = None
        if self.downsample and pic.path in self.largest:
            pw, ph = self.largest[pic.path]
            want = (max(1, round(pw / 72 * TARGET_DPI)), max(1, round(ph / 72 * TARGET_DPI)))
        data = _read(pic.path)
        with open_bitmap(data) as f:
            original, mode = f.size, f.mode
            turned = f.getexif().get(0x0112, 1) not in (0, 1)
            if want and f.format == "JPEG":
                f.draft("RGB" if f.mode != "L" else "L", want if not turned else want[::-1])  # decode smaller
            im: Any = ImageOps.exif_transpose(f) or f
            im.load()
        im = printable(im)
        smaller = False
        if want and im.size[0] > want[0] * 1.1 and im.size[1] > want[1] * 1.1:
            im = im.resize(want, Image.Resampling.BICUBIC, reducing_gap=3.0)
            smaller = True
        self._contrast(pic, im)
        if pic.kind == "jpeg":
            if not smaller and not turned and im.size == original and mode in ("L", "RGB"):
                return ImageReader(io.BytesIO(data))  # the original bytes, passed through
            buf = io.BytesIO()
            im.convert("L" if im.mode == "L" else "RGB").save(buf, "JPEG", quality=88, optimize=True)
            buf.seek(0)
            return ImageReader(buf)
        if im.mode == "RGB" and "transparency" in im.info:
            im = im.convert("RGBA")
        return ImageReader(im)

    def _contrast(self, pic: Picture, im: Any) -> None:
        grey = im.convert("L")
        grey.thumbnail((96, 96))
        spread = _spread(grey.histogram())
        if spread < MIN_CONTRAST:
            self._warn(pic, "grey", f"picture '{pic.file}' has little contrast in greyscale "
                       f"({spread:.0%} of the range): it may not read on a black-and-white copy",
                       "raise its contrast, or use one with darker lines")  # fmt: skip

    def form_names(self) -> dict[str, tuple[str, int | None]]:
        """Each placed picture's form names (and the path and label step each is for): from its
        path and step, so the same whichever page first shows it and whichever process draws that
        page."""
        if len(self._names) != len(self._noted) + sum(len(s) for s in self._steps.values()):
            self._names = {
                form_name(path, step): (path, step)
                for path in self._noted
                for step in (None, *sorted(self._steps.get(path, ())))
            }
        return self._names

    def define(self, c: Any, name: str) -> None:
        """Make the form `name` in `c`'s document (a page drawn in another process shows it)."""
        path, step = self.form_names()[name]
        pic = self._noted[path]
        self._form(c, pic, probe(pic.path, pic.root or None), step)

    def notes(self) -> Notes:
        """What this build learnt of its pictures while laying out (for a helper process to hand
        back): which were placed, their largest printed sizes, the warnings given, the steps
        their labels are raised to."""
        steps = {path: set(s) for path, s in self._steps.items()}
        return dict(self._noted), dict(self.largest), list(self._warnings), steps

    def merge(self, notes: Notes) -> None:
        """Take in what a helper process learnt (see `notes`), as if this process had laid it out."""
        noted, largest, warnings, steps = notes
        for path, pic in noted.items():
            self._noted.setdefault(path, pic)
        for path, s in steps.items():
            self._steps.setdefault(path, set()).update(s)
        for path, (w, h) in largest.items():
            old = self.largest.get(path, (0.0, 0.0))
            self.largest[path] = (max(old[0], w), max(old[1], h))
        for key, problem in warnings:
            if key not in self._warned:
                self._warned.add(key)
                self._warnings.append((key, problem))
                self.problems.append(problem)

    def _form(self, c: Any, pic: Picture, info: Info, step: int | None = None) -> str:
        """The picture as a form in this document, made the first time it is drawn: an SVG's
        vector drawing (its labels raised to `step`, if given), or a bitmap (embedded once) in its
        natural size."""
        key = (id(c), pic.path, step)
        name = self._forms.get(key)
        if name is None:
            name = self._forms[key] = form_name(pic.path, step)
            if self.stand_ins:
                c.beginForm(name, 0, 0, info.width, info.height)  # its box is the picture's own
                c.endForm()
            elif info.kind == "svg":
                from studypack.reportlab_fast import vector_form

                # kept between runs only when its bytes alone make it (no other file, nothing left
                # out), a raised drawing under a key of its own (never mixed with the file's own)
                keep = info.digest if info.self_contained and not info.left_out else ""
                if keep and step is not None:
                    keep = hashlib.sha256(f"{keep} labels raised to step {step}".encode()).hexdigest()
                vector_form(c, name, keep, info.width, info.height, lambda c: _render_svg(c, info, step))
            else:
                c.beginForm(name, 0, 0, info.width, info.height)
                reader = self._ready.get(pic.path) or self._reader(pic)
                c.drawImage(reader, 0, 0, info.width, info.height, mask="auto")
                c.endForm()
        return name
