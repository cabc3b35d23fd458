"""A fill-in timeline worksheet and its answer key.

The pack's dated events sit on a drawn time axis (broken across long empty stretches), each with a
label joined to its date by a leader; some labels have numbered writing lines where the date or the
event was. The key has the same positions with the answers filled in. When the labels cannot all be
placed without overlapping, the timeline is drawn vertically instead and flows over pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from studypack.layouts.timeline.blanks import Blanks, choose, parse_hide
from studypack.layouts.timeline.items import (
    Label,
    draw_date,
    draw_label,
    group_dates,
    instruction,
    make_label,
    number_blanks,
)
from studypack.layouts.timeline.labels import Box, Placed, crosses, place
from studypack.layouts.timeline.scale import Scale, make_scale, order_scale, round_step, ticks
from studypack.layouts.worksheet.furniture import (
    PAD,
    STANDARD,
    AnswerKey,
    Sheet,
    Sizes,
    answer_grid,
    answers_height,
    arrange,
    draw_answers,
    draw_header,
    header_height,
    version_letter,
    word_bank,
)

from studypack.layout_api import options as o
from studypack.layout_api.pages import Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.registry import Layout, register
from studypack.layout_api.styles import FURNITURE_BAND, mm
from studypack.model import Pack, Section, TimelineEvent
from studypack.text.fit import height, width1, wrap
from studypack.text.markup import plain
from studypack.wording import plural

SIDE = 10 * mm
LABEL_WIDTHS = (40, 48, 58)  # mm: label widths tried on a horizontal timeline


Axis = Literal["auto", "horizontal", "vertical"]
AXES: tuple[str, ...] = get_args(Axis)


@dataclass(frozen=True)
class TimelineOptions:
    topics: tuple = o.option((), "topics whose events to use (default all)", o.text_list)
    blanks: Blanks = o.option("event", "what a blank hides", o.one_of(Blanks))
    hide: str = o.option("all", "how many events get a blank: all, a number, or a fraction", parse_hide)
    seed: int = o.option(
        1, "seed for which items are hidden and the word bank order", o.number(0, 10**9, True)
    )
    word_bank: bool = o.option(False, "list the hidden answers, shuffled, for students to use", o.boolean)
    answer_key: AnswerKey = o.option("after", "where the answer key goes", o.one_of(AnswerKey))
    versions: int = o.option(1, "worksheets that hide different items (A, B, ...)", o.number(1, 6, True))
    # `orientation` says both things a teacher means by it: the page (landscape, portrait) or the
    # axis (horizontal, vertical, auto). The two sets of words never overlap, so one option reads
    # either way; the axis is kept in `style`, its older name, which still works.
    orientation: Literal["landscape", "portrait"] = o.option(
        "landscape",
        "page orientation; or the axis: horizontal, vertical, auto (same as style)",
        o.choice("landscape", "portrait", *AXES),
    )
    style: Axis = o.option("auto", "the axis across (horizontal), down (vertical), or auto", o.one_of(Axis))
    title: str = o.option("", "worksheet title (default: Timeline: <pack title>)", o.text)
    font_size: float = o.option(9.0, "text size of the labels and answers (pt)", o.number(7, 20))

    def __post_init__(self) -> None:
        axis = str(self.orientation)
        if axis not in AXES:
            return
        if self.style != "auto" and self.style != axis:
            raise o.OptionError(
                f"orientation: {axis} and style: {self.style} disagree",
                "give the axis once, with orientation",
            )
        object.__setattr__(self, "style", axis)  # frozen: set once, as the teacher wrote it
        object.__setattr__(self, "orientation", "landscape")


# ---- the horizontal timeline ------------------------------------------------------------------


@dataclass
class Horizontal:
    axis_y: float
    scale: Scale
    labels: list[Label]
    placed: list[Placed]
    lanes: dict[int, int]  # label index -> lane of its range bar above the axis
    months: bool = True  # some date gives its month: short spans get month ticks


def _lanes(labels: list[Label], scale) -> dict[int, int]:
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
    hidden_dates = any(lab.date_number for lab in labels)
    scale = (order_scale if hidden_dates else make_scale)(spans, left + 4 * mm, right - 4 * mm)
    lanes = _lanes(labels, scale)
    n_lanes = max(lanes.values(), default=-1) + 1
    clear_above = 4 + n_lanes * 4 + 3
    clear_below = 4 + 10 + 3  # tick labels sit under the axis
    wants = [(scale.x(lab.event.date.start_value()), lab.w, lab.h) for lab in labels]
    bars = [
        (scale.x(labels[i].event.date.start_value()), scale.x(labels[i].event.date.end_value()), i)
        for i in lanes
    ]
    # a leader going up from inside another event's range would cross its bar: it goes down instead
    below_only = frozenset(
        k for k, (ax, _, _) in enumerate(wants) if any(x0 + 1 < ax < x1 - 1 and i != k for x0, x1, i in bars)
    )
    for share in (0.5, 0.42, 0.58, 0.35, 0.65):  # the axis a little up or down if that helps
        axis_y = bottom + (top - bottom) * share
        placed = place(wants, left, right, axis_y, clear_above, clear_below, top, bottom, below_only)
        if placed is not None:
            months = any(lab.date.start.month for lab in labels)
            return Horizontal(axis_y, scale, labels, placed, lanes, months)
    return None


def draw_horizontal(c, hz: Horizontal, fonts, key: bool) -> None:
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
            x_end = scale.x(d.end_value())
            c.setLineWidth(2.6)
            c.setStrokeGray(0.3)
            c.line(x, y, x_end, y)
            c.setLineWidth(0.9)  # square ends, so where the range stops is plain
            for xe in (x, x_end):
                c.line(xe, y - 2.2, xe, y + 2.2)
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


def _ticks(c, hz: Horizontal, fonts) -> None:
    """Tick marks and their years, on a white ground so leaders passing under them stay readable;
    none on an unlabelled, in-order axis (dates are the blanks)."""
    if not hz.scale.labelled:
        return
    axis_y = hz.axis_y
    k = hz.labels[0].z.scale if hz.labels else 1.0  # tick years grow with a large-print sheet
    size = 8 * k
    c.setLineWidth(0.6)
    segs = hz.scale.segments
    step = round_step(segs[-1].hi - segs[0].lo)
    leaders = [p.leader(axis_y) for p in hz.placed if not p.above]
    for seg in segs:
        last = -1e9
        for v, text in ticks(seg, 16 * mm * k, hz.months, step):
            x = seg.x(v)
            c.line(x, axis_y - 2.5, x, axis_y + 2.5)
            w = width1(text, fonts.face()) * size
            spot = Box(x - w / 2 - 1, axis_y - 5.5 - size, x + w / 2 + 1, axis_y - 4)
            if x - w / 2 > last + 3 and not any(crosses(ld, spot) for ld in leaders):  # never over a leader
                c.setFillGray(1)
                c.rect(x - w / 2 - 1, axis_y - 5.5 - size, w + 2, size + 1.5, stroke=0, fill=1)
                c.setFillGray(0)
                c.setFont(fonts.face(), size)
                c.drawCentredString(x, axis_y - 4 - size, text)
                last = x + w / 2


# ---- the vertical timeline ----------------------------------------------------------------------


DATE_COL = 34 * mm


def _shift(z: Sizes) -> float:
    """How far a writing row's first baseline sits below a text's."""
    return (z.row - 1.6) - 0.95 * z.text


def _shifts(lab: Label) -> tuple[float, float]:
    """How far down to start the date and the events so their first baselines meet."""
    date_row, item_row = bool(lab.date_number), bool(lab.items[0].number)
    if item_row and not date_row:
        return _shift(lab.z), 0.0
    if date_row and not item_row:
        return 0.0, _shift(lab.z)
    return 0.0, 0.0


def vertical_rows(labels: list[Label], width: float, fonts) -> list[tuple[Label, float]]:
    """Per date: its label (the date goes in the date column) and the row's height."""
    rows = []
    space1 = width1(" ", fonts.face())
    for lab in labels:
        date_h = (
            lab.z.row
            if lab.date_number
            else height(wrap(lab.date_paras, DATE_COL - 2 * mm, lab.z.text, space1))
        )
        body_h = sum(it.height() for it in lab.items) + 1.2 * mm * (len(lab.items) - 1)
        d, b = _shifts(lab)
        rows.append((lab, max(date_h + d, body_h + b) + 2 * PAD + 1.5 * mm))
    return rows


def draw_vertical_rows(c, rows, x: float, top: float, width: float, fonts, key: bool) -> None:
    axis_x = x + DATE_COL + 3 * mm
    y = top
    c.setLineWidth(1.2)
    c.line(axis_x, top, axis_x, top - sum(h for _, h in rows))
    for lab, h in rows:
        d, b = _shifts(lab)
        baseline = y - PAD - (lab.z.row - 1.6 if lab.date_number else 0.95 * lab.z.text + d)
        c.setFillGray(1 if lab.date.approximate else 0)
        c.circle(axis_x, baseline + lab.z.text * 0.35, 2.4, stroke=1, fill=1)
        c.setFillGray(0)
        draw_date(c, lab, x, y - PAD - d, DATE_COL - 2 * mm, fonts, key)
        draw_label(c, lab, axis_x + 5 * mm, y - b, fonts, key, date_too=False)
        y -= h


# ---- the section ------------------------------------------------------------------------------


def _numbered_answers(events: list[TimelineEvent], groups) -> list[tuple[int, str]]:
    """Each blank's number and answer (the date, or the event), in number order."""
    out = []
    for group, date_no, nums in groups:
        if date_no:
            out.append((date_no, plain(events[group[0]].date.text)))
        out += [(nums[i], plain(events[i].text)) for i in group if i in nums]
    return sorted(out)


def _answers(events: list[TimelineEvent], groups) -> tuple[list[str], list[str]]:
    """The hidden dates and the hidden events, as their answers read."""
    dates, texts = [], []
    for group, date_no, nums in groups:
        if date_no:
            dates.append(plain(events[group[0]].date.text))
        texts += [plain(events[i].text) for i in group if i in nums]
    return dates, texts


def _banks(events, groups, opts: TimelineOptions, version: int) -> tuple:
    """The word banks: dates and events in banks of their own when both are hidden."""
    if not opts.word_bank:
        return ()
    dates, texts = _answers(events, groups)
    named = [("Dates", dates), ("Events", texts)] if dates and texts else [("Word bank", dates or texts)]
    return tuple((title, tuple(word_bank(items, opts.seed, version))) for title, items in named)


def _labels(
    events, groups, w: float, fonts, widen: bool = False, z: Sizes = STANDARD, inline: bool = True
) -> list[Label]:
    """Labels of width w; with `widen`, a date with several events gets a wider, shorter label."""
    return [
        make_label(events, g, d, nums, w * (1.8 if widen and len(g) > 1 else 1.0), fonts, z, inline)
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
    answers: tuple = (1, [])  # the answer grid under a horizontal timeline (answer_grid)
    answers_apart: bool = False  # the answers on a page of their own, after the timeline


def lay_version(sheet: Sheet, events, groups, opts, fonts, W: float, H: float) -> Laid:
    """Horizontal if every label can be placed on the page, else vertical over portrait pages."""
    width = W - 2 * SIDE
    top = H - FURNITURE_BAND - header_height(sheet, width, fonts)
    bottom = FURNITURE_BAND
    grid = answer_grid(_numbered_answers(events, groups), width, fonts, sheet.z)
    below = answers_height(grid, sheet.z)
    tries = [(w, widen) for w in LABEL_WIDTHS for widen in (False, True)] if opts.style != "vertical" else []
    for apart in (False, True):  # the answers under the timeline, else on a page of their own
        low = FURNITURE_BAND + (0.0 if apart else below + 5 * mm)
        for label_mm, widen in tries:  # narrow labels first; wider ones are shorter
            labels = _labels(
                events, groups, label_mm * mm * sheet.z.scale, fonts, widen, sheet.z, inline=False
            )
            hz = lay_horizontal(labels, SIDE, W - SIDE, top, low) if top - low > 40 * mm else None
            if hz is not None:
                return Laid("horizontal", W, H, hz=hz, answers=grid, answers_apart=apart)
    if W > H:  # a vertical timeline reads down a portrait page
        W, H = H, W
        width = W - 2 * SIDE
        top = H - FURNITURE_BAND - header_height(sheet, width, fonts)
    rows = vertical_rows(_labels(events, groups, width - DATE_COL - 8 * mm, fonts, z=sheet.z), width, fonts)
    chunks: list[list] = []
    cur: list = []
    room = top - bottom
    for row in rows:  # rows flow over pages; a later page has a one-line heading
        if cur and sum(h for _, h in cur) + row[1] > room:
            chunks.append(cur)
            cur, room = [], H - 2 * FURNITURE_BAND - 22
        cur.append(row)
    chunks.append(cur)
    return Laid("vertical", W, H, chunks=chunks)


def _pages(laid: Laid, sheet: Sheet, fonts, key: bool) -> list[Page]:
    """The worksheet's (or, with `key`, its answer key's) pages, drawn from one layout."""
    W, H = laid.W, laid.H
    width = W - 2 * SIDE
    if laid.hz is not None:
        hz = laid.hz

        below = answers_height(laid.answers, sheet.z)

        def one(c) -> None:
            draw_header(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key)
            draw_horizontal(c, hz, fonts, key)
            if not laid.answers_apart:
                draw_answers(c, laid.answers, SIDE, FURNITURE_BAND + below, width, fonts, key, sheet.z)

        def answers_page(c) -> None:
            c.setFont(fonts.face(bold=True), 12)
            c.drawString(
                SIDE, H - FURNITURE_BAND - 12, ("Answer key: " if key else "") + sheet.title + " (answers)"
            )
            draw_answers(c, laid.answers, SIDE, H - FURNITURE_BAND - 22, width, fonts, key, sheet.z)

        return [Page(W, H, one)] + ([Page(W, H, answers_page)] if laid.answers_apart else [])
    pages = []
    for k, chunk in enumerate(laid.chunks or []):

        def page(c, chunk=chunk, k=k) -> None:
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


def versions(
    pack: Pack, opts: TimelineOptions, fonts, text_size: float = 9.0
) -> list[tuple[Sheet, Laid, list]]:
    """Each version's sheet, layout and blank groups (what the pages draw; tests check it)."""
    events = events_of(pack, opts)
    W, H = page_size(pack, opts)
    title = opts.title or f"Timeline: {pack.title}"
    out = []
    for v in range(opts.versions):
        hidden = choose(len(events), opts.blanks, opts.hide, opts.seed, v, group_dates(events))
        groups, n_blanks = number_blanks(events, hidden)
        letter = version_letter(v, opts.versions)
        banks = _banks(events, groups, opts, v)
        sheet = Sheet(
            title, letter, instruction(opts.blanks, opts.word_bank), n_blanks, Sizes(text_size), banks
        )
        out.append((sheet, lay_version(sheet, events, groups, opts, fonts, W, H), groups))
    return out


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, TimelineOptions)
    fonts = ctx.fonts
    events = events_of(pack, opts)
    each_student = PrintAdvice("single", "per-student")
    if not events:
        return SectionPages(
            (),
            each_student,
            "no dated events in the chosen topics",
            ("no timeline: the topics have no dated events",),
        )
    sheets_out, keys_out, letters, kinds, blanks = [], [], [], [], 0
    text = max(opts.font_size, ctx.preset.sheet_min if ctx.preset.name != "standard" else 0.0)
    for sheet, laid, _groups in versions(pack, opts, fonts, text):
        sheets_out.append(_pages(laid, sheet, fonts, False))
        keys_out.append(_pages(laid, sheet, fonts, True))
        letters.append(sheet.version)
        kinds.append(laid.kind)
        blanks = sheet.marks
    pages, end, keys = arrange(sheets_out, keys_out, letters, opts.answer_key)
    notices = []
    if opts.style != "vertical" and "vertical" in kinds:  # say why the axis was not drawn across
        notices.append(
            f"drawn as a vertical timeline: the labels of {plural(len(events), 'event')} do not fit one "
            f"{'landscape' if opts.orientation == 'landscape' else 'portrait'} page side by side, even "
            "with the answers on a page of their own (hide fewer, or choose orientation: vertical)"
        )
    summary = (f"{plural(len(events), 'event')}, {plural(blanks, 'blank')}, "
               f"{plural(opts.versions, 'version')}, {'/'.join(sorted(set(kinds)))}")  # fmt: skip
    return SectionPages(
        pages, each_student, summary, tuple(notices), end_pages=end, end_title="Timeline answer keys",
        end_advice=PrintAdvice("single", "teacher"), keys=keys,
    )  # fmt: skip


register(
    Layout(
        "timeline", "a fill-in timeline worksheet with its answer key", TimelineOptions, render, order=30,
        title="Timeline worksheet",
    )
)  # fmt: skip
