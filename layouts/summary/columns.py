"""Flow blocks of laid-out lines into columns: pure arithmetic on line heights.

A block is a list of line heights plus two rules: a box is kept whole unless it is taller than a
column, and the first `keep` lines (a heading) never end a column. The flow says, per column, which
lines of which block it holds; balancing finds the shortest column height that still fits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """Something to flow into columns, as its lines' heights."""

    heights: tuple[float, ...]  # each line's advance, its space before included
    keep: int = 0  # the first `keep` lines must be followed by another line in the same column
    whole: bool = False  # a box: moved on whole when it does not fit, split only if taller than a column
    gap: float = 0.0  # space before the block when it does not start a column
    pad: float = 0.0  # a box's frame padding, top plus bottom, added to each part


@dataclass(frozen=True)
class Part:
    """The lines of a block that one column holds, and where they start in it."""

    block: int
    start: int
    end: int  # lines [start, end) of the block
    y: float  # offset from the column top where the part starts


def flow(
    blocks: list[Block], col_h: float, max_cols: int | None = None, whole_h: float | None = None
) -> list[list[Part]] | None:
    """Columns of parts, or None when more than `max_cols` columns would be needed. A box no taller
    than `whole_h` (default: a column) is never split: when the columns are shortened to balance
    them, a height that cannot hold such a box whole is no answer (None)."""
    whole_h = col_h if whole_h is None else whole_h
    cols: list[list[Part]] = [[]]
    used = 0.0
    for bi, b in enumerate(blocks):
        i, n = 0, len(b.heights)
        while i < n:
            gap = b.gap if cols[-1] else 0.0
            room = col_h - used - gap - b.pad
            fit = _lines_fitting(b.heights, i, room)
            total = sum(b.heights[i:]) + b.pad
            if b.whole and fit < n - i and total <= whole_h + 1e-6:
                if total > col_h + 1e-6:
                    return None  # it fits a full column whole, so it is not split to balance them
                if cols[-1]:
                    fit = 0  # a box that would fit a column of its own moves on whole
            if i + fit < n and fit > 0 and i + fit <= b.keep:
                fit = 0  # a heading never ends a column
            if 0 < fit < n - i:  # a box split because it is taller than a column keeps these rules too
                if fit == 1 and cols[-1]:
                    fit = 0  # one line alone never ends a column: it goes on with the rest
                elif n - i - fit == 1 and fit >= 2:
                    fit -= 1  # nor does one line alone start the next: it takes a line along
            if fit == 0 and not cols[-1]:  # an empty column always takes what it can, at least a line
                fit = max(1, _lines_fitting(b.heights, i, col_h - b.pad))
            if fit == 0:
                cols.append([])
                used = 0.0
                if max_cols is not None and len(cols) > max_cols:
                    return None
                continue
            cols[-1].append(Part(bi, i, i + fit, used + gap))
            used += gap + sum(b.heights[i : i + fit]) + b.pad
            i += fit
            if i < n:
                cols.append([])
                used = 0.0
                if max_cols is not None and len(cols) > max_cols:
                    return None
    return cols


def _lines_fitting(heights: tuple[float, ...], start: int, room: float) -> int:
    acc, k = 0.0, start
    while k < len(heights) and acc + heights[k] <= room + 1e-6:
        acc += heights[k]
        k += 1
    return k - start


def balanced(blocks: list[Block], col_h: float, ncols: int) -> list[list[Part]] | None:
    """The flow into `ncols` columns of the least height (so columns end level), or None."""
    if flow(blocks, col_h, ncols) is None:
        return None
    lo, hi = 0.0, col_h
    for _ in range(18):  # bisect the height to a small fraction of a point
        mid = (lo + hi) / 2
        if flow(blocks, mid, ncols, col_h) is None:
            lo = mid
        else:
            hi = mid
    return flow(blocks, hi, ncols, col_h)
