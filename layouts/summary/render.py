"""One-page summary sheets: a topic's cards, key terms and key dates on one side, in columns.

The text size steps down (by search, from `font_size` to `min_font_size`) until the topic fits one
side in balanced columns; past the minimum the topic flows on to further sides marked continued.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from studypack.layouts.summary.columns import Block, Part, balanced, flow
from studypack.layouts.summary.options import SummaryOptions

from studypack.layout_api import options as o
from studypack.layout_api.pages import Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, GREY, mm
from studypack.model import BulletPoint, Card, Pack, Picture, Section, Topic
from studypack.pictures import Pictures, fit_box, probe
from studypack.text.draw import draw
from studypack.text.fit import Para, cell_lines, height, hyphen_pieces, measure, width1, words_of, wrap
from studypack.text.fonts import Fonts
from studypack.text.markup import plain
from studypack.wording import plural, sides_a_topic

SIDE = 8 * mm  # left and right margins
GUTTER = 4 * mm
LEAD = 1.12  # compact leading: a summary sheet is dense by design
BOX_PAD = 1.3 * mm
BULLETS = ("•", "–", "·", "›")
STEP = 0.25
TITLE = 13.5  # the topic at the head of the sheet
HEAD = 1.2  # card titles and box titles: bold and a quarter above the body size
CELL = 0.35  # a table's first column takes at most this share of the column's width
WIDEST = 0.45  # ...or this much, so that one long word need not break
CARD_GAP = 0.6  # ems between cards, a rule in the middle of it
DESCENDS = 0.95 + 0.24 - LEAD  # how far a descender reaches below a line at LEAD (in ems)
CAP_DROP = HEAD * (0.95 - 0.73)  # a title's cap top below its line's top (ems): baseline less cap height


@dataclass
class Item:
    """A block's source: paragraphs, and whether it is a box (with a title line) or a card; or a
    card's picture (`pic`), as wide as the column allows and at most PIC_SHARE of its height."""

    paras: tuple
    box: bool
    pic: Picture | None = None
    at: Callable[..., tuple] | None = None  # a table: its paragraphs at a size (its columns follow it)


PIC_SHARE = 0.4  # of a column's height a picture may take


def _points(points: tuple[BulletPoint, ...], fonts, depth: int = 0) -> list[Para]:
    out = []
    for p in points:
        bullet = BULLETS[min(depth, len(BULLETS) - 1)]
        out.append(
            Para(
                words_of(p.text, fonts),
                indent=1.0 + 1.0 * depth,
                bullet=bullet,
                space_before=0.05,
                leading=LEAD,
            )
        )
        out += _points(p.points, fonts, depth + 1)
    return out


def _top(opts: SummaryOptions) -> float:
    """The size a topic's text grows to when its side has room: never below its normal size."""
    return max(opts.max_font_size, opts.font_size)


def items_for(topic: Topic, opts: SummaryOptions, fonts: Fonts, col_w: float) -> list[Item]:
    """The topic as a sequence of cards and boxes, each as paragraphs. A run of three or more
    vocabulary cards (a short title, a one-line back) is set as one two-column table."""
    out = []
    if "cards" in opts.include:
        vocab: list[Card] = []
        for c in [*(c for c in topic.cards if not c.question), None]:
            if c is not None and _is_vocabulary(c) and c.image is None and c.front_image is None:
                vocab.append(c)
                continue
            if len(vocab) >= 3:
                rows = [(v.front, v.text or v.points[0].text) for v in vocab]
                out.append(_table_item(None, rows, fonts, col_w, opts))
            else:
                out += [_card_item(v, fonts) for v in vocab]
            vocab = []
            if c is not None:
                out.append(_card_item(c, fonts))
                out += [Item((), False, p) for p in (c.front_image, c.image) if p is not None]
        questions = [c for c in topic.cards if c.question]
        if questions:  # under a heading of their own, as the key terms: not read as section titles
            out.append(_questions_item(questions, fonts))
            out += [Item((), False, p) for c in questions for p in (c.front_image, c.image) if p is not None]
    if "key_terms" in opts.include and topic.key_terms:
        out.append(
            _table_item("Key terms", [(k.term, k.definition) for k in topic.key_terms], fonts, col_w, opts)
        )
    if "key_dates" in opts.include and topic.timeline:
        out.append(
            _table_item(
                "Key dates", [(e.date.text, e.text) for e in topic.timeline], fonts, col_w, opts, whole=True
            )
        )
    return out


def _card_item(c: Card, fonts: Fonts) -> Item:
    paras = [Para(words_of(c.front, fonts, bold=True), scale=HEAD, keep_with_next=True, leading=LEAD)]
    paras += _points(c.points, fonts)
    paras += [
        Para(words_of(t, fonts), space_before=0.2, leading=LEAD) for t in c.text.split("\n\n") if t.strip()
    ]
    return Item(tuple(paras), False)


def _questions_item(cards: list[Card], fonts: Fonts) -> Item:
    """The topic's question/answer cards as a "Key questions" box: each question in bold, its
    answer under it, indented."""
    paras = [Para(words_of("Key questions", fonts, bold=True), scale=HEAD, keep_with_next=True)]
    for k, c in enumerate(cards):
        q = Para(words_of(c.front, fonts, bold=True), space_before=0.1 if k == 0 else 0.3,
                 keep_with_next=True, leading=LEAD)  # fmt: skip
        paras.append(q)
        paras += [replace(p, indent=p.indent + 1.0) for p in _points(c.points, fonts)]
        paras += [
            Para(words_of(t, fonts), indent=1.0, space_before=0.05, leading=LEAD)
            for t in c.text.split("\n\n")
            if t.strip()
        ]
    return Item(tuple(paras), True)


def _is_vocabulary(c: Card) -> bool:
    """A term and its meaning: a title of a few words and a back of one short point or sentence."""
    back = (
        c.text
        if not c.points
        else (c.points[0].text if len(c.points) == 1 and not c.points[0].points else "")
    )
    if c.points and c.text:
        return False
    return len(plain(c.front).split()) <= 4 and 0 < len(plain(back).split()) <= 25 and "\n\n" not in back


def _table_item(
    title: str | None,
    rows: list[tuple[str, str]],
    fonts: Fonts,
    col_w: float,
    opts: SummaryOptions,
    whole: bool = False,
) -> Item:
    """A table as an item: a box of key terms or dates with a title, or a run of vocabulary cards;
    `whole`: its first cells (dates) are never broken where the column can take them whole."""
    at = partial(_table, title, rows, fonts, col_w, whole=whole)
    return Item(at(opts.font_size), title is not None, at=at)


def _table(
    title: str | None,
    rows: list[tuple[str, str]],
    fonts: Fonts,
    col_w: float,
    size: float,
    whole: bool = False,
) -> tuple[Para, ...]:
    """A two-column table: each row's first cell in bold, left of its second, which wraps in its own
    column. The first column is as wide as takes the fewest lines at `size` (a wrapped first cell
    costs a line, a narrower second column may too), at least its longest word and at most CELL of
    the column (WIDEST for one long word). With `whole` (dates: "May 1954" broken in two reads as
    two dates) it is at least as wide as the longest first cell, up to WIDEST of the column."""
    bold = fonts.face(bold=True)
    space = width1(" ", bold)
    word = max((width1(w, bold) for h, _ in rows for w, _ in hyphen_pieces(plain(h))), default=0.0)
    cap = max(CELL, min((word + 0.8) * size / col_w, WIDEST)) * col_w / size
    texts = [words_of(text, fonts) for _, text in rows]
    heads = [plain(h) for h, _ in rows]
    least = min(word + 0.8, cap)  # no word of a first cell is broken where the column allows
    if whole and rows:
        longest = max(width1(h, bold) for h in heads) + 0.8
        cap = max(cap, min(longest, WIDEST * col_w / size))
        least = min(longest, cap)
    tries = sorted({max(least, min(w + 0.8, cap)) for w in [word, *(width1(h, bold) for h in heads)]})
    inner = col_w - 2 * BOX_PAD if title else col_w

    def lines_at(indent: float) -> float:
        n = 0.0
        for head, words in zip(heads, texts, strict=True):
            cell = len(cell_lines(head, bold, indent - 0.5, space))
            para = Para(words, indent=indent, leading=1.0)
            n += max(cell, round(measure((para,), inner, size, width1(" ", fonts.face())) / size))
        return n

    indent = min(tries, key=lambda i: (lines_at(i), i)) if tries else 0.0
    out = [Para(words_of(title, fonts, bold=True), scale=HEAD, keep_with_next=True)] if title else []
    for head, words in zip(heads, texts, strict=True):
        cell = cell_lines(head, bold, indent - 0.5, space)
        out.append(
            Para(words, indent=indent, label=("\n".join(cell), bold), space_before=0.05, leading=LEAD,
                 min_lines=len(cell))
        )  # fmt: skip
    return tuple(out)


@dataclass
class Laid:
    """A summary side laid out at one size: its blocks, lines and columns."""

    size: float
    blocks: list[Block]
    lines: list[list]  # per item, its lines at `size`
    paras: list[tuple]  # per item, its paragraphs at `size`
    columns: list[list[Part]]


def lay_out(
    items: list[Item], col_w: float, col_h: float, ncols: int, opts: SummaryOptions, space1: float
) -> Laid:
    """The largest size at which the items fit one side; else the same with tight spacing (cards
    closer, dates that may wrap), which may still keep the topic to one side; else the minimum size,
    flowing on."""

    def at(size: float, tight: bool = False) -> tuple[list[Block], list[tuple[tuple, list]]]:
        blocks: list[Block] = []
        lines: list[tuple[tuple, list]] = []  # per item, its paragraphs and lines
        for it in items:
            if it.pic is not None:  # one unbreakable "line": the picture and the space under it
                _, ph = fit_box(probe(it.pic.path), col_w, col_h * PIC_SHARE)
                blocks.append(Block((ph + 1.5 * mm,), 0, True, 0.25 * size))
                lines.append(((), []))
                continue
            w = col_w - 2 * BOX_PAD if it.box else col_w
            paras = (it.at(size, whole=False) if tight else it.at(size)) if it.at else it.paras
            ls = wrap(paras, w, size, space1)
            keep = sum(1 for ln in ls if ln.para == 0) if not it.box else 1
            heights = tuple(ln.height + ln.space_before for ln in ls)
            gap = (0.25 if it.box or tight else CARD_GAP) * size
            blocks.append(Block(heights, keep, it.box, gap, 2 * BOX_PAD if it.box else 0.0))
            lines.append((paras, ls))
        return blocks, lines

    # the largest size up to the maximum at which the topic fills its side; past that, smaller
    best = _largest(at, opts.min_font_size, _top(opts), col_h, ncols)
    if best is None:
        best = _largest(partial(at, tight=True), opts.min_font_size, _top(opts), col_h, ncols)
    if best is not None:
        size, blocks, lines = best
        return Laid(size, blocks, [ls for _, ls in lines], [p for p, _ in lines],
                    balanced(blocks, col_h, ncols) or [])  # fmt: skip
    blocks, lines = at(opts.min_font_size)
    return Laid(opts.min_font_size, blocks, [ls for _, ls in lines], [p for p, _ in lines],
                flow(blocks, col_h) or [])  # fmt: skip


def _largest(at, low: float, high: float, col_h: float, ncols: int):
    """Binary search for the largest size in [low, high] (by STEP) at which the items fit one side."""
    lo, hi, best = 0, int(round((high - low) / STEP)), None
    while lo <= hi:
        mid = (lo + hi) // 2
        size = low + mid * STEP
        blocks, lines = at(size)
        if flow(blocks, col_h, ncols) is not None:
            best, lo = (size, blocks, lines), mid + 1
        else:
            hi = mid - 1
    return best


def _header(
    c,
    topic: Topic,
    fonts,
    x: float,
    top: float,
    width: float,
    cont: bool,
    head: tuple[float, float] = (TITLE, 8.5),
) -> None:
    """The topic and its subject; the pack title, term and class are in the page's running header.
    `head`: the title's and the subject's sizes."""
    space1 = width1(" ", fonts.face())
    title_size, subject_size = head
    title = topic.topic + (" (continued)" if cont else "")
    paras = (Para(words_of(title, fonts, bold=True), leading=1.15),)
    y = draw(c, paras, wrap(paras, width, title_size, space1), x, top, width, title_size, space1)
    if topic.subject:
        c.setFillGray(GREY)
        mp = (Para(words_of(topic.subject, fonts)),)
        y = draw(c, mp, wrap(mp, width, subject_size, space1), x, y, width, subject_size, space1)
        c.setFillGray(0)
    c.setLineWidth(0.9)
    c.line(x, y - 1.2 * mm, x + width, y - 1.2 * mm)


def header_height(topic: Topic, fonts, width: float, head: tuple[float, float] = (TITLE, 8.5)) -> float:
    space1 = width1(" ", fonts.face())
    title_size, subject_size = head
    paras = (Para(words_of(topic.topic + " (continued)", fonts, bold=True), leading=1.15),)
    h = height(wrap(paras, width, title_size, space1)) + 3.2 * mm
    if topic.subject:
        mp = (Para(words_of(topic.subject, fonts)),)
        h += height(wrap(mp, width, subject_size, space1))
    return h


def _rule_above(gap: float, size: float) -> float:
    """How far above a card's top the rule between cards sits: as far below the descenders of the
    card above (which reach DESCENDS x size below its last line) as above the cap height of the
    next card's title (CAP_DROP x size below its top), so it sits in the middle of the space."""
    return (gap - DESCENDS * size - CAP_DROP * size) / 2


def _draw_part(
    c, part: Part, items: list[Item], laid: Laid, x: float, top: float, col_w: float, space1: float,
    pictures: Pictures | None = None,
) -> None:  # fmt: skip
    item, block = items[part.block], laid.blocks[part.block]
    lines = laid.lines[part.block][part.start : part.end]
    y = top - part.y
    if item.pic is not None:
        assert pictures is not None
        pictures.draw(c, item.pic, x, y, col_w, block.heights[0] - 1.5 * mm)
        return
    if not item.box:
        if part.start == 0 and part.y > 0:  # a hairline between cards, headings set off by weight and rule
            c.setLineWidth(0.35)
            c.setStrokeGray(0.45)
            rule = y + _rule_above(block.gap, laid.size)
            c.line(x, rule, x + col_w, rule)
            c.setStrokeGray(0)
        draw(c, laid.paras[part.block], lines, x, y, col_w, laid.size, space1)
        return
    h = sum(block.heights[part.start : part.end]) + block.pad
    if part.start == 0:  # the box's title line on a light grey ground
        c.setFillGray(0.86)
        c.rect(
            x,
            y - BOX_PAD - lines[0].height - BOX_PAD / 2,
            col_w,
            lines[0].height + BOX_PAD * 1.5,
            stroke=0,
            fill=1,
        )
        c.setFillGray(0)
    c.setLineWidth(0.7)
    c.rect(x, y - h, col_w, h, stroke=1, fill=0)
    draw(c, laid.paras[part.block], lines, x + BOX_PAD, y - BOX_PAD, col_w - 2 * BOX_PAD, laid.size, space1)


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, SummaryOptions)
    p = ctx.preset
    if p.name != "standard":  # larger type, and the normal face: condensed letters read less easily
        size = max(opts.font_size, p.sheet_min)
        opts = replace(
            opts, font_size=size, min_font_size=max(opts.min_font_size, p.sheet_min), condensed=False
        )
    fonts = ctx.fonts.condensed() if opts.condensed else ctx.fonts
    # under a floor (large print) the topic stands above the body, its subject no smaller than the floor
    head = (max(TITLE, opts.font_size * 1.25), p.at_least(8.5)) if p.floor else (TITLE, 8.5)
    pw, ph = (v * mm for v in pack.paper.value)
    W, H = (ph, pw) if opts.orientation == "landscape" else (pw, ph)
    ncols = opts.columns or (3 if opts.orientation == "landscape" else 2)
    width = W - 2 * SIDE
    col_w = (width - (ncols - 1) * GUTTER) / ncols
    space1 = width1(" ", fonts.face())
    pages: list[Page] = []
    notices, sizes = [], []
    sides: list[int] = []  # each topic's, as the cover says them
    for topic in pack.topics_named(opts.topics):
        items = items_for(topic, opts, fonts, col_w)
        head_h = header_height(topic, fonts, width, head)
        top = H - FURNITURE_BAND - head_h
        col_h = top - FURNITURE_BAND
        laid = lay_out(items, col_w, col_h, ncols, opts, space1)
        for it in items:
            if it.pic is not None:
                ctx.pictures.note(it.pic, col_w, col_h * PIC_SHARE)
        sizes.append(laid.size)
        sheets = [laid.columns[i : i + ncols] for i in range(0, max(len(laid.columns), 1), ncols)]
        sides.append(len(sheets))
        if len(sheets) > 1:
            notices.append(f"'{plain(topic.topic)}' needs {len(sheets)} sides even at {laid.size:g} pt")
        for k, cols in enumerate(sheets):

            def page(c, cols=cols, k=k, topic=topic, items=items, laid=laid, top=top) -> None:
                _header(c, topic, fonts, SIDE, H - FURNITURE_BAND, width, k > 0, head)
                for ci, parts in enumerate(cols):
                    x = SIDE + ci * (col_w + GUTTER)
                    for part in parts:
                        _draw_part(c, part, items, laid, x, top, col_w, space1, ctx.pictures)

            marks = ((plain(topic.topic), 1),) if k == 0 else ()
            pages.append(Page(W, H, page, furniture=True, bookmarks=marks))
    how = PrintAdvice("single", after=sides_a_topic(sides))
    size_text = ", ".join(f"{s:g}" for s in sizes)
    summary = f"{plural(len(sizes), 'topic')} on {plural(len(pages), 'side')} (text at {size_text} pt)"
    return SectionPages(tuple(pages), how, summary, tuple(notices))
