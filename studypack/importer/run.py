"""Read, detect, parse, propose, check and write: the whole `studypack import`, all files or none."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from ..errors import Problem, StudypackError
from ..files import FileProblem, read_bytes
from ..wording import plural
from . import cardsites, markdown, shapes, terms
from .emit import dump
from .model import Card, Notes
from .proposals import propose


class ImportProblem(StudypackError):
    """A notes file that cannot be imported; nothing was written."""

    exit_code = 2


@dataclass
class Imported:
    source: str
    target: str
    fmt: str
    notes: Notes
    yaml: str
    warnings: list[str]
    copies: list[tuple[str, str]] = field(default_factory=list)  # (picture found, where it is copied)


def _pictures(notes: Notes, source: str, target: str) -> list[tuple[str, str]]:
    """Each card's first picture that exists and reads (PNG, JPEG or SVG) becomes its `image:`,
    copied into a folder beside the topic file; the others, and any not found, are named in the
    card's `review:` note with their alt text kept in its words."""
    from studypack.pictures import PictureError, probe

    folder = os.path.splitext(os.path.basename(target))[0] + "-pictures"
    copies: list[tuple[str, str]] = []
    used: set[str] = set()
    for card in notes.cards:
        left: list[str] = []
        for ref in card.pictures:
            path = ref if os.path.isabs(ref) else os.path.join(os.path.dirname(os.path.abspath(source)), ref)
            ok = "://" not in ref
            if ok:
                try:
                    probe(path)
                except PictureError:
                    ok = False
            if ok and not card.image:
                name = os.path.basename(path)
                stem, ext = os.path.splitext(name)
                k = 2
                while name.lower() in used:
                    name, k = f"{stem}-{k}{ext}", k + 1
                used.add(name.lower())
                card.image = f"{folder}/{name}"
                copies.append((path, os.path.join(os.path.dirname(target), folder, name)))
            else:
                left.append(ref)
        if left:
            note = "pictures not brought in (their alt text is in the notes): " + ", ".join(left)
            card.review = f"{card.review}; {note}" if card.review else note
    return copies


def read(path: str) -> tuple[str, list[str]]:
    """The file's text: UTF-8, else Windows-1252 (with a warning); a clear error otherwise."""
    try:
        data = read_bytes(path, "the notes files")
    except FileProblem as e:
        raise ImportProblem(f"{path}: {e.message}" + (f" ({e.hint})" if e.hint else "")) from None
    if not data.strip():
        raise ImportProblem(f"{path}: the file is empty")
    if b"\x00" in data[:8192]:
        raise ImportProblem(f"{path}: is not a text file (export the notes as text, Markdown, CSV or TSV)")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        try:
            return data.decode("cp1252"), [
                f"{path}: warning: not UTF-8 (byte 0x{data[e.start]:02x}); read as Windows-1252"
            ]
        except UnicodeDecodeError:
            raise ImportProblem(f"{path}: neither UTF-8 nor Windows-1252 text; save it as UTF-8") from None


def detect(text: str, path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext == ".tsv" or terms.looks_tabbed(text):
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


def parse(text: str, path: str, fmt: str, shape: shapes.Shape | None = None, as_cards: bool = False) -> Notes:
    name = _name(path)
    if fmt == "revision-cards":
        return cardsites.parse_listed(text, name)
    if fmt == "revision-cards-paged":
        return cardsites.parse_paged(text, name)
    if fmt == "tsv":
        return terms.parse(text, name, "\t", as_cards)
    if fmt == "csv":
        return terms.parse(text, name, ",", as_cards)
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
                 as_: str | None = None) -> list[Imported]:  # fmt: skip
    """Everything imported and checked in memory; raises before anything is written. `shape`
    (`--shape`) says how plain text is laid out; `as_` = "cards" writes key terms as cards."""
    try:
        given = shapes.parse_shape_option(shape) if shape else None
    except ValueError as e:
        raise ImportProblem(f"--shape: {e}") from None
    from studypack.load.topic import Walker, topic_from_node
    from studypack.load.yamlread import compose

    done: list[Imported] = []
    targets: dict[str, str] = {}
    for path in files:
        text, warnings = read(path)
        f = fmt or detect(text, path)
        if given is not None and f not in ("text", "markdown"):
            f = "markdown" if f == "markdown" or path.lower().endswith((".md", ".markdown")) else "text"
        notes = parse(text, path, f, given, as_ == "cards")
        if as_ == "cards":
            _as_cards(notes)
        if not notes.shape:
            notes.shape = f"{f}: {notes.count()}"
        if topic:
            notes.topic = topic
        if subject:
            notes.subject = subject
        if not notes.cards and not notes.key_terms:
            raise ImportProblem(f"{path}: found no notes in it as {f} (try --format or --shape)")
        notes.timeline = propose(notes.cards, notes.key_terms)
        target = _free_target(out_dir, notes.topic, path, targets)
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
