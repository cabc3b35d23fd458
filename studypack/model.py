"""The content model: frozen dataclasses built by the loader, read by the layouts.

Text fields hold the teacher's text as typed (inline markup unparsed; `markup.parse` turns it into runs).
Each item keeps where it came from (`src`), so warnings can point at a file, line and column.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip


def month_abbr(month: int) -> str:
    """'Feb' for 2: the short form tick labels use."""
    return MONTH_NAMES[month - 1][:3]


@dataclass(frozen=True, slots=True)
class Point:
    """One calendar point: astronomical year, month (0 = unknown), day (0 = unknown)."""

    year: int
    month: int = 0
    day: int = 0

    def value(self, end: bool = False) -> float:
        """Fractional year; `end` gives the end of the period the point names."""
        if self.month == 0:
            return self.year + (1.0 if end else 0.0)
        if self.day == 0:
            return self.year + (self.month - (0 if end else 1)) / 12
        return self.year + (self.month - 1) / 12 + (self.day - (0 if end else 1)) / 372


@dataclass(frozen=True, slots=True)
class HistDate:
    """A date as written (`text`) with what it means: a start, an inclusive end, approximate or not."""

    text: str
    start: Point
    end: Point
    kind: str  # year, month, day, decade, season, century, range
    approximate: bool = False
    sort_key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        s, e = self.start, self.end
        object.__setattr__(self, "sort_key", (s.year, s.month, s.day, e.year, e.month, e.day))

    @property
    def is_span(self) -> bool:
        return self.kind in ("range", "decade", "season", "century")

    def start_value(self) -> float:
        return self.start.value()

    def end_value(self) -> float:
        return self.end.value(end=True)


def format_year(year: int) -> str:
    """An astronomical year as a reader expects it: 1956, 44 BC."""
    return f"{1 - year} BC" if year <= 0 else str(year)


@dataclass(frozen=True, slots=True)
class Source:
    """Where an item was written: path as given, line and column from 1."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path


NOWHERE = Source("<none>")


class Paper(enum.Enum):
    """Paper sizes in millimetres (width, height), portrait."""

    A4 = (210.0, 297.0)
    LETTER = (215.9, 279.4)
    A3 = (297.0, 420.0)

    @property
    def label(self) -> str:
        return "Letter" if self is Paper.LETTER else self.name

    @classmethod
    def parse(cls, text: str) -> Paper:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown paper '{text}'") from None


@dataclass(frozen=True, slots=True)
class BulletPoint:
    """A point on a card's back, with optional sub-points."""

    text: str
    points: tuple[BulletPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture file a card or event shows: the path as written, where it is, and its alt text."""

    file: str
    path: str  # on disk (relative paths are read from the topic file's folder)
    alt: str = ""
    kind: str = ""  # png, jpeg or svg
    src: Source = field(default=NOWHERE, compare=False)
    root: str = field(default="", compare=False)  # the folder an SVG's references stay in (svgsafe)

    @property
    def name(self) -> str:
        return self.file.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Card:
    """A revision card: a front (title or question) and a back (points and/or paragraphs)."""

    front: str
    points: tuple[BulletPoint, ...] = ()
    text: str = ""  # paragraphs, separated by blank lines
    question: bool = False  # written as front/back rather than title/points
    review: str = ""
    src: Source = field(default=NOWHERE, compare=False)
    image: Picture | None = None  # on the back, with the notes
    front_image: Picture | None = None  # on the front ("name this source")
    untitled: bool = False  # a picture front with no title: `front` is the picture's alt text

    def back_texts(self) -> list[str]:
        """Every text on the back, in reading order."""
        out: list[str] = []

        def walk(points: tuple[BulletPoint, ...]) -> None:
            for p in points:
                out.append(p.text)
                walk(p.points)

        walk(self.points)
        if self.text:
            out.append(self.text)
        return out


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated event: the date as written and parsed, and what happened."""

    date: HistDate
    text: str
    review: str = ""
    src: Source = field(default=NOWHERE, compare=False)
    image: Picture | None = None  # shown small beside its label on the timeline worksheet


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """A term and its definition (`key_terms:`), with an optional review note."""

    term: str
    definition: str
    review: str = ""
    src: Source = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone a topic is about (`people:`), for knowledge organisers: a name and who they were."""

    name: str
    about: str = ""
    src: Source = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic file: its cards, timeline and key terms, the people in it, its picture."""

    topic: str
    subject: str = ""
    cards: tuple[Card, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    key_terms: tuple[KeyTerm, ...] = ()
    src: Source = field(default=NOWHERE, compare=False)
    people: tuple[Person, ...] = ()  # optional: who the topic is about
    taught: HistDate | None = None  # `taught:`: when the class had it (retrieval asks only after)

    def texts(self) -> list[tuple[Source, str, str]]:
        """(where, which item, text) for every text in the topic, in order: for reports."""
        out = [(self.src, "topic title", self.topic), (self.src, "subject", self.subject)]
        for c in self.cards:
            out += [(c.src, f"card '{c.front}'", t) for t in [c.front, *c.back_texts()]]
        for e in self.timeline:
            out += [(e.src, f"event '{e.text}'", t) for t in (e.date.text, e.text)]
        for k in self.key_terms:
            out += [(k.src, f"key term '{k.term}'", t) for t in (k.term, k.definition)]
        for p in self.people:
            out += [(p.src, f"person '{p.name}'", t) for t in (p.name, p.about)]
        return [t for t in out if t[2]]


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the pack: a layout and its validated options (the layout's own dataclass)."""

    name: str
    layout: str
    options: object  # the layout's own frozen options dataclass; layouts read it with options_of
    src: Source = field(default=NOWHERE, compare=False)
    given: frozenset[str] = field(default=frozenset(), compare=False)  # options the manifest sets
    paper: Paper | None = None  # the section's own `paper:` (A3 for an organiser), else the pack's


@dataclass(frozen=True, slots=True)
class FontChoice:
    """The manifest's `font:`: a family name, or paths to the four faces (bold/italic optional)."""

    family: str = ""
    regular: str = ""
    bold: str = ""
    italic: str = ""
    bold_italic: str = ""


@dataclass(frozen=True, slots=True)
class Pack:
    """The pack manifest: its topics and sections, and the settings every part shares."""

    title: str
    topics: tuple[Topic, ...]
    sections: tuple[Section, ...]
    term: str = ""
    klass: str = ""  # `class:` in the manifest
    teacher: str = ""
    paper: Paper = Paper.A4
    font: FontChoice = FontChoice()
    src: Source = field(default=NOWHERE, compare=False)
    strict: bool = False  # warnings are errors
    downsample_pictures: bool = True  # bitmaps larger than 300 dpi at their printed size are made smaller
    preset: str = "standard"  # standard, large-print or dyslexia-friendly
    date_order: str = "dmy"  # how numeric dates read: dmy (25/02/1956) or mdy (02/25/1956)
    field_src: dict[str, Source] = field(default_factory=dict, compare=False)  # title, term, class...

    def topics_named(self, names: tuple[str, ...]) -> tuple[Topic, ...]:
        """The topics a section picked with `topics:` (all when empty), in pack order."""
        if not names:
            return self.topics
        return tuple(t for t in self.topics if t.topic in names or _stem(t.src.path) in names)


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]
