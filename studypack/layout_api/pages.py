"""What a layout hands to assembly: pages to draw, with their size, bookmarks and print advice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studypack.model import Pack, Paper

if TYPE_CHECKING:
    from studypack.text.fonts import Fonts

DrawFn = Callable[["object"], None]  # takes a reportlab Canvas


@dataclass
class Page:
    """One physical page: its size in points and how to draw its content."""

    width: float
    height: float
    draw: DrawFn
    furniture: bool = True  # assembly adds the header and footer (pages with a margin for them)
    bookmarks: list[tuple[str, int]] = field(default_factory=list)  # (title, level) with level >= 1
    new_sheet: bool = False  # starts on a front (odd) page, so it never prints on another's back
    role: str = "sheet"  # "key" for answer keys, which `--only NAME-key` selects


@dataclass
class SectionPages:
    """A rendered section: its pages, how to print them, and what to tell the teacher."""

    pages: list[Page]
    how_to_print: str
    summary: str = ""
    notices: list[str] = field(default_factory=list)
    end_pages: list[Page] = field(default_factory=list)  # gathered at the end of the pack
    end_title: str = ""
    end_how: str = ""
    keys: list[Page] = field(default_factory=list)  # every answer-key page, for `--only NAME-key`


@dataclass
class RenderContext:
    """Everything a layout may use besides the model: paper, fonts, the safe margins."""

    pack: Pack
    paper: Paper
    fonts: Fonts
