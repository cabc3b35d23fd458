"""An organiser's boxes: each part of a topic (key terms, dates, people, questions, what to know, its
picture) as a titled box whose content is laid out at any size as a list of units.

A unit is the smallest thing a box may be split between (a table row, a line of text, a picture),
with its height at that size and how to draw it. Only heights are needed to find the size that
fills the page; words are measured once (studypack.text.fit), so laying out at another size is
arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studypack.layout_api.styles import GREY, mm
from studypack.model import BulletPoint, Card, Picture, Topic
from studypack.pictures import Pictures, fit_box, probe
from studypack.text.draw import draw
from studypack.text.fit import Para, cell_lines, height, hyphen_pieces, width1, words_of, wrap
from studypack.text.fonts import Fonts
from studypack.text.markup import plain

PAD = 2.2 * mm  # inside a box's frame
HEAD = 1.25  # a box's title against the body size
LEAD = 1.2
ROW_GAP = 0.35  # ems between table rows (a hairline sits in the middle)
CELL = 0.36  # a table's first column takes at most this share of the box
WIDEST = 0.46  # ...or this much, for one long word that would otherwise break
WRITE = 7 * mm  # a self-quiz writing line's least spacing: room for a pupil's handwriting
PIC_SHARE = 0.42  # of a column's height the picture may take
BULLETS = ("•", "–", "·", "›")

Draw = Callable[[Any, float, float, float], None]  # (canvas, x, top, width)


@dataclass(frozen=True)
class Unit:
    """A piece of a box that stays whole in a column: its height and how to draw it."""

    h: float
    draw: Draw


@dataclass(frozen=True)
class Row:
    """A table row: a first cell (bold: a term, date or name) beside a second (its meaning), each
    wrapping in its own column; `blank` draws the second as lines to write on."""

    left: tuple[Para, ...]
    right: tuple[Para, ...]
    blank: bool = False
    head: str = ""  # the first cell as plain text, to break a long hyphenated word at its hyphen


@dataclass(frozen=True)
class Flow:
    """Running text (a card's title, points and paragraphs): one unit a line, so it may split."""

    paras: tuple[Para, ...]


@dataclass(frozen=True)
class Answer:
    """A key question over its answer; in the self-quiz copy the answer is lines to write on."""

    question: tuple[Para, ...]
    answer: tuple[Para, ...]
    blank: bool = False


@dataclass(frozen=True)
class Pic:
    """A box's picture."""

    picture: Picture


Item = Row | Flow | Answer | Pic


@dataclass(frozen=True)
class Box:
    """One box of an organiser: its title and what it holds."""

    title: str
    items: tuple[Item, ...]
    timeline: bool = False  # key dates: a rule with a dot per date between the two columns


def boxes_for(topic: Topic, parts: tuple[str, ...], fonts: Fonts, quiz: bool) -> list[Box]:
    """The topic's boxes in the order asked for; a part the topic lacks has no box. `quiz`: the
    self-quiz copy, its definitions, events, who people were and answers blanked."""
    makers = {
        "key_terms": lambda: _rows("Key terms", [(k.term, k.definition) for k in topic.key_terms], fonts, quiz),
        "key_dates": lambda: _dates(topic, fonts, quiz),
        "people": lambda: _rows("Key people", [(p.name, p.about) for p in topic.people], fonts, quiz),
        "key_questions": lambda: _questions(topic, fonts, quiz),
        "cards": lambda: _know(topic, fonts),
        "picture": lambda: _picture(topic),
    }  # fmt: skip
    return [b for b in (makers[p]() for p in parts) if b is not None]


def _para(text: str, fonts: Fonts, bold: bool = False, **kw: Any) -> Para:
    return Para(words_of(text, fonts, bold=bold), leading=LEAD, **kw)


def _rows(title: str, pairs: list[tuple[str, str]], fonts: Fonts, quiz: bool) -> Box | None:
    if not pairs:
        return None
    rows = tuple(
        Row(
            (_para(a, fonts, True),),
            (_para(b, fonts),) if b.strip() else (),
            quiz and bool(b.strip()),
            plain(a),
        )
        for a, b in pairs
    )
    return Box(title, rows)


def _dates(topic: Topic, fonts: Fonts, quiz: bool) -> Box | None:
    if not topic.timeline:
        return None
    cues = _same_date_cues([e.date.text for e in topic.timeline]) if quiz else [""] * len(topic.timeline)
    rows = tuple(
        Row(
            (Para(words_of(e.date.text, fonts, bold=True) + words_of(cue, fonts), leading=LEAD),),
            (_para(e.text, fonts),),
            quiz,
            plain(e.date.text) + (" " + cue if cue else ""),
        )
        for e, cue in zip(topic.timeline, cues, strict=True)
    )
    return Box("Key dates", rows, timeline=True)


def _same_date_cues(dates: list[str]) -> list[str]:
    """A cue for each date written the same as another ("1956 (1 of 2)", "1956 (2 of 2)"), so a
    pupil blanking the events can tell which line is which (in the organiser's order) without
    being given any of the event; "" for a date that is unique."""
    keys = [" ".join(plain(d).split()).casefold() for d in dates]
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        n = keys.count(k)
        out.append(f"({seen[k]} of {n})" if n > 1 else "")
    return out


def _questions(topic: Topic, fonts: Fonts, quiz: bool) -> Box | None:
    qs = [c for c in topic.cards if c.question]
    if not qs:
        return None
    items = tuple(Answer((_para(c.front, fonts, True),), tuple(_back(c, fonts)), quiz) for c in qs)
    return Box("Key questions", items)


def _know(topic: Topic, fonts: Fonts) -> Box | None:
    cards = [c for c in topic.cards if not c.question]
    if not cards:
        return None
    items = []
    for c in cards:
        head = _para(c.front, fonts, True, keep_with_next=True, space_before=0.45)
        items.append(Flow((head, *_back(c, fonts))))
    return Box("What you need to know", tuple(items))


def _back(c: Card, fonts: Fonts) -> list[Para]:
    out = _points(c.points, fonts)
    out += [_para(t, fonts, space_before=0.2) for t in c.text.split("\n\n") if t.strip()]
    return out


def _points(points: tuple[BulletPoint, ...], fonts: Fonts, depth: int = 0) -> list[Para]:
    out = []
    for p in points:
        bullet = BULLETS[min(depth, len(BULLETS) - 1)]
        out.append(_para(p.text, fonts, indent=1.0 + depth, bullet=bullet, space_before=0.1))
        out += _points(p.points, fonts, depth + 1)
    return out


def _picture(topic: Topic) -> Box | None:
    """The topic's picture: the first on its cards (back, then front), else on its dates."""
    for pic in [p for c in topic.cards for p in (c.image, c.front_image)] + [e.image for e in topic.timeline]:
        if pic is not None:
            return Box(plain(pic.alt) if pic.alt else "Picture", (Pic(pic),))
    return None


# ---- laying out ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    """What a layout at one size shares: the body size, the width inside a box, a column's height."""

    size: float
    inner: float
    col_h: float
    space1: float
    bold: str
    pictures: Pictures | None = None
    fonts: Fonts | None = None


def title_unit(box: Box, s: Sizes, fonts: Fonts) -> Unit:
    """The box's title on a grey band (a tone, never a colour: it must read in greyscale)."""
    paras = (_para(box.title, fonts, True),)
    ts = s.size * HEAD
    lines = wrap(paras, s.inner, ts, s.space1)
    h = height(lines) + 1.2 * PAD

    def paint(c: Any, x: float, top: float, w: float) -> None:
        c.setFillGray(0.84)
        c.rect(x - PAD, top - h, w + 2 * PAD, h, stroke=0, fill=1)
        c.setFillGray(0)
        draw(c, paras, lines, x, top - 0.6 * PAD, w, ts, s.space1)

    return Unit(h + 0.4 * PAD, paint)


def units(box: Box, s: Sizes, fonts: Fonts) -> list[Unit]:
    """The box at size `s.size`: its title, then its content's units."""
    out = [title_unit(box, s, fonts)]
    first_col = _first_col(box, s)
    for i, item in enumerate(box.items):
        if isinstance(item, Row):
            out.append(_row(item, s, first_col, box.timeline, rule=i > 0))
        elif isinstance(item, Flow):
            out += _flow(item.paras, s, skip_first_space=i == 0)
        elif isinstance(item, Answer):
            out += _answer(item, s, first=i == 0)
        else:
            out.append(_pic(item.picture, s))
    return out


def _first_col(box: Box, s: Sizes) -> float:
    """The first column as wide as four in five of its cells need, at most CELL of the box: a longer
    term wraps in its own column rather than pushing into the second."""
    lefts = [p for it in box.items if isinstance(it, Row) for p in it.left]
    widths = sorted((sum(p.ws) + s.space1 * max(len(p.ws) - 1, 0)) * s.size for p in lefts)
    if not widths:
        return 0.0
    usual = widths[min(len(widths) - 1, int(0.8 * len(widths)))]
    heads = [it.head for it in box.items if isinstance(it, Row)]
    word = max((width1(w, s.bold) for h in heads for w in h.split()), default=0.0) * s.size
    if word + 0.2 * s.size > CELL * s.inner:  # too wide to keep whole: its pieces, broken at hyphens
        pieces = [w for h in heads for w, _ in hyphen_pieces(h)]
        word = max((width1(w, s.bold) for w in pieces), default=0.0) * s.size
    # a single word wider than the usual share (De-Stalinisation) may widen it rather than break
    cap = max(CELL * s.inner, min(word + 0.2 * s.size, WIDEST * s.inner))
    return min(max(usual, word) + 0.2 * s.size, cap)


def _row(row: Row, s: Sizes, left_w: float, timeline: bool, rule: bool) -> Unit:
    gap = (1.6 if timeline else 0.9) * s.size  # the timeline's rule and dot sit in this gap
    right_w = s.inner - left_w - gap
    left = row.left
    if s.fonts is not None and any(w * s.size > left_w for p in left for w in p.ws):
        # a word wider than the column (Marxism-Leninism) breaks at its own hyphen where it has one
        lines = cell_lines(row.head, s.bold, left_w / s.size, width1(" ", s.bold))
        left = tuple(_para(line, s.fonts, True) for line in lines)
    left_lines = wrap(left, left_w, s.size, s.space1)
    right_lines = wrap(row.right, right_w, s.size, s.space1) if row.right else []
    lh = s.size * LEAD
    step = max(lh, WRITE)  # a self-quiz answer: as many lines as it takes, spaced for handwriting
    right_h = max(1, len(right_lines)) * step if row.blank else height(right_lines)
    # self-quiz rows: half a writing line's room between them, and no hairline: under the last
    # writing line it would read as one doubled line (the bold term starts each row)
    before = (0.5 * step if row.blank else ROW_GAP * s.size) if rule else 0.0
    h = before + max(height(left_lines), right_h)

    def paint(c: Any, x: float, top: float, w: float) -> None:
        if rule and not row.blank:  # a hairline between rows, in the middle of the gap
            c.setLineWidth(0.3)
            c.setStrokeGray(0.6)
            c.line(x, top - before / 2, x + w, top - before / 2)
            c.setStrokeGray(0)
        y = top - before
        draw(c, left, left_lines, x, y, left_w, s.size, s.space1)
        rx = x + left_w + gap
        if timeline:  # the strip: a rule down the gap, a dot at each date's first line
            mid = x + left_w + gap / 2
            c.setLineWidth(0.8)
            c.line(mid, top, mid, top - h)
            c.circle(mid, y - lh * 0.55, s.size * 0.2, stroke=0, fill=1)
        if row.blank and timeline:  # right of the strip: a line across it would cut its rule
            _writing_lines(c, rx, y, x + w, step, right_h)
        elif row.blank:  # beside the term, then the box's full width once below it
            _writing_lines(c, rx, y, x + w, step, right_h, x, y - height(left_lines))
        else:
            draw(c, row.right, right_lines, rx, y, right_w, s.size, s.space1)

    return Unit(h, paint)


def _writing_lines(
    c: Any,
    x0: float,
    top: float,
    x1: float,
    step: float,
    total: float,
    x_below: float | None = None,
    below: float = 0.0,
) -> None:
    """Lines to write on from x0 to x1; with `x_below`, those a line's height below `below` (the
    foot of the term beside them) start at x_below, so they run the width the term leaves free."""
    c.setLineWidth(0.5)
    c.setStrokeGray(GREY)
    for k in range(1, round(total / step) + 1):  # each a fifth of a step above the next one's top
        y = top - k * step + 0.2 * step
        free = x_below is not None and y <= below - 0.6 * step
        c.line(x_below if free and x_below is not None else x0, y, x1, y)
    c.setStrokeGray(0)


def _flow(paras: tuple[Para, ...], s: Sizes, skip_first_space: bool = False) -> list[Unit]:
    lines = wrap(paras, s.inner, s.size, s.space1)
    if lines and not skip_first_space and lines[0].space_before == 0.0:
        lines[0] = lines[0]._replace(space_before=paras[0].space_before * s.size)
    groups: list[list] = []
    for k, ln in enumerate(lines):
        # a heading's last line holds on to the next line: a heading never ends a column
        held = k > 0 and paras[lines[k - 1].para].keep_with_next
        if held:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    out = []
    for group in groups:

        def paint(c: Any, x: float, top: float, w: float, group: list = group) -> None:
            draw(c, paras, group, x, top, w, s.size, s.space1)

        out.append(Unit(height(group), paint))
    return out


def _answer(item: Answer, s: Sizes, first: bool) -> list[Unit]:
    """The question in bold, its answer under it, indented (or lines to write it on)."""
    gap = 0.0 if first else ROW_GAP * s.size * 1.5
    out = [_moved(u, gap if k == 0 else 0.0, 0.0) for k, u in enumerate(_flow(item.question, s, True))]
    indent = s.size
    if item.blank:
        n = max(1, len(wrap(item.answer, s.inner - indent, s.size, s.space1)))
        step = max(s.size * LEAD, WRITE)

        def lines(c: Any, x: float, top: float, w: float) -> None:
            _writing_lines(c, x + indent, top, x + w, step, n * step)

        return [*out, Unit(n * step, lines)]
    sub = Sizes(s.size, s.inner - indent, s.col_h, s.space1, s.bold, s.pictures, s.fonts)
    return out + [_moved(u, 0.0, indent) for u in _flow(item.answer, sub, skip_first_space=True)]


def _moved(u: Unit, down: float, right: float) -> Unit:
    """The unit with `down` points of space above it, drawn `right` points in."""
    if not down and not right:
        return u

    def paint(c: Any, x: float, top: float, w: float) -> None:
        u.draw(c, x + right, top - down, w - right)

    return Unit(u.h + down, paint)


def _pic(pic: Picture, s: Sizes) -> Unit:
    _, ph = fit_box(probe(pic.path), s.inner, s.col_h * PIC_SHARE)

    def paint(c: Any, x: float, top: float, w: float) -> None:
        assert s.pictures is not None
        s.pictures.draw(c, pic, x, top - 0.5 * PAD, w, ph)

    return Unit(ph + PAD, paint)


def space_of(fonts: Fonts) -> float:
    return width1(" ", fonts.face())
