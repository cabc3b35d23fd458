"""What every import does to the notes it found, whatever their format: Anki's cloze deletions
become studypack's gaps, and outlines deeper than a topic file's points may nest are folded into
their deepest point, every word kept."""

from __future__ import annotations

import re

from .model import Notes, Point

# {{c1::word}} and {{c1::word::hint}}: the hint is Anki's prompt for the gap, not a note's words
CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(?:(?!\}\}).)*)?\}\}", re.S)


def cloze(text: str) -> str:
    """`{{c1::word}}` and `{{c1::word::hint}}` as the gap `[[word]]`."""
    if "{{c" not in text:
        return text
    return CLOZE.sub(lambda m: f"[[{m.group(1).strip()}]]" if m.group(1).strip() else "", text)


def gaps(notes: Notes) -> None:
    """Anki cloze deletions anywhere in the notes as gaps."""

    def walk(ps: list[Point]) -> None:
        for p in ps:
            p.text = cloze(p.text)
            walk(p.points)

    notes.topic = cloze(notes.topic)
    for c in notes.cards:
        c.title = cloze(c.title)
        c.paragraphs = [cloze(p) for p in c.paragraphs]
        walk(c.points)
    for t in notes.key_terms:
        t.term, t.definition = cloze(t.term), cloze(t.definition)


def flatten(notes: Notes, max_depth: int) -> int:
    """Points nested deeper than `max_depth` levels folded into the point at that depth, as
    'text – sub; sub – subsub'; how many points were folded."""
    folded = 0

    def words(ps: list[Point]) -> list[str]:
        return [f"{p.text} – {'; '.join(words(p.points))}" if p.points else p.text for p in ps]

    def cut(ps: list[Point], depth: int) -> None:
        nonlocal folded
        for p in ps:
            if not p.points:
                continue
            if depth >= max_depth:
                p.text = f"{p.text} – {'; '.join(words(p.points))}" if p.text else "; ".join(words(p.points))
                p.points = []
                folded += 1
            else:
                cut(p.points, depth + 1)

    for c in notes.cards:
        before = folded
        cut(c.points, 1)
        if folded > before:
            note = f"points nested deeper than {max_depth} levels were joined into the deepest one"
            c.review = f"{c.review}; {note}" if c.review else note
    return folded
