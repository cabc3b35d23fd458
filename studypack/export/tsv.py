"""A term/definition TSV in the form Quizlet's import takes: one card a line, term TAB definition.

Quizlet reads a tab as the end of the term and a line break as the end of a card, and has no way to
escape either: inside a text, tabs and line breaks become spaces; a card's points are joined as
"• one • two", its paragraphs with " / ".
"""

from __future__ import annotations

from studypack.export.flashcards import Flashcard


def line(card: Flashcard) -> str:
    return f"{_flat(card.front_text)}\t{_flat(card.back_text)}"


def tsv(cards: list[Flashcard]) -> str:
    return "".join(line(c) + "\n" for c in cards)


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
