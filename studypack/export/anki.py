"""An Anki package (.apkg) through genanki: a deck named after the pack with a deck per topic, a note
per card and per key term, tags from the subject and topic, and note GUIDs derived from the topic's
file and the front, so importing a rebuilt export updates pupils' notes instead of adding copies.

Anki shows every field, and a deck's description, as HTML: each is escaped here (the cards' own
fields by `flashcards.to_html`), so a title such as `<img src=x onerror=...>` arrives as text."""

from __future__ import annotations

import hashlib
import html
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


def deck_name(pack: Pack, topic: Topic) -> str:
    """'Pack::Topic', Anki's sub-deck path; a '::' in a title would make a deeper deck, so it is
    spaced out."""
    return f"{_deck_part(pack.title)}::{_deck_part(topic.topic)}"


def _deck_part(text: str) -> str:
    return " ".join(text.replace("::", ": :").split())


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
    decks = {}  # by name: Anki merges decks of one name, so two topics of one title share it
    for topic in topics:
        name = deck_name(pack, topic)
        if name not in decks:
            decks[name] = genanki.Deck(deck_id(name), name, html.escape(topic.subject.strip()))
    for card in cards:
        tags = [tag(card.topic.topic)] + ([tag(card.topic.subject)] if card.topic.subject else [])
        if card.kind == "key term":
            tags.append("key_term")
        fields = [card.front_html, card.back_html, html.escape(card.topic.topic)]
        note = genanki.Note(model=model, fields=fields, tags=tags, guid=guid(card))
        decks[deck_name(pack, card.topic)].add_note(note)
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
