"""The spacing rule: which questions each lesson's sheet asks.

For a lesson on day D, only topics taught before D count (a topic's `taught:` day is the last day
of what it names: `January 2027` counts from 1 February). Of the questions on a sheet, about half
(rounded up) come from topics taught in the last two weeks (14 days before D) and the rest from
topics taught before that; when one side has too few questions the other makes up the number.
Within each side the question not asked for longest goes first (one never asked before all), then
the one whose topic was asked least recently, so the topics take turns; ties are broken by the
seed. A question asked in one lesson is not asked in the next three. A key term or an event asked
one way counts as asked both ways.

The bands of the retrieval grid: the topics of the last day anything was taught, when that was
within the week before D ("last lesson"); the rest of the last 7 days ("last week"), of the last
31 days ("last month"), and everything taught before ("earlier").
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from studypack.load.dates import days_in
from studypack.model import HistDate

if TYPE_CHECKING:
    from .questions import Question

RECENT_DAYS = 14  # "the last two weeks"
GAP_LESSONS = 3  # a question is not asked again in the next three lessons
Band = Literal["last lesson", "last week", "last month", "earlier"]
BANDS: tuple[Band, ...] = ("last lesson", "last week", "last month", "earlier")


def taught_day(d: HistDate) -> datetime.date:
    """The day from which a topic counts as taught: the last day of the period its date names."""
    e = d.end
    if e.year < 1:
        return datetime.date.min
    if e.year > 9999:
        return datetime.date.max
    month = e.month or 12
    return datetime.date(e.year, month, e.day or days_in(e.year, month))


@dataclass(frozen=True)
class Lesson:
    """One lesson's do-now sheet: its day and its questions."""

    day: datetime.date
    questions: tuple[Question, ...]


def plan(
    pool: Sequence[Question], lessons: Sequence[datetime.date], n: int, seed: int, salt: str
) -> list[Lesson]:
    """Each lesson's questions by the spacing rule (module docstring), most recent topic first."""
    last_q: dict[str, int] = {}  # family -> the lesson it was last asked in
    last_t: dict[str, int] = {}  # topic -> the lesson it was last asked in
    out = []
    for i, day in enumerate(lessons):
        free = [
            q for q in pool if q.taught < day and i - last_q.get(q.family, -GAP_LESSONS - 1) > GAP_LESSONS
        ]
        recent = [q for q in free if (day - q.taught).days <= RECENT_DAYS]
        older = [q for q in free if (day - q.taught).days > RECENT_DAYS]
        want_recent = min(_families(recent), (n + 1) // 2)
        want_older = min(_families(older), n - want_recent)
        want_recent = min(_families(recent), n - want_older)
        rng = random.Random(f"studypack-retrieval-{salt}-{seed}-{i}")
        picked = _pick(recent, want_recent, last_q, last_t, rng) + _pick(
            older, want_older, last_q, last_t, rng
        )
        for q in picked:
            last_q[q.family] = i
            last_t[q.topic] = i
        picked.sort(key=lambda q: q.taught, reverse=True)  # stable: most recent topic first
        out.append(Lesson(day, tuple(picked)))
    return out


def _families(qs: list[Question]) -> int:
    return len({q.family for q in qs})


def _pick(cands: list[Question], k: int, last_q: dict, last_t: dict, rng: random.Random) -> list[Question]:
    """k questions of different families: the least recently asked first (never asked before
    all), among those the one whose topic had its turn longest ago, ties in the seed's order."""
    order = list(cands)
    rng.shuffle(order)  # the seed breaks ties
    order.sort(key=lambda q: last_q.get(q.family, -1))  # stable: the shuffle's order within a tier
    topic_turn = dict(last_t)
    chosen: list[Question] = []
    used: set[str] = set()
    while len(chosen) < k:
        left = [q for q in order if q.family not in used]
        if not left:
            break
        tier = last_q.get(left[0].family, -1)
        tier_left = [q for q in left if last_q.get(q.family, -1) == tier]
        best = min(tier_left, key=lambda q: topic_turn.get(q.topic, -1))
        chosen.append(best)
        used.add(best.family)
        topic_turn[best.topic] = 10**6 + len(chosen)  # this topic has had its turn on this sheet
        order = left
    return chosen


def band(q: Question, day: datetime.date, latest: datetime.date | None) -> Band:
    """Where a question sits on the retrieval grid of the lesson on `day`; `latest` is the last
    day anything was taught before it."""
    age = (day - q.taught).days
    if q.taught == latest and age <= 7:
        return "last lesson"
    if age <= 7:
        return "last week"
    if age <= 31:
        return "last month"
    return "earlier"
