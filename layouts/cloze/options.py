"""The cloze layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from studypack.layouts.timeline.blanks import parse_hide
from studypack.layouts.worksheet.kinds import AnswerKey, Group
from studypack.layouts.worksheet.support import Support, support_option

from studypack.layout_api import options as o

GapLength = Literal["equal", "word"]  # every gap as long as the longest answer needs, or each its own


@dataclass(frozen=True)
class ClozeOptions:
    """The `cloze` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics whose cards to use (default all)", o.text_list)
    group: Group = o.option(
        "subject", "one worksheet per subject, per topic, or one for all (none)", o.one_of(Group)
    )
    support: Support = support_option()
    hide: str = o.option("all", "how many gaps to blank: all, a number, or a fraction", parse_hide)
    word_bank: bool = o.option(True, "list the hidden words, shuffled, for pupils to use", o.boolean)
    distractors: int = o.option(
        2,
        "spare words in the bank (from the group's other gaps and key terms), so the last gap is not"
        " filled by elimination; 0 for none",
        o.number(0, 30, True),
    )
    seed: int = o.option(1, "seed for which gaps are blanked and the bank's order", o.number(0, 10**9, True))
    versions: int = o.option(1, "worksheets that blank different gaps (A, B, ...)", o.number(1, 6, True))
    answer_key: AnswerKey = o.option("after", "where the answer key goes", o.one_of(AnswerKey))
    title: str = o.option("", "worksheet title (default: Fill the gaps: <pack title>)", o.text)
    font_size: float = o.option(10.0, "text size of the text (pt)", o.number(8, 20))
    gap_length: GapLength = o.option(
        "equal",
        "gaps all as long as the longest answer needs (equal), or each its own (word)",
        o.one_of(GapLength),
    )
