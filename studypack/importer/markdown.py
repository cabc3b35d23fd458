"""Markdown notes: `# Topic`, headings as cards, bullet and numbered lists nested, paragraphs and
quotes as text, emphasis kept (studypack's `**bold**` and `*italic*` are Markdown's)."""

from __future__ import annotations

import html
import re

from .model import Card, Notes, Point, title_from
from .textutil import clean

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ITEM = re.compile(r"^(\s*)(?:[-*+]|(\d+[.)]))\s+(.*)$")
QUOTE = re.compile(r"^\s*>\s?(.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")
RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def looks_markdown(text: str) -> bool:
    return bool(re.search(r"^#{1,6}\s+\S", text, re.M)) or len(re.findall(r"^\s*[-*+]\s+\S", text, re.M)) >= 2


def inline(text: str) -> str:
    """Markdown inline syntax as studypack markup: emphasis kept, links and code as their text."""
    t = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images: their alt text
    t = re.sub(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)", r"\1 (\2)", t)  # links: text (address)
    t = re.sub(r"`([^`]+)`", r"\1", t)
    t = re.sub(r"(?<![\w\\])__(\S(?:.*?\S)?)__(?!\w)", r"**\1**", t)
    t = re.sub(r"(?<![\w\\_])_(\S(?:.*?\S)?)_(?![\w_])", r"*\1*", t)
    t = re.sub(r"<br\s*/?>", " ", t, flags=re.I)
    return clean(html.unescape(re.sub(r"</?(?:b|strong|i|em|u|span|sup|sub)\b[^>]*>", "", t, flags=re.I)))


class _Reader:
    """Markdown read line by line: the topic, the cards so far, the card being filled, its open
    paragraph and the stack of list items that deeper items nest under."""

    def __init__(self) -> None:
        self.topic = ""
        self.cards: list[Card] = []
        self.heads: list[tuple[int, str]] = []  # open headings above the current card
        self.card: Card | None = None
        self.para: list[str] = []
        self.stack: list[tuple[int, list[Point]]] = []
        self.in_fence = self.in_quote = False

    def end_para(self) -> None:
        if self.para and self.card is not None:
            self.card.paragraphs.append(inline(" ".join(self.para)))
        self.para = []

    def new_card(self, title: str, review: str = "") -> Card:
        self.card, self.stack = Card(title, review=review), []
        self.cards.append(self.card)
        return self.card

    def line(self, raw: str) -> None:
        line = raw.expandtabs(4)
        if FENCE.match(line):
            self.in_fence = not self.in_fence
            return
        h = HEADING.match(line) if not self.in_fence else None
        if h:
            self.heading(len(h.group(1)), inline(h.group(2)))
        elif not line.strip() or RULE.match(line):
            self.end_para()
            self.stack = [] if not line.strip() and not self.stack else self.stack
        else:
            card = self.card or self.new_card(*title_from(inline(line)))
            item = ITEM.match(line)
            if item:
                self.item(card, item)
            else:
                self.text(card, line)

    def heading(self, level: int, title: str) -> None:
        self.end_para()
        if level == 1 and not self.topic:
            self.topic = title
            return
        # a heading with nothing under it yet lends its words to the cards below it
        self.heads = [(lv, t) for lv, t in self.heads if lv < level]
        card = self.card
        if (
            card is not None
            and not card.points
            and not card.paragraphs
            and self.cards
            and self.cards[-1] is card
        ):
            self.cards.pop()
            self.heads.append((level - 1, card.title))
        self.new_card(" – ".join([t for _, t in self.heads] + [title]))

    def item(self, card: Card, item: re.Match[str]) -> None:
        self.end_para()
        # a numbered item keeps its number: the order of steps is part of the notes
        number = f"{item.group(2)} " if item.group(2) else ""
        indent, text_ = len(item.group(1)), inline(item.group(3))
        if not text_:
            return  # an empty list item
        while self.stack and indent <= self.stack[-1][0]:
            self.stack.pop()
        target = self.stack[-1][1] if self.stack else card.points
        p = Point(number + text_)
        target.append(p)
        self.stack.append((indent, p.points))

    def text(self, card: Card, line: str) -> None:
        q = QUOTE.match(line)
        content = q.group(1) if q else line.strip()
        if bool(q) != self.in_quote:  # a quote is a paragraph of its own
            self.end_para()
            self.in_quote = bool(q)
        if self.stack and not q and line.startswith(" "):  # a list item continued on the next line
            parent = _last(card.points)
            if parent is not None:
                parent.text = clean(parent.text + " " + inline(content))
                return
        self.stack = []
        self.para.append(content)  # a quote's words are kept as a paragraph


def parse(text: str, name: str) -> Notes:
    r = _Reader()
    for raw in text.splitlines():
        r.line(raw)
    r.end_para()
    cards = [c for c in r.cards if c.points or c.paragraphs or c.title]
    for c in cards:
        if not c.points and not c.paragraphs and c.title:
            c.review = c.review or "a heading with no notes under it"
    return Notes(r.topic or name, cards)


def _last(points: list[Point]) -> Point | None:
    p = points[-1] if points else None
    while p is not None and p.points:
        p = p.points[-1]
    return p
