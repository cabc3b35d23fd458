"""The word search layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.layouts.wordsearch.grid import Directions
from studypack.layouts.worksheet.kinds import AnswerKey, Group

from studypack.layout_api import options as o


@dataclass(frozen=True)
class WordsearchOptions:
    """The `wordsearch` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics whose key terms to hide (default all)", o.text_list)
    group: Group = o.option(
        "subject", "one word search per subject, per topic, or one for all (none)", o.one_of(Group)
    )
    directions: Directions = o.option(
        "medium",
        "easy: across and down; medium: also diagonally; hard: also backwards",
        o.one_of(Directions),
    )
    size: int = o.option(
        0, "squares a side (0: fitted to the words; at least the longest)", o.number(0, 30, True)
    )
    count: int = o.option(0, "how many words (0: all), chosen by the seed", o.number(0, 200, True))
    seed: int = o.option(
        1, "seed for the words chosen, where they hide and the filler", o.number(0, 10**9, True)
    )
    versions: int = o.option(1, "word searches with different grids (A, B, ...)", o.number(1, 6, True))
    answer_key: AnswerKey = o.option("after", "where the answer key (words ringed) goes", o.one_of(AnswerKey))
    title: str = o.option("", "worksheet title (default: Word search: <subject or pack title>)", o.text)
    font_size: float = o.option(
        10.0, "text size of the word list (pt); the grid grows with it", o.number(8, 20)
    )
