"""The timeline layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from studypack.layouts.timeline.blanks import Blanks, parse_hide
from studypack.layouts.worksheet.kinds import AnswerKey, Group
from studypack.layouts.worksheet.support import Support, support_option

from studypack.layout_api import options as o

Axis = Literal["auto", "horizontal", "vertical"]
AXES: tuple[str, ...] = get_args(Axis)


@dataclass(frozen=True)
class TimelineOptions:
    """The `timeline` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics whose events to use (default all)", o.text_list)
    group: Group = o.option(
        "subject", "one worksheet per subject, per topic, or one for all (none)", o.one_of(Group)
    )
    support: Support = support_option()
    blanks: Blanks = o.option("event", "what a blank hides", o.one_of(Blanks))
    hide: str = o.option("all", "how many events get a blank: all, a number, or a fraction", parse_hide)
    seed: int = o.option(
        1, "seed for which items are hidden and the word bank order", o.number(0, 10**9, True)
    )
    word_bank: bool = o.option(False, "list the hidden answers, shuffled, for students to use", o.boolean)
    answer_key: AnswerKey = o.option("after", "where the answer key goes", o.one_of(AnswerKey))
    versions: int = o.option(1, "worksheets that hide different items (A, B, ...)", o.number(1, 6, True))
    # `orientation` says both things a teacher means by it: the page (landscape, portrait) or the
    # axis (horizontal, vertical, auto). The two sets of words never overlap, so one option reads
    # either way; the axis is kept in `style`, its older name, which still works.
    orientation: Literal["landscape", "portrait"] = o.option(
        "landscape",
        "page orientation; or the axis: horizontal, vertical, auto (same as style)",
        o.choice("landscape", "portrait", *AXES),
    )
    style: Axis = o.option("auto", "the axis across (horizontal), down (vertical), or auto", o.one_of(Axis))
    title: str = o.option("", "worksheet title (default: Timeline: <pack title>)", o.text)
    font_size: float = o.option(9.0, "text size of the labels and answers (pt)", o.number(7, 20))
    include_unreviewed: bool = o.option(
        False, "also use events still marked `review:` (an import's proposals)", o.boolean
    )

    def __post_init__(self) -> None:
        axis = str(self.orientation)
        if axis not in AXES:
            return
        if self.style != "auto" and self.style != axis:
            raise o.OptionError(
                f"orientation: {axis} and style: {self.style} disagree",
                "give the axis once, with orientation",
            )
        object.__setattr__(self, "style", axis)  # frozen: set once, as the teacher wrote it
        object.__setattr__(self, "orientation", "landscape")
