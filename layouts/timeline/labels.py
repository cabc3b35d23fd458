"""Place timeline labels so that none overlaps another label, the axis or another label's leader.

Each label is a box of known size that wants to sit over its date's position, above or below the
axis, joined to it by a leader drawn in straight, right-angled segments: straight up (or down) from
the date when the box is over it, else up to the box's middle and across to its near side. A label
that stacks several close dates joins them with a bracket (a line parallel to the axis, with a drop
to each date) and one stem from the bracket to the box. Labels are placed in date order; each takes
the free position nearest the axis (either side, alternating on a tie, and stepping sideways up to
`MAX_SHIFT` widths) where its box meets no placed box, no placed leader touches it, and its own
leader touches no placed box or leader. Pure geometry in points.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP = 3.0  # points kept between boxes and around leaders
MAX_SHIFT = 3.0  # how far (in box widths) a box may step sideways from its date
SHIFT_COST = 50.0  # a point sideways costs this much against a point further from the axis: boxes step aside only as a last resort
BRACKET = 3.0  # a stack's bracket runs this far past the side's clearance (range bars, tick years)
STEM = 5.0  # and its box sits at least this far past the bracket, so the bracket never reads as a range

Seg = tuple[float, float, float, float]


@dataclass(frozen=True)
class Box:
    """A label's rectangle on the page, in points."""

    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, o: Box, gap: float = GAP) -> bool:
        return self.x0 < o.x1 + gap and o.x0 < self.x1 + gap and self.y0 < o.y1 + gap and o.y0 < self.y1 + gap


@dataclass(frozen=True)
class Want:
    """A label to place: the x of each of its dates on the axis, and its box's size."""

    marks: tuple[float, ...]
    w: float
    h: float

    @property
    def anchor(self) -> float:
        """Where the stem leaves the axis (or a stack's bracket): the middle of its dates."""
        return (min(self.marks) + max(self.marks)) / 2


@dataclass(frozen=True)
class Placed:
    """A label (or a stack of them) placed above or below the axis."""

    index: int
    box: Box
    above: bool
    anchor: float  # where the stem starts: the date's x, or the middle of a stack's bracket
    marks: tuple[float, ...] = ()  # a stack's dates, joined by a bracket; empty for one date
    reach: float = 0.0  # the bracket's distance from the axis

    def leader(self, axis_y: float) -> list[Seg]:
        """The leader's segments, each parallel to the axis or square to it."""
        s = 1.0 if self.above else -1.0
        segs: list[Seg] = []
        start = axis_y
        if len(self.marks) > 1:
            start = axis_y + s * self.reach
            segs.append((min(self.marks), start, max(self.marks), start))
            segs += [(m, axis_y, m, start) for m in self.marks]
        x, b = self.anchor, self.box
        if b.x0 + 1 <= x <= b.x1 - 1:  # over its date: one straight stem
            return [*segs, (x, start, x, b.y0 if self.above else b.y1)]
        mid = (b.y0 + b.y1) / 2  # beside it: up to the box's middle, then across to its side
        edge = b.x0 if x < b.x0 else b.x1
        return [*segs, (x, start, x, mid), (x, mid, edge, mid)]


def place(
    wants: list[Want],
    left: float,
    right: float,
    axis_y: float,
    clear_above: float,
    clear_below: float,
    top: float,
    bottom: float,
    below_only: frozenset[int] = frozenset(),
) -> list[Placed] | None:
    """Boxes for labels in date order, or None if they do not all fit between `top` and `bottom`,
    `left` and `right`. Labels in `below_only` go under the axis (their leader would otherwise
    cross a range bar drawn above it)."""
    placed: list[Placed] = []
    # Right to left, each box hanging to the right of its leader: a cluster of dates becomes a
    # staircase whose leaders pass left of the boxes already placed, instead of through them.
    for i in sorted(range(len(wants)), key=lambda k: (-wants[k].anchor, -k)):
        want = wants[i]
        best = None
        for above in (i % 2 == 0, i % 2 == 1):
            if above and i in below_only:
                continue
            clear = clear_above if above else clear_below
            cand = _nearest(placed, i, above, want, axis_y, clear, (left, right, top, bottom))
            if cand is not None and (best is None or cand[0] < best[0] - 1e-6):
                best = cand
        if best is None:
            return None
        placed.append(best[1])
    return sorted(placed, key=lambda p: p.index)


def _nearest(placed, i, above, want, axis_y, clear, bounds):
    """The cheapest free position on one side: (cost, placed) or None. Cost grows with the
    distance from the axis and, much more, with the step sideways from the date."""
    left, right, top, bottom = bounds
    w, h, ax = want.w, want.h, want.anchor
    stack = len(want.marks) > 1
    reach = clear + BRACKET if stack else 0.0
    near = reach + STEM if stack else clear
    side = [p for p in placed if p.above == above]
    dists = sorted({near} | {_dist(p, axis_y) + (p.box.y1 - p.box.y0) + GAP for p in side})
    centre = min(max(ax - (w / 2 if stack else 3.0), left), right - w)  # the stem into the box's foot
    xs = {centre} | {p.box.x1 + GAP for p in side} | {p.box.x0 - GAP - w for p in side}
    xs = {x for x in xs if left <= x <= right - w and abs(x + w / 2 - ax) <= MAX_SHIFT * w}
    marks = want.marks if stack else ()
    best = None
    for d in dists:
        if d < near:
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
            cand = Placed(i, Box(x0, y0, x0 + w, y0 + h), above, ax, marks, reach)
            if _free(cand, side, axis_y):
                best = (cost, cand)
                break
    return best


def _free(me: Placed, side: list[Placed], axis_y: float) -> bool:
    box, mine = me.box, me.leader(axis_y)
    for p in side:
        if box.meets(p.box):
            return False
        theirs = p.leader(axis_y)
        if any(crosses(s, box) for s in theirs) or any(crosses(s, p.box) for s in mine):
            return False
        if any(touch(a, b, axis_y) for a in mine for b in theirs):
            return False
    return True


def touch(a: Seg, b: Seg, axis_y: float, gap: float = 1.5) -> bool:
    """Whether two axis-parallel or square leader segments meet or run within `gap` of each other
    anywhere but on the axis itself (where two leaders of one date may both start)."""
    ax0, ax1 = sorted((a[0], a[2]))
    ay0, ay1 = sorted((a[1], a[3]))
    bx0, bx1 = sorted((b[0], b[2]))
    by0, by1 = sorted((b[1], b[3]))
    # the overlap of the two segments grown by `gap`, clipped off the axis line
    x0, x1 = max(ax0, bx0) - gap, min(ax1, bx1) + gap
    y0, y1 = max(ay0, by0) - gap, min(ay1, by1) + gap
    if x0 > x1 or y0 > y1:
        return False
    return not (y1 - y0 <= 2 * gap + 1e-6 and y0 - 1e-6 <= axis_y <= y1 + 1e-6)


def _dist(p: Placed, axis_y: float) -> float:
    return p.box.y0 - axis_y if p.above else axis_y - p.box.y1


def crosses(seg: Seg, box: Box, gap: float = 0.5) -> bool:
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
    """No two boxes meet, no box touches the axis, no leader crosses another label's box or
    touches another label's leader, and every leader is square to the axis or parallel to it."""
    for i, a in enumerate(placed):
        if a.box.y0 <= axis_y <= a.box.y1:
            return False
        segs = a.leader(axis_y)
        if any(s[0] != s[2] and s[1] != s[3] for s in segs):
            return False
        for b in placed[i + 1 :]:
            if a.box.meets(b.box, 0.0):
                return False
            if any(touch(s, t, axis_y, 0.0) for s in segs for t in b.leader(axis_y)):
                return False
        for b in placed:
            if b is not a and any(crosses(s, b.box, 0.0) for s in segs):
                return False
    return True
