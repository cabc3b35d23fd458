"""Word documents (.docx), read with python-docx (imported only when a .docx is imported).

The document's structure is the teacher's: a `Title` paragraph (or the one `Heading 1`, or the
document's title property) names the topic; each heading below it starts a card (a heading with
only sub-headings under it lends its words to theirs, "Cells – Organelles"); list paragraphs are
points at their list level; other paragraphs are the card's text, but a `Term: definition` or
`Term – definition` paragraph is a key term; a two-column table is a glossary (a header row of
"term/definition"-like words is skipped), a wider one a point per row; pictures are saved beside
the topic file. A document with no heading styles at all uses short bold paragraphs as headings.
"""

from __future__ import annotations

import io
import re
from typing import Any

from docx.oxml.ns import qn

from .markdown import GLOSSARY
from .model import Card, Notes, Point, Term, title_from
from .runs import markup, term_line, unbold
from .terms import HEADER_WORDS

_HEADING = re.compile(r"^heading\s*(\d)$", re.I)
_LIST_STYLE = re.compile(r"^list\b.*?(\d)?$", re.I)


def parse(data: bytes, name: str) -> Notes:
    import docx

    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise ValueError(f"cannot be read as a Word document ({type(e).__name__}: {e})") from None
    styles = _Styles(doc)
    blocks = list(doc.iter_inner_content())
    levels = [None if hasattr(b, "rows") else styles.heading_level(b) for b in blocks]
    bold_heads = not any(lv is not None for lv in levels)
    reader = _Reader(doc)
    topic_from_h1 = 0 not in levels and levels.count(1) == 1
    for b, level in zip(blocks, levels, strict=True):
        if hasattr(b, "rows"):
            reader.table(b)
            continue
        text = markup(_runs(b))
        if level is None and bold_heads and _bold_heading(b, text, styles):
            level = 2
        if level is not None:
            text = unbold(text)
        if level == 0 or (level == 1 and topic_from_h1 and not reader.topic):
            if not reader.topic:
                reader.topic = text
            elif text:
                reader.paragraph(text)
            continue
        pictures = reader.pictures(b)
        if level is not None and text:
            reader.heading(level, text)
        elif text:
            list_level = styles.list_level(b)
            if list_level is not None:
                reader.point(list_level, text)
            else:
                reader.paragraph(text)
        if pictures:
            reader.current().pictures += pictures
    title = reader.topic or (doc.core_properties.title or "").strip() or name
    notes = Notes(title, reader.finish(), key_terms=reader.terms)
    notes.titled = bool(reader.topic or doc.core_properties.title)
    notes.shape = f"Word document, a card per heading: {notes.count()}"
    return notes


_OFF = ("0", "false", "off")


def _on(rpr: Any, tag: str) -> bool:
    el = rpr.find(qn(tag)) if rpr is not None else None
    return el is not None and el.get(qn("w:val"), "true").lower() not in _OFF


def _runs(p: Any) -> list[tuple[str, bool, bool, bool, bool]]:
    """The paragraph's runs (hyperlinks' too) read straight from the XML: python-docx's run and
    font properties cost an XPath search each, most of a 1,000-card document's import time."""
    out = []
    for r in p._p.iter(qn("w:r")):
        parts = []
        for el in r:
            tag = el.tag
            if tag == qn("w:t"):
                parts.append(el.text or "")
            elif tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                parts.append(" ")
        if not parts:
            continue
        rpr = r.find(qn("w:rPr"))
        va = rpr.find(qn("w:vertAlign")) if rpr is not None else None
        align = va.get(qn("w:val"), "") if va is not None else ""
        out.append(
            ("".join(parts), _on(rpr, "w:b"), _on(rpr, "w:i"), align == "subscript", align == "superscript")
        )
    return out


class _Styles:
    """Paragraph style names by id, read once: python-docx looks a style up by an XPath search
    over the whole style sheet on every `paragraph.style`, which took 5 s for 1,000 cards."""

    def __init__(self, doc: Any) -> None:
        self.names: dict[str, str] = {}
        default = ""
        for st in doc.styles:
            try:
                self.names[st.style_id] = st.name or ""
                if st.type == 1 and st.element.default:  # WD_STYLE_TYPE.PARAGRAPH
                    default = st.name or ""
            except (AttributeError, ValueError):
                continue
        self.default = default

    def name(self, p: Any) -> str:
        ppr = p._p.find(qn("w:pPr"))
        sid = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return self.names.get(sid.get(qn("w:val"), ""), "") if sid is not None else self.default

    def heading_level(self, p: Any) -> int | None:
        """0 for the Title style, N for `Heading N` (or an outline level set on the paragraph)."""
        style = self.name(p)
        if style.lower() == "title":
            return 0
        m = _HEADING.match(style)
        if m:
            return int(m.group(1))
        ppr = p._p.find(qn("w:pPr"))
        lvl = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        val = lvl.get(qn("w:val"), "") if lvl is not None else ""
        return int(val) + 1 if val.isdigit() and int(val) < 9 else None

    def list_level(self, p: Any) -> int | None:
        """The list level (0 at the top) of a list paragraph, None for an ordinary paragraph."""
        ppr = p._p.find(qn("w:pPr"))
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num is not None:
            ilvl = num.find(qn("w:ilvl"))
            val = ilvl.get(qn("w:val"), "") if ilvl is not None else ""
            return int(val) if val.isdigit() else 0
        m = _LIST_STYLE.match(self.name(p))
        if m:
            return int(m.group(1)) - 1 if m.group(1) else 0
        return None


def _bold_heading(p: Any, text: str, styles: _Styles) -> bool:
    runs = [r for r in _runs(p) if r[0].strip()]
    plain = text.replace("*", "")
    return (
        bool(runs)
        and all(r[1] for r in runs)
        and len(plain.split()) <= 10
        and plain.rstrip()[-1:] not in ".,;?!"
        and styles.list_level(p) is None
    )


class _Reader:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.topic = ""
        self.cards: list[Card] = []
        self.terms: list[Term] = []
        self.card: Card | None = None
        self.heads: list[tuple[int, str]] = []
        self.stack: list[tuple[int, list[Point]]] = []
        self.glossaries: set[int] = set()  # cards whose paragraphs (or tables) were all key terms
        self.level = 0  # the heading level of the card being filled

    def current(self) -> Card:
        if self.card is None:
            self.card = Card("")
            self.cards.append(self.card)
            self.stack = []
        return self.card

    def heading(self, level: int, title: str) -> None:
        self.heads = [(lv, t) for lv, t in self.heads if lv < level]
        c = self.card
        if (
            c is not None
            and not (c.points or c.paragraphs or c.pictures)
            and id(c) not in self.glossaries
            and self.level < level
            and self.cards
            and self.cards[-1] is c
        ):
            self.cards.pop()  # a heading with only sub-headings under it: its words go on theirs
            self.heads.append((self.level, c.title))
        self.card = Card(" – ".join([t for _, t in self.heads if t] + [title]))
        self.cards.append(self.card)
        self.level = level
        self.stack = []

    def point(self, level: int, text: str) -> None:
        card = self.current()
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        p = Point(text)
        (self.stack[-1][1] if self.stack else card.points).append(p)
        self.stack.append((level, p.points))

    def paragraph(self, text: str) -> None:
        got = term_line(text)
        if got:
            self.terms.append(Term(*got))
            if self.card is not None:
                self.glossaries.add(id(self.card))
            return
        self.current().paragraphs.append(text)
        self.stack = []

    def table(self, table: Any) -> None:
        rows = []
        for row in table.rows:
            cells, seen = [], set()
            for cell in row.cells:  # a merged cell is reported once per grid column it spans
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(" ".join(markup(_runs(p)) for p in cell.paragraphs if p.text.strip()))
            if any(cells):
                rows.append(cells)
        if not rows:
            return
        if {c.strip().lower() for c in rows[0][:2]} <= HEADER_WORDS | {""} and len(rows) > 1:
            rows = rows[1:]
        for r in rows:
            if len(r) == 2 and r[0] and r[1]:
                self.terms.append(Term(r[0], r[1]))
                if self.card is not None:
                    self.glossaries.add(id(self.card))
            elif len(r) == 2 and r[0]:
                self.cards.append(
                    Card(r[0], [], [], question=True, review="a term with no definition in the notes")
                )
            else:
                self.current().points.append(Point(" – ".join(c for c in r if c)))

    def pictures(self, p: Any) -> list[str]:
        from .media import stash

        out = []
        for blip in p._p.iter(qn("a:blip")):
            rid = blip.get(qn("r:embed"), "")
            part = self.doc.part.related_parts.get(rid)
            if part is not None and hasattr(part, "blob"):
                out.append(stash(str(part.partname), part.blob))
        kinds = {str(g.get("uri", "")).rsplit("/", 1)[-1] for g in p._p.iter(qn("a:graphicData"))}
        left = sorted(
            {"a chart" if k == "chart" else "a SmartArt diagram" for k in kinds if k in ("chart", "diagram")}
        )
        if left:  # their words are in parts python-docx does not read as text
            card = self.current()
            note = f"{' and '.join(left)} left out here: copy its words in"
            card.review = f"{card.review}; {note}" if card.review else note
        return out

    def finish(self) -> list[Card]:
        cards = []
        for c in self.cards:
            if not c.title:
                if not (c.points or c.paragraphs):
                    if c.pictures:
                        c.title, c.review = "Picture", "a picture with no heading: give the card a title"
                    else:
                        continue
                else:
                    first = c.points[0].text if c.points else c.paragraphs[0]
                    c.title, c.review = title_from(first)
            elif not (c.points or c.paragraphs or c.pictures or c.question):
                if id(c) in self.glossaries and GLOSSARY.match(c.title):
                    continue  # "Key words" over its terms: the key terms are the section
                c.review = (
                    "its notes became key terms: add notes, or delete the card"
                    if id(c) in self.glossaries
                    else "a heading with no notes under it"
                )
            cards.append(c)
        return cards
