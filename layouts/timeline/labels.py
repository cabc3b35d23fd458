"""Place timeline labels so that none overlaps another label, the axis or another label's leader.

Each label is a box of known size that wants to sit over its date's position, above or below the
axis, joined to it by a straight leader from the axis to the box's near edge. Labels are placed in
date order; each takes the free position nearest the axis (either side, alternating on a tie, and
stepping sideways up to `MAX_SHIFT` widths) where its box meets no placed box, no placed leader
crosses it, and its own leader crosses no placed box. Pure geometry in points.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP = 3.0  # points kept between boxes and around leaders
MAX_SHIFT = 3.0  # how far (in box widths) a box may step sideways from its date
SHIFT_COST = 50.0  # a point sideways costs this much against a point further from the axis: boxes step aside only as a last resort


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, o: Box, gap: float = GAP) -> bool:
        return self.x0 < o.x1 + gap and o.x0 < self.x1 + gap and self.y0 < o.y1 + gap and o.y0 < self.y1 + gap


@dataclass(frozen=True)
class Placed:
    index: int
    box: Box
    above: bool
    anchor: float  # the date's x on the axis

    def leader(self, axis_y: float) -> tuple[float, float, float, float]:
        """The leader from the axis at the anchor to the nearest point of the box's near edge."""
        x = min(max(self.anchor, self.box.x0), self.box.x1)
        return (self.anchor, axis_y, x, self.box.y0 if self.above else self.box.y1)


def place(
    wants: list[tuple[float, float, float]],
    left: float,
    right: float,
    axis_y: float,
    clear_above: float,
    clear_below: float,
    top: float,
    bottom: float,
    below_only: frozenset[int] = frozenset(),
) -> list[Placed] | None:
    """Boxes for labels given as (anchor x, width, height) in date order, or None if they do not
    all fit between `top` and `bottom`, `left` and `right`. Labels in `below_only` go under the
    axis (their leader would otherwise cross a range bar drawn above it)."""
    placed: list[Placed] = []
    # Right to left, each box hanging to the right of its leader: a cluster of dates becomes a
    # staircase whose leaders pass left of the boxes already placed, instead of through them.
    for i in sorted(range(len(wants)), key=lambda k: (-wants[k][0], -k)):
        ax, w, h = wants[i]
        best = None
        for above in (i % 2 == 0, i % 2 == 1):
            if above and i in below_only:
                continue
            clear = clear_above if above else clear_below
            cand = _nearest(placed, above, ax, w, h, axis_y, clear, left, right, top, bottom)
            if cand is not None and (best is None or cand[0] < best[0] - 1e-6):
                best = cand
        if best is None:
            return None
        placed.append(Placed(i, best[1], best[2], ax))
    return sorted(placed, key=lambda p: p.index)


def _nearest(placed, above, ax, w, h, axis_y, clear, left, right, top, bottom):
    """The cheapest free position on one side: (cost, box, above) or None. Cost grows with the
    distance from the axis and, less, with the step sideways from the date."""
    side = [p for p in placed if p.above == above]
    dists = sorted({clear} | {_dist(p, axis_y) + (p.box.y1 - p.box.y0) + GAP for p in side})
    centre = min(max(ax + 1.0, left), right - w)  # the box just right of its leader
    xs = {centre} | {p.box.x1 + GAP for p in side} | {p.box.x0 - GAP - w for p in side}
    xs = {x for x in xs if left <= x <= right - w and abs(x + w / 2 - ax) <= MAX_SHIFT * w}
    best = None
    for d in dists:
        if d < clear:
            continue
        if best is not None and d >= best[0]:
            break  # every further row costs more than what was found
        y0 = axis_y + d if above else axis_y - d - h
        if y0 + h > top or y0 < bottom:
            break
        for x0 in sorted(xs, key=lambda x: abs(x - centre)):
            cost = d + abs(x0 - centre) * SHIFT_COST
            if best is not None and cost >= best[0]:
                break
            box = Box(x0, y0, x0 + w, y0 + h)
            if _free(box, above, ax, side, axis_y):
                best = (cost, box, above)
                break
    return best


def _free(box: Box, above: bool, ax: float, side: list[Placed], axis_y: float) -> bool:
    if any(box.meets(p.box) for p in side):
        return False
    if any(crosses(p.leader(axis_y), box) for p in side):
        return False
    mine = Placed(-1, box, above, ax).leader(axis_y)
    if any(crosses(mine, p.box) for p in side):
        return False
    return not any(_segments_cross(mine, p.leader(axis_y)) for p in side)


def _segments_cross(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two leaders cross anywhere but at a shared start on the axis."""
    (x1, y1, x2, y2), (x3, y3, x4, y4) = a, b
    d = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
    if abs(d) < 1e-12:
        return False  # parallel: leaders from the same date run side by side
    t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / d
    u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / d
    return 1e-6 < t <= 1 and 1e-6 < u <= 1


def _dist(p: Placed, axis_y: float) -> float:
    return p.box.y0 - axis_y if p.above else axis_y - p.box.y1


def crosses(seg: tuple[float, float, float, float], box: Box, gap: float = 0.5) -> bool:
    """Whether the segment passes through the box grown by `gap` (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = seg
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x1 - (box.x0 - gap)),
        (dx, box.x1 + gap - x1),
        (-dy, y1 - (box.y0 - gap)),
        (dy, box.y1 + gap - y1),
    ):
        if abs(p) < 1e-12:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return t1 - t0 > 1e-9


def all_clear(placed: list[Placed], axis_y: float) -> bool:
    """No two boxes meet, no box touches the axis, no leader crosses another label's box."""
    for i, a in enumerate(placed):
        if a.box.y0 <= axis_y <= a.box.y1:
            return False
        for b in placed[i + 1 :]:
            if a.box.meets(b.box, 0.0):
                return False
        for b in placed:
            if b is not a and crosses(a.leader(axis_y), b.box, 0.0):
                return False
    return True
