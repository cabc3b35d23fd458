"""A fill-in timeline worksheet and its answer key.

The pack's dated events sit on a drawn time axis (broken across long empty stretches), each with a
label joined to its date by a leader; some labels have numbered writing lines where the date or the
event was. The key has the same positions with the answers filled in. When the labels cannot all be
placed without overlapping, the timeline is drawn vertically instead and flows over pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from studypack.layouts.timeline import vertical as V
from studypack.layouts.timeline.blanks import choose
from studypack.layouts.timeline.items import (
    THUMB,
    Label,
    draw_label,
    group_dates,
    instruction,
    make_label,
    number_blanks,
    split_label,
)
from studypack.layouts.timeline.labels import Box, Placed, Want, crosses, place
from studypack.layouts.timeline.options import TimelineOptions
from studypack.layouts.timeline.scale import Scale, make_scale, order_scale, pack_lanes, round_step, ticks
from studypack.layouts.worksheet.flow import (
    Same,
    hand_out,
    reviewed_events,
    sheet_key,
    text_size,
    unnamed,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import (
    PAD,
    STANDARD,
    Sheet,
    Sizes,
    answer_grid,
    answer_pages,
    answers_height,
    continued_head,
    draw_answers,
    draw_header,
    draw_name,
    draw_tag,
    header_height,
    later_head,
    name_lines,
    version_letter,
    word_bank,
)
from studypack.layouts.worksheet.grouped import by_group, group_title

from studypack.layout_api import options as o
from studypack.layout_api.pages import Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, PRESETS, mm
from studypack.model import Pack, Section, TimelineEvent
from studypack.reportlab_fast import drawn_once
from studypack.text.fit import width1
from studypack.text.markup import plain
from studypack.wording import plural

SIDE = 10 * mm
BREAK_CLEAR = 8.0  # a tick year's half-width plus this from a break mark's middle: the // reads alone
LATER_HEAD = 22.0  # a later page's one-line heading
LABEL_WIDTHS = (40, 48, 58)  # mm: label widths tried on a horizontal timeline


# ---- the horizontal timeline ------------------------------------------------------------------


@dataclass
class Horizontal:
    """A horizontal timeline laid out: its axis, scale, labels and range bars."""

    axis_y: float
    scale: Scale
    labels: list[Label]
    placed: list[Placed]  # one per stack
    lanes: dict[int, int]  # label index -> lane of its range bar above the axis
    months: bool = True  # some date gives its month: short spans get month ticks
    stacks: tuple[tuple[int, ...], ...] = ()  # label indexes sharing one box, in date order


MAX_STACK = 4  # dates in one stacked label at most: a taller stack reads as a list, not a label


def stacks_of(
    xs: list[float], reach: float, breaks: tuple[float, ...] | list[float] = ()
) -> tuple[tuple[int, ...], ...]:
    """Labels (by their dates' x, in date order) gathered into stacks: dates closer to a stack's
    first date than `reach` (a label's width) join it, up to MAX_STACK, never across an axis
    break (1855 and 1914 either side of a // are far apart in time, however close on paper). A
    label per date would crowd them into a staircase of long leaders; one box listing them all,
    joined to each date by a bracket, sits next to its dates."""
    out: list[list[int]] = []
    for i, x in enumerate(xs):
        first = xs[out[-1][0]] if out else 0.0
        across = any(first < b < x for b in breaks)
        if out and x - first < reach and len(out[-1]) < MAX_STACK and not across:
            out[-1].append(i)
        else:
            out.append([i])
    return tuple(tuple(s) for s in out)


def _lanes(labels: list[Label], scale) -> dict[int, int]:
    """Range bars in lanes above the axis, so overlapping ranges stay apart (3 points between)."""
    spans = [(i, lab.event.date.start_value(), lab.event.date.end_value()) for i, lab in enumerate(labels)
             if lab.event.date.is_span]  # fmt: skip
    return pack_lanes([(i, scale.x(a), scale.x(b)) for i, a, b in spans], 3.0)


def lay_horizontal(
    labels: list[Label], left: float, right: float, top: float, bottom: float, reach: float = 0.0
) -> Horizontal | None:
    """Axis, scale and label boxes, or None when the labels cannot all be placed on the page.
    Dates closer than `reach` share a stacked label."""
    spans = [(lab.event.date.start_value(), lab.event.date.end_value()) for lab in labels]
    hidden_dates = any(lab.date_number for lab in labels)
    scale = (order_scale if hidden_dates else make_scale)(spans, left + 4 * mm, right - 4 * mm)
    lanes = _lanes(labels, scale)
    n_lanes = max(lanes.values(), default=-1) + 1
    clear_above = 4 + n_lanes * 4 + 3
    clear_below = 4 + 10 + 3  # tick labels sit under the axis
    xs = [scale.x(lab.event.date.start_value()) for lab in labels]
    stacks = stacks_of(xs, reach, scale.breaks)
    wants = [
        Want(tuple(xs[i] for i in st), max(labels[i].w for i in st), sum(labels[i].h for i in st))
        for st in stacks
    ]
    bars = [(xs[i], scale.x(labels[i].event.date.end_value()), i) for i in lanes]
    # a leader going up from inside another event's range would cross its bar: it goes down instead
    below_only = frozenset(
        k
        for k, st in enumerate(stacks)
        if any(x0 + 1 < xs[j] < x1 - 1 and i not in st for j in st for x0, x1, i in bars)
    )
    for share in (0.5, 0.42, 0.58, 0.35, 0.65):  # the axis a little up or down if that helps
        axis_y = bottom + (top - bottom) * share
        placed = place(wants, left, right, axis_y, clear_above, clear_below, top, bottom, below_only)
        if placed is not None:
            months = any(lab.date.start.month for lab in labels)
            return Horizontal(axis_y, scale, labels, placed, lanes, months, stacks)
    return None


def draw_horizontal(c, hz: Horizontal, fonts, key: bool, pictures=None) -> None:
    axis_y, scale = hz.axis_y, hz.scale
    c.setLineWidth(1.2)
    for seg in scale.segments:
        c.line(seg.x0, axis_y, seg.x1, axis_y)
    c.setLineWidth(0.9)
    for bx in scale.breaks:  # a broken axis is marked with a double slash
        for dx in (-2.5, 2.5):
            c.line(bx + dx - 2, axis_y - 4, bx + dx + 2, axis_y + 4)
    for i, lab in enumerate(hz.labels):
        if i in hz.lanes:  # a range: a bar spanning its years
            d = lab.event.date
            x, y = scale.x(d.start_value()), axis_y + 4 + hz.lanes[i] * 4
            x_end = scale.x(d.end_value())
            c.setLineWidth(2.6)
            c.setStrokeGray(0.3)
            c.line(x, y, x_end, y)
            c.setLineWidth(0.9)  # square ends, so where the range stops is plain
            for xe in (x, x_end):
                c.line(xe, y - 2.2, xe, y + 2.2)
            c.setStrokeGray(0)
    for st, p in zip(hz.stacks, hz.placed, strict=True):
        c.setLineWidth(0.5)
        if all(hz.labels[i].date.approximate for i in st):
            c.setDash(2, 1.5)
        for x1, y1, x2, y2 in p.leader(axis_y):
            c.line(x1, y1, x2, y2)
        c.setDash()
        b = p.box
        c.setLineWidth(0.6)
        c.rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0)
        top = b.y1
        for k, i in enumerate(st):
            if k:  # a rule between the dates of a stack
                c.setLineWidth(0.4)
                c.line(b.x0 + PAD, top, b.x1 - PAD, top)
            draw_label(c, hz.labels[i], b.x0, top, fonts, key, pictures=pictures)
            top -= hz.labels[i].h
    for lab in hz.labels:  # markers last, over the leaders' feet
        d = lab.event.date
        c.setLineWidth(0.5)
        c.setFillGray(1 if d.approximate else 0)  # approximate dates: a hollow marker
        c.circle(scale.x(d.start_value()), axis_y, 2.4, stroke=1, fill=1)
        c.setFillGray(0)
    _ticks(c, hz, fonts)


def tick_years(hz: Horizontal, fonts) -> tuple[list[float], list[tuple[str, Box]]]:
    """Where tick marks go, and the years shown under them with the spot each takes: round values
    of the scale, none over a leader or a break mark, none crowding the one before; none on an
    unlabelled, in-order axis (dates are the blanks)."""
    if not hz.scale.labelled:
        return [], []
    axis_y = hz.axis_y
    size = tick_size(hz)
    segs = hz.scale.segments
    step = round_step(segs[-1].hi - segs[0].lo)
    leaders = [seg for p in hz.placed if not p.above for seg in p.leader(axis_y)]
    marks, years = [], []
    for seg in segs:
        last = -1e9
        for v, text in ticks(seg, 16 * mm * size / 8, hz.months, step):
            x = seg.x(v)
            marks.append(x)
            w = width1(text, fonts.face()) * size
            spot = Box(x - w / 2 - 1, axis_y - 5.5 - size, x + w / 2 + 1, axis_y - 4)
            clear = not any(crosses(ld, spot) for ld in leaders) and not any(
                abs(bx - x) < w / 2 + BREAK_CLEAR for bx in hz.scale.breaks
            )
            if x - w / 2 > last + 3 and clear:
                years.append((text, spot))
                last = x + w / 2
    return marks, years


def tick_size(hz: Horizontal) -> float:
    return 8 * (hz.labels[0].z.scale if hz.labels else 1.0)  # tick years grow with a large-print sheet


def _ticks(c, hz: Horizontal, fonts) -> None:
    """Tick marks and their years, on a white ground so leaders passing under them stay readable."""
    marks, years = tick_years(hz, fonts)
    c.setLineWidth(0.6)
    for x in marks:
        c.line(x, hz.axis_y - 2.5, x, hz.axis_y + 2.5)
    size = tick_size(hz)
    for text, spot in years:
        c.setFillGray(1)
        c.rect(spot.x0, spot.y0, spot.x1 - spot.x0, spot.y1 - spot.y0, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(fonts.face(), size)
        c.drawCentredString((spot.x0 + spot.x1) / 2, hz.axis_y - 4 - size, text)


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
    chunks: list[V.Vertical] | None = None  # a vertical timeline's pages
    answers: tuple = (1, [])  # the answer grid under a horizontal timeline (answer_grid)
    answers_apart: bool = False  # the answers on a page of their own, after the timeline


def lay_version(sheet: Sheet, events, groups, opts, fonts, W: float, H: float, hints: bool = False) -> Laid:
    """Horizontal if every label can be placed on the page, else vertical over portrait pages."""
    width = W - 2 * SIDE
    top = H - FURNITURE_BAND - header_height(sheet, width, fonts)
    bottom = FURNITURE_BAND
    numbered = _numbered_answers(events, groups)
    # two lines for every answer where the page has the room (else for the long ones alone)
    roomy = answer_grid(numbered, width, fonts, sheet.z, hints, least=2)
    grids = [roomy, answer_grid(numbered, width, fonts, sheet.z, hints)]
    tries = [(w, widen) for w in LABEL_WIDTHS for widen in (False, True)] if opts.style != "vertical" else []
    # the answers under the timeline, else on a page of their own (with room for two lines each)
    for apart, grid in [(False, g) for g in grids] + [(True, roomy)]:
        below = answers_height(grid, sheet.z)
        low = FURNITURE_BAND + (0.0 if apart else below + 5 * mm)
        for label_mm, widen in tries:  # narrow labels first; wider ones are shorter
            labels = _labels(
                events, groups, label_mm * mm * sheet.z.scale, fonts, widen, sheet.z, inline=False
            )
            reach = label_mm * mm * sheet.z.scale
            hz = lay_horizontal(labels, SIDE, W - SIDE, top, low, reach) if top - low > 40 * mm else None
            if hz is not None:
                return Laid("horizontal", W, H, hz=hz, answers=grid, answers_apart=apart)
    if W > H:  # a vertical timeline reads down a portrait page
        W, H = H, W
        width = W - 2 * SIDE
        top = H - FURNITURE_BAND - header_height(sheet, width, fonts)
    probe = _labels(events, groups, width, fonts, z=sheet.z)  # lanes depend on the dates alone
    n_lanes = max(V.lanes_of(probe).values(), default=-1) + 1
    label_w = V.label_width(width, n_lanes)
    labels = _labels(events, groups, label_w, fonts, z=sheet.z)
    later_top = H - FURNITURE_BAND - later_head(sheet, LATER_HEAD)  # a later page has a one-line heading
    grid = (1, [])
    room = min(top, later_top) - bottom - 2 * V.END  # the least axis a page has
    if max(lab.h for lab in labels) > room:
        # an answer too long for a page's label: every blank shows its number, and the answers
        # go on numbered lines after the timeline, flowing over as many pages as they need
        labels = _labels(events, groups, label_w, fonts, z=sheet.z, inline=False)
        grid = answer_grid(_numbered_answers(events, groups), width, fonts, sheet.z, hints, least=2)
        # and a shown event too long for a page goes on in a label of its own on the next
        labels = [p for lab in labels for p in split_label(lab, room, fonts)]
    parts = V.chunks(labels, top - bottom, later_top - bottom)
    pages = [
        V.lay_page(part, SIDE, top if k == 0 else later_top, bottom, n_lanes) for k, part in enumerate(parts)
    ]
    return Laid("vertical", W, H, chunks=pages, answers=grid, answers_apart=bool(grid[1]))


def _pages(laid: Laid, sheet: Sheet, fonts, key: bool, pictures=None) -> list[Page]:
    """The worksheet's (or, with `key`, its answer key's) pages, drawn from one layout."""
    W, H = laid.W, laid.H
    width = W - 2 * SIDE
    if laid.hz is not None:
        hz = laid.hz

        below = answers_height(laid.answers, sheet.z)

        def body(c, name: bool = True) -> None:
            draw_header(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key, name)
            draw_horizontal(c, hz, fonts, key, pictures)
            if not laid.answers_apart:
                draw_answers(c, laid.answers, SIDE, FURNITURE_BAND + below, width, fonts, key, sheet.z)

        def one(c) -> None:
            named(
                c,
                laid,
                0,
                sheet,
                key,
                body,
                lambda c: draw_name(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts),
                fonts,
            )

        return [Page(W, H, one)] + _answer_pages(laid, sheet, fonts, key)
    pages = []
    for k, chunk in enumerate(laid.chunks or []):

        def part(c, chunk=chunk, k=k, name: bool = True) -> None:
            if k == 0:
                draw_header(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key, name)
            else:
                continued_head(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key, name=name)
            V.draw(c, chunk, fonts, key, pictures)

        def page(c, part=part, k=k) -> None:
            def pupil(c) -> None:
                if k == 0:
                    draw_name(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts)
                else:
                    draw_tag(c, sheet, SIDE + width, H - FURNITURE_BAND, fonts)

            named(c, laid, k, sheet, key, part, pupil, fonts)

        pages.append(Page(W, H, page))
    return pages + _answer_pages(laid, sheet, fonts, key)


def named(c, laid: Laid, k: int, sheet: Sheet, key: bool, body, pupil, fonts) -> None:
    """Page k of a copy: all of it drawn (`body`), or on a pupil's copy everything but the name
    drawn once for the class (`body(c, name=False)`) and their name (`pupil`) on it."""
    if not sheet.pupil or key:
        body(c)
        return
    same = (Same(laid), k, len(name_lines(sheet, laid.W - 2 * SIDE, fonts)), sheet_key(sheet))
    drawn_once(c, same, lambda c: body(c, name=False))
    pupil(c)


def _answer_pages(laid: Laid, sheet: Sheet, fonts, key: bool) -> list[Page]:
    """The answer lines on pages of their own, after the timeline, as many as they need."""
    if not laid.answers_apart:
        return []
    W, H = laid.W, laid.H
    head = later_head(sheet, LATER_HEAD)  # the room a later page's heading takes
    room = H - 2 * FURNITURE_BAND - head
    out = []
    for n, grid in enumerate(answer_pages(laid.answers, room, room, sheet.z)):

        def body(c, grid=grid, name: bool = True) -> None:
            after = ": answers" if key else ": your answers"
            continued_head(c, sheet, SIDE, H - FURNITURE_BAND, W - 2 * SIDE, fonts, key, after, name)
            draw_answers(c, grid, SIDE, H - FURNITURE_BAND - head, W - 2 * SIDE, fonts, key, sheet.z)

        def page(c, body=body, n=n) -> None:
            named(
                c,
                laid,
                1000 + n,
                sheet,
                key,
                body,
                lambda c: draw_tag(c, sheet, W - SIDE, H - FURNITURE_BAND, fonts),
                fonts,
            )

        out.append(Page(W, H, page))
    return out


def events_of(pack: Pack, opts: TimelineOptions) -> list[TimelineEvent]:
    """The chosen topics' events in date order; those still marked `review:` (proposed by an
    import, not yet kept by a teacher) only with `include_unreviewed`."""
    return reviewed_events(pack, opts.topics, opts.include_unreviewed)[0]


def page_size(pack: Pack, opts: TimelineOptions) -> tuple[float, float]:
    pw, ph = (v * mm for v in pack.paper.value)
    return (ph, pw) if opts.orientation == "landscape" else (pw, ph)


def versions(
    pack: Pack, opts: TimelineOptions, fonts, text_size: float = 9.0, label: str = "",
    supported: bool = False, longest_name: str = "",
) -> list[tuple[Sheet, Laid, list]]:  # fmt: skip
    """Each version's sheet, layout and blank groups (what the pages draw; tests check it).
    `label`: the group the worksheet is for; `supported`: the supported copies (a word bank, and
    first letters on the answer lines where the sheet has a bank already); `longest_name`: the
    longest pupil's name, so a name that wraps never pushes the header into the timeline."""
    events = events_of(pack, opts)
    W, H = page_size(pack, opts)
    z = Sizes(text_size, PRESETS[pack.preset].floor)  # the preset's floor: nothing on the sheet smaller
    title = group_title(opts.title, f"Timeline: {pack.title}", label)
    bank_on = opts.word_bank or supported
    hints = supported and opts.word_bank
    out = []
    for v in range(opts.versions):
        hidden = choose(len(events), opts.blanks, opts.hide, opts.seed, v, group_dates(events))
        groups, n_blanks = number_blanks(events, hidden)
        letter = version_letter(v, opts.versions)
        banks = _banks(events, groups, replace(opts, word_bank=bank_on), v)
        note = instruction(opts.blanks, bank_on) + (
            " Each answer line gives its first letters." if hints else ""
        )
        sheet = Sheet(title, letter, note, n_blanks, z, banks, klass=pack.klass, supported=supported)
        probe = with_pupil(sheet, longest_name)
        out.append((sheet, lay_version(probe, events, groups, opts, fonts, W, H, hints), groups))
    return out


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, TimelineOptions)
    one = replace(opts, topics=())
    return by_group(pack, opts.topics, opts.group, lambda sub, label: render_group(sub, label, one, ctx))


def render_group(pack: Pack, label: str, opts: TimelineOptions, ctx: RenderContext) -> SectionPages:
    """One timeline worksheet (its versions and keys) of a group's topics: `pack` holds that group."""
    fonts = ctx.fonts
    events = events_of(pack, opts)
    each_student = PrintAdvice("single", "per-student")
    held = reviewed_events(pack, opts.topics, opts.include_unreviewed)[1]
    left_off = bool(held)
    if not events:
        return SectionPages(
            (),
            each_student,
            "no dated events in the chosen topics",
            (
                *held,
                "no timeline: the topics have no dated events" + (" that are reviewed" if left_off else ""),
            ),
        )
    text = text_size(opts.font_size, ctx).text
    longest = max(ctx.students, key=len, default="")
    laid_out = versions(pack, opts, fonts, text, label, longest_name=longest)
    helped = versions(pack, opts, fonts, text, label, True, longest) if opts.support.on else laid_out
    for e in events:  # an event's picture is printed small in its label
        if e.image is not None:
            ctx.pictures.note(e.image, LABEL_WIDTHS[-1] * mm, THUMB * text / 9.0)
    letters = [sheet.version for sheet, _l, _g in laid_out]
    kinds = [laid.kind for _s, laid, _g in laid_out]
    blanks = laid_out[-1][0].marks

    def pages_for(v: int, pupil: str, key: bool) -> list[Page]:
        sheet, laid, _g = laid_out[v]
        return _pages(laid, with_pupil(sheet, pupil), fonts, key, ctx.pictures)

    def supported_for(v: int, pupil: str, key: bool) -> list[Page]:
        sheet, laid, _g = helped[v]
        return _pages(laid, with_pupil(sheet, pupil), fonts, key, ctx.pictures)

    handed = hand_out(
        opts.versions, letters, pages_for, opts.answer_key, ctx.students, supported_for, opts.support
    )
    notices = list(held) + [
        f"support: '{p}' is not in the class list" for p in unnamed(ctx.students, opts.support)
    ]
    if opts.style != "vertical" and "vertical" in kinds:  # say why the axis was not drawn across
        notices.append(
            f"drawn as a vertical timeline: the labels of {plural(len(events), 'event')} do not fit one "
            f"{'landscape' if opts.orientation == 'landscape' else 'portrait'} page side by side, even "
            "with the answers on a page of their own (hide fewer, or choose orientation: vertical)"
        )
    summary = (f"{plural(len(events), 'event')}, {plural(blanks, 'blank')}, "
               f"{plural(opts.versions, 'version')}, {'/'.join(sorted(set(kinds)))}")  # fmt: skip
    return worksheet_section(handed, summary, notices, "Timeline answer keys", each_student)
