"""The cloze layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.layouts.timeline.blanks import parse_hide
from studypack.layouts.worksheet.kinds import AnswerKey

from studypack.layout_api import options as o


@dataclass(frozen=True)
class ClozeOptions:
    topics: tuple = o.option((), "topics whose cards to use (default all)", o.text_list)
    hide: str = o.option("all", "how many gaps to blank: all, a number, or a fraction", parse_hide)
    word_bank: bool = o.option(True, "list the hidden words, shuffled, for pupils to use", o.boolean)
    distractors: int = o.option(
        0, "extra words in the bank, from the pack's other gaps", o.number(0, 30, True)
    )
    seed: int = o.option(1, "seed for which gaps are blanked and the bank's order", o.number(0, 10**9, True))
    versions: int = o.option(1, "worksheets that blank different gaps (A, B, ...)", o.number(1, 6, True))
    answer_key: AnswerKey = o.option("after", "where the answer key goes", o.one_of(AnswerKey))
    title: str = o.option("", "worksheet title (default: Fill the gaps: <pack title>)", o.text)
    font_size: float = o.option(10.0, "text size of the text (pt)", o.number(8, 20))
