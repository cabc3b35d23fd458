"""The matching layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.layouts.worksheet.kinds import AnswerKey, Group
from studypack.layouts.worksheet.support import Support, support_option

from studypack.layout_api import options as o


@dataclass(frozen=True)
class MatchingOptions:
    """The `matching` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics whose key terms to use (default all)", o.text_list)
    group: Group = o.option(
        "subject", "one worksheet per subject, per topic, or one for all (none)", o.one_of(Group)
    )
    support: Support = support_option()
    count: int = o.option(0, "how many pairs (0: all), chosen by the seed", o.number(0, 500, True))
    spare: int = o.option(
        2,
        "definitions that match no term (left out by `count`, else held back from the pairs while four"
        " remain), so the last pair is not found by elimination; 0 for none",
        o.number(0, 5, True),
    )
    seed: int = o.option(1, "seed for which pairs are chosen and their order", o.number(0, 10**9, True))
    versions: int = o.option(1, "worksheets with different pairs or orders (A, B, ...)", o.number(1, 6, True))
    answer_key: AnswerKey = o.option("after", "where the answer key goes", o.one_of(AnswerKey))
    title: str = o.option("", "worksheet title (default: Match the key terms: <pack title>)", o.text)
    font_size: float = o.option(10.0, "text size of the terms and definitions (pt)", o.number(8, 20))
