"""Retrieval questions from what a topic already holds: its question/answer cards, its key terms
asked both ways ("What is meant by X?" / "Which term means: ...?") and its dated events asked both
ways ("When did this happen: ...?" / "What happened in 1956?"). The two ways of one item are one
family: a sheet never asks both, and the spacing rule counts them as one question."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from studypack.model import HistDate, Topic
from studypack.text.markup import plain

from .schedule import taught_day


@dataclass(frozen=True)
class Question:
    """A retrieval question: the item it asks about, its topic, when that was taught."""

    family: str  # the item asked (a card, a key term, an event): never twice on a sheet
    topic: str  # the topic's title
    taught: datetime.date  # the day from which the topic counts as taught
    text: str
    answer: str


def answer_of(card) -> str:
    """A card's back as one answer (the quiz's rule: points joined by semicolons, then its text)."""
    from studypack.layouts.quiz.render import answer_of as quiz_answer

    return quiz_answer(card)


def _blanked(definition: str, term: str) -> str:
    """The definition with its own term blanked, so 'Which term means ...?' does not give it away."""
    t = plain(term).strip()
    if not t:
        return definition
    return re.sub(rf"(?<!\w){re.escape(t)}(?!\w)", "_____", definition, flags=re.IGNORECASE)


def _gives_year(event: str, date: HistDate) -> bool:
    """The event's own text names its year ('the 1956 uprising'): asking when would give it away."""
    years = {str(abs(date.start.year)), str(abs(date.end.year))}
    return any(y in re.findall(r"\d{3,4}", plain(event)) for y in years)


def _when(date: HistDate) -> str:
    return ("on " if date.kind == "day" else "in ") + date.text


def _overlaps(a: HistDate, b: HistDate) -> bool:
    return a.start_value() < b.end_value() and b.start_value() < a.end_value()


def questions_of(topic: Topic, events: Sequence[HistDate] = ()) -> list[Question]:
    """Every question a taught topic gives, in the order it gives them. `events`: the dates of
    every event the sheets may ask about (its group's): 'What happened in 1956?' is asked only
    of a date no other event's date overlaps, so it has one answer."""
    assert topic.taught is not None
    day = taught_day(topic.taught)
    key = f"{topic.src.path}:{topic.topic}"
    out: list[Question] = []

    def add(family: str, text: str, answer: str) -> None:
        if plain(text).strip() and plain(answer).strip():
            out.append(Question(f"{key}#{family}", topic.topic, day, text, answer))

    for i, c in enumerate(topic.cards):
        if c.question and not c.untitled:
            add(f"card{i}", c.front, answer_of(c))
    for i, k in enumerate(topic.key_terms):
        add(f"term{i}", f"What is meant by *{k.term}*?", k.definition)
        add(f"term{i}", f"Which term means: {_blanked(k.definition, k.term)}", k.term)
    others = list(events) or [e.date for e in topic.timeline if not e.review]
    for i, e in enumerate(topic.timeline):
        if e.review:  # an import's proposal, not yet kept by the teacher
            continue
        if not _gives_year(e.text, e.date):
            add(f"event{i}", f"When did this happen: {e.text}?", e.date.text)
        if sum(_overlaps(e.date, d) for d in others) == 1:  # only its own: one answer
            add(f"event{i}", f"What happened {_when(e.date)}?", e.text)
    return out
