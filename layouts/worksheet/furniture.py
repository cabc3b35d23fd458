"""The timeline worksheet's parts: labels with numbered writing lines (answers in the key), and the
worksheet's header (title, name/class/date, marks box, instruction, word bank). Used by timeline.py;
the leading underscore keeps the registry from loading it as a layout."""

from __future__ import annotations

import math
from dataclasses import dataclass

from studypack.layouts.timeline.blanks import Hidden

from studypack.layout_api.styles import mm
from studypack.model import HistDate, TimelineEvent
from studypack.text.draw import draw
from studypack.text.fit import Para, height, width1, words_of, wrap
from studypack.text.markup import plain

TEXT = 9.0  # label text
PAD = 1.5 * mm
ROW = 8 * mm  # writing lines are at least 8 mm apart
HAND = 1.9 * mm  # handwriting takes about this much line per character
KEY_GREY = 0.25  # answers in the key: dark grey italic, legible in greyscale


@dataclass
class Item:
    """One event in a label: its text shown, or its numbered writing rows."""

    event: TimelineEvent
    number: int  # 0 when the event is shown
    rows: int
    paras: tuple
    lines: list

    def height(self) -> float:
        return self.rows * ROW if self.number else height(self.lines)


@dataclass
class Label:
    """The events of one date, as laid out: the date (shown, or one numbered blank), then each
    event; with its size in points. Events of the same date share a label: a date shown for one
    of them would give away the blank of another."""

    date: HistDate
    date_number: int  # 0 when the date is shown
    date_paras: tuple
    date_lines: list
    items: list[Item]
    w: float
    h: float

    @property
    def event(self) -> TimelineEvent:
        return self.items[0].event


def _rows_for(text: str, line_len: float, fonts) -> int:  # type: ignore[no-untyped-def]
    """Writing rows long enough for `text` in handwriting, and for the key's print of it."""
    hand = max(len(plain(text)) * HAND, 22 * mm)
    printed = len(
        wrap((Para(words_of(text, fonts, italic=True)),), line_len, TEXT, width1(" ", fonts.face()))
    )
    return max(math.ceil(hand / line_len), printed)


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
    events: list[TimelineEvent], group: list[int], date_no: int, nums: dict[int, int], w: float, fonts
) -> Label:  # type: ignore[no-untyped-def]
    space1 = width1(" ", fonts.face())
    inner = w - 2 * PAD
    date = events[group[0]].date
    dp = (Para(words_of(date.text, fonts, bold=True)),)
    dl = [] if date_no else wrap(dp, inner, TEXT, space1)
    items = []
    for i in group:
        e, no = events[i], nums.get(i, 0)
        ep = (Para(words_of(e.text, fonts)),)
        num_w = width1(f"({no}) ", fonts.face(bold=True)) * TEXT
        rows = _rows_for(e.text, inner - num_w, fonts) if no else 0
        items.append(Item(e, no, rows, ep, [] if no else wrap(ep, inner, TEXT, space1)))
    h = (
        2 * PAD
        + (ROW if date_no else height(dl))
        + sum(it.height() for it in items)
        + 1.2 * mm * (len(items) - 1)
    )
    return Label(date, date_no, dp, dl, items, w, h)


def draw_label(c, lab: Label, x: float, top: float, fonts, key: bool, date_too: bool = True) -> None:  # type: ignore[no-untyped-def]
    """The label's content from `top` down: text, or numbered writing lines (answers in the key)."""
    space1 = width1(" ", fonts.face())
    inner_x, inner_w = x + PAD, lab.w - 2 * PAD
    y = top - PAD
    if date_too:
        y = draw_date(c, lab, inner_x, y, inner_w, fonts, key)
    for k, it in enumerate(lab.items):
        if k:
            y -= 1.2 * mm
        if it.number:
            num = f"({it.number})"
            num_w = width1(num + " ", fonts.face(bold=True)) * TEXT
            y = _writing_rows(c, it.event.text, it.rows, inner_x, y, inner_w, num, num_w, fonts, key, space1)
        else:
            y = draw(c, it.paras, it.lines, inner_x, y, inner_w, TEXT, space1)


def draw_date(c, lab: Label, x: float, top: float, w: float, fonts, key: bool) -> float:  # type: ignore[no-untyped-def]
    space1 = width1(" ", fonts.face())
    if lab.date_number:
        num = f"({lab.date_number})"
        num_w = width1(num + " ", fonts.face(bold=True)) * TEXT
        return _writing_rows(c, lab.date.text, 1, x, top, w, num, num_w, fonts, key, space1)
    lines = wrap(lab.date_paras, w, TEXT, space1)
    return draw(c, lab.date_paras, lines, x, top, w, TEXT, space1)


def _writing_rows(c, answer, rows, x, top, w, num, num_w, fonts, key, space1) -> float:  # type: ignore[no-untyped-def]
    """`rows` ruled lines 8 mm apart, the number before the first; in the key, the answer on them."""
    if num:
        c.setFont(fonts.face(bold=True), TEXT)
        c.drawString(x, top - ROW + 1.6, num)
    c.saveState()
    c.setStrokeGray(0.45)
    c.setLineWidth(0.5)
    for r in range(rows):
        base = top - (r + 1) * ROW
        c.line(x + num_w, base, x + w, base)
    c.restoreState()
    if key:
        paras = (Para(words_of(answer, fonts, italic=True)),)
        lines = wrap(paras, w - num_w, TEXT, space1)
        c.setFillGray(KEY_GREY)
        for r, ln in enumerate(lines):
            draw(c, paras, [ln._replace(height=TEXT * 1.2, space_before=0.0)], x + num_w,
                 top - (r + 1) * ROW + TEXT * 1.2 + 1.6 - TEXT * 0.25, w - num_w, TEXT, space1)  # fmt: skip
        c.setFillGray(0)
    return top - rows * ROW


# ---- the worksheet's header -------------------------------------------------------------------


@dataclass
class Sheet:
    """What one worksheet (or its key) shows: title, version, instruction, word bank, marks."""

    title: str
    version: str
    instruction: str
    bank: list[str]
    marks: int


def instruction(blanks: str, bank: bool) -> str:
    what = {"event": "event", "date": "date"}.get(blanks, "date or event")
    tail = " The answers are in the word bank." if bank else ""
    return f"Write the missing {what} on each numbered line, using the timeline to help you.{tail}"


def header_height(sheet: Sheet, width: float, fonts) -> float:  # type: ignore[no-untyped-def]
    h = 18 + 14 + 13 + 3 * mm
    if sheet.bank:
        h += _bank_height(sheet.bank, width, fonts) + 3 * mm
    return h


def _bank_paras(items: list[str], fonts) -> tuple:  # type: ignore[no-untyped-def]
    head = words_of("Word bank:", fonts, bold=True)
    words = list(head)
    for i, item in enumerate(items):
        words += words_of(item, fonts) + (words_of("·", fonts) if i < len(items) - 1 else ())
    return (Para(tuple(words)),)


def _bank_height(items: list[str], width: float, fonts) -> float:  # type: ignore[no-untyped-def]
    paras = _bank_paras(items, fonts)
    return height(wrap(paras, width - 2 * PAD, TEXT, width1(" ", fonts.face()))) + 2 * PAD


def draw_header(c, sheet: Sheet, x: float, top: float, width: float, fonts, key: bool) -> float:  # type: ignore[no-untyped-def]
    """Title, name/class/date line (or 'answer key'), marks box, instruction, word bank; returns
    the y below it. The key's header has the same height, so the timeline sits in the same place."""
    title = (
        ("Answer key: " if key else "")
        + sheet.title
        + (f"  ·  Version {sheet.version}" if sheet.version else "")
    )
    c.setFont(fonts.face(bold=True), 15)
    c.drawString(x, top - 15, title)
    if not key:  # the marks box, top right
        bw, bh = 34 * mm, 11 * mm
        c.setLineWidth(0.8)
        c.rect(x + width - bw, top - bh - 1, bw, bh)
        c.setFont(fonts.face(), 12)
        c.drawRightString(x + width - 3 * mm, top - bh / 2 - 5, f"____ / {sheet.marks}")
    y = top - 18 - 14
    c.setFont(fonts.face(), 10.5)
    if key:
        c.setFillGray(KEY_GREY)
        c.drawString(x, y + 3, "Answer key for the teacher: not for handing out.")
        c.setFillGray(0)
    else:
        avail = width - 38 * mm  # clear of the marks box
        c.setLineWidth(0.5)
        c.setStrokeGray(0.35)
        for label, a, b in (("Name", 0.0, 0.5), ("Class", 0.53, 0.74), ("Date", 0.77, 1.0)):
            c.drawString(x + a * avail, y + 3, label)
            lx = x + a * avail + width1(label + " ", fonts.face()) * 10.5
            c.line(lx, y + 1, x + b * avail, y + 1)
        c.setStrokeGray(0)
    y -= 13
    c.setFont(fonts.face(italic=True), 9.5)
    c.drawString(x, y + 2, sheet.instruction if not key else "The answers are in italic on the lines.")
    y -= 3 * mm
    if sheet.bank:
        paras = _bank_paras(sheet.bank, fonts)
        bh = _bank_height(sheet.bank, width, fonts)
        c.setLineWidth(0.6)
        c.rect(x, y - bh, width, bh)
        space1 = width1(" ", fonts.face())
        draw(
            c,
            paras,
            wrap(paras, width - 2 * PAD, TEXT, space1),
            x + PAD,
            y - PAD,
            width - 2 * PAD,
            TEXT,
            space1,
        )
        y -= bh + 3 * mm
    return y
