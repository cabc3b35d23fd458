"""A drawn time axis: segments (broken across long empty stretches), value -> position, nice ticks.

Values are fractional astronomical years (1 BC = 0), as dates.HistDate gives them. Positions are in
points along the axis. Pure arithmetic, tested on numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studypack.model import format_year, month_abbr

BREAK_GAP = 0.2  # a stretch with no event longer than this share of the whole span breaks the axis
BREAK_W = 12.0  # points between two segments, where the break mark is drawn
YEAR_STEPS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000)
MONTH_STEPS = (1, 2, 3, 6)


@dataclass(frozen=True)
class Segment:
    """A stretch of the axis: the values it covers and where it is drawn."""

    lo: float  # values covered
    hi: float
    x0: float  # where on the axis
    x1: float

    def x(self, v: float) -> float:
        return self.x0 + (v - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)


@dataclass(frozen=True)
class Scale:
    """Where each value falls on the axis: segments, broken where the dates are far apart."""

    segments: tuple[Segment, ...]
    ranks: tuple[tuple[float, float], ...] = ()  # (value, x) points of an unlabelled, in-order axis
    labelled: bool = True  # False: no years on the axis (a hidden date must not be read off it)

    def x(self, v: float) -> float:
        """Position of value v (clamped into the nearest segment)."""
        if self.ranks:
            return _between(self.ranks, v)
        for s in self.segments:
            if v <= s.hi:
                return s.x(max(v, s.lo))
        return self.segments[-1].x1

    @property
    def breaks(self) -> list[float]:
        """Where break marks go: the middle of each gap between segments."""
        return [(a.x1 + b.x0) / 2 for a, b in zip(self.segments, self.segments[1:], strict=False)]


def _between(points: tuple[tuple[float, float], ...], v: float) -> float:
    """Position of v on an in-order axis: linear between the two points around it."""
    if v <= points[0][0]:
        return points[0][1]
    for (a, xa), (b, xb) in zip(points, points[1:], strict=False):
        if v <= b:
            return xa + (v - a) / (b - a) * (xb - xa) if b > a else xb
    return points[-1][1]


def order_scale(spans: list[tuple[float, float]], x0: float, x1: float) -> Scale:
    """An axis with the dates in order and evenly spaced, and no years on it: used when dates are
    the blanks, so that a hidden date can neither be read off a tick nor measured from the others."""
    values = sorted({v for span in spans for v in span})
    pad = (x1 - x0) / (len(values) + 1)
    step = (x1 - x0 - 2 * pad) / max(len(values) - 1, 1)
    points = tuple((v, x0 + pad + k * step) for k, v in enumerate(values))
    return Scale((Segment(values[0], values[-1] + 1e-9, x0, x1),), points, labelled=False)


def make_scale(spans: list[tuple[float, float]], x0: float, x1: float) -> Scale:
    """Segments covering the (start, end) spans of the events, across the axis from x0 to x1."""
    spans = sorted(spans)
    lo, hi = spans[0][0], max(e for _, e in spans)
    total = max(hi - lo, 1.0)
    groups: list[list[float]] = [[spans[0][0], spans[0][1]]]
    for s, e in spans[1:]:
        if s - groups[-1][1] > BREAK_GAP * total:
            groups.append([s, e])
        else:
            groups[-1][1] = max(groups[-1][1], e)
    padded = []
    for s, e in groups:
        pad = max((e - s) * 0.05, 1 / 12 if e - s < 3 else 0.5 if e - s < 10 else 1.0)
        padded.append((s - pad, e + pad))
    room = x1 - x0 - BREAK_W * (len(padded) - 1)
    spans_len = [e - s for s, e in padded]
    share = [max(L / sum(spans_len), 0.18 if len(padded) > 1 else 1.0) for L in spans_len]
    share = [s / sum(share) for s in share]
    segs, x = [], x0
    for (s, e), sh in zip(padded, share, strict=True):
        w = room * sh
        segs.append(Segment(s, e, x, x + w))
        x += w + BREAK_W
    return Scale(tuple(segs))


def round_step(total_span: float) -> int:
    """The smallest tick step that reads as a round value of a whole axis of `total_span` years: a
    tenth of its order of magnitude (100 on an axis of 2,400 years), so a short stretch of it around
    one event shows 400 BC, never 399 BC."""
    return max(1, 10 ** int(math.floor(math.log10(max(total_span, 1.0)))) // 10)


def ticks(seg: Segment, min_gap: float, months: bool = True, min_step: int = 1) -> list[tuple[float, str]]:
    """(value, label) ticks for a segment, the smallest nice step at least `min_gap` points apart and
    no finer than `min_step` years; month ticks on a short span only when `months` (some date gives
    its month)."""
    span = seg.hi - seg.lo
    per_year = (seg.x1 - seg.x0) / span
    if span <= 3 and months and min_step <= 1:
        for step in MONTH_STEPS:
            if step / 12 * per_year >= min_gap:
                return _month_ticks(seg, step)
    step = next((s for s in YEAR_STEPS if s * per_year >= min_gap and s >= min_step), YEAR_STEPS[-1])
    out = []
    first = math.ceil(seg.lo / step) * step
    for k in range(int((seg.hi - first) // step) + 1):
        v = first + k * step
        if v <= 0:  # BC: nice numbers as written (50 BC), i.e. astronomical 1 - 50
            shown = 1 - v
            if shown % step:
                continue
        if seg.lo <= v <= seg.hi:
            out.append((float(v), format_year(int(v)) if v != 0 else "1 BC"))
    if any(v <= 0 for v, _ in out) or seg.lo < 0:
        out = _bc_ticks(seg, step)
    return out


def _bc_ticks(seg: Segment, step: int) -> list[tuple[float, str]]:
    """Ticks across BC (and on into AD) at round numbers as readers write them."""
    out = []
    start_bc = math.floor((1 - seg.lo) / step) * step  # largest round BC number in range
    b = start_bc
    while b >= step:
        v = 1 - b
        if seg.lo <= v <= seg.hi:
            out.append((float(v), f"{b} BC"))
        b -= step
    a = step
    while a <= seg.hi:
        if a >= seg.lo:
            out.append((float(a), f"AD {a}" if a < 1000 else str(a)))
        a += step
    return out


def _month_ticks(seg: Segment, step: int) -> list[tuple[float, str]]:
    out = []
    m = math.ceil(seg.lo * 12 / step) * step
    while m / 12 <= seg.hi:
        year, month = divmod(m, 12)
        label = str(year) if month == 0 else f"{month_abbr(month + 1)} {year}"
        out.append((m / 12, label))
        m += step
    return out


def pack_lanes(spans: list[tuple[int, float, float]], gap: float = 0.0) -> dict[int, int]:
    """Interval packing for range bars: (key, start, end) in order, each in the first lane free
    since more than `gap` before its start, else a new one. Returns key -> lane."""
    ends: list[float] = []
    out = {}
    for key, start, end in spans:
        lane = next((k for k, e in enumerate(ends) if e + gap < start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        out[key] = lane
    return out
