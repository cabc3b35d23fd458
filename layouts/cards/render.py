"""Cut-out revision cards on A4, Letter or A3 sheets, single-sided, duplex or fold-in-half.

Two passes: first every card's faces are fitted (largest size that fits, continuing on a further
card marked "(cont.)" when even the minimum does not), so each topic's "3 of 18" counts continuations;
then the faces are drawn at their grid slots, backs mirrored for the chosen flip.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from studypack.layouts.cards import shared
from studypack.layouts.cards.grid import (
    CARD_SIZES,
    FoldGrid,
    Grid,
    Rect,
    Sides,
    cut_lines,
    fold_grid,
    make_grid,
)
from studypack.layouts.cards.options import (
    CardsOptions,
)

from studypack.errors import ContentError, Problem
from studypack.layout_api.options import options_of
from studypack.layout_api.pages import Canvas, Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import GREY, GUIDE_GREY, GUIDE_WIDTH, PRESETS, SAFE_MM, Preset, mm
from studypack.model import BulletPoint, Card, Pack, Picture, Section, Topic
from studypack.pictures import Pictures
from studypack.reportlab_fast import text_centred, text_line, text_right
from studypack.reprint import Pick, check_numbers, topic_key
from studypack.text.fit import Fit, Para, fit, measure, used_paras, width1, words_of
from studypack.text.fonts import Fonts
from studypack.text.markup import plain
from studypack.wording import plural

INSET = SAFE_MM  # card text keeps this far inside every card edge, as a page keeps from the paper's
DESCENT = 0.24  # how far a descender (g, p, y) reaches below the baseline, as a share of the size
EDGE_ROOM = 0.8  # mm: the most a glyph reaches left of its origin at a card's sizes
BULLETS = ("•", "–", "·", "›")
BAND_TONES = (0.82, 0.62, 0.9, 0.72)  # distinct greys, light enough for black text on them
CONT = " (cont.)"
MIN_LABEL = 10.0  # mm: a card narrower than its number plus this much prints no label line


@dataclass
class Face:
    """One fitted face: paragraphs, the lines kept and the size they were set at; a picture at the
    top of its text box, `pic_h` points tall (the text below it)."""

    paras: tuple
    fit: Fit
    size: float
    pic: Picture | None = None
    pic_h: float = 0.0
    centred: bool = False  # short text set larger: in the middle of the face


PIC_GAP = 2 * mm  # between a picture and the text under it
PIC_SHARE = 0.6  # of a face a picture may take when text shares it
MIN_TEXT = 12 * mm  # the least room for text beside a picture before the picture takes its own face
SHORT = 0.5  # notes that take at most this share of a face at the normal size are set larger
PARAGRAPH = 1.6  # notes that fit a face grow up to max_font_size when they make three lines or
# fewer, else to this x normal
FOOT_GAP = 2 * mm  # grown notes stop this far above the room for the footer line: larger text looks
# closer to the small footer than standard text does, which rarely reaches the foot of its face


@dataclass
class PhysCard:
    """One printed card: its faces and its number within its topic."""

    topic: Topic
    topic_index: int
    title: str
    front: Face | None
    back: Face | None
    number: int = 0
    total: int = 0
    continues: bool = False  # its text goes on on the next card
    kind: str = "card"  # or "key term", said on the front


def _body_paras(points: tuple[BulletPoint, ...], text: str, fonts, depth: int = 0) -> list[Para]:
    out = []
    for p in points:
        bullet = BULLETS[min(depth, len(BULLETS) - 1)]
        out.append(Para(words_of(p.text, fonts), indent=1.1 + 1.1 * depth, bullet=bullet, space_before=0.25))
        out += _body_paras(p.points, "", fonts, depth + 1)
    for chunk in [c for c in text.split("\n\n") if c.strip()]:
        out.append(Para(words_of(chunk, fonts), space_before=0.4))
    return out


def _fit_chain(
    paras: tuple, w: float, h: float, top: float, low: float, space1: float, head: Para | None = None
) -> list[Face]:
    """Fit paragraphs into boxes of w x h, as many boxes as it takes, breaking between bullets or
    sentences; `head` opens each continuation, which keeps the size of the first part."""
    faces = []
    while True:
        f = fit(paras, w, h, top, low, space1, whole=True)
        if head is not None and paras[0] is head and f.rest and all(ln.para == 0 for ln in f.lines):
            # the heading fitted but not a line of what it heads (a paragraph keeps two lines
            # together): without this the same box would come back, for ever
            head, paras = None, paras[1:]
            continue
        rest, f.rest = f.rest, ()  # the face keeps only its own words (memory stays linear)
        faces.append(Face(used_paras(paras, f.lines), f, f.size))
        if not rest:
            return faces
        top = low = f.size
        if head is not None and measure((head,), w, f.size, space1) > h / 2:
            head = None  # a heading that fills half a card would leave no room for what it heads
        paras = ((head,) if head else ()) + tuple(rest)


class _Fitter:
    def __init__(
        self, opts: CardsOptions, grid: Grid, fonts, single: bool, pictures: Pictures | None = None
    ) -> None:
        self.o, self.fonts, self.single = opts, fonts, single
        self.pictures = pictures or Pictures()
        self.w = (grid.w - 2 * INSET) * mm
        foot = opts.min_font_size * 1.6  # topic and number line
        self.h = (grid.h - 2 * INSET) * mm - foot
        self.space1 = width1(" ", fonts.face())
        self.shrunk: list[str] = []

    def card(
        self,
        topic: Topic,
        ti: int,
        title: str,
        body: list[Para],
        kind: str = "card",
        card: Card | None = None,
    ) -> list[PhysCard]:
        image = card.image if card else None
        front_image = card.front_image if card else None
        if image is None and front_image is None:
            cards = self._card(topic, ti, title, body)
        else:
            cards = self._pictured(topic, ti, title, body, card)  # type: ignore[arg-type]
        for i, pc in enumerate(cards):
            pc.kind, pc.continues = kind, i < len(cards) - 1
        return cards

    # ---- cards with pictures ----

    def _pic_face(self, pic: Picture, h: float, paras: tuple = (), size: float = 0.0) -> Face:
        """A face that is the picture alone (h: the whole text box), or the picture over text."""
        dw, dh = self.pictures.note(pic, self.w, h)
        return Face(paras, Fit(size or self.o.font_size, [], ()), size or self.o.font_size, pic, dh)

    def _share(self, pic: Picture, body: tuple, head: Para | None = None) -> Face | None:
        """The picture over the body on one face, when the body fits below it at the minimum size
        or more; None when it does not (the picture then keeps a face of its own)."""
        from studypack.pictures import fit_box, probe

        _, ph = fit_box(probe(pic.path), self.w, self.h * PIC_SHARE)
        room = self.h - ph - PIC_GAP
        paras = ((head,) if head else ()) + body
        if room < MIN_TEXT or not paras:
            return None
        f = fit(paras, self.w, room, self.o.font_size, self.o.min_font_size, self.space1, whole=True)
        if f.rest:
            return None
        self.pictures.note(pic, self.w, self.h * PIC_SHARE)
        return Face(used_paras(paras, f.lines), f, f.size, pic, ph)

    def _pictured(self, topic: Topic, ti: int, title: str, body: list[Para], card: Card) -> list[PhysCard]:
        o, f = self.o, self.fonts
        image, front_image = card.image, card.front_image
        cont = Para(words_of("(continued)", f, italic=True), keep_with_next=True)
        if self.single:  # one face: the picture at the top, then the title and the notes
            head = Para(words_of(title, f, bold=True), scale=1.25, keep_with_next=True)
            chead = Para(words_of(title + CONT, f, bold=True), scale=1.25, keep_with_next=True)
            pics = [p for p in (front_image, image) if p is not None]
            faces: list[Face] = []
            shared = self._share(pics[0], tuple(body), None if card.untitled else head)
            if shared is not None:
                faces.append(shared)
            else:  # the picture keeps its face (with the title); the notes go on after it
                top = () if card.untitled else (head,)
                tf = fit(top, self.w, self.h, o.font_size, o.min_font_size, self.space1) if top else None
                ph = self.h - (height_of(tf) + PIC_GAP if tf else 0.0)
                face = self._pic_face(
                    pics[0], ph, used_paras(top, tf.lines) if tf else (), tf.size if tf else 0.0
                )
                if tf:
                    face.fit = tf
                faces.append(face)
                if body:
                    faces += _fit_chain(
                        (chead, *body), self.w, self.h, o.font_size, o.min_font_size, self.space1, chead
                    )
            for p in pics[1:]:
                faces.append(self._pic_face(p, self.h))
            self._note(topic, title, [fc.size for fc in faces if fc.fit.lines], len(faces))
            return [PhysCard(topic, ti, title, fc, None) for fc in faces]
        # two faces: the front (a picture, with its title unless it has none), the back
        t = Para(words_of(title, f, bold=True), align="centre")
        if front_image is not None and card.untitled:
            fronts = [self._pic_face(front_image, self.h)]
        elif front_image is not None:
            tf = fit((t,), self.w, self.h * 0.35, o.title_size, o.min_font_size, self.space1)
            face = self._pic_face(
                front_image, self.h - height_of(tf) - PIC_GAP, used_paras((t,), tf.lines), tf.size
            )
            face.fit = tf
            fronts = [face]
        else:
            fronts = _fit_chain((t,), self.w, self.h, o.title_size, o.min_font_size, self.space1)
        backs: list[Face] = []
        if image is not None:
            shared = self._share(image, tuple(body))
            if shared is not None:
                backs = [shared]
            else:  # the picture keeps the back; the notes continue on the next card
                backs = [self._pic_face(image, self.h)]
                if body:
                    backs += _fit_chain(
                        tuple(body), self.w, self.h, o.font_size, o.min_font_size, self.space1, cont
                    )
        elif body:
            backs = self._body_faces(tuple(body), cont)
        n = max(len(fronts), len(backs), 1)
        out = []
        for i in range(n):
            if i < len(fronts):
                front = fronts[i]
            else:  # a continuation repeats the title, marked
                ct = Para(words_of(title + CONT, f, bold=True), align="centre")
                front = _fit_chain((ct,), self.w, self.h, o.title_size, o.min_font_size, self.space1)[0]
            out.append(PhysCard(topic, ti, title, front, backs[i] if i < len(backs) else None))
        self._note(topic, title, [b.size for b in backs if b.fit.lines], n)
        return out

    def _card(self, topic: Topic, ti: int, title: str, body: list[Para]) -> list[PhysCard]:
        o, f = self.o, self.fonts
        head = Para(words_of(title, f, bold=True), scale=1.25, keep_with_next=True)
        if self.single:
            cont = Para(words_of(title + CONT, f, bold=True), scale=1.25, keep_with_next=True)
            faces = self._body_faces((head, *body), cont, across=False)
            cards = [PhysCard(topic, ti, title, fc, None) for fc in faces]
            self._note(topic, title, [fc.size for fc in faces], len(faces))
            return cards
        t = Para(words_of(title, f, bold=True), align="centre")
        fronts = _fit_chain((t,), self.w, self.h, o.title_size, o.min_font_size, self.space1)
        cont = Para(words_of("(continued)", f, italic=True), keep_with_next=True)
        backs = self._body_faces(tuple(body), cont) if body else []
        n = max(len(fronts), len(backs), 1)
        out = []
        for i in range(n):
            if i < len(fronts) and (i == 0 or len(fronts) > 1):
                front = fronts[i]
            else:  # a continuation repeats the title, marked
                front = _fit_chain(
                    (Para(words_of(title + CONT, f, bold=True), align="centre"),),
                    self.w,
                    self.h,
                    o.title_size,
                    o.min_font_size,
                    self.space1,
                )[0]
            out.append(PhysCard(topic, ti, title, front, backs[i] if i < len(backs) else None))
        self._note(topic, title, [b.size for b in backs], n)
        return out

    def _body_faces(self, paras: tuple, cont: Para, across: bool = True) -> list[Face]:
        """The faces a card's notes take. Notes that fit one face at the normal size grow into its
        empty space (text grows before anything shrinks): up to max_font_size for three lines or
        fewer, else PARAGRAPH x normal, keeping FOOT_GAP clear above the footer line. Short notes (at
        most SHORT of the face at the normal size, three lines at most when grown) also sit in its middle, and across it too when they
        are plain text (`across`: no bullets, no title), so a one-word answer reads at arm's length.
        Notes that do not fit one face are fitted as before, from the normal size down."""
        o = self.o
        top = max(o.max_font_size, o.font_size)
        need = measure(paras, self.w, o.font_size, self.space1) if top > o.font_size else math.inf
        if need > self.h:
            return _fit_chain(paras, self.w, self.h, o.font_size, o.min_font_size, self.space1, cont)
        room = self.h - FOOT_GAP
        faces = _fit_chain(paras, self.w, room, top, o.font_size, self.space1, cont)
        if len(faces[0].fit.lines) > 3 and top > PARAGRAPH * o.font_size:  # a paragraph: larger, not huge
            faces = _fit_chain(paras, self.w, room, PARAGRAPH * o.font_size, o.font_size, self.space1, cont)
        if len(faces) > 1 or faces[0].size <= o.font_size:  # no room to grow: as standard text
            return _fit_chain(paras, self.w, self.h, o.font_size, o.min_font_size, self.space1, cont)
        face = faces[0]
        # centred only when it reads as one short answer (three lines at most): a centred paragraph
        # is harder to read, and a sheet of cards mixing centred paragraphs with left-aligned ones
        # looks untidy
        if need <= SHORT * self.h and len(face.fit.lines) <= 3:
            if across and not any(p.bullet for p in face.paras):
                face.paras = tuple(replace(p, align="centre") for p in face.paras)
            face.centred = True
        return faces

    def _note(self, topic: Topic, title: str, sizes: list[float], n: int) -> None:
        small = min(sizes, default=self.o.font_size)
        if n > 1:
            self.shrunk.append(f"'{topic.topic}' › '{plain(title)}' continued on {n} cards at {small:g} pt")
        elif small < self.o.font_size:
            self.shrunk.append(
                f"'{topic.topic}' › '{plain(title)}' set at {small:g} pt (normal {self.o.font_size:g})"
            )


def height_of(f: Fit | None) -> float:
    from studypack.text.fit import height

    return height(f.lines) if f else 0.0


# A card to fit: its topic and the topic's place, its title, how its body is made, its kind, the card
Item = tuple[Topic, int, str, Callable[[], list[Para]], str, Card | None]


def card_items(pack: Pack, opts: CardsOptions, fonts) -> list[Item]:
    """Every card the section prints, in order: each topic's cards, then its key terms (by default
    only a topic that has no cards shows its key terms)."""
    items: list[Item] = []
    for ti, topic in enumerate(pack.topics_named(opts.topics)):
        auto = not opts.include
        if auto or "cards" in opts.include:
            for c in topic.cards:
                body = partial(_body_paras, c.points, c.text, fonts)
                items.append((topic, ti, c.front, body, "card", c))
        if "key_terms" in opts.include or (auto and not topic.cards):
            for k in topic.key_terms:
                items.append((topic, ti, k.term, partial(_definition, k.definition, fonts), "key term", None))
    return items


def _definition(text: str, fonts) -> list[Para]:
    return [Para(words_of(text, fonts))]


def fit_items(fitter: _Fitter, items: list[Item]) -> list[list[PhysCard]]:
    """Each item's physical cards (more than one when its text continues)."""
    return [fitter.card(topic, ti, title, body(), kind, card) for topic, ti, title, body, kind, card in items]


def number_cards(per_item: list[list[PhysCard]]) -> list[PhysCard]:
    """The cards in order, each numbered within its topic ("3 of 18", continuations counted)."""
    cards = [pc for pcs in per_item for pc in pcs]
    totals: dict[int, int] = {}
    for pc in cards:
        totals[pc.topic_index] = totals.get(pc.topic_index, 0) + 1
    seen: dict[int, int] = {}
    for pc in cards:
        seen[pc.topic_index] = pc.number = seen.get(pc.topic_index, 0) + 1
        pc.total = totals[pc.topic_index]
    return cards


def plan_cards(
    pack: Pack, opts: CardsOptions, grid: Grid, fonts, single: bool, pictures: Pictures | None = None
) -> tuple[list[PhysCard], list[str]]:
    fitter = _Fitter(opts, grid, fonts, single, pictures)
    cards = number_cards(fit_items(fitter, card_items(pack, opts, fonts)))
    return cards, fitter.shrunk


# ---- drawing -----------------------------------------------------------------------------------


def _draw_face(
    c,
    face: Face | None,
    r: Rect,
    pc: PhysCard,
    fonts,
    front: bool,
    o: CardsOptions,
    pictures: Pictures | None = None,
) -> None:
    from studypack.text.draw import draw
    from studypack.text.fit import height

    x, y, w, h = r.x * mm, r.y * mm, r.w * mm, r.h * mm
    # A face at the paper's left edge starts its text a little further right: a glyph may reach
    # left of where it starts (a bold J), and the 5 mm edge strip must stay clear of it.
    nudge = max(0.0, EDGE_ROOM - r.x) * mm
    inset = INSET * mm
    small = max(o.min_font_size, 7.0)
    label = ("Key term · " if pc.kind == "key term" and front else "") + plain(pc.topic.topic)
    num = f"{pc.number} of {pc.total}" + (" · continued ›" if pc.continues and not front else "")
    band = front and o.band
    pad = 1.2 * mm if band else 0.0  # the band keeps inside the 5 mm inset; its text a little further in
    if band:
        c.setFillGray(BAND_TONES[pc.topic_index % len(BAND_TONES)])
        c.rect(x + inset, y + h - inset - small * 1.5, w - 2 * inset, small * 1.5, stroke=0, fill=1)
    c.setFillGray(0 if band else GREY)
    room = w - 2 * inset - 2 * pad - width1(num, fonts.face()) * small - 3 * mm
    if room >= MIN_LABEL * mm:  # a tiny card drops its label line rather than overprint it
        if front:  # topic and number at the top
            base = y + h - inset - small * 1.1
            _draw_clipped(c, label, x + inset + pad + nudge, base, room - nudge, fonts, small)
            text_right(c, fonts.face(), small, x + w - inset - pad, base, num)
        else:  # small, at the foot of the back, its descenders (not only its baseline) inside
            foot = y + inset + DESCENT * small
            _draw_clipped(c, label, x + inset + nudge, foot, room - nudge, fonts, small)
            text_right(c, fonts.face(), small, x + w - inset, foot, num)
    c.setFillGray(0)
    if face is None:
        return
    f = face.fit
    box_top = y + h - inset - (small * 1.6 if front else 0)
    box_h = h - 2 * inset - small * 1.6
    space1 = width1(" ", fonts.face())
    if face.pic is not None:  # the picture at the top of the text box, the text under it
        assert pictures is not None
        pictures.draw(c, face.pic, x + inset, box_top, w - 2 * inset, face.pic_h)
        box_top -= face.pic_h + PIC_GAP
        box_h -= face.pic_h + PIC_GAP
    elif front or face.centred:  # the title, or short notes, in the middle of the face
        used = height(f.lines)
        box_top -= max(0.0, (box_h - (0.0 if front else FOOT_GAP) - used) / 2)
    draw(c, face.paras, f.lines, x + inset + nudge, box_top, w - 2 * inset, f.size, space1)


def _draw_clipped(c, text: str, x: float, y: float, width: float, fonts, size: float) -> None:
    # The topic line is a label repeated on every card; when it is too long it is shortened here
    # (the full topic is printed on the cover and each topic's first card title stays whole).
    face = fonts.face()
    if width1(text, face) * size > width:
        while text and width1(text + "…", face) * size > width:
            text = text[:-1]
        text += "…"
    text_line(c, face, size, x, y, text)


def _guides(
    c: Canvas, grid: Grid, shift: tuple[float, float] = (0.0, 0.0), folds: FoldGrid | None = None
) -> None:
    c.saveState()
    c.setStrokeGray(GUIDE_GREY)
    c.setLineWidth(GUIDE_WIDTH)
    c.setDash(3, 2)
    for x1, y1, x2, y2 in cut_lines(grid, shift=shift):
        c.line(x1 * mm, y1 * mm, x2 * mm, y2 * mm)
    if folds:  # a fold line across the middle of each unit, dotted to tell it from the cuts
        c.setDash(1, 2)
        for k in range(grid.per_sheet):
            x1, y1, x2, y2 = folds.fold_line(k)
            c.line(x1 * mm, y1 * mm, x2 * mm, y2 * mm)
    c.restoreState()


def print_advice(sides: Sides, grid: Grid | None = None) -> PrintAdvice:
    after = (
        "cut along the dashed lines, fold along the dotted ones"
        if sides == "fold"
        else "cut along the grey lines"
    )
    if grid is not None:
        after += _edge_trims(grid)
    return PrintAdvice("single" if sides == "fold" else sides, after=after)


def _edge_trims(grid: Grid) -> str:
    """A cut that falls in the 5 mm edge strip cannot be drawn (printers do not print there), so it is
    said instead: '; then trim 0.5 mm off the top and bottom edges'."""
    parts = []
    if 0.05 < grid.y0 < SAFE_MM:
        parts.append((grid.y0, "top and bottom"))
    if 0.05 < grid.x0 < SAFE_MM:
        parts.append((grid.x0, "left and right"))
    return "".join(f"; then trim {w:.1f}\u00a0mm off the {edges} edges" for w, edges in parts)


def _sheet_note(c: Canvas, grid: Grid, text: str, fonts: Fonts, size: float = 7.0) -> None:
    """Where the grid leaves 8 mm or more at the foot, the fronts sheet repeats how to print it, in
    the widest gap between the crop marks there (never over one: they must survive a copier), or
    not at all when no gap is wide enough."""
    if grid.y0 < SAFE_MM + 3 * size / 7:  # 8 mm at 7 pt; more for larger print
        return
    face = fonts.face()  # regular: an italic face would cost a font load
    note = f"Print: {text}"
    w = width1(note, face) * size / mm + 2  # mm, with a little air
    marks = sorted({x1 for x1, y1, x2, y2 in cut_lines(grid) if x1 == x2 and min(y1, y2) < grid.y0})
    edges = [SAFE_MM, *marks, grid.paper_w - SAFE_MM]
    left, right = max(zip(edges, edges[1:], strict=False), key=lambda g: g[1] - g[0])
    if right - left < w:
        return
    # centred in the strip between the safe edge and the grid, descenders clear of the edge strip
    x, y = (
        (left + right) / 2 * mm,
        max((SAFE_MM + grid.y0) / 2 * mm - 0.26 * size, SAFE_MM * mm + DESCENT * size),
    )
    c.setFillGray(GREY)
    text_centred(c, face, size, x, y, note)
    c.setFillGray(0)


def with_preset(o: CardsOptions, preset: Preset, given: frozenset[str]) -> CardsOptions:
    """The options a preset asks for: larger body and title sizes; under large print cards of A6 at
    least (14 pt leaves an A7 card about five words a line: A7 and business cards become A6)."""
    if preset.name == "standard":
        return o
    body = max(o.font_size, preset.card_min)
    o = replace(o, font_size=body, min_font_size=max(o.min_font_size, preset.card_min),
                title_size=max(o.title_size, body * 1.4))  # fmt: skip
    a6 = CARD_SIZES["a6"]
    # a 4 x 6 in index card (1% under A6) is kept: it is already large-print size
    if preset.larger_cards and ("size" not in given or o.size[1] * o.size[2] < 0.95 * a6[0] * a6[1]):
        o = replace(o, size=("a6", *a6))
    return o


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    o = with_preset(options_of(section, CardsOptions), ctx.preset, section.given)
    grid, face_grid, folds = _grids(pack, section, o)
    advice = print_advice(o.sides, grid)
    items = card_items(pack, o, ctx.fonts)
    single = o.sides == "single"
    done = None
    if len(items) >= shared.MIN_CARDS:  # big enough to share: drawn the same way with any --jobs
        from studypack.reportlab_fast import foresee

        foresee()
    if shared.worth_it(len(items), ctx.jobs) and not ctx.cards:  # a big deck: fitted and drawn on every core
        deck = shared.Deck(pack, o, grid, folds, advice, ctx, items,
                           partial(_Fitter, o, face_grid, ctx.fonts, single, ctx.pictures))  # fmt: skip
        done = shared.lay_out(deck)
    if done is not None:
        pages, shrunk, n_cards = done
    else:
        fitter = _Fitter(o, face_grid, ctx.fonts, single, ctx.pictures)
        cards = number_cards(fit_items(fitter, items))
        if ctx.cards:  # `build --cards`: only those, packed onto sheets of their own
            cards = reprinted(cards, ctx.cards, section.name)
        pages, shrunk, n_cards = (
            _sheets(pack, o, grid, folds, cards, advice, ctx.fonts, ctx.pictures),
            [] if ctx.cards else fitter.shrunk,  # a reprint: the whole deck's build told of them
            len(cards),
        )
    summary = (f"{plural(n_cards, 'card')} ({o.size[0]}, {grid.per_sheet} per sheet, {o.sides}) "
               f"on {plural(len(pages), 'page')}")  # fmt: skip
    return SectionPages(tuple(pages), advice, summary, tuple(shrunk))


def reprinted(cards: list[PhysCard], pick: Pick, section: str) -> list[PhysCard]:
    """The cards `build --cards` names, in the deck's order, numbered as in the whole deck."""
    numbered: dict[str, int] = {}
    for pc in cards:
        numbered[topic_key(pc.topic)] = max(numbered.get(topic_key(pc.topic), 0), pc.number)
    check_numbers(pick, numbered, section)
    wanted = set(pick)
    return [pc for pc in cards if (topic_key(pc.topic), pc.number) in wanted]


def _grids(pack: Pack, section: Section, o: CardsOptions) -> tuple[Grid, Grid, FoldGrid | None]:
    """The grid of units on the sheet (a unit is a card, or in fold mode a card's front and back
    side by side or stacked, each face the card's size), and the grid of one face."""
    paper = pack.paper.value
    name, cw, ch = o.size
    folds = fold_grid(paper, (cw, ch), o.orientation, o.gutter_mm) if o.sides == "fold" else None
    grid = folds.grid if folds else make_grid(paper, (cw, ch), o.orientation, o.gutter_mm)
    face_w, face_h = folds.face if folds else (grid.w, grid.h)
    if grid.per_sheet == 0:
        s = section.src
        problem = Problem(s.path, s.line, s.col, f"cards of {name} do not fit on {pack.paper.label}",
                          "choose a smaller size")  # fmt: skip
        raise ContentError([problem])
    return grid, Grid(grid.paper_w, grid.paper_h, face_w, face_h, 1, 1), folds


def _sheets(
    pack: Pack,
    o: CardsOptions,
    grid: Grid,
    folds: FoldGrid | None,
    cards: list[PhysCard],
    advice: PrintAdvice,
    fonts: Fonts,
    pictures: Pictures | None = None,
    first: int = 0,
) -> list[Page]:
    """Sheets of fronts (in fold mode, of front-and-back units), each followed by its backs in
    duplex mode. `first`: the deck's index of cards[0] (a later part drawn by a helper process)."""
    single = o.sides == "single"
    W, H = pack.paper.value[0] * mm, pack.paper.value[1] * mm
    pages: list[Page] = []
    per = grid.per_sheet
    topics = [pc.topic for pc in cards]
    for start in range(0, len(cards), per):
        batch = cards[start : start + per]

        def fronts(c: Canvas, batch: list[PhysCard] = batch, start: int = start) -> None:
            _guides(c, grid, folds=folds)
            for k, pc in enumerate(batch):
                r = grid.slot(k)
                if folds:
                    front, back = folds.faces(k)
                    _draw_face(c, pc.front, front, pc, fonts, True, o, pictures)
                    _draw_face(c, pc.back, back, pc, fonts, False, o, pictures)
                else:
                    _draw_face(c, pc.front, r, pc, fonts, not single, o, pictures)
            if first + start == 0:
                _sheet_note(
                    c,
                    grid,
                    replace(advice, after="").text(pack.paper.label),
                    fonts,
                    PRESETS[pack.preset].at_least(7),
                )

        pages.append(Page(W, H, fronts, furniture=False, bookmarks=topic_marks(topics, start, per)))
        if o.sides.startswith("duplex"):

            def backs(c: Canvas, batch: list[PhysCard] = batch) -> None:
                _guides(c, grid, shift=o.back_offset_mm)
                for k, pc in enumerate(batch):
                    _draw_face(
                        c,
                        pc.back,
                        grid.back_slot(k, o.sides, o.back_offset_mm),
                        pc,
                        fonts,
                        False,
                        o,
                        pictures,
                    )

            pages.append(Page(W, H, backs, furniture=False))
    return pages


def topic_marks(topics: list[Topic], start: int, per: int) -> tuple[tuple[str, int], ...]:
    """A bookmark for each topic that begins on the sheet of cards start..start+per-1."""
    out: list[tuple[str, int]] = []
    for i in range(start, min(start + per, len(topics))):
        if i == 0 or topics[i - 1] is not topics[i]:
            out.append((plain(topics[i].topic), 1))
    return tuple(out)
