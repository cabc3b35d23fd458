"""Word, PowerPoint and Anki files made by the tests themselves (no binaries in the repository),
with the libraries teachers' tools write them with: python-docx, python-pptx, genanki, and
sqlite3 + zstandard for Anki's current package format."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

from PIL import Image


def png(path: Path, size: tuple[int, int] = (40, 30), shade: int = 90) -> Path:
    Image.new("L", size, shade).save(path, "PNG")
    return path


def png_bytes(size: tuple[int, int] = (40, 30), shade: int = 90) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, shade).save(out, "PNG")
    return out.getvalue()


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def proto_field(number: int, value: bytes | int) -> bytes:
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    return varint(number << 3 | 2) + varint(len(value)) + value


def current_apkg(path: Path, decks: dict[str, list[list[str]]], media: dict[str, bytes]) -> Path:
    """An Anki 2.1.50+ package: collection.anki21b (zstd SQLite with decks/notetypes/fields
    tables), the dummy collection.anki2, media as zstd protobuf, media entries zstd-compressed."""
    import zstandard

    db = path.with_suffix(".sqlite")
    con = sqlite3.connect(db)
    con.executescript(
        "CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer,"
        " dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);"
        "CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer,"
        " tags text, flds text, sfld integer, csum integer, flags integer, data text);"
        "CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer,"
        " usn integer, type integer, queue integer, due integer, ivl integer, factor integer,"
        " reps integer, lapses integer, left integer, odue integer, odid integer, flags integer, data text);"
        "CREATE TABLE decks (id integer primary key, name text, mtime_secs integer, usn integer,"
        " common blob, kind blob);"
        "CREATE TABLE notetypes (id integer primary key, name text, mtime_secs integer, usn integer,"
        " config blob);"
        "CREATE TABLE fields (ntid integer, ord integer, name text, config blob);"
    )
    con.execute("INSERT INTO col VALUES (1,0,0,0,18,0,0,0,'','','','','')")
    con.execute("INSERT INTO notetypes VALUES (1, 'Basic', 0, 0, x'')")
    con.execute("INSERT INTO decks VALUES (1, 'Default', 0, 0, x'', x'')")
    nid = 1000
    for k, (deck, notes) in enumerate(decks.items(), 2):
        con.execute("INSERT INTO decks VALUES (?, ?, 0, 0, x'', x'')", (k, deck.replace("::", "\x1f")))
        for fields in notes:
            nid += 1
            con.execute("INSERT INTO notes VALUES (?, ?, 1, 0, 0, '', ?, 0, 0, 0, '')",
                        (nid, f"g{nid}", "\x1f".join(fields)))  # fmt: skip
            con.execute("INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                        (nid, nid, k))  # fmt: skip
    con.commit()
    con.close()
    z = zstandard.ZstdCompressor()
    entries = b"".join(
        proto_field(
            1, proto_field(1, name.encode()) + proto_field(2, len(data)) + proto_field(3, b"\x00" * 20)
        )
        for name, data in media.items()
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("collection.anki2", b"dummy: please update to the latest Anki")
        zf.writestr("collection.anki21b", z.compress(db.read_bytes()))
        zf.writestr("meta", proto_field(1, 3))
        zf.writestr("media", z.compress(entries))
        for i, data in enumerate(media.values()):
            zf.writestr(str(i), z.compress(data))
    db.unlink()
    return path


def legacy_apkg(path: Path, decks: dict[str, list[list[str]]], media: dict[str, bytes]) -> Path:
    """An older package as genanki writes it: collection.anki2 and a JSON media map."""
    import genanki

    model = genanki.Model(1607392319, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])  # fmt: skip
    cloze = genanki.CLOZE_MODEL
    made = []
    for k, (name, notes) in enumerate(decks.items()):
        deck = genanki.Deck(2059400110 + k, name)
        for fields in notes:
            m = cloze if "{{c1::" in fields[0] else model
            deck.add_note(genanki.Note(model=m, fields=(fields + ["", ""])[:2]))
        made.append(deck)
    files = []
    for name, data in media.items():
        p = path.parent / name
        p.write_bytes(data)
        files.append(str(p))
    genanki.Package(made, media_files=files).write_to_file(str(path))
    for f in files:
        Path(f).unlink()
    return path


def import_and_build(tmp: Path, files: list[Path], **kw) -> tuple[list, set[str]]:
    """Import the files, write the topics, build them (cards, summary, and the timeline when
    there are events) and return what was imported and every word of the PDF's text."""
    from helpers import build_pdf, pdf_tokens

    from studypack.importer.run import import_files, write_all

    out = tmp / "topics"
    done = import_files([str(f) for f in files], str(out), **kw)
    write_all(done)
    sections = "  - layout: cards\n    sides: single\n  - layout: summary\n"
    if any(d.notes.timeline for d in done):
        sections += "  - layout: timeline\n    include_unreviewed: yes\n    answer_key: none\n"
    names = ", ".join(json.dumps(Path(d.target).name) for d in done)
    (out / "pack.yaml").write_text(
        f"title: Imported\nterm: Spring 2027\ntopics: [{names}]\nsections:\n{sections}"
    )
    return done, pdf_tokens(build_pdf(out / "pack.yaml"))


def lost(texts: list[str], tokens: set[str]) -> list[str]:
    """The words of the texts (as studypack counts words) that the PDF does not have."""
    from studypack.text.markup import words

    return sorted({w for t in texts for w in words(t) if w not in tokens})
