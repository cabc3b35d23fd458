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


def parse(text: str, name: str) -> Notes:
    topic = ""
    cards: list[Card] = []
    heads: list[tuple[int, str]] = []  # open headings above the current card
    card: Card | None = None
    para: list[str] = []
    stack: list[tuple[int, list[Point]]] = []
    in_fence = False
    in_quote = False

    def end_para() -> None:
        nonlocal para
        if para and card is not None:
            card.paragraphs.append(inline(" ".join(para)))
        para = []

    def new_card(title: str, review: str = "") -> Card:
        c = Card(title, review=review)
        cards.append(c)
        return c

    for raw in text.splitlines():
        line = raw.expandtabs(4)
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        h = HEADING.match(line) if not in_fence else None
        if h:
            end_para()
            level, title = len(h.group(1)), inline(h.group(2))
            if level == 1 and not topic:
                topic = title
                continue
            # a heading with nothing under it yet lends its words to the cards below it
            heads = [(lv, t) for lv, t in heads if lv < level]
            if card is not None and not card.points and not card.paragraphs and cards and cards[-1] is card:
                cards.pop()
                heads.append((level - 1, card.title))
            full = " – ".join([t for _, t in heads] + [title])
            card, stack = new_card(full), []
            continue
        if not line.strip() or RULE.match(line):
            end_para()
            stack = [] if not line.strip() and not stack else stack
            continue
        if card is None:
            title, note = title_from(inline(line))
            card = new_card(title, note)
        item = ITEM.match(line)
        if item:
            end_para()
            # a numbered item keeps its number: the order of steps is part of the notes
            number = f"{item.group(2)} " if item.group(2) else ""
            indent, text_ = len(item.group(1)), inline(item.group(3))
            text_ = number + text_ if text_ else ""
            if not text_:
                continue  # an empty list item
            while stack and indent <= stack[-1][0]:
                stack.pop()
            target = stack[-1][1] if stack else card.points
            p = Point(text_)
            target.append(p)
            stack.append((indent, p.points))
            continue
        q = QUOTE.match(line)
        content = q.group(1) if q else line.strip()
        if bool(q) != in_quote:  # a quote is a paragraph of its own
            end_para()
            in_quote = bool(q)
        if stack and not q and line.startswith(" "):  # a list item continued on the next line
            parent = _last(card.points)
            if parent is not None:
                parent.text = clean(parent.text + " " + inline(content))
                continue
        stack = []
        para.append(content)  # a quote's words are kept as a paragraph
    end_para()
    cards = [c for c in cards if c.points or c.paragraphs or c.title]
    for c in cards:
        if not c.points and not c.paragraphs and c.title:
            c.review = c.review or "a heading with no notes under it"
    return Notes(topic or name, cards)


def _last(points: list[Point]) -> Point | None:
    p = points[-1] if points else None
    while p is not None and p.points:
        p = p.points[-1]
    return p
