"""A term/definition TSV in the form Quizlet's import takes: one card a line, term TAB definition.

Quizlet reads a tab as the end of the term and a line break as the end of a card, and has no way to
escape either: inside a text, tabs and line breaks become spaces; a card's points are joined as
"• one • two", its paragraphs with " / ".

A spreadsheet opening the file runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return) as a formula: such a cell gets a leading `'`, as OWASP advises for CSV injection.
That includes notes like "-5 degrees" (a spreadsheet would compute them, and "=HYPERLINK(...)"
could be hidden behind any of these signs); the quote shows, but nothing runs.
"""

from __future__ import annotations

from studypack.export.flashcards import Flashcard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def line(card: Flashcard) -> str:
    return f"{cell(card.front_text)}\t{cell(card.back_text)}"


def cell(text: str) -> str:
    """One cell: on one line, and never a formula."""
    flat = _flat(text)
    return "'" + flat if flat.startswith(FORMULA_STARTS) else flat


def tsv(cards: list[Flashcard]) -> str:
    return "".join(line(c) + "\n" for c in cards)


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
