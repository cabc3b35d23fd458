"""What an importer finds in a file, before it becomes YAML."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Point:
    """A bullet of imported notes, with the bullets under it."""

    text: str
    points: list[Point] = field(default_factory=list)


@dataclass
class Card:
    """A card as found in imported notes, before it is written as YAML."""

    title: str
    points: list[Point] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    question: bool = False  # a term/definition or question/answer card: front and back
    review: str = ""
    pictures: list[str] = field(default_factory=list)  # image paths as the notes wrote them
    image: str = ""  # the picture the topic file names (copied next to it), once found
    front_pictures: list[str] = field(default_factory=list)  # pictures on the card's front (Anki's)
    front_image: str = ""  # the front's picture, once found

    def texts(self) -> list[str]:
        out = [self.title]

        def walk(ps: list[Point]) -> None:
            for p in ps:
                out.append(p.text)
                walk(p.points)

        walk(self.points)
        return out + self.paragraphs


@dataclass
class Event:
    """A dated line of imported notes: a timeline event."""

    date: str
    event: str
    review: str


@dataclass
class Term:
    """A term and its definition found in imported notes."""

    term: str
    definition: str
    review: str = ""


@dataclass
class Notes:
    """Everything found in one imported file: the topic's cards, events and key terms."""

    topic: str
    cards: list[Card]
    subject: str = ""
    timeline: list[Event] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # page furniture left out, for --dry-run
    key_terms: list[Term] = field(default_factory=list)
    shape: str = ""  # how the notes were read, as the import prints it ("alternating ... lines")
    titled: bool = False  # the topic's title came from the text, not the file's name
    more: list[Notes] = field(default_factory=list)  # further topics of the same file (a CSV's categories)

    def count(self) -> str:
        """'28 cards', '12 key terms', or '3 cards and 12 key terms'."""
        from studypack.wording import plural

        parts = [plural(len(self.cards), "card")] if self.cards or not self.key_terms else []
        if self.key_terms:
            parts.append(plural(len(self.key_terms), "key term"))
        return " and ".join(parts)


def title_from(text: str, words: int = 7) -> tuple[str, str]:
    """A title made from the first words of a text, and the review note that says so."""
    ws = text.split()
    title = " ".join(ws[:words]).rstrip(",;:.") or " ".join(ws[:words])  # "::" alone is its own title
    title += "…" if len(ws) > words else ""
    return title, "title made up by the importer from the card's first words"
