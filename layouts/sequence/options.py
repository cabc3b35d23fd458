"""The sequence layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.layouts.worksheet.kinds import AnswerKey, Group
from studypack.layouts.worksheet.support import Support, support_option

from studypack.layout_api import options as o


@dataclass(frozen=True)
class SequenceOptions:
    """The `sequence` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics whose events to use (default all)", o.text_list)
    group: Group = o.option(
        "subject", "one worksheet per subject, per topic, or one for all (none)", o.one_of(Group)
    )
    support: Support = support_option()
    count: int = o.option(0, "how many events (0: all), chosen by the seed", o.number(0, 100, True))
    seed: int = o.option(1, "seed for the events chosen and the strips' order", o.number(0, 10**9, True))
    versions: int = o.option(
        1, "worksheets with different events or orders (A, B, ...)", o.number(1, 6, True)
    )
    answer_key: AnswerKey = o.option("after", "where the answer key goes", o.one_of(AnswerKey))
    title: str = o.option("", "worksheet title (default: Put the events in order: <pack title>)", o.text)
    font_size: float = o.option(11.0, "text size of the strips (pt)", o.number(8, 20))
    include_unreviewed: bool = o.option(False, "also use events still marked `review:`", o.boolean)
