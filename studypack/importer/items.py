"""Cards made from lines of notes, shared by the line-oriented shapes."""

from __future__ import annotations

from collections.abc import Callable

from .model import Card, title_from
from .textutil import clean, literal

Text = Callable[[str], str]  # how a line's words become studypack text (plain, or Markdown inline)


def plain_text(s: str) -> str:
    return literal(clean(s))


def qa_card(front: str, back: list[str], text_fn: Text) -> Card:
    """A question card: its answer's lines as paragraphs of the back (a back has no points)."""
    body = [text_fn(b) for b in back if b.strip()]
    card = Card(text_fn(front), [], body, question=True)
    if not body:
        card.review = "a question with no answer in the notes: add its back"
    return card


def note_card(line: str, text_fn: Text) -> Card:
    """A line as a card of its own, titled from its first words (with a review note)."""
    text = text_fn(line)
    title, note = title_from(text)
    return Card(title, [], [text], review=note)


def cards_at(lines: list[str], starts: Callable[[str], bool], text_fn: Text) -> list[Card]:
    """A card from each line that `starts` one (a question, a quotation), the lines under it its
    back; lines before the first such line make a note card of their own."""
    cards: list[Card] = []
    front, back = "", list[str]()
    for ln in lines:
        if not ln.strip():
            continue
        if starts(ln):
            if front:
                cards.append(qa_card(front, back, text_fn))
            elif back:
                cards.append(note_card(" ".join(back), text_fn))
            front, back = ln.strip(), []
        else:
            back.append(ln)
    if front:
        cards.append(qa_card(front, back, text_fn))
    elif back:
        cards.append(note_card(" ".join(back), text_fn))
    return cards
