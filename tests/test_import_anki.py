"""`studypack import` reads Anki packages, older (genanki's collection.anki2, JSON media map) and
current (zstd-compressed collection.anki21b, protobuf media map, compressed media), made here by
the tests; decks become topics, notes question cards, pictures `image:`, cloze deletions gaps."""

from __future__ import annotations

import zipfile

import pytest
from office_files import current_apkg, import_and_build, legacy_apkg, lost, png_bytes, proto_field

from studypack.importer import anki
from studypack.importer.run import ImportProblem, import_files
from studypack.importer.tidy import cloze

DECKS = {
    "Biology::Cells": [
        ["What holds the DNA?", "The <b>nucleus</b><br>in most cells"],
        ["{{c1::Mitochondria}} release energy in {{c2::respiration::a process}}", "aerobic or anaerobic"],
        ['Name this organelle <img src="cell.png">', "Chloroplast &amp; its <i>thylakoids</i>"],
        ['<img src="cell.png">', "A plant cell"],
    ],
    "Spanish": [["la casa", "the house [sound:casa.mp3]"], ["el perro", "the dog"]],
}
WORDS = ["A plant cell", "What holds the DNA", "The nucleus in most cells", "Mitochondria release energy in respiration",
         "aerobic or anaerobic", "Name this organelle", "Chloroplast its thylakoids", "la casa", "the house",
         "el perro", "the dog", "Cells", "Spanish"]  # fmt: skip


def check(done, tokens):
    by_topic = {d.notes.topic: d.notes for d in done}
    assert sorted(by_topic) == ["Cells", "Spanish"]
    cells = by_topic["Cells"]
    assert cells.subject == "Biology" and all(c.question for c in cells.cards)
    assert [(c.title, c.paragraphs) for c in cells.cards] == [
        ("What holds the DNA?", ["The **nucleus** in most cells"]),
        ("[[Mitochondria]] release energy in [[respiration]]", ["aerobic or anaerobic"]),
        ("Name this organelle", ["Chloroplast & its *thylakoids*"]),
        ("Picture", ["A plant cell"]),
    ]
    assert cells.cards[3].front_image and "no question" in cells.cards[3].review
    assert cells.cards[2].front_image == "cells-pictures/cell.png" and not cells.cards[2].image
    assert by_topic["Spanish"].cards[0].review == "sounds left out: casa.mp3"
    assert lost(WORDS, tokens) == []


@pytest.mark.parametrize(
    "make", [legacy_apkg, current_apkg], ids=["anki2-json-media", "anki21b-zstd-protobuf"]
)
def test_anki_packages(tmp_path, make):
    """Both formats: a topic per deck (the parent deck the subject), a question card per note with
    HTML converted, a picture in the first field the card's front picture, sounds named in a review note, cloze deletions
    (with and without a hint) as gaps; the topics build and every word prints."""
    src = make(tmp_path / "deck.apkg", DECKS, {"cell.png": png_bytes()})
    done, tokens = import_and_build(tmp_path, [src])
    assert {d.fmt for d in done} == {"anki"}
    assert (tmp_path / "topics" / "cells-pictures" / "cell.png").is_file()
    check(done, tokens)


def test_collection_package_prefers_the_current_collection(tmp_path):
    """A .colpkg holds a dummy collection.anki2 beside the real collection.anki21b: the real one
    is read."""
    src = current_apkg(
        tmp_path / "all.colpkg", {"History::Cold War": [["When was the Wall built?", "1961"]]}, {}
    )
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    assert (d.notes.topic, d.notes.subject) == ("Cold War", "History")
    assert [c.title for c in d.notes.cards] == ["When was the Wall built?"]


def test_media_map_protobuf_by_hand():
    """The protobuf media list: entries in order map to zip entries 0, 1, ...; a
    legacy_zip_filename (field 255) names the entry; JSON maps read too."""
    e1 = proto_field(1, proto_field(1, b"a.png") + proto_field(2, 10))
    e2 = proto_field(1, proto_field(1, "é.jpg".encode()) + proto_field(255, 7))
    assert anki.media_map(e1 + e2) == {"a.png": "0", "é.jpg": "7"}
    assert anki.media_map(b'{"0": "x.png", "1": "y.svg"}') == {"x.png": "0", "y.svg": "1"}
    with pytest.raises(anki.AnkiError):
        anki.media_map(b"\x0a\xff")


def test_damaged_packages_are_plain_errors(tmp_path):
    """A zip with a collection that is not SQLite, a zstd part that is damaged, a package with no
    notes: a located error, nothing written."""
    bad = tmp_path / "bad.apkg"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("collection.anki2", b"not sqlite at all" * 10)
    worse = tmp_path / "worse.apkg"
    with zipfile.ZipFile(worse, "w") as z:
        z.writestr("collection.anki21b", anki.ZSTD_MAGIC + b"\x00garbage")
    empty = legacy_apkg(tmp_path / "empty.apkg", {"Nothing": []}, {})
    for path in (bad, worse, empty):
        with pytest.raises(ImportProblem) as e:
            import_files([str(path)], str(tmp_path / "out"))
        assert str(e.value).startswith(f"{path}: ") and "report" not in str(e.value)
        assert not (tmp_path / "out").exists()


def test_cloze_in_any_text(tmp_path):
    """Cloze deletions in a plain text file, Markdown or a TSV become gaps too (the hint goes);
    an export of cloze notes is cards, not a glossary."""
    assert (
        cloze("{{c1::Paris}} is the capital of {{c2::France::country}}")
        == "[[Paris]] is the capital of [[France]]"
    )
    assert cloze("no cloze {{here}}") == "no cloze {{here}}"
    md = tmp_path / "notes.md"
    md.write_text("# Capitals\n## France\n- {{c1::Paris}} is the capital\n", encoding="utf-8")
    tsv = tmp_path / "cloze.tsv"
    tsv.write_text("#separator:tab\n{{c1::Berlin::city}} is in Germany\tcapital\n", encoding="utf-8")
    a, b = import_files([str(md), str(tsv)], str(tmp_path / "out"))
    assert a.notes.cards[0].points[0].text == "[[Paris]] is the capital"
    assert (b.notes.cards[0].title, b.notes.cards[0].paragraphs) == ("[[Berlin]] is in Germany", ["capital"])
