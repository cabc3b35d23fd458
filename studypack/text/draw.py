"""Drawing laid-out text (textfit's lines) on a ReportLab canvas, fast.

A line in one style goes through `reportlab_fast.text_line` (PDF operators written directly); mixed
styles, sub- and superscripts go through a ReportLab text object; a line with a formula is drawn run by
run, each formula by `maths.draw` on the line's baseline.
"""

from __future__ import annotations

from studypack.reportlab_fast import text_line
from studypack.text.fit import DISPLAY, MATH, SCRIPT_SCALE, Line, Para, Piece, Seg, Word, width1
from studypack.text.markup import NORMAL


def draw(
    canvas,
    paras: tuple[Para, ...],
    lines: list[Line],
    x: float,
    top: float,
    width: float,
    size: float,
    space1: float,
) -> float:
    """Draw laid-out lines from `top` down; returns the y below the last line."""
    y = top
    k = 0  # the line's place in its paragraph
    for ln in lines:
        para = paras[ln.para]
        s = size * para.scale
        y -= ln.space_before + ln.height
        base = y + ln.height - s * 0.95 - ln.top  # baseline: ascent below the line's top
        left = x + para.indent * size
        k = 0 if ln.first else k + 1
        if ln.first and para.bullet and para.words:
            text_line(canvas, para.words[0].pieces[0].face, s, left - 0.9 * size, base, para.bullet)
        if para.label:  # a table row: its first cell left of the indented text, a line at a time
            cell = para.label[0].split("\n")
            if k < len(cell):
                text_line(canvas, para.label[1], s, x, base, cell[k])
        runs = _runs(para, ln)
        if para.align == "centre" or (len(runs) == 1 and runs[0][2] == DISPLAY):
            total = sum(_run_width(t, f, sc) * s for t, f, sc in runs)
            inner = width - (left - x) if para.align != "centre" else width
            if para.align != "centre":  # a displayed formula: centred in the text's width, never left of it
                left += max(inner - total, 0.0) / 2
            elif any(r[2] >= MATH for r in runs):  # a formula set smaller to fit starts at the left
                left = x + max(width - total, 0.0) / 2
            else:
                left = x + (width - total) / 2
        if ln.top or any(r[2] >= MATH for r in runs):
            _draw_with_formulas(canvas, runs, left, base, s, x + width - left)
        else:
            _draw_runs(canvas, runs, left, base, s)
    return y


def _runs(para: Para, ln: Line) -> list[tuple[str, str, int]]:
    """The line as (text, face, script) runs, spaces included, neighbours of one style merged."""
    if not ln.segs and para.simple:  # one style throughout: one string
        return (
            [(" ".join(para.texts[ln.a : ln.b]), para.words[0].pieces[0].face, NORMAL)] if ln.b > ln.a else []
        )
    out: list[list] = []
    for i, seg in enumerate(ln.all_segs()):
        word = para.words[seg.w]
        pieces = word.pieces if seg.start == 0 and seg.end == -1 else _cut(word, seg)
        if i > 0:
            f0 = pieces[0].face if pieces else word.pieces[0].face
            if out and out[-1][1] == f0 and out[-1][2] == NORMAL:
                out[-1][0] += " "
            else:
                out.append([" ", f0, NORMAL])
        for p in pieces:
            if out and out[-1][1] == p.face and out[-1][2] == p.script and p.script < MATH:
                out[-1][0] += p.text
            else:
                out.append([p.text, p.face, p.script])
        if seg.hyphen:
            out.append(["-", word.pieces[-1].face, NORMAL])
    return [tuple(r) for r in out]


_offsets: list = [None, None]  # (pieces, where each starts) of the word drawn last


def _cut(word: Word, seg: Seg) -> list[Piece]:
    """The pieces of a broken word's segment. A word's segments are drawn one after another, so
    where its pieces start is worked out once per word, and each segment finds its own by bisection
    (a word of thousands of pieces costs each segment only its own)."""
    from bisect import bisect_right

    end = len(word.text) if seg.end == -1 else seg.end
    if _offsets[0] is not word.pieces:
        starts, pos = [], 0
        for p in word.pieces:
            starts.append(pos)
            pos += len(p.text)
        _offsets[:] = [word.pieces, starts]
    starts = _offsets[1]
    out = []
    for k in range(max(bisect_right(starts, seg.start) - 1, 0), len(starts)):
        p, pos = word.pieces[k], starts[k]
        if pos >= end:
            break
        a, b = max(seg.start - pos, 0), min(end - pos, len(p.text))
        if a < b:
            out.append(Piece(p.text[a:b], p.face, p.script, 0.0))
    return out


def _run_width(text: str, face: str, script: int) -> float:
    """A run's width at 1 pt."""
    if script >= MATH:
        from studypack.text import maths

        return maths.layout(*maths.source(text)).width
    return width1(text, face) * (SCRIPT_SCALE if script else 1)


def _draw_with_formulas(canvas, runs, x: float, base: float, s: float, avail: float) -> None:
    """A line holding formulas: text runs and formulas one after the other on one baseline. A formula
    is never broken, so one wider than the line is set smaller to fit it (never past the box)."""
    from studypack.text import maths

    formulas = sum(_run_width(t, f, sc) for t, f, sc in runs if sc >= MATH) * s
    words = sum(_run_width(t, f, sc) for t, f, sc in runs if sc < MATH) * s
    shrink = min(1.0, max(avail - words, 0.0) / formulas) if formulas > 0 else 1.0
    for text, face, script in runs:
        if script >= MATH:
            x += maths.draw(canvas, maths.layout(*maths.source(text)), text, face, s * shrink, x, base)
        else:
            _draw_runs(canvas, [(text, face, script)], x, base, s)
            x += _run_width(text, face, script) * s


def _draw_runs(canvas, runs, x: float, base: float, s: float) -> None:
    if len(runs) == 1 and runs[0][2] == NORMAL:
        text_line(canvas, runs[0][1], s, x, base, runs[0][0])
        return
    t = canvas.beginText(x, base)
    for text, face, script in runs:
        size = s * SCRIPT_SCALE if script else s
        t.setFont(face, size)
        t.setRise(s * 0.33 if script > 0 else -s * 0.15 if script < 0 else 0)
        t.textOut(text)
    t.setRise(0)
    canvas.drawText(t)
