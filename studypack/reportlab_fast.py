"""The one module that touches ReportLab's private API, for speed, with a plain path beside it.

Drawing a 10,000-card deck spends most of its time in ReportLab's per-string bookkeeping; three
shortcuts through its internals make the build about a third faster (bench/, hard-parts.md):

- `text_line` writes a one-style string's PDF operators straight into the canvas's code list
  (`canvas._code`, `canvas._doc`) instead of going through `drawString`;
- `ttfont_class` returns a TTFont whose `splitString` encodes a string made only of characters that
  already have a code with one `str.translate` (it reads `TTFont.state`);
- `new_canvas` turns off ASCII85 on top of Flate (a global `rl_config` change): files 25% smaller.

With the environment variable STUDYPACK_PLAIN_PDF=1 (or `use_fast(False)` before anything is drawn)
every one of them takes ReportLab's public API instead; a test builds the example pack both ways and
finds the same text at the same positions. Nothing else in studypack may touch a private name of
ReportLab: when a ReportLab release changes these internals, this is the only file to mend (the
dependency is capped below the next major version).
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

_fast = os.environ.get("STUDYPACK_PLAIN_PDF", "") in ("", "0")
_universe = ""  # characters given codes before anything is drawn (`preassigned`, `foresee`)
_pending = ""
_fonts: dict[str, Any] = {}
_FAST_TTFONT: type | None = None


def use_fast(on: bool) -> None:
    """Switch the fast path on or off (before fonts are registered and pages drawn)."""
    global _fast
    _fast = on


def fast() -> bool:
    return _fast


def new_canvas(target: str | IO[bytes], **kw: Any) -> Any:
    """A canvas for the pack: reproducible (`invariant`), compressed pages."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    if _fast:
        rl_config.useA85 = 0  # Flate alone: ASCII85 on top makes files 25% bigger and costs time
    return Canvas(target, invariant=1, pageCompression=1, **kw)


def text_line(canvas: Any, face: str, size: float, x: float, y: float, text: str) -> None:
    """Draw one string at (x, y) in `face` at `size`. Fast: when its characters are all in one font
    subset (nearly always) the operators are written directly, each string setting its own font
    inside BT/ET as ReportLab's own text objects do, so the two paths mix safely."""
    if not _fast:
        canvas.setFont(face, size)
        canvas.drawString(x, y, text)
        return
    from reportlab.lib.rl_accel import escapePDF, fp_str

    font = _fonts.get(face)
    if font is None:
        from reportlab.pdfbase.pdfmetrics import getFont

        font = _fonts[face] = getFont(face)
    parts = font.splitString(text, canvas._doc)
    if len(parts) != 1:
        canvas.setFont(face, size)
        canvas.drawString(x, y, text)
        return
    subset, data = parts[0]
    name = font.getSubsetInternalName(subset, canvas._doc)
    canvas._code.append(f"BT {name} {fp_str(size)} Tf 1 0 0 1 {fp_str(x, y)} Tm ({escapePDF(data)}) Tj ET")


def text_right(canvas: Any, face: str, size: float, x: float, y: float, text: str) -> None:
    """Like `text_line`, ending at x."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_line(canvas, face, size, x - stringWidth(text, face, size), y, text)


def text_centred(canvas: Any, face: str, size: float, x: float, y: float, text: str) -> None:
    """Like `text_line`, centred on x."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_line(canvas, face, size, x - stringWidth(text, face, size) / 2, y, text)


def ttfont_class() -> type:
    """ReportLab's TTFont, with a fast `splitString` on the fast path.

    ReportLab maps each character of every drawn string to its subset code in a Python loop (half
    the drawing time of a 10,000-card deck). Once a character has a code in the first subset it
    never changes, so a string made only of such characters is encoded with one `str.translate`;
    anything else takes ReportLab's own path, which also assigns new codes.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    if not _fast:
        return TTFont
    global _FAST_TTFONT
    if _FAST_TTFONT is not None:
        return _FAST_TTFONT

    class FastTTFont(TTFont):
        def __init__(self, name, filename):  # untyped, as ReportLab's own
            face = _cached_face(filename)
            if face is None:
                TTFont.__init__(self, name, filename)
                _remember_face(filename, self.face)  # type: ignore[has-type]
                return
            # TTFont.__init__ (ReportLab 4) with the face parsed by an earlier run
            from fnmatch import fnmatch
            from weakref import WeakKeyDictionary

            from reportlab import rl_config
            from reportlab.pdfbase import ttfonts

            self.fontName = name
            self.face = face
            self.encoding = ttfonts.TTEncoding()
            self.state: Any = WeakKeyDictionary()
            self._asciiReadable = rl_config.ttfAsciiReadable
            globs = getattr(ttfonts, "unShapedFontGlob", None) or ()
            self.shapable = not any(fnmatch(name, g) for g in globs)

        def _state(self, doc):
            """This document's subset state, made with the build's characters already given
            codes (see `preassigned`)."""
            state = self.state.get(doc)
            if state is None:
                state = self.state[doc] = TTFont.State(self._asciiReadable, self)
                if _universe:
                    TTFont.splitString(self, _universe, doc)
                state.preassigned = state.nextCode
            return state

        def splitString(self, text, doc, encoding="utf-8"):
            if isinstance(text, str):
                cache = self.__dict__.setdefault("_sp_fast", {})
                known = cache.get(id(doc))
                if known is not None and known[2] is doc and set(text) <= known[0]:
                    return [(0, text.translate(known[1]).encode("latin-1"))]
            state = self._state(doc)
            out = TTFont.splitString(self, text, doc, encoding)
            table = {c: n for c, n in state.assignments.items() if n < 256}
            if 32 in table:
                table[0xA0] = table[32]  # ReportLab prints a no-break space as a space
            chars = {chr(c) for c in table}
            self.__dict__.setdefault("_sp_fast", {})[id(doc)] = (chars, table, doc)
            return out

        def getSubsetInternalName(self, subset, doc):
            state = self._state(doc)
            if state.internalName is None:
                # Named by the face, not by how many fonts the document had before it (ReportLab's
                # F1, F2 ...), so a page names its fonts alike in every process. By its PostScript
                # name, as ReportLab registers one font per face (a family without an italic file
                # names its regular file twice: whichever name came first, the same font). Ten hex
                # digits: two faces of one pack sharing them is a one in 10^11 chance.
                ps_name = bytes(self.face.name) + bytes(getattr(self.face, "subfontNameX", b""))
                digest = hashlib.sha1(ps_name).hexdigest()[:10]
                state.internalName = f"F{digest}"
                doc.fontMapping[self.fontName] = "/" + state.internalName
                doc.delayedFonts.append(self)
            return TTFont.getSubsetInternalName(self, subset, doc)

    _FAST_TTFONT = FastTTFont
    return FastTTFont


# ---- parsed fonts remembered between runs ---------------------------------------------------
#
# Parsing a TrueType file's tables (its character map and widths) takes 10-25 ms a face, three or
# four faces a build. The parsed face is kept in the user's cache folder, keyed by the file's path,
# size and modification time and by the ReportLab version, so a font replaced or edited (or a
# ReportLab upgrade) is parsed afresh, never served from an older file's metrics. The font's own
# bytes are read from the file every time (the subsets embedded in the PDF are cut from them) and
# must match the checksum of the bytes that were parsed, so even a file swapped for another of the
# same size and time is parsed again.

_FACE_CACHE_VERSION = 1


def _face_cache_path(filename: str) -> str:
    from studypack.files import cache_dir

    digest = hashlib.sha1(os.path.abspath(filename).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return os.path.join(cache_dir(), "fonts", f"{digest}.pickle")


def _face_key(filename: str) -> tuple | None:
    from reportlab import Version

    try:
        st = os.stat(filename)
    except OSError:
        return None
    return (_FACE_CACHE_VERSION, Version, os.path.abspath(filename), st.st_size, st.st_mtime_ns)


def _cached_face(filename: str) -> Any:
    """The face parsed by an earlier run from this very file, or None."""
    import pickle

    key = _face_key(filename)
    if key is None:
        return None
    try:
        with open(_face_cache_path(filename), "rb") as f:
            # our own cache folder, written only by _remember_face below
            stored_key, crc, state = pickle.load(f)  # noqa: S301
        if stored_key != key:
            return None
        with open(filename, "rb") as f:
            data = f.read()
    except Exception:  # missing, unreadable or from another version: parse the file instead
        return None
    if zlib.crc32(data) != crc:
        return None  # other bytes under the same size and time (copied with its time kept, say)
    from reportlab.pdfbase.ttfonts import TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    face._ttf_data = data
    upem = state["unitsPerEm"]
    face._pdfScale = (lambda x: x) if upem == 1000 else (lambda x, m=1000 / upem: x * m)
    return face


def _remember_face(filename: str, face: Any) -> None:
    """Keep a freshly parsed face for later runs (best effort: a read-only home only costs speed)."""
    import pickle

    key = _face_key(filename)
    if key is None:
        return
    state = {k: v for k, v in face.__dict__.items() if k not in ("_ttf_data", "_pdfScale")}
    target = _face_cache_path(filename)
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump((key, zlib.crc32(face._ttf_data), state), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except Exception:  # noqa: BLE001 - a face that will not pickle, a full disk: parse next time
        try:
            os.unlink(tmp)
        except OSError:
            pass


# ---- vector pictures remembered between runs ------------------------------------------------
#
# Drawing an SVG means importing svglib and ReportLab's graphics (about 0.1 s) and parsing the file.
# What it draws into its form is kept in the user's cache folder, keyed by the file's path, size,
# time and bytes and by both libraries' versions, when it is self-contained: paths and fills, text
# only in Helvetica (always the document's F1), no bitmaps, no transparency. A later build makes
# the same form from the kept operators, byte for byte, without either import.

_FORM_CACHE_VERSION = 1


def _form_key(path: str) -> tuple | None:
    from importlib.metadata import PackageNotFoundError, version

    from reportlab import Version

    try:
        st = os.stat(path)
        with open(path, "rb") as f:
            crc = zlib.crc32(f.read())
        svglib = version("svglib")
    except (OSError, PackageNotFoundError):
        return None
    return (_FORM_CACHE_VERSION, Version, svglib, os.path.abspath(path), st.st_size, st.st_mtime_ns, crc)


def _form_cache_path(path: str) -> str:
    from studypack.files import cache_dir

    digest = hashlib.sha1(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return os.path.join(cache_dir(), "forms", f"{digest}.json")


_TF = re.compile(r"/(\S+) [-\d.]+ Tf")


def vector_form(c: Any, name: str, path: str, w: float, h: float, draw: Callable[[Any], None]) -> None:
    """The form `name` (w x h) in `c`'s document showing the vector picture at `path`: from the
    operators kept by an earlier run when there are any, else drawn by `draw` (and kept)."""
    import json

    key = _form_key(path) if _fast else None
    target = _form_cache_path(path) if key is not None else ""
    if key is not None:
        try:
            with open(target, encoding="utf-8") as f:
                stored = json.load(f)
            if (
                stored.get("key") == json.loads(json.dumps(key))
                and c._doc.fontMapping.get("Helvetica") == "/F1"
            ):
                c.beginForm(name, 0, 0, w, h)
                c._code.extend(stored["code"])
                c.endForm()
                # what drawing it asked of the document (an opacity, even of 1, asks for PDF 1.4)
                c._doc._pdfVersion = max(c._doc._pdfVersion, tuple(stored["version"]))
                return
        except (OSError, ValueError, AttributeError, TypeError):
            pass
    from reportlab.pdfbase.pdfdoc import PDF_VERSION_DEFAULT

    fonts_before = dict(c._doc.fontMapping)
    version_before, c._doc._pdfVersion = c._doc._pdfVersion, PDF_VERSION_DEFAULT
    c.beginForm(name, 0, 0, w, h)
    draw(c)
    code = list(c._code)
    needs = c._doc._pdfVersion  # what the form itself asks of the document (opacity: PDF 1.4)
    c._doc._pdfVersion = max(version_before, needs)
    alone = not (
        c._formsinuse or c._colorsUsed or c._shadingUsed or c._annotationrefs or c._extgstate.getState()
    )
    c.endForm()
    helvetica_only = all(m.group(1) == "F1" for m in _TF.finditer("\n".join(code)))
    if key is None or not alone or not helvetica_only or c._doc.fontMapping != fonts_before:
        return
    if c._doc.fontMapping.get("Helvetica") != "/F1":
        return

    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"key": key, "code": code, "version": list(needs)}, f)
        os.replace(tmp, target)
    except OSError:
        pass


# ---- one pack drawn by several processes ------------------------------------------------------
#
# ReportLab gives each character of a TrueType face a code in its embedded subset the first time
# it is drawn, so the bytes of a page depend on every page drawn before it. For pages drawn in
# other processes to come out byte for byte as one process draws them, every character the build
# can foresee (its texts, the pupils' names and studypack's own typography) gets its code before
# anything is drawn, in code-point order, in every process. A process that still meets a new
# character says so, and the parent draws those pages itself.
#
# Only a pack big enough to be shared out is drawn that way, whatever the number of processes (a
# deck of 200 cards or more, a pack of 160 pages or more: `foresee` is called for it before anything
# is drawn), so its PDF is the same with `--jobs 1`; a smaller pack embeds in each face only the
# characters that face draws, as before (with a font that covers Chinese, say, every face would
# otherwise carry every character of the pack).


@contextmanager
def preassigned(chars: str) -> Iterator[None]:
    """While the block runs, `chars` (those above ASCII, in code-point order) are what `foresee`
    gives codes to in advance."""
    global _universe, _pending
    old = _universe, _pending
    _universe, _pending = "", "".join(sorted({c for c in chars if ord(c) > 127}))
    try:
        yield
    finally:
        _universe, _pending = old


def foresee() -> None:
    """From now on each face gives the foreseen characters their codes the moment a document first
    uses it (call before anything is drawn; see above)."""
    global _universe
    _universe = _pending


def parallel_ok() -> bool:
    """Whether pages may be drawn in other processes: only on the fast path (it reads the canvas's
    private state) and where processes fork (Linux), so they share the laid-out pages."""
    import multiprocessing
    import sys

    return _fast and sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


# What a page drawn elsewhere hands back: its content stream, compressed as ReportLab compresses it,
# the forms it shows, and the order in which it first used each font and defined each form (the
# document's numbering follows that order). Compressing where the page was drawn spares the parent
# that work and keeps what waits in its memory a fifth of the size.
PageCode = tuple[bytes, tuple[str, ...], tuple[tuple[str, str], ...]]
# An event is ("font", name), ("form", name), or ("face", "name\npath") before the first use of a
# TrueType face the parent has not registered yet (it registers it from the same file).


class Capture:
    """A throwaway canvas in a worker process: draw a page on `canvas`, then `take()` it."""

    def __init__(self, form_names: frozenset[str], parent_fonts: set[str] | None = None) -> None:
        import io

        from reportlab.pdfbase import pdfmetrics

        self.canvas = new_canvas(io.BytesIO())
        self.form_names = form_names
        self.events: list[tuple[str, str]] = []
        self._registered = (
            set(pdfmetrics.getRegisteredFontNames()) if parent_fonts is None else set(parent_fonts)
        )
        doc = self.canvas._doc
        events = self.events

        class Logged(dict):  # the document's font table, noting each font as it first comes in
            def __setitem__(self, key: str, value: str) -> None:
                events.append(("font", key))
                super().__setitem__(key, value)

        doc.fontMapping = Logged(doc.fontMapping)
        add_form = doc.addForm

        def logged_add_form(name: str, form: Any) -> None:
            events.append(("form", name))
            add_form(name, form)

        doc.addForm = logged_add_form

    def take(self) -> PageCode | None:
        """The page just drawn, and the canvas cleared for the next; None when the page uses
        something a replay cannot carry over (links, transparency, colour separations, a font or
        form the parent does not have), so the parent must draw it."""
        c = self.canvas
        forms = tuple(c._formsinuse)
        events = tuple(self._with_faces(e for e in self.events if e[0] == "font" or e[1] in self.form_names))
        plain = not (
            c._annotationrefs or c._colorsUsed or c._shadingUsed or c._psCommandsBeforePage
            or c._psCommandsAfterPage or c._extgstate.getState() or c._codeStack
        )  # fmt: skip
        # the stream showPage would make: preamble, operators, a closing space, one per line
        stream = zlib.compress(("\n".join([c._preamble, *c._code, " "]) + "\n").encode("utf-8"))
        self.events.clear()
        c._startPage()
        if not plain or not set(forms) <= self.form_names:
            return None
        return stream, forms, events

    def _with_faces(self, events: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        from reportlab.pdfbase import pdfmetrics

        for kind, name in events:
            if kind == "font" and name not in self._registered:
                font = pdfmetrics.getFont(name)
                if getattr(font, "_dynamicFont", 0):
                    yield "face", f"{name}\n{font.face.filename}"
            yield kind, name

    def clean(self) -> bool:
        """True when no face met a character beyond those preassigned: then every page taken is
        valid in the parent's document."""
        from reportlab.pdfbase import pdfmetrics

        doc = self.canvas._doc
        for name in pdfmetrics.getRegisteredFontNames():
            states = getattr(pdfmetrics.getFont(name), "state", None)  # TrueType faces: per document
            state = states.get(doc) if states is not None else None
            if state is not None and state.nextCode != getattr(state, "preassigned", -1):
                return False
        return True

    def close(self) -> None:
        """Forget this canvas's subset state in every face (a process draws many ranges)."""
        from reportlab.pdfbase import pdfmetrics

        doc = self.canvas._doc
        for name in pdfmetrics.getRegisteredFontNames():
            states = getattr(pdfmetrics.getFont(name), "state", None)
            if states is not None:
                states.pop(doc, None)


def replay(c: Any, page: PageCode, define_form: Callable[[Any, str], None]) -> None:
    """Put a page drawn in another process onto `c` as if drawn here: fonts and forms come into
    the document in the order the page first used them; its stream goes in at `show_page`."""
    from reportlab.pdfbase import pdfmetrics

    stream, forms, events = page
    doc = c._doc
    for kind, name in events:
        if kind == "face":  # a face the page's process registered first: the same file here
            face, path = name.split("\n", 1)
            if face not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(ttfont_class()(face, path))
        elif kind == "font":
            if name not in doc.fontMapping:
                font = pdfmetrics.getFont(name)
                if getattr(font, "_dynamicFont", 0):
                    font.getSubsetInternalName(0, doc)
                else:
                    doc.getInternalFontName(name)
        elif not doc.hasForm(name):
            define_form(c, name)
    c._formsinuse.extend(forms)
    c._sp_stream = stream


def show_page(c: Any) -> None:
    """`c.showPage()`, the page's stream compressed at once (ReportLab would keep every page's
    operators as text until the file is saved: 60 MB for 10,000 cards) or, for a replayed page, the
    stream it came with. The bytes are those ReportLab writes: the same Flate, the same dictionary."""
    if not _fast:
        c.showPage()
        return
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream

    stream = getattr(c, "_sp_stream", None)
    if stream is not None:
        assert not c._code, "a replayed page was drawn on as well"
        c._sp_stream = None
    c.showPage()
    page = c._doc.Pages.pages[-1]
    if stream is None:
        stream = zlib.compress(page.stream.encode("utf-8") if isinstance(page.stream, str) else page.stream)
    page.stream = None
    contents = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}), stream)
    contents.__Comment__ = "page stream"
    page.Contents = contents


def fill_outlines(canvas: Any, path: str, scale: float, x: float, y: float) -> None:
    """Fill outlines given as PDF path operators (numbers and `m l c h` only, checked by the caller),
    scaled by `scale` with their origin at (x, y), by the non-zero winding rule as glyphs are: a
    formula's outlines in the current fill colour. Plain: the same path through ReportLab's path API."""
    if _fast:
        from reportlab.lib.rl_accel import fp_str

        canvas._code.append(f"q {fp_str(scale)} 0 0 {fp_str(scale)} {fp_str(x, y)} cm {path}f Q")
        return
    from reportlab.pdfgen.canvas import FILL_NON_ZERO

    p = canvas.beginPath()
    nums: list[float] = []
    for tok in path.split():
        if tok == "m":
            p.moveTo(*nums)
        elif tok == "l":
            p.lineTo(*nums)
        elif tok == "c":
            p.curveTo(*nums)
        elif tok == "h":
            p.close()
        else:
            nums.append(float(tok))
            continue
        nums = []
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    canvas.drawPath(p, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()
