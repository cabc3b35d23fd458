"""The two revision-card formats of revision sites (see ../shared/seeds/).

`revision-cards`: a title, "Cards (N)", then each card as a bullet whose title has its notes beneath
(nested bullets, or indented text). `revision-cards-paged`: an optional "Created by / Created on"
header, then each card as a title line, its bullet points, and an "N of M" line.
"""

from __future__ import annotations

import re

from .furniture import strip
from .model import Card, Notes, Point, title_from
from .textutil import bullet, clean, indent_of, literal

PAGE_MARK = re.compile(r"^\s*\d+\s+of\s+\d+\s*$")
SUBJECT = re.compile(r"^\s*Similar\s+(.+?)\s+resources:?\s*$", re.I)


def looks_listed(text: str) -> bool:
    return bool(re.search(r"^\s*Cards\s*\(\d+\)\s*$", text, re.M)) or (
        len(re.findall(r"^ {0,3}• ", text, re.M)) >= 2 and len(re.findall(r"^ {4,}\S", text, re.M)) >= 1
        and not PAGE_MARK.search(text)
    )  # fmt: skip


def looks_paged(text: str) -> bool:
    return len(re.findall(r"^\s*\d+\s+of\s+\d+\s*$", text, re.M)) >= 1


def _subject(lines: list[str]) -> str:
    for line in lines:
        m = SUBJECT.match(line)
        if m:
            return clean(m.group(1))
    return ""


def _nest(items: list[tuple[int, str]]) -> list[Point]:
    """Bullets with their indents as nested points (a deeper indent is a sub-point)."""
    root: list[Point] = []
    stack: list[tuple[int, list[Point]]] = [(-1, root)]
    for indent, text in items:
        if not text.strip():
            continue  # a bullet with nothing after it
        while len(stack) > 1 and indent <= stack[-1][0]:
            stack.pop()
        p = Point(literal(clean(text)))
        stack[-1][1].append(p)
        stack.append((indent, p.points))
    return root


def parse_listed(text: str, name: str) -> Notes:
    raw = text.splitlines()
    lines, dropped = strip(raw)
    subject = _subject(raw)
    topic = ""
    cards: list[Card] = []
    card_indent = None
    body: list[tuple[int, str]] = []  # (indent, text) bullets under the current card, or (-1, text) prose
    head = ""

    def finish() -> None:
        if head or body:
            cards.append(_card_from(head, body))

    for line in lines:
        if not line.strip():
            if body and body[-1][0] == -1:
                body.append((-2, ""))  # a paragraph break
            continue
        b = bullet(line)
        if b is None and not topic and not cards and not head:
            topic = clean(line)
            continue
        if b is not None and (card_indent is None or b[0] <= card_indent):
            finish()
            card_indent, head, body = b[0], b[1], []
            continue
        if b is not None:
            body.append(b)
        elif body and body[-1][0] >= 0 and indent_of(line) > body[-1][0]:
            body[-1] = (body[-1][0], body[-1][1] + " " + line.strip())  # a bullet continued
        else:
            body.append((-1, line.strip()))
    finish()
    notes = Notes(topic or name, cards, subject, dropped=dropped, titled=bool(topic))
    notes.shape = f"revision-site cards: {notes.count()}"
    return notes


def _card_from(head: str, body: list[tuple[int, str]]) -> Card:
    points = _nest([(i, t) for i, t in body if i >= 0])
    paras, cur = [], []
    for i, t in body:
        if i == -1:
            cur.append(t)
        elif cur:
            paras.append(literal(clean(" ".join(cur))))
            cur = []
    if cur:
        paras.append(literal(clean(" ".join(cur))))
    head = clean(head)
    if not points and not paras:  # a bullet with nothing under it: the notes themselves
        title, note = title_from(head)
        return Card(literal(title), [], [literal(head)], review=note)
    return Card(literal(head), points, paras)


def parse_paged(text: str, name: str) -> Notes:
    raw = text.splitlines()
    subject = _subject(raw)
    blocks: list[list[str]] = [[]]
    for line in raw:
        if PAGE_MARK.match(line):
            blocks.append([])
        else:
            blocks[-1].append(line)
    cards, dropped_all = [], []
    for block in blocks:
        lines, dropped = strip(block)
        dropped_all += dropped
        lines = [ln for ln in lines if ln.strip()]
        if not lines:
            continue
        title = ""
        if bullet(lines[0]) is None:
            title, lines = clean(lines[0]), lines[1:]
        items: list[tuple[int, str]] = []
        paras: list[str] = []
        for line in lines:
            b = bullet(line)
            if b is not None:
                items.append(b)
            elif items and indent_of(line) > items[-1][0]:
                items[-1] = (items[-1][0], items[-1][1] + " " + line.strip())
            else:
                paras.append(literal(clean(line)))
        card = Card(literal(title), _nest(items), paras)
        if not title:
            first = (card.points[0].text if card.points else paras[0]) if (card.points or paras) else ""
            card.title, card.review = title_from(first)
        cards.append(card)
    notes = Notes(name, cards, subject, dropped=dropped_all)
    notes.shape = f"revision-site cards, one a page: {notes.count()}"
    return notes
