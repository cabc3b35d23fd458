"""The organiser layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.layout_api import options as o

PARTS = ("key_terms", "key_dates", "people", "key_questions", "cards", "picture")
FLOOR = 9.0  # an organiser is read at a glance: its text is never set smaller than this


@dataclass(frozen=True)
class OrganiserOptions:
    """The `organiser` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics to include (default all)", o.text_list)
    include: tuple = o.option(PARTS, "the boxes an organiser holds, in this order", o.subset(*PARTS))
    self_quiz: bool = o.option(
        False, "add a copy of each organiser with definitions, events and answers blanked", o.boolean
    )
    columns: int = o.option(0, "columns of boxes (0: 2 on A4 and Letter, 3 on A3)", o.number(0, 4, True))
    font_size: float = o.option(
        0.0, "largest body size the text grows to (0: 14 pt, 16 on A3)", o.number(0, 30)
    )
    min_font_size: float = o.option(FLOOR, "smallest body size before a second side", o.number(FLOOR, 30))

    def __post_init__(self) -> None:
        if self.font_size:
            o.check_min_size(self.min_font_size, self.font_size)
