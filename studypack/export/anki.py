"""An Anki package (.apkg) through genanki: a deck named after the pack with a deck per topic, a note
per card and per key term, tags from the subject and topic, and note GUIDs derived from topic and
front, so importing a rebuilt export updates pupils' notes instead of adding copies."""

from __future__ import annotations

import hashlib
import os
import re
from typing import IO, Any

from studypack.export.flashcards import Flashcard
from studypack.model import Pack, Topic

MODEL_ID = 1738412957  # fixed forever: Anki keys the note type on it
CSS = """.card { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 20px; text-align: left; }
.front { text-align: center; font-weight: bold; }
ul { margin: 0.3em 0; padding-left: 1.2em; } p { margin: 0.4em 0; }
.meta { color: #555; font-size: 14px; }"""


def _model() -> Any:
    import genanki

    return genanki.Model(
        MODEL_ID,
        "studypack card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Topic"}],
        templates=[{
            "name": "Card",
            "qfmt": '<div class="front">{{Front}}</div><div class="meta">{{Topic}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
        }],
        css=CSS,
    )  # fmt: skip


def deck_id(name: str) -> int:
    """A stable deck id from the deck's name (Anki wants one that never changes for the deck)."""
    return (1 << 30) + int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % (1 << 30)


def tag(text: str) -> str:
    """Anki tags have no spaces: 'Khrushchev: how he emerged' -> 'Khrushchev_how_he_emerged'."""
    return re.sub(r"[^\w-]+", "_", text).strip("_") or "untitled"


def guid(card: Flashcard) -> str:
    import genanki

    return str(genanki.guid_for("studypack", *card.key))


def write_apkg(pack: Pack, topics: tuple[Topic, ...], cards: list[Flashcard], target: IO[bytes]) -> int:
    """Write the package to `target`; returns the number of notes."""
    import genanki

    model = _model()
    decks = {}
    for topic in topics:
        name = f"{pack.title}::{topic.topic}"
        decks[topic.topic] = genanki.Deck(deck_id(name), name, f"{topic.subject}".strip())
    for card in cards:
        tags = [tag(card.topic.topic)] + ([tag(card.topic.subject)] if card.topic.subject else [])
        if card.kind == "key term":
            tags.append("key_term")
        note = genanki.Note(model=model, fields=[card.front_html, card.back_html, card.topic.topic],
                            tags=tags, guid=guid(card))  # fmt: skip
        decks[card.topic.topic].add_note(note)
    import shutil
    import tempfile

    from studypack.export.flashcards import media_name

    # Anki's media: each picture once, under its unique name (genanki takes the file names as given)
    with tempfile.TemporaryDirectory(prefix="studypack-media-") as tmp:
        media = {}
        for card in cards:
            for pic in card.pictures:
                dst = os.path.join(tmp, media_name(pic))
                if dst not in media:
                    shutil.copyfile(pic.path, dst)
                    media[dst] = True
        genanki.Package(list(decks.values()), media_files=list(media)).write_to_file(target)
    return len(cards)
