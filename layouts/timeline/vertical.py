"""The vertical timeline: time runs down a portrait page, in proportion (broken across long empty
stretches), with the years on the left of the axis, range bars beside it and the labels in one
column on the right, each joined to its date by a short leader.

Used when the labels do not fit across the page, or when a teacher asks for it. The labels keep
their dates' order; where dates crowd together their labels are pushed apart as little as possible
(isotonic regression: the least-squares positions that keep the order and do not overlap), so a
label sits beside its date wherever there is room. When the labels are taller than a page, the
events flow over pages, each with its own axis. Geometry in points; pure except `draw`.
"""

from __future__ import annotations

from dataclasses import dataclass

from studypack.layouts.timeline.items import Label, draw_label
from studypack.layouts.timeline.scale import Scale, make_scale, order_scale, pack_lanes, round_step, ticks

from studypack.layout_api.pages import Canvas
from studypack.layout_api.styles import mm
from studypack.text.fit import width1
from studypack.text.fonts import Fonts

TICK_W = 16 * mm  # the years' column, left of the axis
LANE = 4.0  # points between range bars, which stand left of the axis so no leader crosses them
LEAD = 10 * mm  # from the axis to the labels: room for leaders to slope to a pushed label
END = 4 * mm  # the axis runs on this far past its first and last date
ROW_GAP = 2 * mm  # between labels


@dataclass(frozen=True)
class Row:
    """A label of a vertical timeline: where it is drawn and where its date is on the axis."""

    label: Label
    top: float  # the label's top edge
    date_y: float  # its date's place on the axis

    @property
    def lead_y(self) -> float:
        """Where the leader meets the label: the middle of its first line (or of the writing line
        where its date was)."""
        z = self.label.z
        if self.label.date_number:
            return self.top - 1.5 * mm - z.row + 1.6 + 0.35 * z.text
        return self.top - 1.5 * mm - 0.6 * z.text


@dataclass(frozen=True)
class Vertical:
    """One page of a vertical timeline."""

    axis_x: float
    label_x: float
    axis_top: float  # the axis from here down to axis_bottom
    axis_bottom: float
    scale: Scale  # positions along the axis, 0 at its top end, growing down
    rows: tuple[Row, ...]
    lanes: dict[int, int]  # row index -> lane of its range bar
    months: bool

    def y(self, v: float) -> float:
        return self.axis_top - END - self.scale.x(v)


def label_width(width: float, n_lanes: int) -> float:
    """The labels' width on a page `width` wide (inside its margins)."""
    return width - TICK_W - n_lanes * LANE - 3 - LEAD


def chunks(labels: list[Label], first_room: float, room: float) -> list[list[Label]]:
    """Labels in order, split over pages: as many as fit each page's axis."""
    out: list[list[Label]] = [[]]
    used, limit = 0.0, first_room - 2 * END
    for lab in labels:
        if out[-1] and used + lab.h > limit:
            out.append([])
            used, limit = 0.0, room - 2 * END
        out[-1].append(lab)
        used += lab.h + ROW_GAP
    return out


def spread(wanted: list[float], heights: list[float], gap: float, top: float, bottom: float) -> list[float]:
    """Top edges as near as possible to `wanted` (least squares) that keep the order, leave `gap`
    between labels and stay between `top` and `bottom`. Subtracting each label's offset below the
    first turns this into isotonic regression, solved by pooling adjacent violators."""
    offsets, acc = [], 0.0
    for h in heights:
        offsets.append(acc)
        acc += h + gap
    total = acc - gap
    # in distance down from `top`: s_i = depth_i - offset_i must not decrease
    targets = [top - w - off for w, off in zip(wanted, offsets, strict=True)]
    blocks: list[list[float]] = []  # [mean, count]
    for t in targets:
        blocks.append([t, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, n2 = blocks.pop()
            m1, n1 = blocks.pop()
            blocks.append([(m1 * n1 + m2 * n2) / (n1 + n2), n1 + n2])
    s = [m for m, n in blocks for _ in range(int(n))]
    hi = max(top - bottom - total, 0.0)
    return [top - min(max(v, 0.0), hi) - off for v, off in zip(s, offsets, strict=True)]


def lanes_of(labels: list[Label]) -> dict[int, int]:
    """Range bars in lanes (interval packing on the years, so every page agrees on how many lanes
    there are): a range starts a new lane unless one is free since before its start."""
    dates = [(i, lab.event.date) for i, lab in enumerate(labels)]
    return pack_lanes([(i, d.start_value(), d.end_value()) for i, d in dates if d.is_span])


def lay_page(labels: list[Label], x: float, top: float, bottom: float, n_lanes: int) -> Vertical:
    """One page's axis and labels, from `top` down to `bottom`, starting at `x`."""
    spans = [(lab.event.date.start_value(), lab.event.date.end_value()) for lab in labels]
    hidden_dates = any(lab.date_number for lab in labels)
    length = top - bottom - 2 * END
    scale = (order_scale if hidden_dates else make_scale)(spans, 0.0, max(length, 1.0))
    axis_x = x + TICK_W + n_lanes * LANE + 3
    months = any(lab.date.start.month for lab in labels)
    page = Vertical(axis_x, axis_x + LEAD, top, bottom, scale, (), lanes_of(labels), months)
    dates = [page.y(lab.event.date.start_value()) for lab in labels]
    wanted = [d + 1.5 * mm + 0.6 * lab.z.text for d, lab in zip(dates, labels, strict=True)]
    tops = spread(wanted, [lab.h for lab in labels], ROW_GAP, top, bottom)
    rows = tuple(Row(lab, t, d) for lab, t, d in zip(labels, tops, dates, strict=True))
    return Vertical(axis_x, axis_x + LEAD, top, bottom, scale, rows, page.lanes, months)


def draw(c: Canvas, page: Vertical, fonts: Fonts, key: bool, pictures=None) -> None:
    ax = page.axis_x
    c.setLineWidth(1.2)
    for seg in page.scale.segments:
        c.line(ax, page.y(seg.lo), ax, page.y(seg.hi))
    c.setLineWidth(0.9)
    for b in page.scale.breaks:  # a broken axis is marked with a double slash
        y = page.axis_top - END - b
        for dy in (-2.5, 2.5):
            c.line(ax - 4, y + dy - 2, ax + 4, y + dy + 2)
    _ticks(c, page, fonts)
    for i, row in enumerate(page.rows):
        d = row.label.event.date
        if i in page.lanes:  # a range: a bar beside the axis, with square ends
            bx = ax - 4 - page.lanes[i] * LANE
            y0, y1 = page.y(d.start_value()), page.y(d.end_value())
            c.setLineWidth(2.6)
            c.setStrokeGray(0.3)
            c.line(bx, y0, bx, y1)
            c.setLineWidth(0.9)
            for ye in (y0, y1):
                c.line(bx - 2.2, ye, bx + 2.2, ye)
            c.setStrokeGray(0)
        # the leader: out from the date, a straight slope to the label's first line, in to it
        c.setLineWidth(0.5)
        if d.approximate:
            c.setDash(2, 1.5)
        knee0, knee1 = ax + 2 * mm, page.label_x - 2 * mm
        c.line(ax, row.date_y, knee0, row.date_y)
        c.line(knee0, row.date_y, knee1, row.lead_y)
        c.line(knee1, row.lead_y, page.label_x - 0.5 * mm, row.lead_y)
        c.setDash()
        c.setFillGray(1 if d.approximate else 0)
        c.circle(ax, row.date_y, 2.4, stroke=1, fill=1)
        c.setFillGray(0)
        draw_label(c, row.label, page.label_x, row.top, fonts, key, pictures=pictures)


def _ticks(c: Canvas, page: Vertical, fonts: Fonts) -> None:
    """Tick marks and their years left of the range bars; none on an unlabelled, in-order axis."""
    if not page.scale.labelled or not page.rows:
        return
    k = page.rows[0].label.z.scale
    size = 8 * k
    segs = page.scale.segments
    step = round_step(segs[-1].hi - segs[0].lo)
    x = page.axis_x - 3 - (max(page.lanes.values(), default=-1) + 1) * LANE - 2
    c.setLineWidth(0.6)
    c.setFont(fonts.face(), size)
    for seg in segs:
        for v, text in ticks(seg, 10 * mm * k, page.months, step):
            y = page.y(v)
            c.line(page.axis_x - 2.5, y, page.axis_x + 2.5, y)
            if width1(text, fonts.face()) * size <= TICK_W - 1 * mm:
                c.drawRightString(x, y - size * 0.35, text)
