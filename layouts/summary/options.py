"""The summary layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from studypack.layout_api import options as o
from studypack.layout_api.styles import SHEET_MIN_SIZE


@dataclass(frozen=True)
class SummaryOptions:
    """The `summary` layout's options (see the README's table)."""

    topics: tuple = o.option((), "topics to include (default all)", o.text_list)
    columns: int = o.option(0, "number of columns (0: 2 on portrait, 3 on landscape)", o.number(0, 4, True))
    orientation: Literal["portrait", "landscape"] = o.option(
        "portrait", "page orientation", o.choice("portrait", "landscape")
    )
    include: tuple = o.option(
        ("cards", "key_terms", "key_dates"),
        "what the sheet holds",
        o.subset("cards", "key_terms", "key_dates"),
    )
    font_size: float = o.option(10.0, "normal body size (pt)", o.number(6, 20))
    max_font_size: float = o.option(
        14.0, "largest body size a topic with room grows to, to fill its side", o.number(6, 30)
    )
    min_font_size: float = o.option(
        SHEET_MIN_SIZE, "smallest body size before a second side", o.number(6, 20)
    )
    condensed: bool = o.option(True, "use the condensed face where one is installed", o.boolean)

    def __post_init__(self) -> None:
        o.check_min_size(self.min_font_size, self.font_size)
