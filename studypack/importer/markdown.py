"""Markdown notes, read by a CommonMark parser (markdown-it-py): `# Topic`, headings as cards, lists
nested as points (numbered ones keep their numbers), paragraphs, quotes and code as text, emphasis
kept (studypack's `**bold**` and `*italic*` are Markdown's), tables and "Key terms" lists as key
terms, pictures as their alt text with a `review:` note naming the file.

A file with no heading at all is read by its shape instead (see shapes.py), each line's Markdown
still read by the parser, so a mind map of nested bullets becomes a card per branch.
"""

from __future__ import annotations

import re
from typing import Any

from .model import Card, Notes, Point, Term, title_from
from .shapes import parse as parse_shape
from .sniff import SEPARATORS
from .textutil import clean, literal

GLOSSARY = re.compile(
    r"^\s*(key\s*(terms?|words?|vocabulary|concepts)|glossary|vocabulary|keywords?|definitions|terminology)\b",
    re.I,
)
_md: Any = None


def parser() -> Any:
    """One CommonMark parser with tables (imported only by `studypack import`)."""
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return _md


_last: tuple[str, list[Any]] = ("", [])


def tokens(text: str) -> list[Any]:
    """The text's block tokens; the last file's are kept, as detecting and reading both need them."""
    global _last
    if _last[0] is not text:
        _last = (text, parser().parse(text))
    return _last[1]


def has_headings(text: str) -> bool:
    """Whether CommonMark finds a heading (ATX `#` or setext underlined) in the text."""
    if not re.search(r"^\s{0,3}(#{1,6}(\s|$)|=+\s*$|-+\s*$)", text, re.M):
        return False  # nothing that could be one: skip parsing
    return any(t.type == "heading_open" for t in tokens(text))


def looks_markdown(text: str) -> bool:
    return has_headings(text)


_TAG_MARKS = {"sub": "~", "sup": "^"}


def inline(tok: Any, images: list[str] | None = None) -> str:
    """An inline token's children as studypack text: emphasis as `**`/`*`, code and plain text
    with markup characters escaped, links as text (address), pictures as their alt text."""
    out: list[str] = []
    href: list[str] = []
    for ch in tok.children or []:
        t = ch.type
        if t == "text":
            out.append(literal(ch.content))
        elif t in ("softbreak", "hardbreak"):
            out.append(" ")
        elif t in ("strong_open", "strong_close"):
            out.append("**")
        elif t in ("em_open", "em_close"):
            out.append("*")
        elif t == "code_inline":
            out.append(literal(ch.content))
        elif t == "link_open":
            href.append(str(ch.attrs.get("href", "")))
        elif t == "link_close":
            h = href.pop() if href else ""
            if h and not h.startswith("#") and h not in "".join(out):
                out.append(f" ({literal(h)})")
        elif t == "image":
            src = str(ch.attrs.get("src", ""))
            alt = clean(ch.content) or src.rsplit("/", 1)[-1]
            out.append(literal(alt))
            if images is not None and src:
                images.append(src)
        elif t == "html_inline":
            m = re.match(r"<\s*(/?)\s*(\w+)", ch.content)
            name = m.group(2).lower() if m else ""
            if name == "br":
                out.append(" ")
            elif name in _TAG_MARKS:
                out.append(_TAG_MARKS[name])
    return clean("".join(out))


def inline_text(s: str) -> str:
    """One line's Markdown inline syntax as studypack text."""
    toks = parser().parseInline(s)
    return inline(toks[0]) if toks else clean(s)


class _Reader:
    """The token stream walked once: the topic, the cards, the card being filled, the lists open
    (where the next point goes) and the list items open (the point their paragraphs fill)."""

    def __init__(self) -> None:
        self.topic = ""
        self.cards: list[Card] = []
        self.terms: list[Term] = []
        self.heads: list[tuple[int, str]] = []
        self.card: Card | None = None
        self.glossary = False
        self.lists: list[list[Point]] = []
        self.items: list[tuple[str, Point | None]] = []  # (number as written, its point once made)
        self.images: list[str] = []
        self.holders: list[tuple[int, Point]] = []  # key terms' sub-items: (term index, holder)

    def fold_holders(self) -> None:
        """Sub-items of a glossary item are part of its definition."""

        def texts(ps: list[Point]) -> list[str]:
            return [t for p in ps for t in [p.text, *texts(p.points)] if t]

        for k, holder in self.holders:
            more = texts(holder.points)
            if more:
                t = self.terms[k]
                t.definition = clean(" ".join([t.definition, *more]))

    def current(self) -> Card:
        return self.card or self.new_card("")

    def new_card(self, title: str) -> Card:
        self.card = Card(title)
        self.cards.append(self.card)
        self.lists, self.items = [], []
        return self.card

    def heading(self, level: int, title: str) -> None:
        if level == 1 and not self.topic:
            self.topic = title
            return
        self.heads = [(lv, t) for lv, t in self.heads if lv < level]
        card = self.card
        if (
            card is not None
            and not card.points
            and not card.paragraphs
            and self.cards
            and self.cards[-1] is card
        ):
            self.cards.pop()  # a heading with nothing under it lends its words to the cards below
            if card.title and not GLOSSARY.match(card.title):
                self.heads.append((level - 1, card.title))
        self.glossary = bool(GLOSSARY.match(title))
        self.new_card(" – ".join([t for _, t in self.heads] + [title]))

    def paragraph(self, text: str) -> None:
        if not text:
            return
        if self.items:
            number, point = self.items[-1]
            if point is None:
                if self.glossary and len(self.lists) == 1 and self.term(text):
                    holder = Point("")  # taken as a key term; sub-items go on with its definition
                    self.holders.append((len(self.terms) - 1, holder))
                    self.items[-1] = (number, holder)
                    return
                point = Point(f"{number} {text}".strip() if number else text)
                target = self.lists[-1] if self.lists else self.current().points
                target.append(point)
                self.items[-1] = (number, point)
            elif point.text:
                point.text = clean(point.text + " " + text)  # a second paragraph of the item
            return
        self.current().paragraphs.append(text)

    def term(self, text: str) -> bool:
        """A glossary item as a key term: `**term**: definition`, `term - definition`, ..."""
        m = re.match(r"^\*\*(.+?)\*\*\s*[:–—=-]?\s*(.+)$", text)
        if m:
            self.terms.append(Term(m.group(1).strip(), m.group(2).strip()))
            return True
        for sep in SEPARATORS:
            if sep.strip() and sep in text:
                a, b = text.split(sep, 1)
                if a.strip() and b.strip() and len(a.split()) <= 8:
                    self.terms.append(Term(a.strip(), b.strip()))
                    return True
        return False

    def open_list(self) -> None:
        if self.items and self.items[-1][1] is not None:
            parent = self.items[-1][1]
            assert parent is not None
            self.lists.append(parent.points)
        elif self.lists:
            self.lists.append(self.lists[-1])  # an item with no text of its own: its sub-items go level
        else:
            self.lists.append(self.current().points)

    def table(self, rows: list[list[str]]) -> None:
        """A two-column table is a glossary (term | definition); a wider one, a point per row."""
        if not rows:
            return
        from .terms import HEADER_WORDS

        head, rows = rows[0], rows[1:]  # a table's first row names its columns
        if not {c.lower() for c in head[:2]} <= HEADER_WORDS | {""}:
            self.current().paragraphs.append(" – ".join(c for c in head if c))  # its own words: kept
        for r in rows:
            cells = [c for c in r if c]
            if len(r) == 2 and r[0] and r[1]:
                self.terms.append(Term(r[0], r[1]))
            elif len(r) == 2 and r[0]:  # a glossary row left blank: a term to finish
                self.cards.append(
                    Card(r[0], [], [], question=True, review="a term with no definition in the notes")
                )
            elif cells:
                self.current().points.append(Point(" – ".join(cells)))


def parse(text: str, name: str) -> Notes:
    toks = tokens(text)
    if not any(t.type == "heading_open" for t in toks):
        return parse_shape(text, name, text_fn=inline_text)
    r = _Reader()
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        t = tok.type
        if t == "heading_open":
            r.heading(int(tok.tag[1]), inline(toks[i + 1], r.images))
            i += 3
            continue
        if t == "paragraph_open":
            images: list[str] = []
            r.paragraph(inline(toks[i + 1], images))
            if images:
                r.current().pictures += images  # the import copies each it finds, as `image:`
            i += 3
            continue
        if t in ("bullet_list_open", "ordered_list_open"):
            r.open_list()
        elif t in ("bullet_list_close", "ordered_list_close"):
            if r.lists:
                r.lists.pop()
        elif t == "list_item_open":
            number = f"{tok.info}{tok.markup}" if tok.info else ""
            r.items.append((number, None))
        elif t == "list_item_close":
            if r.items:
                r.items.pop()
        elif t in ("fence", "code_block", "html_block"):
            body = tok.content if t != "html_block" else re.sub(r"<[^>]+>", " ", tok.content)
            body = clean(body)
            if body:
                r.paragraph(literal(body))
        elif t == "table_open":
            rows: list[list[str]] = []
            j = i + 1
            while j < n and toks[j].type != "table_close":
                if toks[j].type == "tr_open":
                    rows.append([])
                elif toks[j].type == "inline" and rows:
                    rows[-1].append(inline(toks[j]))
                j += 1
            r.table(rows)
            i = j + 1
            continue
        i += 1
    r.fold_holders()
    _drop_empty(r.cards)
    cards = [c for c in r.cards if c.points or c.paragraphs or (c.title and not GLOSSARY.match(c.title))]
    for c in cards:
        if not c.title:
            first = c.points[0].text if c.points else c.paragraphs[0]
            c.title, note = title_from(first)
            c.review = f"{note}; {c.review}" if c.review else note
        elif not c.points and not c.paragraphs:
            c.review = c.review or "a heading with no notes under it"
    notes = Notes(r.topic or name, cards, key_terms=r.terms)
    notes.titled = bool(r.topic)
    notes.shape = f"Markdown: {notes.count()}"
    return notes


def _drop_empty(cards: list[Card]) -> None:
    """Points left empty (a glossary item taken as a key term) are not notes."""

    def keep(ps: list[Point]) -> list[Point]:
        out = []
        for p in ps:
            p.points = keep(p.points)
            if p.text:
                out.append(p)
            else:
                out += p.points  # an item with no text of its own: its sub-items stand in its place
        return out

    for c in cards:
        c.points = keep(c.points)
