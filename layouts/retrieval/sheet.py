"""What one do-now sheet's questions look like inside the room its half (or page) leaves: a list
of numbered questions with writing lines sized for each answer, in one or two columns, or a
retrieval grid with a column per band of age (last lesson, last week, last month, earlier).
Each body draws as the pupils' sheet or as its key, the answers on the same lines."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from studypack.layouts.worksheet.flow import lay
from studypack.layouts.worksheet.furniture import Sizes, rows_for, writing_rows

from studypack.layout_api.pages import Canvas
from studypack.layout_api.styles import mm
from studypack.text.fonts import Fonts

from .questions import Question
from .schedule import BANDS, Band, band

NUM_W = 8 * mm  # the question number's column
GAP = 3 * mm  # between questions
COL_GAP = 8 * mm  # between two columns of questions
PAD = 1.5 * mm  # inside a grid cell


@dataclass(frozen=True)
class Body:
    """The questions laid out at a width: their height and how they draw at (x, top)."""

    height: float
    draw: Callable[[Canvas, float, float, bool], None]


@dataclass(frozen=True)
class _Item:
    """A question on a sheet: its height and how to draw it."""

    height: float
    draw: Callable[[Canvas, float, float, bool], None]


def _item(n: int, q: Question, w: float, z: Sizes, fonts: Fonts, pad: float = 0.0) -> _Item:
    """Question n: its number, its text and lines for its answer (3 mm a character), `pad` in."""
    inner = w - 2 * pad
    ql = lay(q.text, inner - NUM_W, z.text, fonts, bold=True)
    rows = rows_for(q.answer, inner - NUM_W, fonts, z)
    h = pad + ql.height + 1 * mm + rows * z.row + pad

    def draw(c: Canvas, x: float, top: float, key: bool) -> None:
        c.setFont(fonts.face(bold=True), z.text)
        c.drawRightString(x + pad + NUM_W - 2 * mm, top - pad - z.text * 0.95, f"{n}.")
        ql.draw(c, x + pad + NUM_W, top - pad, inner - NUM_W, fonts)
        at = (x + pad + NUM_W, top - pad - ql.height - 1 * mm, inner - NUM_W)
        writing_rows(c, q.answer, rows, at, "", 0.0, fonts, key, z)

    return _Item(h, draw)


def list_body(qs: tuple[Question, ...], width: float, z: Sizes, fonts: Fonts, columns: int) -> Body:
    """The questions down one column, or down two balanced columns (1-3 left, 4-6 right)."""
    if columns == 1 or len(qs) < 2:
        items = [_item(i + 1, q, width, z, fonts) for i, q in enumerate(qs)]
        return Body(_stack_height(items), lambda c, x, top, key: _stack(c, items, x, top, key))
    cw = (width - COL_GAP) / 2
    items = [_item(i + 1, q, cw, z, fonts) for i, q in enumerate(qs)]
    k = min(range(1, len(items)), key=lambda k: max(_stack_height(items[:k]), _stack_height(items[k:])))
    left, right = items[:k], items[k:]

    def draw(c: Canvas, x: float, top: float, key: bool) -> None:
        _stack(c, left, x, top, key)
        _stack(c, right, x + cw + COL_GAP, top, key)

    return Body(max(_stack_height(left), _stack_height(right)), draw)


def _stack_height(items: list[_Item]) -> float:
    return sum(it.height for it in items) + GAP * max(0, len(items) - 1)


def _stack(c: Canvas, items: list[_Item], x: float, top: float, key: bool) -> None:
    for it in items:
        it.draw(c, x, top, key)
        top -= it.height + GAP


def in_bands(
    qs: tuple[Question, ...], day: datetime.date, latest: datetime.date | None
) -> tuple[Question, ...]:
    """The questions in grid order: column by column (last lesson first), as numbered."""
    return tuple(sorted(qs, key=lambda q: BANDS.index(band(q, day, latest))))


def grid_body(
    qs: tuple[Question, ...],
    day: datetime.date,
    latest: datetime.date | None,
    width: float,
    z: Sizes,
    fonts: Fonts,
) -> Body:
    """A retrieval grid: a column for each band that has questions, headed with its name; the
    questions (numbered down the columns) in boxes whose rows line up across the grid."""
    cols: dict[Band, list[Question]] = {}
    for q in in_bands(qs, day, latest):
        cols.setdefault(band(q, day, latest), []).append(q)
    cw = width / len(cols)
    n, grid = 0, []
    for bq in cols.values():
        column = []
        for q in bq:
            n += 1
            column.append(_item(n, q, cw, z, fonts, PAD))
        grid.append(column)
    rows = max(len(col) for col in grid)
    heights = [max(col[r].height for col in grid if r < len(col)) for r in range(rows)]
    head_h = z.text * 1.7

    def draw(c: Canvas, x: float, top: float, key: bool) -> None:
        c.setLineWidth(0.8)
        for j, name in enumerate(cols):
            cx = x + j * cw
            c.rect(cx, top - head_h, cw, head_h)
            c.setFont(fonts.face(bold=True), z.text)
            c.drawCentredString(cx + cw / 2, top - head_h / 2 - z.text * 0.35, name.capitalize())
            y = top - head_h
            for r, it in enumerate(grid[j]):
                c.setLineWidth(0.8)
                c.rect(cx, y - heights[r], cw, heights[r])
                it.draw(c, cx, y, key)
                y -= heights[r]

    return Body(head_h + sum(heights), draw)
