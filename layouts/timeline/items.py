"""The timeline's labels: the events of one date, shown or as numbered writing lines, and how the
blanks are numbered (in date order, one number per hidden date or event)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from studypack.layouts.timeline.blanks import Hidden
from studypack.layouts.worksheet.furniture import PAD, STANDARD, Sizes, rows_for, writing_rows

from studypack.layout_api.pages import Canvas
from studypack.layout_api.styles import mm
from studypack.model import HistDate, TimelineEvent
from studypack.pictures import Pictures
from studypack.text.draw import draw
from studypack.text.fit import Para, height, width1, words_of, wrap
from studypack.text.fonts import Fonts
from studypack.text.markup import plain


@dataclass
class Item:
    """One event in a label: its text shown, or its numbered writing rows."""

    event: TimelineEvent
    number: int  # 0 when the event is shown
    rows: int
    paras: tuple
    lines: list
    z: Sizes = STANDARD

    def height(self) -> float:
        if self.number:  # its writing rows here, or only its number (answers under the timeline)
            return self.rows * self.z.row if self.rows else self.z.text * 1.25
        return height(self.lines)


@dataclass
class Label:
    """The events of one date, as laid out: the date (shown, or one numbered blank), then each
    event; with its size in points. Events of the same date share a label: a date shown for one
    of them would give away the blank of another."""

    date: HistDate
    date_number: int  # 0 when the date is shown
    date_paras: tuple
    items: list[Item]
    w: float
    h: float
    z: Sizes = STANDARD
    inline: bool = True  # writing rows in the label; else numbers only, answers under the timeline

    @property
    def event(self) -> TimelineEvent:
        return self.items[0].event


def group_dates(events: list[TimelineEvent]) -> list[list[int]]:
    """Indexes of the events, grouped by date as written, in date order."""
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        groups.setdefault(" ".join(e.date.text.split()).lower(), []).append(i)
    return sorted(groups.values(), key=lambda g: (events[g[0]].date.sort_key, g[0]))


def number_blanks(
    events: list[TimelineEvent], hidden: Hidden
) -> tuple[list[tuple[list[int], int, dict[int, int]]], int]:
    """Per date group: its events, the number of its date blank (0: shown) and of each event blank;
    numbers run in date order. Returns the groups and how many blanks there are."""
    out, n = [], 0
    for group in group_dates(events):
        parts = [hidden.parts.get(i, "") for i in group]
        date_no = 0
        if any(p in ("date", "both") for p in parts):
            n += 1
            date_no = n
        nums = {}
        for i, p in zip(group, parts, strict=True):
            if p in ("event", "both"):
                n += 1
                nums[i] = n
        out.append((group, date_no, nums))
    return out, n


def make_label(
    events: list[TimelineEvent], group: list[int], date_no: int, nums: dict[int, int], w: float, fonts: Fonts,
    z: Sizes = STANDARD,
    inline: bool = True,
) -> Label:  # fmt: skip
    """A date's label. `inline`: numbered blanks get their writing rows in the label (the vertical
    timeline); otherwise only their number, the answer lines being under the timeline."""
    space1 = width1(" ", fonts.face())
    inner = w - 2 * PAD
    date = events[group[0]].date
    dp = (Para(words_of(date.text, fonts, bold=True)),)
    dl = [] if date_no else wrap(dp, inner, z.text, space1)
    items = []
    for i in group:
        e, no = events[i], nums.get(i, 0)
        ep = (Para(words_of(e.text, fonts)),)
        num_w = width1(f"({no}) ", fonts.face(bold=True)) * z.text
        rows = rows_for(e.text, inner - num_w, fonts, z) if no and inline else 0
        items.append(Item(e, no, rows, ep, [] if no else wrap(ep, inner, z.text, space1), z))
    date_h = (z.row if inline else z.text * 1.25) if date_no else height(dl)
    h = 2 * PAD + date_h + sum(it.height() for it in items) + 1.2 * mm * (len(items) - 1)
    h += sum(THUMB * z.scale + 1 * mm for it in items if it.event.image is not None)
    return Label(date, date_no, dp, items, w, h, z, inline)


THUMB = 12 * mm  # an event's picture, small, under its text in the label


def draw_label(
    c: Canvas, lab: Label, x: float, top: float, fonts: Fonts, key: bool, date_too: bool = True,
    pictures: Pictures | None = None,
) -> None:  # fmt: skip
    """The label's content from `top` down: text, or numbered writing lines (answers in the key)."""
    space1 = width1(" ", fonts.face())
    inner_x, inner_w = x + PAD, lab.w - 2 * PAD
    y = top - PAD
    if date_too:
        y = draw_date(c, lab, inner_x, y, inner_w, fonts, key)
    for k, it in enumerate(lab.items):
        if k:
            y -= 1.2 * mm
        if it.number and not it.rows:
            y = _number(c, it.number, inner_x, y, fonts, lab.z)
        elif it.number:
            num = f"({it.number})"
            num_w = width1(num + " ", fonts.face(bold=True)) * lab.z.text
            y = writing_rows(c, it.event.text, it.rows, (inner_x, y, inner_w), num, num_w, fonts, key, lab.z)
        else:
            y = draw(c, it.paras, it.lines, inner_x, y, inner_w, lab.z.text, space1)
        if it.event.image is not None and pictures is not None:
            y -= 1 * mm
            pictures.draw(c, it.event.image, inner_x, y, inner_w, THUMB * lab.z.scale)
            y -= THUMB * lab.z.scale


def draw_date(c: Canvas, lab: Label, x: float, top: float, w: float, fonts: Fonts, key: bool) -> float:
    space1 = width1(" ", fonts.face())
    if lab.date_number and not lab.inline:
        return _number(c, lab.date_number, x, top, fonts, lab.z)
    if lab.date_number:
        num = f"({lab.date_number})"
        num_w = width1(num + " ", fonts.face(bold=True)) * lab.z.text
        return writing_rows(c, lab.date.text, 1, (x, top, w), num, num_w, fonts, key, lab.z)
    lines = wrap(lab.date_paras, w, lab.z.text, space1)
    return draw(c, lab.date_paras, lines, x, top, w, lab.z.text, space1)


def _number(c: Canvas, n: int, x: float, top: float, fonts: Fonts, z: Sizes) -> float:
    """A blank in a label: its number, in bold, keyed to the answer lines under the timeline."""
    c.setFont(fonts.face(bold=True), z.text)
    c.drawString(x, top - z.text, f"({n})")
    return top - z.text * 1.25


def instruction(blanks: str, bank: bool) -> str:
    what = {"event": "event", "date": "date"}.get(blanks, "date or event")
    order = " The events are in date order along the line." if blanks != "event" else ""
    tail = " The answers are in the word bank." if bank else ""
    return f"Write the missing {what} on each numbered line, using the timeline to help you.{order}{tail}"


def _label_height(lab: Label, date_h: float, items: list[Item]) -> float:
    return 2 * PAD + date_h + sum(it.height() for it in items) + 1.2 * mm * (len(items) - 1)


def split_label(lab: Label, room: float, fonts: Fonts) -> list[Label]:
    """A label taller than `room` (a page's axis) cut between its events, and a very long event
    between its lines, into labels that each fit; every later piece says "(continued)" under its
    date, so nothing is lost and the reader sees where it goes on. Blanks are numbers only here
    (their answers go after the timeline), so only shown text is cut."""
    if lab.h <= room:
        return [lab]
    space1 = width1(" ", fonts.face())
    z = lab.z
    first_date_h = lab.h - _label_height(lab, 0.0, lab.items)
    more = f"{plain(lab.date.text)} (continued)" if not lab.date_number else f"({lab.date_number}) continued"
    more_paras = (Para(words_of(more, fonts, bold=True)),)
    more_h = height(wrap(more_paras, lab.w - 2 * PAD, z.text, space1))
    pieces: list[list[Item]] = [[]]
    left = room - 2 * PAD - first_date_h
    for it in lab.items:
        gap = 1.2 * mm if pieces[-1] else 0.0
        while it.height() + gap > left:
            fit, used = 0, 0.0
            if not it.number:  # shown text: as many of its lines as the piece still holds
                for ln in it.lines:
                    if used + ln.height + ln.space_before + gap > left:
                        break
                    used += ln.height + ln.space_before
                    fit += 1
            if fit:
                pieces[-1].append(replace(it, lines=it.lines[:fit]))
                it = replace(it, lines=[it.lines[fit]._replace(space_before=0.0), *it.lines[fit + 1 :]])
            elif not pieces[-1]:
                break  # nothing fits an empty piece: keep it whole rather than loop
            pieces.append([])
            left, gap = room - 2 * PAD - more_h, 0.0
        pieces[-1].append(it)
        left -= it.height() + gap
    out = []
    for k, items in enumerate(p for p in pieces if p):
        if k == 0:
            out.append(replace(lab, items=items, h=_label_height(lab, first_date_h, items)))
        else:
            out.append(replace(lab, date_number=0, date_paras=more_paras, items=items,
                               h=_label_height(lab, more_h, items)))  # fmt: skip
    return out
