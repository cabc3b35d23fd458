"""Read, detect, parse, propose, check and write: the whole `studypack import`, all files or none."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from ..errors import Problem, StudypackError
from ..files import FileProblem, read_bytes
from ..wording import plural
from . import anki, cardsites, markdown, shapes, terms, tidy
from .decode import NotText, decode
from .emit import dump
from .model import Card, Notes
from .proposals import propose


class ImportProblem(StudypackError):
    """A notes file that cannot be imported; nothing was written."""

    exit_code = 2


@dataclass
class Imported:
    """One file imported: where from and to, the shape found, its topic file's text, what to look at."""

    source: str
    target: str
    fmt: str
    notes: Notes
    yaml: str
    warnings: list[str]
    copies: list[tuple[str, str]] = field(default_factory=list)  # (picture found, where it is copied)


def _pictures(notes: Notes, source: str, target: str) -> list[tuple[str, str]]:
    """Each card's first picture that exists and reads (PNG, JPEG or SVG) becomes its `image:`
    (a picture on its front, as Anki notes have, its `front_image:`), copied into a folder beside
    the topic file; the others, and any not found, are named in the card's `review:` note."""
    folder = os.path.splitext(os.path.basename(target))[0] + "-pictures"
    copies: list[tuple[str, str]] = []
    used: set[str] = set()
    for card in notes.cards:
        notes_: list[str] = []
        for refs, attr in ((card.front_pictures, "front_image"), (card.pictures, "image")):
            notes_ += _place(card, attr, refs, source, target, folder, used, copies)
        if notes_:
            card.review = "; ".join([card.review, *notes_] if card.review else notes_)
    return copies


def _place(card: Card, attr: str, refs: list[str], source: str, target: str, folder: str, used: set[str],
           copies: list[tuple[str, str]]) -> list[str]:  # fmt: skip
    """The first usable picture of `refs` as the card's `attr`; review notes about the rest."""
    from studypack.pictures import PictureError, probe

    from .media import is_stashed

    left: list[str] = []
    inside: list[str] = []
    unprintable: list[str] = []
    for ref in refs:
        path = ref if os.path.isabs(ref) else os.path.join(os.path.dirname(os.path.abspath(source)), ref)
        ok = "://" not in ref
        if ok:
            try:
                probe(path)
            except PictureError:
                ok = False
        if ok and not getattr(card, attr):
            name = os.path.basename(path)
            stem, ext = os.path.splitext(name)
            k = 2
            while name.lower() in used:
                name, k = f"{stem}-{k}{ext}", k + 1
            used.add(name.lower())
            setattr(card, attr, f"{folder}/{name}")
            copies.append((path, os.path.join(os.path.dirname(target), folder, name)))
        elif is_stashed(ref):  # from inside a document: it has no alt text in the notes
            (inside if ok else unprintable).append(os.path.basename(ref))
        else:
            left.append(ref)
    notes_ = []
    if left:
        notes_.append("pictures not brought in (their alt text is in the notes): " + ", ".join(left))
    if inside:
        notes_.append("a card shows one picture; left out: " + ", ".join(inside))
    if unprintable:
        notes_.append("pictures not in PNG, JPEG or SVG, left out: " + ", ".join(unprintable))
    return notes_


def _data(path: str) -> bytes:
    try:
        data = read_bytes(path, "the notes files")
    except FileProblem as e:
        raise ImportProblem(f"{path}: {e.message}" + (f" ({e.hint})" if e.hint else "")) from None
    if not data.strip():
        raise ImportProblem(f"{path}: the file is empty")
    return data


def read(path: str, data: bytes | None = None) -> tuple[str, list[str]]:
    """The file's text (UTF-8, UTF-16, Windows-1252, or lines of both: see decode.py) and the
    warnings about how it was read; a located "not a text file" for anything binary."""
    data = _data(path) if data is None else data
    try:
        return decode(data, path)
    except NotText as e:
        raise ImportProblem(str(e)) from None


MAX_UNPACKED = 400 * 2**20  # a Word, PowerPoint or Anki file unpacked: far above any teacher's notes
DOCUMENT_NAMES = {
    "word": "a Word document",
    "powerpoint": "a PowerPoint presentation",
    "anki": "an Anki package",
}
DOCUMENTS = {".docx": "word", ".pptx": "powerpoint", ".apkg": "anki", ".colpkg": "anki"}


def document_kind(data: bytes, path: str) -> str:
    """ "word", "powerpoint" or "anki" for a file of that kind (by its content, whatever its name),
    "" for text; a located error for other binary documents a teacher may try."""
    if data.startswith(b"PK\x03\x04"):
        import io
        import zipfile

        try:
            infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except zipfile.BadZipFile:
            infos = []
        names = [i.filename for i in infos]
        if sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise ImportProblem(f"{path}: unpacks to more than {MAX_UNPACKED // 2**20} MB, far more than notes "
                                "need (is it damaged, or a zip bomb?)")  # fmt: skip
        if "word/document.xml" in names:
            return "word"
        if "ppt/presentation.xml" in names:
            return "powerpoint"
        if anki.is_anki(names):
            return "anki"
        raise ImportProblem(f"{path}: is not a text file (a zip archive, but not a Word, PowerPoint or Anki "
                            "file; export the notes as .docx, .pptx, text, Markdown, CSV or TSV)")  # fmt: skip
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(f"{path}: is an old Word or PowerPoint file (.doc, .ppt), not a text file "
                            "(save it as .docx or .pptx, then import that)")  # fmt: skip
    if data.startswith(b"%PDF"):
        raise ImportProblem(f"{path}: is a PDF, not a text file (copy its text into a .txt file, or import "
                            "the Word or PowerPoint file it was made from)")  # fmt: skip
    if DOCUMENTS.get(os.path.splitext(path)[1].lower()):
        raise ImportProblem(f"{path}: is not a {os.path.splitext(path)[1]} file (its bytes are not a zip "
                            "archive as Word, PowerPoint and Anki write; is it damaged?)")  # fmt: skip
    return ""


def read_notes(path: str, fmt: str | None, given: shapes.Shape | None, as_cards: bool,
               columns: list[str] | None = None) -> tuple[list[Notes], str, list[str]]:  # fmt: skip
    """Every topic in one notes file (an Anki package may hold several decks), the format it was
    read as, and the warnings about reading it."""
    data = _data(path)
    kind = document_kind(data, path)
    name = _name(path)
    if kind:
        from . import slides, word

        reader = {"word": word.parse, "powerpoint": slides.parse}.get(kind)
        try:
            found = [reader(data, name)] if reader else anki.parse(data, name)
        except ValueError as e:
            raise ImportProblem(f"{path}: {e}") from None
        return found, kind, []
    text, warnings = read(path, data)
    text = tidy.cloze(text)
    f = fmt or detect(text, path)
    if columns and f not in ("tsv", "csv"):
        f = "tsv" if "\t" in text else "csv"
    if given is not None and f not in ("text", "markdown"):
        f = "markdown" if f == "markdown" or path.lower().endswith((".md", ".markdown")) else "text"
    notes = parse(text, path, f, given, as_cards, columns)
    return [notes, *notes.more], f, warnings


def detect(text: str, path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext == ".tsv" or terms.looks_tabbed(text) or terms.ANKI_HEADER.match(text):
        return "tsv"
    if ext == ".csv":
        return "csv"
    if cardsites.looks_paged(text) and not shapes.detect(text.splitlines()).kind == "markers":
        return "revision-cards-paged"
    if cardsites.looks_listed(text):
        return "revision-cards"
    if markdown.has_headings(text):
        return "markdown"
    if terms.looks_csv(text):
        return "csv"
    return "markdown" if ext in (".md", ".markdown") else "text"


def _name(path: str) -> str:
    """A topic title from a file name: 'khrushchev-reforms-10-cards.txt' -> 'Khrushchev reforms'."""
    stem = os.path.splitext(os.path.basename(path))[0]
    words = re.sub(r"[-_]+", " ", stem).split()
    while words and (words[-1].lower() in ("cards", "card", "notes", "flashcards") or words[-1].isdigit()):
        words.pop()
    text = " ".join(words) or stem
    return text[:1].upper() + text[1:]


def parse(text: str, path: str, fmt: str, shape: shapes.Shape | None = None, as_cards: bool = False,
          columns: list[str] | None = None) -> Notes:  # fmt: skip
    name = _name(path)
    if fmt == "revision-cards":
        return cardsites.parse_listed(text, name)
    if fmt == "revision-cards-paged":
        return cardsites.parse_paged(text, name)
    if fmt == "tsv":
        return terms.parse(text, name, "\t", as_cards, columns)
    if fmt == "csv":
        return terms.parse(text, name, terms.csv_delimiter(text), as_cards, columns)
    if fmt == "markdown" and shape is None:
        return markdown.parse(text, name)
    text_fn = markdown.inline_text if fmt == "markdown" else shapes.plain_text
    return shapes.parse(text, name, shape, text_fn)


def _as_cards(notes: Notes) -> None:
    """`--as cards`: key terms written as question cards (term on the front, definition behind)."""
    notes.cards += [Card(t.term, [], [t.definition], question=True, review=t.review) for t in notes.key_terms]
    notes.key_terms = []


def import_files(files: list[str], out_dir: str, fmt: str | None = None,
                 topic: str | None = None, subject: str | None = None, shape: str | None = None,
                 as_: str | None = None, columns: str | None = None) -> list[Imported]:  # fmt: skip
    """Everything imported and checked in memory; raises before anything is written. `shape`
    (`--shape`) says how plain text is laid out; `as_` = "cards" writes key terms as cards;
    `columns` (`--columns front,back,notes`) names a CSV/TSV's columns when it has no header."""
    try:
        given = shapes.parse_shape_option(shape) if shape else None
    except ValueError as e:
        raise ImportProblem(f"--shape: {e}") from None
    try:
        cols = terms.parse_columns(columns) if columns else None
    except ValueError as e:
        raise ImportProblem(f"--columns: {e}") from None
    from studypack.load.topic import MAX_DEPTH, Walker, topic_from_node
    from studypack.load.yamlread import compose

    done: list[Imported] = []
    targets: dict[str, str] = {}
    found = [
        (path, *each) for path in files for each in _each(read_notes(path, fmt, given, as_ == "cards", cols))
    ]
    for path, notes, f, warnings in found:
        tidy.gaps(notes)
        tidy.flatten(notes, MAX_DEPTH)
        if as_ == "cards":
            _as_cards(notes)
        if not notes.shape:
            notes.shape = f"{f}: {notes.count()}"
        if topic:
            notes.topic = topic
        if subject:
            notes.subject = subject
        if not notes.cards and not notes.key_terms and not notes.timeline:
            hint = "add headings, lists or text to it" if f in DOCUMENT_NAMES else "try --format or --shape"
            raise ImportProblem(f"{path}: found no notes in it as {DOCUMENT_NAMES.get(f, f)} ({hint})")
        notes.timeline = notes.timeline + propose(notes.cards, notes.key_terms)
        target = _free_target(out_dir, notes.topic, path, targets)  # several decks of one file too
        targets[target] = path
        copies = _pictures(notes, path, target)
        text_out = dump(notes, os.path.basename(path))
        # the topic file must load as studypack reads it: a failure here is an importer bug. Its
        # pictures are not copied yet: the check reads each from where it is now.
        w = Walker(target)
        w.base = os.path.dirname(os.path.abspath(target))
        check_text = text_out
        for src, dst in copies:
            rel = os.path.relpath(dst, os.path.dirname(target)).replace(os.sep, "/")
            check_text = check_text.replace(f"image: {rel}\n", f"image: {json.dumps(src)}\n")
        problems: list[Problem] = []
        node = compose(target, check_text, problems)
        loaded = topic_from_node(w, node) if node is not None else None
        if loaded is None or any(not p.warning for p in w.problems + problems) or not _same(loaded, notes):
            shown = "; ".join(str(p) for p in (problems + w.problems) if not p.warning) or "content differs"
            raise ImportProblem(
                f"{path}: the imported topic does not load back ({shown}); please report this"
            )
        done.append(Imported(path, target, f, notes, text_out, warnings, copies))
    return done


def _each(found: tuple[list[Notes], str, list[str]]) -> list[tuple[Notes, str, list[str]]]:
    notes, f, warnings = found
    return [(n, f, warnings if i == 0 else []) for i, n in enumerate(notes)]


def _free_target(out_dir: str, topic: str, path: str, taken: dict[str, str]) -> str:
    """The topic file for notes read from `path`: named after the topic, else after the notes
    file, else numbered (notes.yaml, notes-2.yaml): two notes files never share one topic file."""
    from studypack.files import same_file

    stem = _slug(os.path.splitext(os.path.basename(path))[0])
    names = [_slug(topic), stem] + [f"{stem}-{n}" for n in range(2, len(taken) + 3)]
    for name in names:
        target = os.path.join(out_dir, name + ".yaml")
        if not any(same_file(target, t) for t in taken):
            return target
    raise AssertionError("unreachable: more names than files")  # pragma: no cover


def _same(topic, notes: Notes) -> bool:
    """Whether the topic loaded back from the YAML holds exactly what the importer found."""

    def pts(ps):
        return [(p.text, pts(p.points)) for p in ps]

    got = [(c.front, pts(c.points), c.text) for c in topic.cards]
    want = [(c.title, pts(c.points), "\n\n".join(c.paragraphs)) for c in notes.cards]
    events = [(e.date.text, e.text) for e in topic.timeline]
    terms_ = [(t.term, t.definition) for t in topic.key_terms]
    return (
        topic.topic == notes.topic
        and got == want
        and sorted(events) == sorted((e.date, e.event) for e in notes.timeline)
        and terms_ == [(t.term, t.definition) for t in notes.key_terms]
        and [bool(c.image) for c in topic.cards] == [bool(c.image) for c in notes.cards]
        and [bool(c.front_image) for c in topic.cards] == [bool(c.front_image) for c in notes.cards]
    )


def write_all(done: list[Imported], force: bool = False) -> None:
    """Every topic file or none: existing ones are replaced only with `force`."""
    from studypack.files import refuse_inputs, write_all_atomic

    from ..errors import StudypackError

    outputs = dict.fromkeys([d.target for d in done] + [dst for d in done for _, dst in d.copies])
    refuse_inputs(
        [("-o", out) for out in outputs],
        [("a notes file", d.source) for d in done]
        + [("a picture", src) for d in done for src, _ in d.copies],
    )
    exists = [d.target for d in done if os.path.lexists(d.target)]
    if exists and not force:
        raise ImportProblem(f"{', '.join(exists)} exist{'s' if len(exists) == 1 else ''} already; "
                            "use --force to replace, or --dry-run to see what would be written")  # fmt: skip
    files = [(d.target, d.yaml.encode("utf-8")) for d in done]
    try:
        for d in done:
            for src, dst in d.copies:
                with open(src, "rb") as f:
                    files.append((dst, f.read()))
        write_all_atomic(files)
    except StudypackError as e:
        raise ImportProblem(f"cannot write the topic files: {e}") from None


def _slug(text: str) -> str:
    from ..build import slug

    return slug(text)


def describe(d: Imported) -> list[str]:
    """What --dry-run prints: per card what was found, then the proposed events."""
    n = d.notes
    out = [f"{d.source}: {n.shape}, topic '{n.topic}'" + (f", subject {n.subject}" if n.subject else "")
           + f" -> {d.target}"]  # fmt: skip
    for i, c in enumerate(n.cards, 1):
        parts = [
            plural(_count(c.points), "point") if c.points else "",
            plural(len(c.paragraphs), "paragraph") if c.paragraphs else "",
        ]
        what = ", ".join(p for p in parts if p) or "no notes"
        flag = f"  [review: {c.review}]" if c.review else ""
        out.append(f"  card {i}: '{c.title}': {what}{flag}")
    for t in n.key_terms:
        out.append(f"  key term '{t.term}': {t.definition}")
    for e in n.timeline:
        out.append(f"  event {e.date}: {e.event}")
    if n.dropped:
        out.append(f"  left out as page furniture: {'; '.join(n.dropped)}")
    return out


def _count(points) -> int:
    return sum(1 + _count(p.points) for p in points)
