"""Quotations each followed by their comment, as English and history notes are written:

    "Fair is foul, and foul is fair"
    The witches speak in paradox: nothing in the play is what it seems.

A card per quotation, the quotation on its front and the comment lines behind it."""

from __future__ import annotations

import re

from .items import Text, cards_at
from .model import Card

_QUOTE = re.compile(r"^\s*[\"“‘'«„].{3,}[\"”’'»“](?:\s*[-–—,(]\s*[^\"“”]{0,60})?\s*$")


def is_quotation(line: str) -> bool:
    """A line that is a quotation, with perhaps who said it after: `"Fair is foul" – the witches`."""
    return bool(_QUOTE.match(line))


def looks_quoted(body: list[str]) -> bool:
    """Quotations, each followed by a comment line (or a few): quotes are a third or more of the
    lines, and no quote follows another."""
    quotes = [i for i, ln in enumerate(body) if is_quotation(ln)]
    if len(quotes) < 2 or len(quotes) < 0.3 * len(body):
        return False
    return all(j - i >= 2 for i, j in zip(quotes, quotes[1:], strict=False)) and quotes[-1] < len(body) - 1


def parse(lines: list[str], text_fn: Text) -> list[Card]:
    """A card per quotation: the quotation on its front, its comment lines behind."""
    cards = cards_at(lines, is_quotation, text_fn)
    for c in cards:
        if c.question and not c.paragraphs:
            c.review = "a quotation with no comment in the notes: add it"
    return cards
