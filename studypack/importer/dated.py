"""Dated lines, as teachers paste a timeline: `1945 – Yalta conference`, `12 March 1947: Truman
Doctrine`, `June 1950 Korean War begins`, `Berlin Blockade (1948-49)`. Each is a timeline event
(the teacher's own, so it needs no review), never a card."""

from __future__ import annotations

import re

from studypack.load.dates import DateError, parse_date

from .items import Text, note_card
from .model import Card, Event

_EDGE = " \t:,;-–—|.()[]"
_DATE_START = re.compile(r"^\W{0,2}(\d|c\.|circa|early|mid|late|spring|summer|autumn|fall|winter|AD|"
                         r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)  # fmt: skip


_YEARISH = re.compile(r"\d{3,4}|\d{1,2}(st|nd|rd|th)\s+century|\b(BC|BCE|AD|CE)\b", re.I)


def _is_date(text: str) -> bool:
    if not text or not _YEARISH.search(text):  # "1." or "2)" numbers an item; a date has a year
        return False
    try:
        parse_date(text)
    except DateError:
        return False
    return True


_ENDS_DATE = re.compile(r"(\d|\d's|\ds|BC|BCE|AD|CE|century)$", re.I)  # how a written date ends


def _could_end_date(words: list[str]) -> bool:
    return bool(_ENDS_DATE.search(words[-1].strip(_EDGE)))


def dated(line: str) -> tuple[str, str] | None:
    """(date as written, the event) of a line that starts or ends with a date: `1945 – Yalta`,
    `12 March 1947: Truman Doctrine`, `Berlin Blockade (1948-49)`; None otherwise."""
    s = line.strip()
    words = s.split()
    if len(words) < 2:
        return None
    if _DATE_START.match(s):
        for n in range(min(5, len(words) - 1), 0, -1):
            if not _could_end_date(words[:n]):
                continue
            date = " ".join(words[:n]).strip(_EDGE)
            rest = " ".join(words[n:]).lstrip(_EDGE).strip()
            if rest and _is_date(date):
                return date, rest
    if not _could_end_date(words):
        return None
    for n in range(min(5, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:])
        date = tail.strip(_EDGE)
        if tail.rstrip(".").endswith(")") and not tail.lstrip().startswith("("):
            continue  # "(born 1945)": a date inside brackets that open earlier is part of the text
        head = " ".join(words[:-n])
        rest = head.rstrip(_EDGE).strip()
        if rest and _is_date(date):
            # "Yalta conference – 1945": the date set apart; "The Wall fell in 1989": a sentence
            apart = tail.startswith("(") or head.rstrip()[-1:] in "-–—:|,;"
            return date, rest if apart else s
    return None


def mostly_dated(body: list[str]) -> bool:
    """Whether 60% or more of the lines are dated; stops as soon as that cannot be."""
    misses, allowed = 0, 0.4 * len(body)
    for ln in body:
        if dated(ln) is None:
            misses += 1
            if misses > allowed:
                return False
    return True


def parse(lines: list[str], text_fn: Text) -> tuple[list[Card], list[Event]]:
    """A timeline event per dated line; a line without a date that starts in lower case goes on
    with the event above (a wrapped line), any other is a note of its own."""
    cards: list[Card] = []
    events: list[Event] = []
    for ln in lines:
        if not ln.strip():
            continue
        got = dated(ln)
        if got:
            events.append(Event(got[0], text_fn(got[1]), ""))
        elif events and ln.strip()[:1].islower():
            events[-1].event = f"{events[-1].event} {text_fn(ln)}"
        else:
            cards.append(note_card(ln, text_fn))
    return cards, events
