"""Knowledge organisers: one side per topic, its parts in boxes flowed down columns.

The body size is the largest (by quarter points, up to the readable maximum) at which every box fits
one side; a box moves on whole to the next column and is split only when it is taller than a column.
Whatever room is left is shared out among the boxes of each column, so the columns end level with the
foot of the page: a grid of boxes, not text in a corner (on a side less than half filled at the
largest size, a box at most doubles: a few dates leave paper rather than a tall empty frame). Past the minimum
size the topic goes on to a second side, marked continued. The column flow is the summary sheet's
(layouts/summary/columns.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studypack.layouts.organiser import packing
from studypack.layouts.organiser.boxes import PAD, Box, Pic, Sizes, Unit, boxes_for, space_of, units
from studypack.layouts.organiser.options import OrganiserOptions
from studypack.layouts.summary.columns import Block, Part, balanced, flow

from studypack.layout_api import options as o
from studypack.layout_api.pages import Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, GREY, SAFE, mm
from studypack.model import Pack, Paper, Section, Topic
from studypack.text.draw import draw
from studypack.text.fit import Para, height, width1, words_of, wrap
from studypack.text.fonts import Fonts
from studypack.text.markup import plain
from studypack.wording import plural, sides_a_topic

SIDE = 10 * mm  # left and right margins
GUTTER = 4 * mm  # between columns, and between boxes in a column
STEP = 0.25
CONT = " (continued)"
LEGEND = 8.0  # the title set into the top edge of a box's continuation
STRETCH = 1.0  # on a side its boxes fill less than SPARSE of, a box grows by at most this share
SPARSE = 0.5


@dataclass
class Laid:
    """A topic laid out: the size, each box's units, the columns of parts, how many sides."""

    size: float
    units: list[list[Unit]]
    columns: list[list[Part]]
    ncols: int
    fits: bool  # on one side
    order: tuple[int, ...] = ()  # the boxes' order down the columns (empty: the topic's own)


@dataclass(frozen=True)
class Frame:
    """The page: its size, the columns' width and the height under the header."""

    W: float
    H: float
    ncols: int
    col_w: float
    top: float
    col_h: float


def _sizes(pack: Pack, opts: OrganiserOptions, preset_min: float) -> tuple[float, float, int]:
    """The largest and smallest body size, and the columns, for the pack's paper."""
    a3 = pack.paper is Paper.A3
    low = max(opts.min_font_size, preset_min)
    high = max(opts.font_size or (16.0 if a3 else 14.0), low)
    return high, low, opts.columns or (3 if a3 else 2)


def _frame(pack: Pack, ncols: int, head_h: float, foot: float = FURNITURE_BAND) -> Frame:
    W, H = (v * mm for v in pack.paper.value)
    col_w = (W - 2 * SIDE - (ncols - 1) * GUTTER) / ncols
    top = H - FURNITURE_BAND - head_h
    return Frame(W, H, ncols, col_w, top, top - foot)


def _blocks(boxes: list[Box], s: Sizes, fonts: Fonts) -> tuple[list[Block], list[list[Unit]]]:
    us = [units(b, s, fonts) for b in boxes]
    # pad: below the last unit, and above the first of a part carried on from another column
    blocks = [Block(tuple(u.h for u in bu), keep=2, whole=True, gap=GUTTER, pad=2 * PAD) for bu in us]
    return blocks, us


def lay_out(boxes: list[Box], fr: Frame, high: float, low: float, fonts: Fonts, pictures: Any) -> Laid:
    """The largest size in [low, high] at which the boxes fit the frame's columns; else `low`, on
    as many sides as it takes."""
    space1 = space_of(fonts)
    bold = fonts.face(bold=True)

    def at(size: float) -> tuple[list[Block], list[list[Unit]]]:
        return _blocks(boxes, Sizes(size, fr.col_w - 2 * PAD, fr.col_h, space1, bold, pictures, fonts), fonts)

    sized: dict[float, tuple[list[Block], list[list[Unit]]]] = {}

    def cached(size: float) -> tuple[list[Block], list[list[Unit]]]:
        if size not in sized:
            sized[size] = at(size)
        return sized[size]

    lo, hi, size = 0, int(round((high - low) / STEP)), None
    if not packing.first_fit(cached(low)[0], fr.col_h, fr.ncols):
        lo = hi + 1  # not even at the smallest size: straight to more sides
    while lo <= hi:  # widths scale with the size, so each try is arithmetic on measured words
        mid = (lo + hi) // 2
        if packing.first_fit(cached(low + mid * STEP)[0], fr.col_h, fr.ncols):
            size, lo = low + mid * STEP, mid + 1
        else:
            hi = mid - 1
    if size is not None:
        blocks, us = cached(size)
        chosen = packing.best(blocks, fr.col_h, fr.ncols)
        assert chosen is not None
        order, cols = chosen
        return Laid(size, [us[i] for i in order], cols, fr.ncols, True, order)
    # More than one side: the fewest sides it takes at the minimum, at the largest size that keeps
    # to them (so the sides are as full as the first)
    blocks, us = cached(low)
    cols = flow(blocks, fr.col_h) or []
    most = -(-len(cols) // fr.ncols) * fr.ncols
    laid = Laid(low, us, cols, fr.ncols, False)
    best_blocks = blocks
    lo, hi = 1, int(round((high - low) / STEP))
    while lo <= hi:
        mid = (lo + hi) // 2
        blocks, us = cached(low + mid * STEP)
        got = flow(blocks, fr.col_h, most)
        if got is not None:
            laid, best_blocks, lo = Laid(low + mid * STEP, us, got, fr.ncols, False), blocks, mid + 1
        else:
            hi = mid - 1
    # the boxes shared out over all the sides' columns so they end level: the last side is not
    # left mostly empty while the first is full
    even = balanced(best_blocks, fr.col_h, most)
    if even is not None:
        laid = Laid(laid.size, laid.units, even, fr.ncols, False)
    return laid


def fewest_columns(boxes: list[Box], pack: Pack, opts: OrganiserOptions, high: float, low: float,
                   ncols: int, head_h: float, fonts: Fonts, pictures: Any,
                   foot: float = FURNITURE_BAND) -> tuple[Frame, Laid]:  # fmt: skip
    """The column count (the default or fewer) at which the text is largest, and of those the one
    whose boxes fill the most of the page: two boxes of a short topic are not squeezed into three
    narrow columns with one left empty."""
    best: tuple[tuple[float, float, int], Frame, Laid] | None = None
    for n in range(ncols, 0, -1) if not opts.columns else (ncols,):
        fr = _frame(pack, n, head_h, foot)
        laid = lay_out(boxes, fr, high, low, fonts, pictures)
        used = sum(_used(laid, p) for col in laid.columns[:n] for p in col)
        key = (laid.size if laid.fits else 0.0, used / (n * fr.col_h), n)
        if best is None or key > best[0]:
            best = (key, fr, laid)
        if not laid.fits or laid.size < high:
            break  # fewer columns only fits less
    assert best is not None
    return best[1], best[2]


def _used(laid: Laid, p: Part) -> float:
    return sum(u.h for u in laid.units[p.block][p.start : p.end]) + 2 * PAD


def stretched(laid: Laid, col: list[Part], col_h: float, sparse: bool) -> list[tuple[Part, float]]:
    """Each part of a column with the height its frame gets: what the column leaves at its foot is
    shared out among its boxes in proportion (a line or two carried over stays small), so the
    columns end level; on a `sparse` side, at most doubling each: a few dates at the largest size
    are not a tall empty frame."""
    if not col:
        return []
    used = col[-1].y + _used(laid, col[-1])
    hs = [_used(laid, p) for p in col]
    share = max(0.0, col_h - used) / sum(hs)
    if sparse:
        share = min(share, STRETCH)
    out, shift = [], 0.0
    for p, h in zip(col, hs, strict=True):
        out.append((Part(p.block, p.start, p.end, p.y + shift), h * (1 + share)))
        shift += h * share
    return out


def _draw_part(c: Any, laid: Laid, boxes: list[Box], part: Part, h: float, x: float, top: float, w: float,
               fonts: Fonts, legend: float = LEGEND) -> None:  # fmt: skip
    y = top - part.y - (PAD if part.start > 0 else 0.0)  # a carried-on part: clear of its legend
    # a picture sits in the middle of the room its box was given, not at the top of it
    middle = (h - _used(laid, part)) / 2 if isinstance(boxes[part.block].items[0], Pic) else 0.0
    for k, u in enumerate(laid.units[part.block][part.start : part.end]):
        u.draw(c, x + PAD, y - (middle if k + part.start > 0 else 0.0), w - 2 * PAD)
        y -= u.h
    y = top - part.y
    c.setLineWidth(0.8)  # the frame over the title's grey band
    c.rect(x, y - h, w, h, stroke=1, fill=0)
    if part.start > 0:  # the rest of a box: its title, marked, set into the frame's top edge
        face, size = fonts.face(bold=True), legend
        label = f"{plain(boxes[part.block].title)}{CONT}"
        lw = min(width1(label, face) * size, w - 4 * PAD)
        c.setFillGray(1)
        c.rect(x + PAD - 1, y - size * 0.35, lw + 2, size * 1.0, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(face, size)
        c.drawString(x + PAD, y - size * 0.3, label)


def header_paras(topic: Topic, fonts: Fonts, quiz: bool, cont: bool) -> tuple[Para, Para]:
    kicker = "Knowledge organiser" + (": self-quiz" if quiz else "") + (CONT if cont else "")
    if topic.subject:
        kicker = f"{plain(topic.subject)} · {kicker}"
    title = topic.topic  # "(continued)" goes in the line above, so every side's header is as tall
    return Para(words_of(kicker, fonts), leading=1.3), Para(words_of(title, fonts, bold=True), leading=1.15)


def _header_sizes(paper: Paper, low: float) -> tuple[float, float]:
    """The kicker's and the title's size (never under the body's minimum: large print)."""
    big = 1.3 if paper is Paper.A3 else 1.0
    return max(9.5 * big, low), max(20.0 * big, low * 1.4)


def header_height(topic: Topic, fonts: Fonts, width: float, paper: Paper, low: float, quiz: bool) -> float:
    ks, ts = _header_sizes(paper, low)
    kicker, title = header_paras(topic, fonts, quiz, cont=True)
    space1 = space_of(fonts)
    h = height(wrap((kicker,), width, ks, space1)) + height(wrap((title,), width, ts, space1))
    return h + (_quiz_line_h(fonts, width, ks) if quiz else 0.0) + 5.5 * mm


QUIZ_HOW = "Write each definition, event and answer on the lines, then check."
QUIZ_NAME = "Name ________________________"


def _quiz_line_h(fonts: Fonts, width: float, ks: float) -> float:
    """The self-quiz's instruction and name line: one line, or two when they do not fit side by side."""
    apart = width1(QUIZ_HOW + "    " + QUIZ_NAME, fonts.face()) * ks > width
    return ks * (4.1 if apart else 2.6)


def _header(
    c: Any, topic: Topic, fonts: Fonts, fr: Frame, low: float, quiz: bool, cont: bool, paper: Paper
) -> None:
    ks, ts = _header_sizes(paper, low)
    kicker, title = header_paras(topic, fonts, quiz, cont)
    space1 = space_of(fonts)
    width = fr.W - 2 * SIDE
    y = fr.H - FURNITURE_BAND
    c.setFillGray(GREY)
    y = draw(c, (kicker,), wrap((kicker,), width, ks, space1), SIDE, y, width, ks, space1)
    c.setFillGray(0)
    y = draw(c, (title,), wrap((title,), width, ts, space1), SIDE, y, width, ts, space1)
    if quiz:  # what to do, and whose sheet it is
        face = fonts.face()
        c.setFont(face, ks)
        below = _quiz_line_h(fonts, width, ks)
        if not cont:  # said once: a side that continues may hold no lines to write on
            c.drawString(SIDE, y - ks * 1.5, QUIZ_HOW)
        c.drawRightString(fr.W - SIDE, y - below + ks * 1.1, QUIZ_NAME)  # beside it, or under it
        y -= below
    c.setLineWidth(1.2)
    c.line(SIDE, y - 1.6 * mm, fr.W - SIDE, y - 1.6 * mm)


def _pages_for(topic: Topic, boxes: list[Box], pack: Pack, opts: OrganiserOptions, ctx: RenderContext,
               quiz: bool) -> tuple[list[Page], Laid]:  # fmt: skip
    fonts = ctx.fonts
    high, low, ncols = _sizes(pack, opts, ctx.preset.sheet_min if ctx.preset.name != "standard" else 0.0)
    width = pack.paper.value[0] * mm - 2 * SIDE
    head_h = header_height(topic, fonts, width, pack.paper, low, quiz)
    fr, laid = fewest_columns(boxes, pack, opts, high, low, ncols, head_h, fonts, ctx.pictures,
                              ctx.preset.foot_band)  # fmt: skip
    boxes = [boxes[i] for i in laid.order] if laid.order else boxes
    for b in boxes:  # where each picture prints, for its resolution check
        for it in b.items:
            if hasattr(it, "picture"):
                ctx.pictures.note(it.picture, fr.col_w - 2 * PAD, fr.col_h * 0.42)
    n = fr.ncols
    sheets = [laid.columns[i : i + n] for i in range(0, max(len(laid.columns), 1), n)]
    # each side: its frame, its layout, its boxes and its columns (the last may be laid out anew)
    sides = [(fr, laid, boxes, cols) for cols in sheets]
    if len(sheets) > 1:
        wider = _last_side_wider(sheets[-1], laid, boxes, pack, fr, head_h, fonts, ctx)
        if wider is not None:
            sides[-1] = wider
    pages = []
    for k, (sfr, slaid, sboxes, cols) in enumerate(sides):
        last = k == len(sides) - 1
        filled = sum(_used(slaid, p) for col in cols for p in col) / (sfr.ncols * sfr.col_h)
        sparse = filled < SPARSE

        def paint(
            c: Any, cols: list = cols, k: int = k, last: bool = last, sparse: bool = sparse,
            sfr: Frame = sfr, slaid: Laid = slaid, sboxes: list = sboxes,
        ) -> None:  # fmt: skip
            _header(c, topic, fonts, sfr, low, quiz, k > 0, pack.paper)
            for ci, col in enumerate(cols):
                x = SIDE + ci * (sfr.col_w + GUTTER)
                for part, h in stretched(slaid, col, sfr.col_h, sparse):
                    _draw_part(
                        c, slaid, sboxes, part, h, x, sfr.top, sfr.col_w, fonts, ctx.preset.at_least(LEGEND)
                    )
            if not last:  # at the foot, left: the page number has the right-hand corner
                # under a floor (large print) at the floor: a body-sized note would reach the frame
                c.setFont(fonts.face(italic=True), ctx.preset.floor or max(9.0, low))
                c.drawString(SIDE, SAFE + 1.5 * mm, "continued on the next side ›")

        title = plain(topic.topic) + (" (self-quiz)" if quiz else "")
        marks = ((title, 1),) if k == 0 else ()
        pages.append(Page(fr.W, fr.H, paint, furniture=True, bookmarks=marks))
    return pages, laid


def _last_side_wider(
    cols: list[list[Part]], laid: Laid, boxes: list[Box], pack: Pack, fr: Frame, head_h: float,
    fonts: Fonts, ctx: RenderContext,
) -> tuple[Frame, Laid, list[Box], list[list[Part]]] | None:  # fmt: skip
    """The last side laid out again across the page's whole width when its boxes fill fewer
    columns than it has (a lone picture box beside an empty column wastes half a sheet): the same
    boxes at the same size in as many columns as they took, each wider; None when a box on it
    continues from the side before, or they would not fit so."""
    used = [col for col in cols if col]
    if not used or len(used) == fr.ncols:
        return None
    parts = [p for col in used for p in col]
    if any(p.start > 0 or p.end < len(laid.units[p.block]) for p in parts):
        return None  # a box carried on from the side before keeps its width
    mine = [boxes[i] for i in dict.fromkeys(p.block for p in parts)]
    wide = _frame(pack, len(used), head_h, fr.top - fr.col_h)
    again = lay_out(mine, wide, laid.size, laid.size, fonts, ctx.pictures)
    if not again.fits:
        return None
    mine = [mine[i] for i in again.order] if again.order else mine
    for b in mine:  # where each picture now prints, for its resolution check
        for it in b.items:
            if hasattr(it, "picture"):
                ctx.pictures.note(it.picture, wide.col_w - 2 * PAD, wide.col_h * 0.42)
    return wide, again, mine, again.columns[: wide.ncols]


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, OrganiserOptions)
    pages: list[Page] = []
    quiz_pages: list[Page] = []
    notices: list[str] = []
    sizes: list[float] = []
    sides: list[int] = []  # each topic's, as the cover says them
    for topic in pack.topics_named(opts.topics):
        boxes = boxes_for(topic, opts.include, ctx.fonts, quiz=False)
        if not boxes:
            notices.append(f"'{plain(topic.topic)}' has none of {', '.join(opts.include)}: no organiser")
            continue
        got, laid = _pages_for(topic, boxes, pack, opts, ctx, quiz=False)
        pages += got
        sizes.append(laid.size)
        sides.append(len(got))
        if len(got) > 1:
            notices.append(
                f"'{plain(topic.topic)}' needs {len(got)} sides (text at {laid.size:g} pt fills them)"
            )
        if opts.self_quiz:
            quiz_pages += _pages_for(topic, boxes_for(topic, opts.include, ctx.fonts, quiz=True), pack, opts,
                                     ctx, quiz=True)[0]  # fmt: skip
    advice = PrintAdvice(
        "single",
        "per-student",
        after=sides_a_topic(sides) + ("; self-quiz copies follow" if quiz_pages else ""),
    )
    text = ", ".join(f"{s:g}" for s in sizes)
    summary = f"{plural(len(sizes), 'organiser')} on {plural(len(pages), 'side')} (text at {text} pt)"
    if quiz_pages:
        summary += f", {plural(len(quiz_pages), 'self-quiz side')}"
    return SectionPages(tuple(pages + quiz_pages), advice, summary, tuple(notices))
