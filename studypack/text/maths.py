"""Formulas in text: `$...$` inline and `$$...$$` displayed, found by Pandoc's dollar rule, laid out
once from LaTeX by ziamath and drawn as filled outlines with PDF path operators.

Pandoc's rule keeps prices prices: an opening `$` has a non-space character right after it, a closing
`$` a non-space character right before it and no digit right after it (`$20,000 and $30,000` is text);
`\\$` is a dollar sign. One step stricter than Pandoc: the next unescaped `$` must be the closing one.
ziamath (pure Python, with its own STIX Two Math font) is imported only when a text holds a formula, so
packs without maths start as fast as before.

A layout is plain data: the outlines as a PDF path (`m l c h` operators and numbers, at a 100 pt font
size, y up from the baseline), the advance width and the ascent and descent. Outlines scale, so one layout
serves every size. Each distinct formula is laid out once per process and remembered in the user's cache
folder as JSON (never pickle: the folder may be writable by others), checked when read, written
atomically; a formula that does not parse is remembered with its reason.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from studypack.files import cache_path, read_cache, write_cache

MATH, DISPLAY = 2, 3  # a formula piece's `script` (markup's NORMAL, SUB, SUP are 0, -1, 1)
UNITS = 100.0  # formulas are laid out at this size; drawing scales by size / UNITS
NO_ZIAMATH = "formulas need the ziamath package (pip install ziamath)"
MAX_CHARS = 600  # a formula's LaTeX; a longer one is an error (a lost `$` most likely)
MAX_CACHED = 4 * 2**20  # one formula's remembered layout: far above any real one (a few KB)
_FORMAT = 4  # bump when the stored data changes shape


class Formula(NamedTuple):
    """A laid-out formula, lengths at a 1 pt font size; `error` set when the LaTeX does not parse."""

    width: float
    ascent: float  # above the baseline
    descent: float  # below the baseline (positive)
    path: str  # PDF path operators at UNITS size, y up from the baseline
    error: str = ""


def spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, displayed) of each formula, delimiters included, by Pandoc's dollar rule."""
    out: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while True:
        i = text.find("$", i)
        if i < 0:
            return out
        if _escaped(text, i):
            i += 1
            continue
        if text.startswith("$$", i):
            j = i + 2
            while True:
                j = text.find("$$", j)
                if j < 0 or not _escaped(text, j):
                    break
                j += 1
            if j > i + 2 and text[i + 2 : j].strip():
                out.append((i, j + 2, True))
                i = j + 2
            else:
                i += 2
            continue
        if i + 1 < n and not text[i + 1].isspace():
            j = i + 1
            while True:
                j = text.find("$", j + 1)
                if j < 0:
                    break
                if _escaped(text, j):
                    continue
                # The next dollar closes the formula or else this one is text: LaTeX has no bare `$`
                # inside a formula, so '$5 and $6, $x$' is two prices and a formula (Pandoc's rule
                # alone would read one formula from the first dollar to the last)
                if text.startswith("$$", j) or text[j - 1].isspace() or text[j + 1 : j + 2].isdigit():
                    j = -1
                break
            if j > 0:
                out.append((i, j + 1, False))
                i = j + 1
                continue
        i += 1


def _escaped(text: str, k: int) -> bool:
    n = 0
    while k - n - 1 >= 0 and text[k - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def source(formula: str) -> tuple[str, bool]:
    """The LaTeX inside `$...$` or `$$...$$`, and whether it is displayed."""
    if formula.startswith("$$") and formula.endswith("$$") and len(formula) >= 4:
        return formula[2:-2].strip(), True
    return formula[1:-1], False


# ---- chemistry: a small translation of mhchem's common forms ------------------------------------

_CE = re.compile(r"\\ce\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_ARROWS = {"->": r"\rightarrow", "<-": r"\leftarrow", "<->": r"\leftrightarrow", "<=>": r"\rightleftharpoons"}
_SPECIES = re.compile(r"^(\d*)([A-Za-z(\[].*)$")
_CHARGE = re.compile(r"(\^\{?([0-9]*[+-])\}?|(?<=[A-Za-z)\]])([0-9]*[+-])|\^([0-9]*[+-]))$")


def chemistry(latex: str) -> str:
    """`\\ce{...}` as plain LaTeX: `\\ce{CO2 + H2O -> H2CO3}`, `\\ce{2H2 + O2 -> 2H2O}`,
    `\\ce{SO4^2-}`, `\\ce{Na+}`, `\\ce{NaCl(aq)}`, arrows `->`, `<-`, `<->`, `<=>`."""
    return _CE.sub(lambda m: _ce(m.group(1)), latex) if "\\ce" in latex else latex


def _ce(body: str) -> str:
    out = []
    for tok in body.split():
        if tok in _ARROWS:
            out.append(_ARROWS[tok])
        elif tok in ("+", "=", "-"):
            out.append(tok)
        else:
            m = _SPECIES.match(tok)
            out.append(f"{m.group(1)}{_species(m.group(2))}" if m else tok)
    return " ".join(out)


def _species(tok: str) -> str:
    charge = ""
    m = _CHARGE.search(tok)
    if m and m.start() > 0:
        charge = "^{" + (m.group(2) or m.group(3) or m.group(4)) + "}"
        tok = tok[: m.start()]
    body = re.sub(r"(?<=[A-Za-z)\]])(\d+)", r"_{\1}", tok)
    return r"\mathrm{" + body + "}" + charge


# ---- layout, remembered -----------------------------------------------------------------------

_laid: dict[tuple[str, bool], Formula] = {}
_OPS = re.compile(r"^(?:(?:-?\d+(?:\.\d+)? )+[mlc] |h )*$")  # a path only: nothing else may run


def layout(latex: str, display: bool) -> Formula:
    """The formula laid out (from memory, the cache folder, or ziamath), or its error."""
    key = (latex, display)
    f = _laid.get(key)
    if f is None:
        name = _cache_name(latex, display)
        f = _read(name)
        if f is None:
            f = _from_data(_lay_out(latex, display))
            if f.error != NO_ZIAMATH:  # once it is installed, the formula is set
                _write(name, f)
        _laid[key] = f
    return f


def _cache_name(latex: str, display: bool) -> str | None:
    import hashlib

    from studypack.versions import installed

    v = installed("ziamath") or "none"
    digest = hashlib.sha256(f"{_FORMAT}\0{v}\0{int(display)}\0{latex}".encode()).hexdigest()
    return cache_path("maths", digest[:2], digest + ".json")  # None: no usable cache folder


def _read(name: str | None) -> Formula | None:
    """A remembered layout, or None when it is missing or not exactly what this module writes (read
    as any cache file: a regular file, size-capped)."""
    raw = read_cache(name, MAX_CACHED)
    if raw is None:
        return None
    try:
        return _from_data(json.loads(raw))
    except (ValueError, TypeError, KeyError):
        return None


def _from_data(data: dict) -> Formula:
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError("not a formula layout")
    nums = [data["width"], data["ascent"], data["descent"]]
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x < 1e4 for x in nums):
        raise ValueError("bad size")
    path, error = data["path"], data.get("error", "")
    if not isinstance(path, str) or not isinstance(error, str) or not _OPS.match(path):
        raise ValueError("bad path")
    return Formula(float(nums[0]), float(nums[1]), float(nums[2]), path, error)


def _write(name: str | None, f: Formula) -> None:
    """Remember a layout; a cache folder that cannot be written only costs speed next time."""
    data = {"format": _FORMAT, "width": f.width, "ascent": f.ascent, "descent": f.descent, "path": f.path}
    data["error"] = f.error
    write_cache(name, json.dumps(data, separators=(",", ":")).encode())


def _lay_out(latex: str, display: bool) -> dict:
    """ziamath's layout as data. Glyph outlines come as SVG paths (M, L, Q, C, Z) and rules (fraction
    bars, roots) as rectangles; both become PDF path operators, quadratic curves made cubic."""
    import xml.etree.ElementTree as ET

    empty = {"format": _FORMAT, "width": 0.0, "ascent": 0.0, "descent": 0.0, "path": ""}
    if len(latex) > MAX_CHARS:  # laying out grows faster than its length: 2,000 characters take seconds
        return {**empty, "error": f"it is longer than {MAX_CHARS} characters: split it"}
    try:
        import ziamath
    except ImportError:
        return {**empty, "error": NO_ZIAMATH}
    try:
        ziamath.config.svg2 = False  # plain <path> elements, no <use> references
        # nested scripts no smaller than H~2~O's (70%): TeX's 50% for a root in a fraction is too small
        # to read on a card printed at 7-10 pt
        ziamath.config.minsizefraction = 0.7
        from ziamath.tex import tex2mml

        mathml = _PT.sub(
            lambda m: f"{float(m.group(1)) / 10:g}em", tex2mml(chemistry(latex), inline=not display)
        )
        m = ziamath.Math(mathml, size=UNITS)
        unknown = _unknown_command(m.mathml)
        if unknown in ("\\si", "\\SI", "\\qty", "\\unit", "\\num"):
            return {**empty, "error": f"siunitx's '{unknown}' is not understood: write units as "
                    "`9.8\\,\\mathrm{m\\,s^{-2}}`"}  # fmt: skip
        if unknown:
            return {**empty, "error": f"'{unknown}' is not a LaTeX command that can be set"}
        svg = ET.Element("svg")
        m.node.draw(0, 0, svg)
        box = m.node.bbox
    except Exception as e:  # noqa: BLE001 - latex2mathml and ziamath raise many kinds for bad input
        return {**empty, "error": _reason(e)}
    x0 = box.xmin
    ops: list[str] = []
    for el in svg.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "path":
            _path_ops(el.get("d", ""), x0, ops)
        elif tag == "rect":
            x, y = float(el.get("x", 0)) - x0, -float(el.get("y", 0))
            w, h = float(el.get("width", 0)), float(el.get("height", 0))
            ops.append(
                f"{x:.1f} {y - h:.1f} m {x + w:.1f} {y - h:.1f} l {x + w:.1f} {y:.1f} l {x:.1f} {y:.1f} l h "
            )
    return {
        "format": _FORMAT,
        "width": (box.xmax - box.xmin) / UNITS,
        "ascent": max(box.ymax, 0.0) / UNITS,
        "descent": max(-box.ymin, 0.0) / UNITS,
        "path": "".join(ops),
        "error": "",
    }


# lengths in points in the MathML (`aligned` rows are 3pt apart) are meant for a 10 pt size: in ems they
# scale with the formula (at UNITS size, 3pt would set rows on top of each other)
_PT = re.compile(r"(?<=[\" ])(\d+(?:\.\d+)?)pt\b")


def _unknown_command(mathml) -> str:
    for el in mathml.iter():
        t = (el.text or "").strip()
        if t.startswith("\\") and len(t) > 1:
            return t
    return ""


_REASONS = {
    "NoAvailableTokensError": "it ends too early: is a '}' missing?",
    "MissingSuperScriptOrSubscriptError": "a '^' or '_' has nothing after it",
    "ExtraLeftOrMissingRightError": "a '\\left' has no '\\right'",
    "MissingEndError": "a '\\begin' has no '\\end'",
    "DenominatorNotFoundError": "a '\\frac' needs two parts in braces",
    "NumeratorNotFoundError": "a '\\frac' needs two parts in braces",
    "DoubleSubscriptsError": "two subscripts in a row: put them in braces",
    "DoubleSuperscriptsError": "two superscripts in a row: put them in braces",
}


def _reason(e: Exception) -> str:
    name = type(e).__name__
    if name in _REASONS:
        return _REASONS[name]
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name.removesuffix("Error")).lower()
    return f"the LaTeX does not parse ({words})"


_COMMAND = re.compile(r"([MLQCZ])([^MLQCZ]*)")


def _path_ops(d: str, x0: float, ops: list[str]) -> None:
    """An SVG path (absolute M, L, Q, C, Z, as ziafont writes them) as PDF operators, y flipped, to a
    thousandth of an em (invisible at any size we print)."""
    cx = cy = 0.0
    add = ops.append
    for cmd, args in _COMMAND.findall(d):
        if cmd == "Z":
            add("h ")
            continue
        v = [float(t) for t in args.split()]
        if cmd in "ML":
            for j in range(0, len(v) - 1, 2):
                x, y = v[j] - x0, -v[j + 1]
                if cmd == "L" and x == cx and y == cy:
                    continue  # ziafont starts each contour with a line to where it moved
                add(f"{x:.1f} {y:.1f} {'m' if cmd == 'M' and j == 0 else 'l'} ")
                cx, cy = x, y
        elif cmd == "Q":  # quadratic to cubic: controls two thirds of the way to the quadratic one
            for j in range(0, len(v) - 3, 4):
                qx, qy, x, y = v[j] - x0, -v[j + 1], v[j + 2] - x0, -v[j + 3]
                a, b = cx + 2 / 3 * (qx - cx), cy + 2 / 3 * (qy - cy)
                c, e = x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y)
                add(f"{a:.1f} {b:.1f} {c:.1f} {e:.1f} {x:.1f} {y:.1f} c ")
                cx, cy = x, y
        else:
            for j in range(0, len(v) - 5, 6):
                a, b, c, e, x, y = v[j] - x0, -v[j + 1], v[j + 2] - x0, -v[j + 3], v[j + 4] - x0, -v[j + 5]
                add(f"{a:.1f} {b:.1f} {c:.1f} {e:.1f} {x:.1f} {y:.1f} c ")
                cx, cy = x, y


# ---- drawing -----------------------------------------------------------------------------------


def draw(canvas, formula: Formula, text: str, face: str, size: float, x: float, base: float) -> float:
    """Draw a laid-out formula with its baseline at `base`, its source `text` under it as invisible
    text (so search, copy and text extraction find it, as in an OCR layer); returns its width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from studypack.reportlab_fast import fill_outlines

    w = formula.width * size
    if formula.path:
        fill_outlines(canvas, formula.path, size / UNITS, x, base)
    t = canvas.beginText(x, base)
    t.setTextRenderMode(3)
    t.setFont(face, size)
    tw = stringWidth(text, face, size)
    if tw > 0 and w > 0:
        t.setHorizScale(100.0 * w / tw)
    t.textOut(text)
    t.setHorizScale(100)
    t.setTextRenderMode(0)
    canvas.drawText(t)
    return w
