"""The crossword layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.layouts.worksheet.kinds import AnswerKey, Group

from studypack.layout_api import options as o


@dataclass(frozen=True)
class CrosswordOptions:
    """The `crossword` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics whose key terms to use (default all)", o.text_list)
    group: Group = o.option(
        "subject", "one crossword per subject, per topic, or one for all (none)", o.one_of(Group)
    )
    questions: bool = o.option(
        False, "also use question cards whose answer is a word or two (the question is the clue)", o.boolean
    )
    count: int = o.option(0, "how many words (0: all), chosen by the seed", o.number(0, 200, True))
    seed: int = o.option(1, "seed for the words chosen and how the grid is built", o.number(0, 10**9, True))
    versions: int = o.option(1, "crosswords with different grids (A, B, ...)", o.number(1, 6, True))
    answer_key: AnswerKey = o.option(
        "after", "where the answer key (the filled grid) goes", o.one_of(AnswerKey)
    )
    title: str = o.option("", "worksheet title (default: Crossword: <subject or pack title>)", o.text)
    font_size: float = o.option(10.0, "text size of the clues (pt); the grid grows with it", o.number(8, 20))
