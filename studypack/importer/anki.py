"""Anki packages (.apkg, .colpkg): a zip holding the collection (SQLite) and its media.

Older packages (and genanki's) hold `collection.anki2` (or `.anki21`), an SQLite file whose
`col` row has the decks and note types as JSON, and `media`, a JSON map from the zip's numbered
entries to file names. Anki 2.1.50+ writes `collection.anki21b`, the SQLite file compressed with
zstd, with `decks`, `notetypes` and `fields` tables, beside a dummy `collection.anki2`; its
`media` is a zstd-compressed protobuf `MediaEntries` message and each media entry is compressed
too. The protobuf is read here by hand: it is three fields deep and needs no generated code.

Each deck is a topic ("Biology::Cells" is the topic "Cells" of the subject "Biology"); each note a
question card: its first field the front, its second the back, any further field's words after
them; HTML converted as for Anki's text export; pictures saved beside the topic file.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import zipfile
from typing import TYPE_CHECKING

from .model import Card, Notes
from .terms import from_html

if TYPE_CHECKING:
    import sqlite3

ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
MAX_ENTRY = 200 * 1024 * 1024  # an unpacked collection or picture larger than this is no teacher's deck
_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_SOUND = re.compile(r"\[sound:([^\]]*)\]")


class AnkiError(ValueError):
    """A package that cannot be read as Anki's."""


def is_anki(names: list[str]) -> bool:
    return any(n in ("collection.anki2", "collection.anki21", "collection.anki21b") for n in names)


def _unzstd(data: bytes) -> bytes:
    if not data.startswith(ZSTD_MAGIC):
        return data
    import zstandard

    try:
        # a frame may not state its size: read it as a stream, never past the cap
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
        out = reader.read(MAX_ENTRY + 1)
    except zstandard.ZstdError as e:
        raise AnkiError(f"a compressed part is damaged ({e})") from None
    if len(out) > MAX_ENTRY:
        raise AnkiError("a part unpacks to more than 200 MB")
    return out


def _entry(z: zipfile.ZipFile, name: str) -> bytes:
    info = z.getinfo(name)
    if info.file_size > MAX_ENTRY:
        raise AnkiError(f"'{name}' unpacks to more than 200 MB")
    return _unzstd(z.read(name))


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if i >= len(buf):
            raise AnkiError("the media list is damaged (a number runs past its end)")
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i
        shift += 7


def _fields(buf: bytes) -> list[tuple[int, int | bytes]]:
    """(field number, value) of a protobuf message: varints as ints, length-delimited as bytes."""
    out: list[tuple[int, int | bytes]] = []
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            v, i = _varint(buf, i)
            out.append((number, v))
        elif wire == 2:
            n, i = _varint(buf, i)
            out.append((number, buf[i : i + n]))
            i += n
        elif wire in (1, 5):
            i += 8 if wire == 1 else 4
        else:
            raise AnkiError(f"the media list is damaged (wire type {wire})")
    return out


def media_map(data: bytes) -> dict[str, str]:
    """File name -> the zip entry holding it, from `media` (JSON, or protobuf MediaEntries:
    entries = 1 {name = 1, size = 2, sha1 = 3, legacy_zip_filename = 255})."""
    if not data.strip():
        return {}
    if data.lstrip()[:1] == b"{":
        try:
            return {str(v): str(k) for k, v in json.loads(data.decode("utf-8")).items()}
        except (ValueError, AttributeError):
            raise AnkiError("the media list is damaged (not JSON)") from None
    out = {}
    for k, (number, entry) in enumerate(_fields(data)):
        if number != 1 or not isinstance(entry, bytes):
            continue
        fields = dict(_fields(entry))
        name = fields.get(1)
        zip_name = fields.get(255, k)
        if isinstance(name, bytes):
            out[name.decode("utf-8", "replace")] = str(zip_name)
    return out


def parse(data: bytes, name: str) -> list[Notes]:
    import sqlite3  # only when an Anki package is imported

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise AnkiError("is not a zip file as an Anki package is") from None
    names = z.namelist()
    for coll in ("collection.anki21b", "collection.anki21", "collection.anki2"):
        if coll in names:
            break
    else:
        raise AnkiError("holds no Anki collection (collection.anki2 or .anki21b)")
    db = _entry(z, coll)
    media = media_map(_entry(z, "media")) if "media" in names else {}
    with tempfile.TemporaryDirectory(prefix="studypack-anki-") as tmp:
        path = os.path.join(tmp, "collection.sqlite")
        with open(path, "wb") as f:
            f.write(db)
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                rows, decks = _read(con)
            finally:
                con.close()
        except sqlite3.DatabaseError as e:
            raise AnkiError(f"its collection cannot be read ({e})") from None
    found = _topics(rows, decks, media, z, name)
    if not found:
        raise AnkiError("holds no notes (is it the right package?)")
    return found


def _read(con: sqlite3.Connection) -> tuple[list[tuple[int, str, int]], dict[int, str]]:
    """(note id, fields, deck id) of every note, and deck names ('A::B')."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "decks" in tables:
        decks = {int(i): str(n).replace("\x1f", "::") for i, n in con.execute("SELECT id, name FROM decks")}
    else:
        (raw,) = con.execute("SELECT decks FROM col").fetchone()
        decks = {int(k): str(v.get("name", "")) for k, v in json.loads(raw or "{}").items()}
    rows = con.execute(
        "SELECT n.id, n.flds, (SELECT CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END FROM cards c "
        "WHERE c.nid = n.id ORDER BY c.ord LIMIT 1) FROM notes n ORDER BY n.id"
    ).fetchall()
    return [(int(i), str(f), int(d or 0)) for i, f, d in rows], decks


def _topics(rows, decks: dict[int, str], media: dict[str, str], z: zipfile.ZipFile, name: str) -> list[Notes]:
    from .media import stash

    by_deck: dict[int, list[Card]] = {}
    saved: dict[str, str] = {}

    def picture(src: str) -> str | None:
        if src not in saved:
            entry = media.get(src)
            if entry is None or entry not in z.namelist():
                return None
            saved[src] = stash(src, _entry(z, entry))
        return saved[src]

    for _, flds, deck in rows:
        fields = flds.split("\x1f")
        front_pics = [p for m in _IMG.finditer(fields[0]) if (p := picture(_src(m)))]
        pics = [p for f in fields[1:] for m in _IMG.finditer(f) if (p := picture(_src(m)))]
        missing = [_src(m) for f in fields for m in _IMG.finditer(f) if picture(_src(m)) is None]
        sounds = [s for f in fields for s in _SOUND.findall(f)]
        texts = [from_html(f) for f in fields]
        front, back = (texts + ["", ""])[:2]
        more = [t for t in texts[2:] if t]
        if not front and not front_pics:  # a note typed in its second field
            front, back = back, ""
        if not front and not more and not pics and not front_pics:
            continue
        card = Card(front or "Picture", [], [t for t in [back, *more] if t], question=True, pictures=pics)
        card.front_pictures = front_pics
        notes_ = []
        if not front:
            notes_.append("a picture with no question: give the card its question")
        if not card.paragraphs and not pics and not front_pics:
            notes_.append("a note with no back in the package")
        if sounds:
            notes_.append("sounds left out: " + ", ".join(sounds))
        if missing:
            notes_.append("pictures not in the package: " + ", ".join(missing))
        card.review = "; ".join(notes_)
        by_deck.setdefault(deck, []).append(card)
    out = []
    single = len(by_deck) == 1
    for deck, cards in sorted(by_deck.items(), key=lambda kv: decks.get(kv[0], "")):
        full = decks.get(deck, "")
        parts = [p.strip() for p in full.split("::") if p.strip()]
        subject = parts[0] if len(parts) >= 2 else ""
        topic = " – ".join(parts[1:]) if len(parts) >= 2 else (parts[0] if parts else "")
        if not topic or (topic == "Default" and single):
            topic = name
        notes = Notes(topic, cards, subject=subject)
        notes.titled = topic != name
        notes.shape = f"Anki package, deck '{full or '?'}': {notes.count()}"
        out.append(notes)
    return out


def _src(m: re.Match[str]) -> str:
    import html

    return html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
