"""A run of do-now sheets: each lesson's sheet (title with its weekday and date, instruction,
marks) and its questions laid out in the first way they fit: half a page in one column or two, or
the grid; else a page; else flowing over pages as the quiz's questions do."""

from __future__ import annotations

import datetime

from studypack.layouts.worksheet.flow import SIDE, with_pupil
from studypack.layouts.worksheet.furniture import Sheet, Sizes, header_height, version_letter

from studypack.layout_api.styles import FURNITURE_BAND, mm
from studypack.model import MONTH_NAMES, Topic
from studypack.text.fonts import Fonts

from .options import WEEKDAYS, RetrievalOptions
from .schedule import Lesson, taught_day
from .sheet import Body, grid_body, list_body

HALF_TOP = 9 * mm  # from a half's top edge (the paper's, or the cut) to its title
HALF_BOTTOM = 8 * mm  # kept clear above a half's bottom edge (the cut, or the paper's)
LINES, BOXES = "on the lines below it", "in its box"  # where the instruction says the answers go
Fit = tuple[str, int]  # ("half" | "page", columns: 1, 2, or 0 for the grid); ("flow", 1) beyond a page


def day_text(d: datetime.date, order: str = "dmy") -> str:
    """'Monday 22 February 2027' ('Monday, February 22, 2027' in a pack whose dates are mdy)."""
    wd, month = WEEKDAYS[d.weekday()].capitalize(), MONTH_NAMES[d.month - 1]
    return f"{wd}, {month} {d.day}, {d.year}" if order == "mdy" else f"{wd} {d.day} {month} {d.year}"


def short_day(d: datetime.date, order: str = "dmy") -> str:
    """'Mon 22 Feb' ('Mon Feb 22')."""
    wd, month = WEEKDAYS[d.weekday()][:3].capitalize(), MONTH_NAMES[d.month - 1][:3]
    return f"{wd} {month} {d.day}" if order == "mdy" else f"{wd} {d.day} {month}"


def default_lessons(topics: list[Topic]) -> tuple[datetime.date, ...]:
    """Without `lessons:` or `from:`: the days new topics were taught, from the second on, so each
    new topic's first lesson opens with the ones before it."""
    days = sorted({taught_day(t.taught) for t in topics if t.taught is not None})
    return tuple(days[1:])


def latest_taught(lesson: Lesson, topics: tuple[Topic, ...]) -> datetime.date | None:
    before = [d for t in topics if t.taught is not None and (d := taught_day(t.taught)) < lesson.day]
    return max(before, default=None)


class Run:
    """One group's lessons (each version's), each sheet laid out in the first way it fits."""

    def __init__(self, runs: list[list[Lesson]], topics: tuple[Topic, ...], opts: RetrievalOptions,
                 z: Sizes, fonts: Fonts, size: tuple[float, float], label: str, order: str,
                 klass: str = "") -> None:  # fmt: skip
        self.runs, self.topics, self.opts, self.z, self.fonts = runs, topics, opts, z, fonts
        self.W, self.H = size
        self.width = self.W - 2 * SIDE
        self.label, self.order, self.klass = label, order, klass
        self.marks: dict = {}  # a page's drawing -> its lessons' bookmarks
        self._fit: dict[Lesson, Fit] = {}
        self._bodies: dict[tuple[Lesson, Fit], Body] = {}

    def body(self, lesson: Lesson, fit: Fit) -> Body:
        """The lesson's questions laid out one way (once: the sheet and its key share it)."""
        if (lesson, fit) not in self._bodies:
            if fit[1] == 0:
                latest = latest_taught(lesson, self.topics)
                body = grid_body(lesson.questions, lesson.day, latest, self.width, self.z, self.fonts)
            else:
                body = list_body(lesson.questions, self.width, self.z, self.fonts, fit[1])
            self._bodies[(lesson, fit)] = body
        return self._bodies[(lesson, fit)]

    def room(self, where: str) -> float:
        if where == "half":
            return self.H / 2 - HALF_TOP - HALF_BOTTOM
        return self.H - 2 * FURNITURE_BAND

    def fit(self, lesson: Lesson) -> Fit:
        """The first way the lesson's sheet fits: half a page in one column or two, else a page
        (the grid keeps its columns); else its questions flow over pages."""
        if lesson not in self._fit:
            ways: list[Fit] = (
                [("half", 0), ("page", 0)] if self.opts.style == "grid" else [("half", 1), ("half", 2)]
            )
            ways += [("page", 1), ("page", 2)]  # a grid too tall for a page is set as a list
            head = max(
                header_height(self.sheet(lesson, v, "", LINES), self.width, self.fonts) for v in range(2)
            )
            fits = (w for w in ways if head + self.body(lesson, w).height <= self.room(w[0]) + 1e-6)
            self._fit[lesson] = next(fits, ("flow", 1))
        return self._fit[lesson]

    def sheet(self, lesson: Lesson, version: int, pupil: str, how: str = "") -> Sheet:
        title = f"{self.opts.title}: {day_text(lesson.day, self.order)}"
        title += f"  ·  {self.label}" if self.label else ""
        how = how or (BOXES if self.fit(lesson)[1] == 0 else LINES)
        letter = version_letter(version, self.opts.versions)
        marks = len(lesson.questions)
        return with_pupil(
            Sheet(title, letter, f"Answer each question {how}.", marks, self.z), pupil, self.klass
        )
