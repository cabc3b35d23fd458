"""PowerPoint presentations (.pptx), read with python-pptx (imported only when a .pptx is imported).

The title slide (a centred title, or a first slide with a title and no bullets) names the topic;
every other slide is a card: its title the card's title, its bullets the points at their levels,
its tables key terms (two columns) or a point per row, its pictures saved beside the topic file.
Speaker notes are the card's text: they are the teacher's own explanation of the slide, which is
what a revision card's back is for, and a `review:` note would never print.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from .markdown import GLOSSARY
from .model import Card, Notes, Point, Term, title_from
from .runs import markup, unbold
from .terms import HEADER_WORDS
from .textutil import clean


def parse(data: bytes, name: str) -> Notes:
    import pptx

    try:
        prs = pptx.Presentation(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - python-pptx raises many kinds for a damaged file
        raise ValueError(f"cannot be read as a PowerPoint presentation ({type(e).__name__}: {e})") from None
    slides = list(prs.slides)
    topic, subject, cards, terms = "", "", [], []
    for i, slide in enumerate(slides):
        s = _Slide(slide, i + 1)
        if i == 0 and s.is_title_slide():
            topic = s.title
            extra = [clean(t.replace("*", "")) for t in s.subtitles]
            if len(extra) == 1 and 0 < len(extra[0].split()) <= 3:
                subject = s.subtitles[0]
            elif any(extra):  # a subtitle of its own words (a teacher's name, a class): kept, to review
                cards.append(Card(topic or "About this topic", [Point(t) for t in s.subtitles if t],
                                  review="the title slide's other text: keep it or delete the card"))  # fmt: skip
            if s.notes:
                (cards[-1] if cards else _add(cards, Card(topic or name))).paragraphs += s.notes
            continue
        card, found = s.card()
        terms += found
        if card is not None:
            cards.append(card)
    title = topic or (prs.core_properties.title or "").strip() or name
    notes = Notes(title, cards, subject=subject, key_terms=terms)
    notes.titled = bool(topic or prs.core_properties.title)
    notes.shape = f"PowerPoint, a card per slide: {notes.count()}"
    return notes


def _add(cards: list[Card], card: Card) -> Card:
    cards.append(card)
    return card


@functools.cache
def _q(tag: str) -> str:
    from pptx.oxml.ns import qn

    return str(qn(tag))


def _paragraph_runs(p: Any) -> list[tuple[str, bool, bool, bool, bool]]:
    """A paragraph's runs read straight from the XML (python-pptx's font properties cost an
    XPath search each, most of a 1,000-slide import): text, bold, italic, sub, superscript."""
    out = []
    r_tag, br_tag, fld_tag, t_tag, rpr_tag = _q("a:r"), _q("a:br"), _q("a:fld"), _q("a:t"), _q("a:rPr")
    for el in p._p:
        if el.tag == br_tag:
            out.append((" ", False, False, False, False))
        elif el.tag in (r_tag, fld_tag):
            t = el.find(t_tag)
            rpr = el.find(rpr_tag)
            get = rpr.get if rpr is not None else (lambda k, d=None: d)
            base = get("baseline", "0") or "0"
            shift = int(base) if base.lstrip("-").isdigit() else 0
            on = ("1", "true")
            text = (t.text or "") if t is not None else ""
            out.append((text, get("b") in on, get("i") in on, shift < 0, shift > 0))
    return out


class _Slide:
    def __init__(self, slide: Any, number: int) -> None:
        self.slide, self.number = slide, number
        self.title = ""
        self.centred = False
        self.subtitles: list[str] = []
        self.body: list[tuple[int, str]] = []  # (level, text) of every bullet, in reading order
        self.tables: list[list[list[str]]] = []
        self.pictures: list[str] = []
        self.left_out: list[str] = []  # what python-pptx cannot read as text (charts, SmartArt)
        for shape in _in_order(slide.shapes):
            kind = _placeholder(shape)
            if kind in ("dt", "ftr", "sldNum", "hdr"):  # date, footer, slide number: page furniture
                continue
            if kind in ("title", "ctrTitle", "vertTitle") and shape.has_text_frame and not self.title:
                self.title = unbold(" ".join(t for _, t in _texts(shape.text_frame)))
                self.centred = kind == "ctrTitle"
            elif kind == "subTitle" and shape.has_text_frame:
                self.subtitles += [t for _, t in _texts(shape.text_frame)]
            else:
                self._content(shape)
        self.notes: list[str] = []
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            self.notes = [t for _, t in _texts(slide.notes_slide.notes_text_frame)]

    def _content(self, shape: Any) -> None:
        from .media import stash

        if getattr(shape, "has_table", False) and shape.has_table:
            rows = [[" ".join(t for _, t in _texts(c.text_frame)) for c in r.cells] for r in shape.table.rows]
            self.tables.append([r for r in rows if any(r)])
        elif shape.has_text_frame:
            self.body += _texts(shape.text_frame)
        elif shape.shape_type is not None and int(shape.shape_type) == 6:  # a group: its shapes in turn
            for sub in _in_order(shape.shapes):
                self._content(sub)
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            self.left_out.append("a chart")
        elif any("diagram" in str(u) for u in shape._element.xpath(".//a:graphicData/@uri")):
            self.left_out.append("a SmartArt diagram")
        if hasattr(shape, "image"):
            try:
                img = shape.image
            except Exception:  # noqa: BLE001 - a placeholder or linked picture without embedded bytes
                return
            self.pictures.append(stash(f"slide-{self.number}.{img.ext}", img.blob))

    def is_title_slide(self) -> bool:
        plain = not (self.body or self.tables or self.pictures or self.left_out)
        return bool(self.title) and (self.centred or plain)

    def card(self) -> tuple[Card | None, list[Term]]:
        terms, points = [], []
        for rows in self.tables:
            if rows and {c.strip().lower() for c in rows[0][:2]} <= HEADER_WORDS | {""} and len(rows) > 1:
                rows = rows[1:]
            for r in rows:
                if len(r) == 2 and r[0] and r[1]:
                    terms.append(Term(r[0], r[1]))
                else:
                    points.append(Point(" – ".join(c for c in r if c)))
        points = _nest(self.body) + points
        if not (self.title or points or self.notes or self.pictures):
            return None, terms
        card = Card(self.title, points, list(self.subtitles) + self.notes, pictures=self.pictures)
        if not card.title:
            first = (points[0].text if points else "") or (card.paragraphs[0] if card.paragraphs else "")
            if first:
                card.title, card.review = title_from(first)
            else:
                card.title, card.review = "Picture", "a slide with no title or text: give the card a title"
        elif not (points or card.paragraphs or card.pictures):
            if terms and GLOSSARY.match(self.title):
                return None, terms  # a glossary slide: its title is the table's heading
            card.review = "a slide with only a title"
        if self.left_out:
            note = f"{' and '.join(sorted(set(self.left_out)))} on the slide left out: copy its words in"
            card.review = f"{card.review}; {note}" if card.review else note
        return card, terms


def _placeholder(shape: Any) -> str | None:
    """A placeholder's type as the XML says it ("title", "body", ...; "obj" when unstated), None
    for a shape that is no placeholder."""
    nv = shape._element[0] if len(shape._element) else None
    pr = nv.find(_q("p:nvPr")) if nv is not None else None
    ph = pr.find(_q("p:ph")) if pr is not None else None
    return None if ph is None else str(ph.get("type", "obj"))


def _in_order(shapes: Any) -> list[Any]:
    """Shapes in reading order: top to bottom, then left to right (as a pupil reads the slide). A
    placeholder placed by its layout (no position of its own) keeps its place: the title first,
    then the others in the file's order (asking python-pptx for an inherited position searches
    the layout and master each time)."""
    off_tag = _q("a:off")

    def key(item: tuple[int, Any]) -> tuple[int, int, int]:
        i, s = item
        off = next(s._element.iter(off_tag), None)
        if (
            off is not None
            and off.get("y", "").lstrip("-").isdigit()
            and off.get("x", "").lstrip("-").isdigit()
        ):
            return (int(off.get("y")) // 50000, int(off.get("x")), i)
        return (-1 if _placeholder(s) in ("title", "ctrTitle", "vertTitle") else 0, 0, i)

    return [s for _, s in sorted(enumerate(shapes), key=key)]


def _texts(frame: Any) -> list[tuple[int, str]]:
    out = []
    for p in frame.paragraphs:
        t = markup(_paragraph_runs(p))
        if t:
            out.append((p.level, t))
    return out


def _nest(items: list[tuple[int, str]]) -> list[Point]:
    top: list[Point] = []
    stack: list[tuple[int, list[Point]]] = []
    for level, text in items:
        while stack and stack[-1][0] >= level:
            stack.pop()
        p = Point(text)
        (stack[-1][1] if stack else top).append(p)
        stack.append((level, p.points))
    return top
