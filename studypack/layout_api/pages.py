"""What a layout hands to assembly: page records to draw, with their size, bookmarks, role, and how
they are to be printed. All frozen: a layout makes them once; assembly only reads them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from studypack.layout_api.styles import PRESETS, Preset
from studypack.model import Pack, Paper
from studypack.pictures import Pictures

if TYPE_CHECKING:
    from studypack.text.fonts import Fonts

Canvas = Any  # a reportlab.pdfgen.canvas.Canvas (ReportLab ships no type hints)
DrawFn = Callable[[Canvas], None]
Role = Literal["sheet", "key", "blank"]  # "key": an answer key, which `--only NAME-key` selects
PrintSides = Literal["single", "duplex-long-edge", "duplex-short-edge"]
Copies = Literal["one", "per-student", "teacher"]


@dataclass(frozen=True)
class Page:
    """One physical page: its size in points and how to draw its content."""

    width: float
    height: float
    draw: DrawFn
    furniture: bool = True  # assembly adds the header and footer (pages with a margin for them)
    bookmarks: tuple[tuple[str, int], ...] = ()  # (title, level) with level >= 1
    new_sheet: bool = False  # starts on a front (odd) page, so it never prints on another's back
    role: Role = "sheet"
    elsewhere: bool = False  # drawn by a layout's helper process; `draw` puts it into the document


@dataclass(frozen=True)
class PrintAdvice:
    """How a part is to be printed, for the cover and the print room: which sides and flip, how many
    copies, and what to do with the sheets after (cut, fold)."""

    sides: PrintSides
    copies: Copies = "one"
    after: str = ""  # e.g. "cut along the grey lines"

    def sides_text(self, paper: str | None = None) -> str:
        """'single-sided', 'double-sided on A4, flip on long edge'."""
        on = f" on {paper}" if paper else ""
        return {
            "single": f"single-sided{on}",
            "duplex-long-edge": f"double-sided{on}, flip on long edge",
            "duplex-short-edge": f"double-sided{on}, flip on short edge",
        }[self.sides]

    def text(self, paper: str | None) -> str:
        """'double-sided on A4, flip on long edge, 100% / actual size; cut along the grey lines'."""
        sides = self.sides_text(paper)
        head = "for the teacher: " if self.copies == "teacher" else ""
        tail = f"; {self.after}" if self.after else ""
        return f"{head}{sides}, 100% / actual size{tail}"


@dataclass(frozen=True)
class SectionPages:
    """A rendered section: its pages, how to print them, and what to tell the teacher."""

    pages: tuple[Page, ...]
    advice: PrintAdvice
    summary: str = ""
    notices: tuple[str, ...] = ()
    end_pages: tuple[Page, ...] = ()  # gathered at the end of the pack
    end_title: str = ""
    end_advice: PrintAdvice | None = None
    keys: tuple[Page, ...] = ()  # every answer-key page, for `--only NAME-key`
    roster: tuple[tuple[str, str], ...] = ()  # (pupil, version letter) when printed per pupil


@dataclass(frozen=True)
class RenderContext:
    """Everything a layout may use besides the model: paper and fonts."""

    pack: Pack
    paper: Paper
    fonts: Fonts
    preset: Preset = PRESETS["standard"]
    students: tuple[str, ...] = ()  # `build --students`: a worksheet copy for each, with their name
    pictures: Pictures = field(default_factory=lambda: Pictures())  # where pictures print, and drawing them
    jobs: int = 1  # processes the build may use (`build --jobs`): a layout may fork helpers
    cards: tuple[tuple[str, int], ...] = ()  # `build --cards`: (topic file's name, card number) to reprint
