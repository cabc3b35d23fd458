"""An SVG picture's labels raised to a preset's floor (large print: nothing printed under 12 pt).

svglib turns each <text> of an SVG into a Group of Strings (one per piece: a <tspan>, or a letter
placed on its own), drawn as PDF text that scales with the picture. Under a preset with a floor,
a picture drawn so small that a label would print below it is drawn from a copy of its drawing in
which each such label is larger: `lift` (a size in the drawing's own units) is the least size a
label may have there, from the floor and the scale the picture is printed at.

A label grows as a whole about its anchor (where svglib placed its first piece: a centred label's
middle, a left-aligned label's start, a right-aligned one's end), so a centred label stays centred
and its pieces, lines and sub- or superscripts keep their places and proportions to each other.
A label that would then run off the picture's box (a PDF form clips at its box) is moved back
inside it; one wider than the box, a single piece of words, is broken into lines, centred where
the label was. A label is never made smaller, and nothing but labels changes.
"""

from __future__ import annotations

import copy
import math
from typing import Any

Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f: as PDF's and ReportLab's
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
LINE_STEP = 1.2  # a broken label's lines, apart (times its size)


def _then(outer: Matrix, inner: Matrix) -> Matrix:
    """`inner` applied first, then `outer`."""
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f)


def _scale_of(m: Matrix) -> float:
    """How much `m` enlarges in its least direction (its smaller singular value): a label's
    letters are this much larger on paper than its size says, at least."""
    a, b, c, d = m[:4]
    p = a * a + b * b + c * c + d * d
    q = abs(a * d - b * c)
    return math.sqrt(max(0.0, (p - math.sqrt(max(0.0, p * p - 4 * q * q))) / 2))


def _labels(drawing: Any) -> list[tuple[list[Any], Matrix]]:
    """Each label of the drawing: its Strings (the String children of one Group, as svglib makes
    one <text>), with the matrix from that Group's space to the drawing's."""
    from reportlab.graphics.shapes import Group, String

    base: Matrix = (drawing.renderScale, 0.0, 0.0, drawing.renderScale, 0.0, 0.0)
    out: list[tuple[list[Any], Matrix]] = []
    todo = [(drawing, base)]
    while todo:
        group, outer = todo.pop()
        m = _then(outer, _transform(group))
        strings = [n for n in group.contents if isinstance(n, String) and n.text and _usable(n.fontSize)]
        if strings:
            out.append((strings, m))
        todo.extend((n, m) for n in reversed(group.contents) if isinstance(n, Group))
    return out


def _transform(group: Any) -> Matrix:
    t = getattr(group, "transform", None) or IDENTITY
    a, b, c, d, e, f = (float(v) for v in t)
    return a, b, c, d, e, f


def _usable(size: Any) -> bool:
    return isinstance(size, (int, float)) and math.isfinite(size) and size > 0


def smallest(drawing: Any) -> float:
    """The smallest label's size in the drawing's own units (inf when it has none)."""
    sizes = [s.fontSize * _scale_of(m) for strings, m in _labels(drawing) for s in strings]
    return min((v for v in sizes if _usable(v)), default=math.inf)


def enlarged(drawing: Any, lift: float) -> Any:
    """A copy of the drawing in which every label smaller than `lift` (drawing units) is `lift`
    in size (its smallest piece; its other pieces keep their proportion to it)."""
    out = copy.deepcopy(drawing)
    box = (0.0, 0.0, float(out.width), float(out.height))
    for strings, m in _labels(out):
        scale = _scale_of(m)
        least = min(s.fontSize for s in strings) * scale
        if not (_usable(scale) and _usable(least)) or least >= lift:
            continue
        before = _extent(strings, m)
        k = lift / least
        ax, ay = strings[0].x, strings[0].y
        for s in strings:
            s.x, s.y, s.fontSize = ax + k * (s.x - ax), ay + k * (s.y - ay), s.fontSize * k
        if not (before[0] < box[2] and before[2] > box[0] and before[1] < box[3] and before[3] > box[1]):
            continue  # a label wholly outside the picture, never seen: left there
        after = _extent(strings, m)
        if after[2] - after[0] > box[2] - box[0] + 1e-6 and len(strings) == 1:
            old, strings = strings[0], _broken(strings[0], m, box[2] - box[0])
            _replace(out, old, strings)
            after = _extent(strings, m)
        _move_inside(strings, m, after, box)
    return out


def _extent(strings: list[Any], m: Matrix) -> tuple[float, float, float, float]:
    """The Strings' box (x0, y0, x1, y1) in the drawing's space."""
    xs, ys = [], []
    for s in strings:
        x0, y0, x1, y1 = s.getBounds()
        for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
            xs.append(m[0] * x + m[2] * y + m[4])
            ys.append(m[1] * x + m[3] * y + m[5])
    return min(xs), min(ys), max(xs), max(ys)


def _move_inside(strings: list[Any], m: Matrix, ext: tuple[float, ...], allowed: tuple[float, ...]) -> None:
    """Move the Strings (all alike) so their box lies inside `allowed`, in each direction where
    it fits; where it does not, its middle goes to the middle of `allowed`."""
    shift = []
    for lo, hi, a_lo, a_hi in (
        (ext[0], ext[2], allowed[0], allowed[2]),
        (ext[1], ext[3], allowed[1], allowed[3]),
    ):
        if hi - lo > a_hi - a_lo:
            shift.append((a_lo + a_hi) / 2 - (lo + hi) / 2)
        else:
            shift.append(max(0.0, a_lo - lo) + min(0.0, a_hi - hi))
    dx, dy = shift
    if not (dx or dy):
        return
    a, b, c, d = m[:4]
    det = a * d - b * c
    if det == 0:
        return
    lx, ly = (d * dx - c * dy) / det, (a * dy - b * dx) / det  # the shift in the label's own space
    for s in strings:
        s.x, s.y = s.x + lx, s.y + ly


def _broken(s: Any, m: Matrix, width: float) -> list[Any]:
    """The String as lines no wider than `width` (drawing units) where its words allow, each with
    its anchor, the lines' block centred on where the label's one line was."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    across = math.hypot(m[0], m[1])  # one unit along the text, in the drawing's space
    if across <= 0:
        return [s]
    room = width / across
    lines: list[str] = []
    for word in s.text.split():
        if lines and stringWidth(lines[-1] + " " + word, s.fontName, s.fontSize) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) < 2:
        return [s]
    up = 1.0 if m[3] >= 0 else -1.0  # which way the label's own y runs on paper
    step = LINE_STEP * s.fontSize * up
    first = s.y + step * (len(lines) - 1) / 2
    out = []
    for i, text in enumerate(lines):
        line = copy.copy(s)
        line.text, line.y = text, first - i * step
        out.append(line)
    return out


def _replace(drawing: Any, old: Any, new: list[Any]) -> None:
    """Put `new` where `old` is in the drawing's tree."""
    from reportlab.graphics.shapes import Group

    todo = [drawing]
    while todo:
        g = todo.pop()
        for i, n in enumerate(g.contents):
            if n is old:
                g.contents[i : i + 1] = new
                return
            if isinstance(n, Group):
                todo.append(n)
