"""Word documents (.docx), read with python-docx (imported only when a .docx is imported).

The document's structure is the teacher's: a `Title` paragraph (or the one `Heading 1`, or the
document's title property) names the topic; each heading below it starts a card (a heading with
nothing under it lends its words to the cards below, "Cells – Organelles"); list paragraphs are
points at their list level; other paragraphs are the card's text, but a `Term: definition` or
`Term – definition` paragraph is a key term; a two-column table is a glossary (a header row of
"term/definition"-like words is skipped), a wider one a point per row; pictures are saved beside
the topic file. A document with no heading styles at all uses short bold paragraphs as headings.
"""

from __future__ import annotations

import io
import re
from typing import Any

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
    blocks = list(doc.iter_inner_content())
    paras = [b for b in blocks if not hasattr(b, "rows")]
    levels = [_heading_level(p) for p in paras]
    bold_heads = not any(lv is not None for lv in levels)
    reader = _Reader(doc)
    h1 = [p for p, lv in zip(paras, levels, strict=True) if lv == 1]
    topic_from_h1 = not any(lv == 0 for lv in levels) and len(h1) == 1
    for b in blocks:
        if hasattr(b, "rows"):
            reader.table(b)
            continue
        text = markup(_runs(b))
        level = _heading_level(b)
        if level is not None or (bold_heads and _bold_heading(b, text)):
            text = unbold(text)
        if level == 0 or (level == 1 and topic_from_h1 and not reader.topic):
            if not reader.topic:
                reader.topic = text
            elif text:
                reader.paragraph(text)
            continue
        if level is None and bold_heads and _bold_heading(b, text):
            level = 2
        pictures = reader.pictures(b)
        if level is not None and text:
            reader.heading(level, text)
        elif text:
            list_level = _list_level(b)
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


def _runs(p: Any) -> list[tuple[str, bool, bool, bool, bool]]:
    out = []
    for item in p.iter_inner_content():
        runs = item.runs if hasattr(item, "runs") else [item]  # a hyperlink holds runs
        for r in runs:
            f = r.font
            out.append((r.text, bool(r.bold), bool(r.italic), bool(f.subscript), bool(f.superscript)))
    return out


def _style(p: Any) -> str:
    try:
        return (p.style.name or "") if p.style is not None else ""
    except Exception:  # noqa: BLE001 - a style missing from styles.xml
        return ""


def _heading_level(p: Any) -> int | None:
    """0 for the Title style, N for `Heading N` (or an outline level set on the paragraph)."""
    style = _style(p)
    if style.lower() == "title":
        return 0
    m = _HEADING.match(style)
    if m:
        return int(m.group(1))
    lvl = p._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    return int(lvl[0]) + 1 if lvl and lvl[0].isdigit() and int(lvl[0]) < 9 else None


def _list_level(p: Any) -> int | None:
    """The list level (0 at the top) of a list paragraph, None for an ordinary paragraph."""
    ilvl = p._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
    if ilvl and ilvl[0].isdigit():
        return int(ilvl[0])
    if p._p.xpath("./w:pPr/w:numPr"):
        return 0
    m = _LIST_STYLE.match(_style(p))
    if m:
        return int(m.group(1)) - 1 if m.group(1) else 0
    return None


def _bold_heading(p: Any, text: str) -> bool:
    runs = [r for r in p.runs if r.text.strip()]
    plain = text.replace("*", "")
    return (
        bool(runs)
        and all(r.bold for r in runs)
        and len(plain.split()) <= 10
        and plain.rstrip()[-1:] not in ".,;?!"
        and _list_level(p) is None
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
            and self.cards
            and self.cards[-1] is c
        ):
            self.cards.pop()  # a heading with nothing under it: its words go on the cards below
            self.heads.append((level - 1, c.title))
        self.card = Card(" – ".join([t for _, t in self.heads if t] + [title]))
        self.cards.append(self.card)
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
            elif len(r) == 2 and r[0]:
                self.cards.append(
                    Card(r[0], [], [], question=True, review="a term with no definition in the notes")
                )
            else:
                self.current().points.append(Point(" – ".join(c for c in r if c)))

    def pictures(self, p: Any) -> list[str]:
        from .media import stash

        out = []
        for rid in p._p.xpath(".//a:blip/@r:embed"):
            part = self.doc.part.related_parts.get(rid)
            if part is not None and hasattr(part, "blob"):
                out.append(stash(str(part.partname), part.blob))
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
                c.review = "a heading with no notes under it"
            cards.append(c)
        return cards
