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

import gc
import hashlib
import io
import math
import os
import re
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
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


def PlainTTFont() -> type:  # noqa: N802 - a class, made when ReportLab is first needed
    """ReportLab's own TTFont, given the font's bytes read the safe way (`font_bytes`)."""
    from reportlab.pdfbase.ttfonts import TTFont

    class Plain(TTFont):
        def __init__(self, name, filename):  # untyped, as ReportLab's own
            source = io.BytesIO(font_bytes(filename))
            source.name = filename
            TTFont.__init__(self, name, source)

    return Plain


def ttfont_class() -> type:
    """ReportLab's TTFont, with a fast `splitString` on the fast path.

    ReportLab maps each character of every drawn string to its subset code in a Python loop (half
    the drawing time of a 10,000-card deck). Once a character has a code in the first subset it
    never changes, so a string made only of such characters is encoded with one `str.translate`;
    anything else takes ReportLab's own path, which also assigns new codes.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    if not _fast:
        return PlainTTFont()
    global _FAST_TTFONT
    if _FAST_TTFONT is not None:
        return _FAST_TTFONT

    class FastTTFont(TTFont):
        def __init__(self, name, filename):  # untyped, as ReportLab's own
            data = font_bytes(filename)
            digest = hashlib.sha256(data).hexdigest()
            face = _cached_face(filename, data, digest)
            if face is None:
                source = io.BytesIO(data)
                source.name = filename  # what ReportLab calls the face's file
                TTFont.__init__(self, name, source)
                _remember_face(digest, self.face)  # type: ignore[has-type]
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
# four faces a build. What the parse found is kept in the user's cache folder as plain data (never
# pickle: a cache folder another program can write to must not be able to run code), named by the
# SHA-256 of the font file's bytes and checked for the ReportLab version, so a replaced or edited
# font (whatever its size and time) or a ReportLab upgrade is parsed afresh. The font's own bytes
# are always read from the file (the subsets embedded in the PDF are cut from them).
#
# An entry is one JSON object: the face's scalars and short tables as JSON, and each long table
# (the character map, widths, metrics, glyph offsets: some 40,000 numbers a face) as the base64 of
# a packed array of 32-bit integers or 64-bit floats, little-endian. Reading a face is then a few
# `frombytes` and checks over whole arrays (lengths, min and max, a finite sum) instead of decoding
# and checking every number in Python, which cost about as much as parsing the font. Every field is
# checked when read (types, lengths, glyph numbers within the font, finite widths); anything else
# is ignored and the font parsed again.

_FACE_CACHE_VERSION = 3
MAX_FONT_BYTES = 64 * 2**20  # the largest Noto CJK file is about 20 MB
_FACE_SCALARS = {  # field: the types it may hold (bytes are kept as Latin-1 text)
    "name": bytes, "familyName": bytes, "styleName": bytes, "fullName": bytes, "uniqueFontID": bytes,
    "subfontNameX": bytes, "ascent": float, "descent": float, "capHeight": float, "italicAngle": float,
    "defaultWidth": float, "bold": int, "italic": int, "builtIn": int, "validate": int, "version": int,
    "numTables": int, "searchRange": int, "entrySelector": int, "rangeShift": int, "unitsPerEm": int,
    "stemV": int, "underlinePosition": int, "underlineThickness": int, "flags": int, "numGlyphs": int,
    "_full_font": bool, "_pos": int,
}  # fmt: skip
# The packed arrays' item types, by the names an entry gives them (C's int is 32 bits wherever
# CPython runs; checked, and without it nothing is kept). Codes, glyph numbers and offsets are
# unsigned: no item can be below 0, so only `max` is needed to check their range.
_PACKED = {"u32": "I", "i32": "i", "f64": "d"}
_PACKED_OK = array("I").itemsize == array("i").itemsize == 4 and array("d").itemsize == 8
_SWAP = sys.byteorder != "little"  # entries are little-endian on every machine


def font_bytes(filename: str) -> bytes:
    """A font file's bytes, read the one safe way (a regular file, size-capped)."""
    from studypack.files import read_bytes

    return read_bytes(filename, "a .ttf font file", MAX_FONT_BYTES)


def _face_cache_path(digest: str) -> str | None:
    from studypack.files import cache_path

    return cache_path("fonts", f"{digest}.json")


def _packed(values: Iterable[Any], kind: str) -> str:
    """`values` as the base64 of a little-endian array of `kind` (OverflowError or TypeError when
    one does not fit it: such a face is not kept)."""
    import base64

    a = array(_PACKED[kind], values)
    if _SWAP:
        a.byteswap()
    return base64.b64encode(a.tobytes()).decode("ascii")


def _unpacked(text: Any, kind: str, n: int | None = None) -> array:
    """The array `_packed` made (of `n` items when given); ValueError when `text` is anything else."""
    import base64

    if type(text) is not str:
        raise ValueError("not a packed array")
    raw = base64.b64decode(text, validate=True)  # binascii.Error (a ValueError) for anything else
    a = array(_PACKED[kind])
    if len(raw) % a.itemsize or (n is not None and len(raw) != n * a.itemsize):
        raise ValueError("a packed array of another length")
    a.frombytes(raw)
    if _SWAP:
        a.byteswap()
    return a


def _index_list(text: Any, n: int | None, high: int, low: int = 0) -> list[int]:
    """A packed array of unsigned integers, each within [low, high]; ValueError otherwise."""
    a = _unpacked(text, "u32", n).tolist()  # max of a list: no int made for each item as of an array
    if a and not (max(a) <= high and (low == 0 or min(a) >= low)):
        raise ValueError("a number out of range")
    return a


def _number_column(values: list[Any]) -> dict[str, str]:
    """Numbers kept with their types (ReportLab mixes them in one table: an advance is kept as
    read, an int, and one it repeats from the last glyph with a width is scaled, a float): the
    type most of them have, packed, and the others packed with their positions."""
    if not set(map(type, values)) <= {int, float}:
        raise TypeError("not a number")
    floats = sum(type(v) is float for v in values)
    main, other = ("f64", "i32") if 2 * floats > len(values) else ("i32", "f64")
    odd = [i for i, v in enumerate(values) if (type(v) is float) != (main == "f64")]
    base = list(values)
    for i in odd:
        base[i] = 0
    return {"type": main, "values": _packed(base, main), "at": _packed(odd, "u32"),
            "others": _packed([values[i] for i in odd], other)}  # fmt: skip


def _finite(a: list[Any]) -> bool:
    """Every number within +-10^7 (a NaN, which min and max may pass over, makes the sum NaN)."""
    return not a or (-1e7 < min(a) and max(a) < 1e7 and math.isfinite(sum(a)))


def _number_list(column: Any, n: int) -> list[Any]:
    """The `n` numbers `_number_column` kept, each finite and within +-10^7; ValueError otherwise."""
    if type(column) is not dict or set(column) != {"type", "values", "at", "others"}:
        raise ValueError("not a column of numbers")
    main = column["type"]
    if main not in ("i32", "f64"):
        raise ValueError("a column of another type")
    values = _unpacked(column["values"], main, n).tolist()
    at = _index_list(column["at"], None, n - 1)
    others = _unpacked(column["others"], "f64" if main == "i32" else "i32", len(at)).tolist()
    if not (_finite(values) and _finite(others)):
        raise ValueError("a number out of range")
    for i, v in zip(at, others, strict=True):
        values[i] = v
    return values


def _face_to_json(face: Any, digest: str) -> dict[str, Any]:
    from reportlab import Version

    state = face.__dict__
    scalars = {}
    for k, t in _FACE_SCALARS.items():
        v = state.get(k)
        if v is not None:
            scalars[k] = v.decode("latin-1") if t is bytes else v
    c2g, g2c = state["charToGlyph"], state["glyphToChar"]
    return {
        "version": _FACE_CACHE_VERSION, "reportlab": Version, "sha256": digest, "scalars": scalars,
        "bbox": list(state["bbox"]), "fontRevision": list(state["fontRevision"]),
        "tables": [[t["tag"], t["checksum"], t["offset"], t["length"]] for t in state["tables"]],
        "glyphNames": list(state.get("glyphNames", [])),
        "chars": _packed(c2g, "u32"), "glyphs": _packed(c2g.values(), "u32"),
        "widths": _number_column([state["charWidths"].get(c, state["defaultWidth"]) for c in c2g]),
        "advances": _number_column([m[0] for m in state["hmetrics"]]),
        "bearings": _number_column([m[1] for m in state["hmetrics"]]),
        "glyphPos": _packed(state["glyphPos"], "u32"),
        "g2c_glyphs": _packed(g2c, "u32"), "g2c_counts": _packed(map(len, g2c.values()), "u32"),
        "g2c_chars": _packed([c for cs in g2c.values() for c in cs], "u32"),
    }  # fmt: skip


# Lists checked a list at a time (types by `map`, ranges by min and max): a kept form's version.
def _ints(v: Any, n: int | None = None, low: int = 0, high: int = 2**32) -> bool:
    return (
        type(v) is list and (n is None or len(v) == n)
        and (not v or (set(map(type, v)) == {int} and low <= min(v) and max(v) <= high))
    )  # fmt: skip


def _numbers(v: Any, n: int | None = None) -> bool:
    """Numbers within +-10^7 (JSON's NaN and Infinity are refused when the file is read)."""
    return (
        type(v) is list and (n is None or len(v) == n)
        and (not v or (set(map(type, v)) <= {int, float} and -1e7 < min(v) and max(v) < 1e7))
    )  # fmt: skip


def _lists(v: Any, n: int) -> bool:
    return type(v) is list and len(v) == n and (not v or set(map(type, v)) == {list})


def _face_from_json(d: Any, data: bytes, filename: str, digest: str) -> Any:
    """The parsed face a cache file describes, or None when any part of it is not as we write it
    (another font's entry under this one's name included: it names the bytes it was parsed from)."""
    from reportlab import Version

    if not isinstance(d, dict) or d.get("version") != _FACE_CACHE_VERSION or d.get("reportlab") != Version:
        return None
    if d.get("sha256") != digest or not _PACKED_OK:
        return None
    # Some 30,000 objects are made, none of them in a cycle: the collector, which would walk the
    # whole heap several times meanwhile, is paused.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _face_from_entry(d, data, filename)
    except (ValueError, TypeError, KeyError, OverflowError):
        return None
    finally:
        if collecting:
            gc.enable()


def _face_from_entry(d: dict[str, Any], data: bytes, filename: str) -> Any:
    """`_face_from_json` for an entry of this version about these bytes: ValueError (or TypeError,
    KeyError) for any part not as we write it."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

    sc = d["scalars"]
    if not isinstance(sc, dict) or set(sc) - set(_FACE_SCALARS) or "numGlyphs" not in sc:
        raise ValueError("scalars")
    state: dict[str, Any] = {}
    for k, v in sc.items():
        t = _FACE_SCALARS[k]
        if t is bytes and isinstance(v, str) and len(v) < 1000:
            state[k] = TTFNameBytes(v.encode("latin-1")) if k != "subfontNameX" else v.encode("latin-1")
        elif t is float and type(v) in (int, float) and abs(v) < 1e7:
            state[k] = v  # as parsed: an int stays an int
        elif t in (int, bool) and type(v) is t:
            state[k] = v
        else:
            raise ValueError(k)
    n, upem = state["numGlyphs"], state["unitsPerEm"]
    if not (0 < n <= 65536 and upem > 0):
        raise ValueError("numGlyphs")
    chars = _index_list(d["chars"], None, 0x10FFFF)
    glyphs = _index_list(d["glyphs"], len(chars), n - 1)
    widths = _number_list(d["widths"], len(chars))
    adv, lsb = _number_list(d["advances"], n), _number_list(d["bearings"], n)
    pos = _index_list(d["glyphPos"], n + 1, len(data))
    tables, names = d["tables"], d["glyphNames"]
    if not (
        _numbers(d["bbox"], 4) and _ints(d["fontRevision"], 2, 0, 2**16)
        and type(tables) is list and len(tables) < 1000 and _lists(tables, len(tables))
        and all(len(t) == 4 and type(t[0]) is str and _ints(t[1:]) and t[2] + t[3] <= len(data) for t in tables)
        and type(names) is list and set(map(type, names)) <= {str}
    ):  # fmt: skip
        raise ValueError("tables")
    kept: Any = _kept_face_class(TTFontFace)
    face = kept.__new__(kept)
    face.__dict__.update(state)
    face.filename = filename
    face.bbox = list(d["bbox"])
    face.fontRevision = tuple(d["fontRevision"])
    table_list = [{"tag": t[0], "checksum": t[1], "offset": t[2], "length": t[3]} for t in tables]
    face.tables, face.table = table_list, {t["tag"]: t for t in table_list}
    face.charToGlyph = dict(zip(chars, glyphs, strict=True))
    face.charWidths = dict(zip(chars, widths, strict=True))
    face._sp_g2c = (d["g2c_glyphs"], d["g2c_counts"], d["g2c_chars"], n)
    face.hmetrics = list(zip(adv, lsb, strict=True))
    face.glyphPos = pos
    face.glyphNames = names
    face.glyphWidths = {}
    face.requiredEncoding = None
    face._ttf_data = data
    face._pdfScale = (lambda x: x) if upem == 1000 else (lambda x, m=1000 / upem: x * m)
    return face


_KEPT_FACE: list[type] = []


def _kept_face_class(base: type) -> type:
    """ReportLab's TTFontFace for a face read from the cache, whose glyph-to-characters table is
    made only if asked for: ReportLab uses it only while it parses a font (which a kept face never
    is), and making its 6,000 lists was a fifth of reading a face."""
    if not _KEPT_FACE:

        class KeptFace(base):
            def __getattr__(self, name: str) -> Any:
                if name != "glyphToChar" or "_sp_g2c" not in self.__dict__:
                    raise AttributeError(name)
                try:
                    table = _glyph_to_char(*self.__dict__.pop("_sp_g2c"))
                except (ValueError, TypeError):  # a damaged entry: the table as the font gives it
                    import io

                    source = io.BytesIO(self._ttf_data)
                    source.name = self.filename
                    table = base(source).glyphToChar
                self.glyphToChar = table
                return table

        _KEPT_FACE.append(KeptFace)
    return _KEPT_FACE[0]


def _glyph_to_char(glyphs: Any, counts: Any, chars: Any, n: int) -> dict[int, list[int]]:
    """A kept face's glyph -> characters table (ValueError for a part not as we write it)."""
    g2c_glyphs = _index_list(glyphs, None, n - 1)
    g2c_counts = _index_list(counts, len(g2c_glyphs), 0x10FFFF, 1)
    g2c_chars = _index_list(chars, sum(g2c_counts), 0x10FFFF)
    if len(g2c_chars) == len(g2c_glyphs):  # one character a glyph (every count is 1), as mostly
        lists: Iterable[list[int]] = map(list, zip(g2c_chars))
    else:
        rest = iter(g2c_chars)
        lists = [list(islice(rest, k)) for k in g2c_counts]
    return dict(zip(g2c_glyphs, lists, strict=True))


def _refuse(name: str) -> Any:
    raise ValueError(f"{name} in a cache file")


def _cached_face(filename: str, data: bytes, digest: str) -> Any:
    """The face parsed by an earlier run from these very bytes, or None."""
    import json

    from studypack.files import read_cache

    raw = read_cache(_face_cache_path(digest), 16 * 2**20)
    if raw is None:
        return None
    try:
        return _face_from_json(json.loads(raw, parse_constant=_refuse), data, filename, digest)
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError):
        return None  # damaged or foreign: parse the font instead


def _remember_face(digest: str, face: Any) -> None:
    """Keep a freshly parsed face for later runs (best effort: a cache folder that cannot be
    made or written only costs speed)."""
    import json

    from studypack.files import write_cache

    if not _PACKED_OK:
        return
    try:
        text = json.dumps(_face_to_json(face, digest), separators=(",", ":"))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return  # a face whose state is not the usual: parse it next time too
    write_cache(_face_cache_path(digest), text.encode("utf-8"))


# ---- vector pictures remembered between runs ------------------------------------------------
#
# Drawing an SVG means importing svglib and ReportLab's graphics (about 0.1 s) and parsing the file.
# What it draws into its form is kept in the user's cache folder, named by the SHA-256 of the SVG's
# bytes (given by the caller: only for an SVG that names no other file) and keyed by both
# libraries' versions, when it is self-contained: paths and fills, text only in Helvetica (always
# the document's F1), no bitmaps, no transparency. A later build makes the same form from the kept
# operators, byte for byte, without either import. A kept file is checked when read (a list of
# short operator lines, a PDF version); a damaged or foreign one is ignored and replaced.

_FORM_CACHE_VERSION = 2
MAX_FORM_BYTES = 8 * 2**20


def _form_key(digest: str) -> list | None:
    from reportlab import Version

    from studypack.versions import installed

    svglib = installed("svglib")
    return None if svglib is None else [_FORM_CACHE_VERSION, Version, svglib, digest]


def _form_cache_path(digest: str) -> str | None:
    from studypack.files import cache_path

    return cache_path("forms", f"{digest}.json")


_TF = re.compile(r"/(\S+) [-\d.]+ Tf")
_STRING = re.compile(r"\((?:\\.|[^\\)])*\)")  # a text string: its words are not operators
_FORBIDDEN_OPS = re.compile(r"\b(?:Do|BI|ID|EI|gs|sh|BDC|BMC)\b")  # what a kept drawing never holds


def _kept_form(digest: str, key: list) -> tuple[list[str], tuple[int, int]] | None:
    import json

    from studypack.files import read_cache

    raw = read_cache(_form_cache_path(digest), MAX_FORM_BYTES)
    try:
        stored = json.loads(raw) if raw else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    code: Any = stored.get("code")
    version: Any = stored.get("version")
    if not (isinstance(code, list) and all(isinstance(line, str) for line in code)):
        return None
    if not (_ints(version, 2, 1, 9)) or any(_FORBIDDEN_OPS.search(_STRING.sub("", line)) for line in code):
        return None
    if any(m.group(1) != "F1" for line in code for m in _TF.finditer(line)):
        return None
    return code, (version[0], version[1])


def vector_form(c: Any, name: str, digest: str, w: float, h: float, draw: Callable[[Any], None]) -> None:
    """The form `name` (w x h) in `c`'s document showing a vector picture: from the operators kept
    by an earlier run for the SVG with this digest when there are any, else drawn by `draw` (and
    kept). An empty digest: drawn, never kept."""
    import json

    key = _form_key(digest) if _fast and digest else None
    if key is not None and c._doc.fontMapping.get("Helvetica") == "/F1":
        kept = _kept_form(digest, key)
        if kept is not None:
            c.beginForm(name, 0, 0, w, h)
            c._code.extend(kept[0])
            c.endForm()
            # what drawing it asked of the document (an opacity, even of 1, asks for PDF 1.4)
            c._doc._pdfVersion = max(c._doc._pdfVersion, kept[1])
            return
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
    shading, colours = dict(c._shadingUsed), dict(c._colorsUsed)
    c.endForm()
    _form_resources(c, name, shading, colours)
    helvetica_only = all(m.group(1) == "F1" for m in _TF.finditer("\n".join(code)))
    if key is None or not alone or not helvetica_only or c._doc.fontMapping != fonts_before:
        return
    if c._doc.fontMapping.get("Helvetica") != "/F1" or not all(isinstance(line, str) for line in code):
        return
    from studypack.files import write_cache

    text = json.dumps({"key": key, "code": code, "version": list(needs)})
    write_cache(_form_cache_path(digest), text.encode("utf-8"))


def _form_resources(c: Any, name: str, shading: dict, colours: dict) -> None:
    """Give the form `name` the resources its drawing uses beyond fonts and images: ReportLab's
    endForm leaves a form's gradients (shadings), colour spaces and transparency (ExtGState) out of
    its resources, so a viewer draws an SVG's gradient or half-transparent fill as nothing."""
    form = c._doc.idToObject.get(c._doc.getXObjectName(name))
    if form is None or not (shading or colours or form.ExtGState):
        return
    from reportlab.pdfbase.pdfdoc import PDFResourceDictionary

    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.allProcs()
    if form.XObjects:
        resources.XObject = form.XObjects
    if form.ExtGState:
        resources.ExtGState = form.ExtGState
    resources.setShading(shading)
    resources.setColorSpace(colours)
    form.Resources = resources


def draw_drawing(c: Any, drawing: Any) -> None:
    """A ReportLab drawing (an SVG's) onto `c` at the origin, as `renderPDF.draw` does, but with each
    bitmap as an image object (ReportLab's inline images break inside a form: its stream mixes
    text and bytes) made print-true (bitmaps.printable). A bitmap is only ever a picture in memory
    here (svgsafe turned every file into data): a path is never opened."""
    from reportlab.graphics import renderPDF
    from reportlab.lib.utils import ImageReader

    from studypack.bitmaps import printable

    class Renderer(renderPDF._PDFRenderer):
        def drawImage(self, image: Any) -> None:
            if hasattr(image.path, "mode"):
                reader = ImageReader(printable(image.path))
                self._canvas.drawImage(reader, image.x, image.y, image.width, image.height, mask="auto")

    Renderer().draw(renderPDF.renderScaledDrawing(drawing), c, 0, 0)


# ---- one pack drawn by several processes ------------------------------------------------------
#
# ReportLab gives each character of a TrueType face a code in its embedded subset the first time
# it is drawn, so the bytes of a page depend on every page drawn before it. For pages drawn in
# other processes to come out byte for byte as one process draws them, every character the build
# can foresee (its texts, the pupils' names and studypack's own typography) gets its code before
# anything is drawn, in code-point order, in every process. A process that still meets a new
# character says so, and the parent draws those pages itself.
#
# Only a pack that can be shared out is drawn that way, whatever the number of processes (a deck of
# 200 cards or more, a pack of 160 pages or more, a pack of three or more sections with at most
# shared_sections.MAX_FORESEEN characters beyond ASCII: `foresee` is called for it before anything
# is drawn), so its PDF is the same with `--jobs 1`; any other pack embeds in each face only the
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
    import os
    import sys

    return _fast and sys.platform.startswith("linux") and hasattr(os, "fork")


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


# The canvas's own idea of its state, which a replayed run of operators must leave as drawing them
# would have: later drawing reads it (the current font, colours, line width).
_STATE = (
    "_fontname", "_fontsize", "_leading", "_fillColorObj", "_strokeColorObj", "_lineWidth",
    "_lineCap", "_lineJoin", "_dashArray", "_fillAlpha", "_strokeAlpha",
)  # fmt: skip


def drawn_once(c: Any, key: Any, draw: Callable[[Any], None]) -> None:
    """`draw(c)`, or the operators it wrote the first time it was asked with `key` on this canvas:
    a class's named copies share every mark but the name, and drawing each afresh would spend
    nearly all of a year group's build on the same pages. The operators are those the drawing
    writes (fonts and their subset codes already in the document from its first time), and the
    canvas is left in the state drawing leaves, so the PDF is byte for byte the same."""
    if not _fast:
        draw(c)
        return
    store = c.__dict__.setdefault("_sp_drawn", {})
    got = store.get(key)
    if got is None:
        n, m = len(c._code), len(c._formsinuse)
        draw(c)
        state = {k: c.__dict__[k] for k in _STATE if k in c.__dict__}
        store[key] = (tuple(c._code[n:]), tuple(c._formsinuse[m:]), state)
        return
    code, forms, state = got
    c._code.extend(code)
    c._formsinuse.extend(forms)
    c.__dict__.update(state)


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
