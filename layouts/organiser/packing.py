"""Which order the boxes go down the columns in: the topic's own order (key terms first) unless
moving one box elsewhere lets the columns end more nearly level, or fit at all at a size.

Boxes move on whole, so the order decides how well the columns fill: three columns of A3 may
leave one half empty because the next box was too tall for its foot. Trying every place for every
box is arithmetic on heights already laid out (n boxes: at most n x n orders of n blocks).
"""

from __future__ import annotations

from studypack.layouts.summary.columns import Block, Part, flow

LEVEL = 0.9  # another order must leave at most this share of the topic's order's unevenness


def orders(n: int) -> list[tuple[int, ...]]:
    """The topic's order first, then each box moved to each other place."""
    base = tuple(range(n))
    out = [base]
    for i in range(n):
        rest = base[:i] + base[i + 1 :]
        for j in range(n):
            order = rest[:j] + (i,) + rest[j:]
            if order not in out:
                out.append(order)
    return out


def first_fit(blocks: list[Block], col_h: float, ncols: int) -> bool:
    """Whether some order fits the columns."""
    return any(flow([blocks[i] for i in o], col_h, ncols) is not None for o in orders(len(blocks)))


def best(blocks: list[Block], col_h: float, ncols: int) -> tuple[tuple[int, ...], list[list[Part]]] | None:
    """The order whose columns end most nearly level (the topic's own unless another is clearly
    better), with its columns; None when none fits."""
    found: list[tuple[float, tuple[int, ...], list[list[Part]]]] = []
    for o in orders(len(blocks)):
        placed = [blocks[i] for i in o]
        cols = flow(placed, col_h, ncols)
        if cols is not None:
            found.append((_uneven(placed, cols, col_h, ncols), o, cols))
    if not found:
        return None
    least = min(found, key=lambda f: f[0])
    if found[0][1] == tuple(range(len(blocks))) and found[0][0] * LEVEL <= least[0] + 1e-6:
        return found[0][1], found[0][2]
    return least[1], least[2]


def _uneven(blocks: list[Block], cols: list[list[Part]], col_h: float, ncols: int) -> float:
    """The sum of the squares of what each column leaves at its foot."""
    total = 0.0
    for c in range(ncols):
        col = cols[c] if c < len(cols) else []
        if col:
            p = col[-1]
            b = blocks[p.block]
            used = p.y + sum(b.heights[p.start : p.end]) + b.pad
        else:
            used = 0.0
        total += (col_h - used) ** 2
    return total
