"""A fill-in timeline worksheet and its answer key.

The pack's dated events sit on a drawn time axis (broken across long empty stretches), each with a
label joined to its date by a leader; some labels have numbered writing lines where the date or the
event was. The key has the same positions with the answers filled in. When the labels cannot all be
placed without overlapping, the timeline is drawn vertically instead and flows over pages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studypack import options as o
from studypack.blanks import Hidden, choose, parse_hide, word_bank
from studypack.dates import HistDate
from studypack.labels import Placed, place
from studypack.markup import plain
from studypack.model import Pack, Section, TimelineEvent
from studypack.pages import Page, RenderContext, SectionPages
from studypack.registry import Layout, register
from studypack.styles import FURNITURE_BAND, mm
from studypack.textfit import Para, draw, height, width1, words_of, wrap
from studypack.timescale import make_scale, ticks

SIDE = 10 * mm
TEXT = 9.0  # label text
PAD = 1.5 * mm
ROW = 8 * mm  # writing lines are at least 8 mm apart
HAND = 1.9 * mm  # handwriting takes about this much line per character
LABEL_WIDTHS = (40, 48, 58)  # mm: label widths tried on a horizontal timeline
KEY_GREY = 0.25  # answers in the key: dark grey italic, legible in greyscale


@dataclass(frozen=True)
class TimelineOptions:
    topics: tuple = o.option((), "topics whose events to use (default all)", o.text_list)
    blanks: str = o.option("event", "what a blank hides", o.choice("event", "date", "both", "mixed"))
    hide: str = o.option("all", "how many events get a blank: all, a number, or a fraction", parse_hide)
    seed: int = o.option(
        1, "seed for which items are hidden and the word bank order", o.number(0, 10**9, True)
    )
    word_bank: bool = o.option(False, "list the hidden answers, shuffled, for students to use", o.boolean)
    answer_key: str = o.option("after", "where the answer key goes", o.choice("after", "end", "none"))
    versions: int = o.option(1, "worksheets that hide different items (A, B, ...)", o.number(1, 6, True))
    orientation: str = o.option("landscape", "page orientation", o.choice("landscape", "portrait"))
    style: str = o.option(
        "auto", "horizontal axis, vertical list, or auto", o.choice("auto", "horizontal", "vertical")
    )
    title: str = o.option("", "worksheet title (default: Timeline: <pack title>)", o.text)


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


def _instruction(blanks: str, bank: bool) -> str:
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


# ---- the horizontal timeline ------------------------------------------------------------------


@dataclass
class Horizontal:
    axis_y: float
    scale: object
    labels: list[Label]
    placed: list[Placed]
    lanes: dict[int, int]  # label index -> lane of its range bar above the axis


def _lanes(labels: list[Label], scale) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Range bars in lanes above the axis, so overlapping ranges stay apart (interval packing)."""
    ends: list[float] = []
    out = {}
    for i, lab in enumerate(labels):
        d = lab.event.date
        if not d.is_span:
            continue
        x0, x1 = scale.x(d.start_value()), scale.x(d.end_value())
        lane = next((k for k, e in enumerate(ends) if e + 3 < x0), len(ends))
        if lane == len(ends):
            ends.append(x1)
        else:
            ends[lane] = x1
        out[i] = lane
    return out


def lay_horizontal(
    labels: list[Label], left: float, right: float, top: float, bottom: float
) -> Horizontal | None:
    """Axis, scale and label boxes, or None when the labels cannot all be placed on the page."""
    spans = [(lab.event.date.start_value(), lab.event.date.end_value()) for lab in labels]
    scale = make_scale(spans, left + 4 * mm, right - 4 * mm)
    lanes = _lanes(labels, scale)
    n_lanes = max(lanes.values(), default=-1) + 1
    clear_above = 4 + n_lanes * 4 + 3
    clear_below = 4 + 10 + 3  # tick labels sit under the axis
    wants = [(scale.x(lab.event.date.start_value()), lab.w, lab.h) for lab in labels]
    for share in (0.5, 0.42, 0.58, 0.35, 0.65):  # the axis a little up or down if that helps
        axis_y = bottom + (top - bottom) * share
        placed = place(wants, left, right, axis_y, clear_above, clear_below, top, bottom)
        if placed is not None:
            return Horizontal(axis_y, scale, labels, placed, lanes)
    return None


def draw_horizontal(c, hz: Horizontal, fonts, key: bool) -> None:  # type: ignore[no-untyped-def]
    axis_y, scale = hz.axis_y, hz.scale
    c.setLineWidth(1.2)
    for seg in scale.segments:
        c.line(seg.x0, axis_y, seg.x1, axis_y)
    c.setLineWidth(0.9)
    for bx in scale.breaks:  # a broken axis is marked with a double slash
        for dx in (-2.5, 2.5):
            c.line(bx + dx - 2, axis_y - 4, bx + dx + 2, axis_y + 4)
    for i, lab in enumerate(hz.labels):
        d = lab.event.date
        p = hz.placed[i]
        x = scale.x(d.start_value())
        if i in hz.lanes:  # a range: a bar spanning its years
            y = axis_y + 4 + hz.lanes[i] * 4
            c.setLineWidth(2.6)
            c.setStrokeGray(0.3)
            c.line(x, y, scale.x(d.end_value()), y)
            c.setStrokeGray(0)
        c.setLineWidth(0.5)
        if d.approximate:
            c.setDash(2, 1.5)
        x1, y1, x2, y2 = p.leader(axis_y)
        c.line(x1, y1, x2, y2)
        c.setDash()
        c.setFillGray(1 if d.approximate else 0)  # approximate dates: a hollow marker
        c.circle(x, axis_y, 2.4, stroke=1, fill=1)
        c.setFillGray(0)
        b = p.box
        c.setLineWidth(0.6)
        c.rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0)
        draw_label(c, lab, b.x0, b.y1, fonts, key)
    _ticks(c, hz, fonts)


def _ticks(c, hz: Horizontal, fonts) -> None:  # type: ignore[no-untyped-def]
    """Tick marks and their years, on a white ground so leaders passing under them stay readable."""
    axis_y = hz.axis_y
    c.setLineWidth(0.6)
    for seg in hz.scale.segments:
        last = -1e9
        for v, text in ticks(seg, 16 * mm):
            x = seg.x(v)
            c.line(x, axis_y - 2.5, x, axis_y + 2.5)
            w = width1(text, fonts.face()) * 8
            if x - w / 2 > last + 3:
                c.setFillGray(1)
                c.rect(x - w / 2 - 1, axis_y - 13.5, w + 2, 9.5, stroke=0, fill=1)
                c.setFillGray(0)
                c.setFont(fonts.face(), 8)
                c.drawCentredString(x, axis_y - 12, text)
                last = x + w / 2


# ---- the vertical timeline ----------------------------------------------------------------------


DATE_COL = 34 * mm


def vertical_rows(labels: list[Label], width: float, fonts) -> list[tuple[Label, float]]:  # type: ignore[no-untyped-def]
    """Per date: its label (the date goes in the date column) and the row's height."""
    rows = []
    for lab in labels:
        date_h = (
            ROW
            if lab.date_number
            else height(wrap(lab.date_paras, DATE_COL - 2 * mm, TEXT, width1(" ", fonts.face())))
        )
        body_h = sum(it.height() for it in lab.items) + 1.2 * mm * (len(lab.items) - 1)
        rows.append((lab, max(date_h, body_h) + 2 * PAD + 1.5 * mm))
    return rows


def draw_vertical_rows(c, rows, x: float, top: float, width: float, fonts, key: bool) -> None:  # type: ignore[no-untyped-def]
    axis_x = x + DATE_COL + 3 * mm
    y = top
    c.setLineWidth(1.2)
    c.line(axis_x, top, axis_x, top - sum(h for _, h in rows))
    for lab, h in rows:
        c.setFillGray(1 if lab.date.approximate else 0)
        c.circle(axis_x, y - PAD - TEXT * 0.6, 2.4, stroke=1, fill=1)
        c.setFillGray(0)
        draw_date(c, lab, x, y - PAD, DATE_COL - 2 * mm, fonts, key)
        draw_label(c, lab, axis_x + 5 * mm, y, fonts, key, date_too=False)
        y -= h


# ---- the section ------------------------------------------------------------------------------


def _answers(events: list[TimelineEvent], groups) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for group, date_no, nums in groups:
        if date_no:
            out.append(plain(events[group[0]].date.text))
        out += [plain(events[i].text) for i in group if i in nums]
    return out


def _labels(events, groups, w: float, fonts, widen: bool = False) -> list[Label]:  # type: ignore[no-untyped-def]
    """Labels of width w; with `widen`, a date with several events gets a wider, shorter label."""
    return [
        make_label(events, g, d, nums, w * (1.8 if widen and len(g) > 1 else 1.0), fonts)
        for g, d, nums in groups
    ]


@dataclass
class Laid:
    """One version laid out: horizontal (`hz`) or vertical (`chunks` of rows per page)."""

    kind: str
    W: float
    H: float
    hz: Horizontal | None = None
    chunks: list | None = None


def lay_version(sheet: Sheet, events, groups, opts, fonts, W: float, H: float) -> Laid:  # type: ignore[no-untyped-def]
    """Horizontal if every label can be placed on the page, else vertical over portrait pages."""
    width = W - 2 * SIDE
    top = H - FURNITURE_BAND - header_height(sheet, width, fonts)
    bottom = FURNITURE_BAND
    tries = [(w, widen) for w in LABEL_WIDTHS for widen in (False, True)] if opts.style != "vertical" else []
    for label_mm, widen in tries:  # narrow labels first; wider ones are shorter
        hz = lay_horizontal(_labels(events, groups, label_mm * mm, fonts, widen), SIDE, W - SIDE, top, bottom)
        if hz is not None:
            return Laid("horizontal", W, H, hz=hz)
    if W > H:  # a vertical timeline reads down a portrait page
        W, H = H, W
        width = W - 2 * SIDE
        top = H - FURNITURE_BAND - header_height(sheet, width, fonts)
    rows = vertical_rows(_labels(events, groups, width - DATE_COL - 8 * mm, fonts), width, fonts)
    chunks, cur, room = [], [], top - bottom
    for row in rows:  # rows flow over pages; a later page has a one-line heading
        if cur and sum(h for _, h in cur) + row[1] > room:
            chunks.append(cur)
            cur, room = [], H - 2 * FURNITURE_BAND - 22
        cur.append(row)
    chunks.append(cur)
    return Laid("vertical", W, H, chunks=chunks)


def _pages(laid: Laid, sheet: Sheet, fonts, key: bool) -> list[Page]:  # type: ignore[no-untyped-def]
    """The worksheet's (or, with `key`, its answer key's) pages, drawn from one layout."""
    W, H = laid.W, laid.H
    width = W - 2 * SIDE
    if laid.hz is not None:
        hz = laid.hz

        def one(c) -> None:  # type: ignore[no-untyped-def]
            draw_header(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key)
            draw_horizontal(c, hz, fonts, key)

        return [Page(W, H, one)]
    pages = []
    for k, chunk in enumerate(laid.chunks or []):

        def page(c, chunk=chunk, k=k) -> None:  # type: ignore[no-untyped-def]
            if k == 0:
                y = draw_header(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key)
            else:
                c.setFont(fonts.face(bold=True), 12)
                head = ("Answer key: " if key else "") + sheet.title + " (continued)"
                c.drawString(SIDE, H - FURNITURE_BAND - 12, head)
                y = H - FURNITURE_BAND - 22
            draw_vertical_rows(c, chunk, SIDE, y, width, fonts, key)

        pages.append(Page(W, H, page))
    return pages


def events_of(pack: Pack, opts: TimelineOptions) -> list[TimelineEvent]:
    """The chosen topics' events in date order."""
    return sorted(
        (e for t in pack.topics_named(opts.topics) for e in t.timeline), key=lambda e: e.date.sort_key
    )


def page_size(pack: Pack, opts: TimelineOptions) -> tuple[float, float]:
    pw, ph = (v * mm for v in pack.paper.value)
    return (ph, pw) if opts.orientation == "landscape" else (pw, ph)


def versions(pack: Pack, opts: TimelineOptions, fonts) -> list[tuple[Sheet, Laid, list]]:  # type: ignore[no-untyped-def]
    """Each version's sheet, layout and blank groups (what the pages draw; tests check it)."""
    events = events_of(pack, opts)
    W, H = page_size(pack, opts)
    title = opts.title or f"Timeline: {pack.title}"
    out = []
    for v in range(opts.versions):
        hidden = choose(len(events), opts.blanks, opts.hide, opts.seed, v)
        groups, n_blanks = number_blanks(events, hidden)
        letter = "ABCDEF"[v] if opts.versions > 1 else ""
        bank = word_bank(_answers(events, groups), opts.seed, v) if opts.word_bank else []
        sheet = Sheet(title, letter, _instruction(opts.blanks, opts.word_bank), bank, n_blanks)
        out.append((sheet, lay_version(sheet, events, groups, opts, fonts, W, H), groups))
    return out


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts: TimelineOptions = section.options
    fonts = ctx.fonts
    events = events_of(pack, opts)
    if not events:
        return SectionPages(
            [], "", "no dated events in the chosen topics", ["no timeline: the topics have no dated events"]
        )
    sheets_out, keys_out, kinds, blanks = [], [], [], 0
    for sheet, laid, _groups in versions(pack, opts, fonts):
        ws, ks = _pages(laid, sheet, fonts, False), _pages(laid, sheet, fonts, True)
        name = f"version {sheet.version}" if sheet.version else ""
        ws[0].new_sheet, ws[0].bookmarks = True, [(f"Worksheet {name}".strip(), 1)]
        ks[0].new_sheet, ks[0].bookmarks = True, [(f"Answer key {name}".strip(), 1)]
        for k in ks:
            k.role = "key"
        sheets_out.append(ws)
        keys_out.append(ks)
        kinds.append(laid.kind)
        blanks = sheet.marks
    keys = [p for ks in keys_out for p in ks]
    if opts.answer_key == "after":
        pages = [p for ws, ks in zip(sheets_out, keys_out, strict=True) for p in ws + ks]
    else:
        pages = [p for ws in sheets_out for p in ws]
    end = keys if opts.answer_key == "end" else []
    how = f"single-sided on {pack.paper.label}, 100% / actual size; one copy per student"
    if opts.answer_key == "after":
        how += "; the answer key follows each worksheet (do not copy it for students)"
    notices = []
    if opts.style == "horizontal" and "vertical" in kinds:
        notices.append("too many events for one horizontal page: drawn as a vertical timeline instead")
    n_versions = f"{opts.versions} version{'s' if opts.versions > 1 else ''}"
    summary = f"{len(events)} events, {blanks} blanks, {n_versions}, {'/'.join(sorted(set(kinds)))}"
    return SectionPages(
        pages, how, summary, notices, end_pages=end, end_title="Timeline answer keys",
        end_how="for the teacher: single-sided, 100% / actual size", keys=keys,
    )  # fmt: skip


register(
    Layout("timeline", "a fill-in timeline worksheet with its answer key", TimelineOptions, render, order=30)
)
