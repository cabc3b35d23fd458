"""Timeline proposals: the sentences of the notes that carry a date, as events to review.

Only what reads as a date counts: a year 1000-2099 standing on its own (not 51,439, 44%, 5/1000,
or a page counter), a month or day with its year, a decade, a range such as 1953-56. Metadata dates
(created on 19-04-15) are page furniture and never reach here.
"""

from __future__ import annotations

import re

from studypack.load.dates import DateError, parse_date
from studypack.model import MONTH_NAMES

from .model import Card, Event
from .textutil import clean

# Jan(?:uary)?|Feb(?:ruary)?|...|Sep(?:t(?:ember)?)?|... from the one month table
_MONTH = (
    "(?:"
    + "|".join(
        "Sep(?:t(?:ember)?)?" if n == "September" else f"{n[:3]}(?:{n[3:]})?" if len(n) > 3 else n
        for n in MONTH_NAMES
    )
    + ")"
)
_YEAR = r"(?:1\d{3}|20\d{2})"
_EDGE_L = r"(?<![\d,./£$€-])"
_EDGE_R = r"(?![\d%/]|,\d|\.\d)"
MENTION = re.compile(
    rf"{_EDGE_L}(?P<range>{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d{{2}})){_EDGE_R}"
    rf"|\b(?P<day>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+{_YEAR}){_EDGE_R}"
    rf"|\b(?P<month>{_MONTH}\s+{_YEAR}){_EDGE_R}"
    rf"|{_EDGE_L}(?P<decade>{_YEAR})['’]?s\b"
    rf"|{_EDGE_L}(?P<year>{_YEAR}){_EDGE_R}"
)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(“\"‘'])")


_FOUR_DIGITS = re.compile(r"\d{4}")
_valid: dict[str, bool] = {}


def _readable(written: str) -> bool:
    ok = _valid.get(written)
    if ok is None:
        try:
            parse_date(written)
            ok = True
        except DateError:
            ok = False
        _valid[written] = ok
    return ok


def mentions(text: str) -> list[tuple[int, str]]:
    """(position, date as the parser reads it) for each date in the text."""
    out: list[tuple[int, str]] = []
    if not _FOUR_DIGITS.search(text):
        return out
    for m in MENTION.finditer(text):
        kind = m.lastgroup or "year"
        written = clean(m.group(kind))
        if kind == "range":
            written = re.sub(r"\s*([-–])\s*", r"\1", written)
        elif kind == "decade":
            written = m.group(kind) + "s"
        if _readable(written):
            out.append((m.start(), written))
    return out


def propose(cards: list[Card]) -> list[Event]:
    """An event per date mention: the clause (or run of clauses) it stands in."""
    seen, out = set(), []
    for card in cards:
        for text in card.texts()[1:]:
            for sentence in SENTENCE.split(text):
                for date, clause in _clauses(sentence):
                    key = (date, clause)
                    if key in seen or len(clause.split()) < 3:
                        continue
                    seen.add(key)
                    note = f"proposed from the card '{card.title}': check the date, shorten the text"
                    out.append(Event(date, clause, note))
    return out


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """Split a run-on sentence at the commas before each further date: one event per date."""
    found = mentions(sentence)
    if not found:
        return []
    cuts = [0]
    for pos, _ in found[1:]:
        comma = sentence.rfind(", ", cuts[-1], pos)
        if comma > cuts[-1]:
            cuts.append(comma + 2)
    cuts.append(len(sentence))
    parts = [sentence[a:b].strip().rstrip(",;") for a, b in zip(cuts, cuts[1:], strict=False)]
    merged: list[str] = []
    for part in parts:  # "By1956, half of the members of 1952..." stays one event, dated 1956
        if merged and len(merged[-1].split()) < 4:
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    out, k = [], 0
    for part in merged:  # each part's date is the first mention that falls in it
        start = sentence.find(part, k)
        date = next((d for pos, d in found if start <= pos < start + len(part)), None)
        k = start + len(part)
        if date:
            out.append((date, clean(part).rstrip(".")))
    return out
