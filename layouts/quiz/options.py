"""The quiz layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from studypack.layouts.worksheet.kinds import AnswerKey, Group
from studypack.layouts.worksheet.support import Support, support_option

from studypack.layout_api import options as o

Style = Literal["written", "multiple-choice"]
Questions = Literal["cards", "titles"]
Marks = Literal["auto", "none"]  # marks per question and the total, or only the total of questions


@dataclass(frozen=True)
class QuizOptions:
    """The `quiz` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics whose cards to use (default all)", o.text_list)
    group: Group = o.option(
        "subject", "one worksheet per subject, per topic, or one for all (none)", o.one_of(Group)
    )
    support: Support = support_option()
    style: Style = o.option("written", "written answers, or four options to choose from", o.one_of(Style))
    questions: Questions = o.option(
        "cards",
        "which cards: front/back question cards, or every card's title as a question",
        o.one_of(Questions),
    )
    count: int = o.option(0, "how many questions (0: all), chosen by the seed", o.number(0, 500, True))
    seed: int = o.option(
        1, "seed for the questions chosen, their order and the options", o.number(0, 10**9, True)
    )
    versions: int = o.option(
        1, "worksheets with different orders and options (A, B, ...)", o.number(1, 6, True)
    )
    answer_key: AnswerKey = o.option("after", "where the answer key goes", o.one_of(AnswerKey))
    title: str = o.option("", "worksheet title (default: Quiz: <pack title>)", o.text)
    font_size: float = o.option(10.0, "text size of the questions and answers (pt)", o.number(8, 20))
    marks: Marks = o.option(
        "auto",
        "marks printed per question, by what it asks, and their total in the marks box (auto); none: one a question",
        o.one_of(Marks),
    )
