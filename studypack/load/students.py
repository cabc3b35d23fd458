"""A class list for `build --students`, as schools export them: one name a line (`Ann Lee` or
`Lee, Ann`), or a CSV, TSV or semicolon file with a name column or first- and last-name columns
under their usual headings; UTF-8, UTF-16 (Excel's "Unicode Text"), with or without a BOM. The
names come back in the order the teacher keeps them, each printed first name first."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata

from studypack.errors import ContentError, Problem
from studypack.files import FileProblem, read_bytes
from studypack.model import Source

MAX_PUPILS = 500  # a class list, not a school's: bounds the build
# Headings as school systems and spreadsheets write them, compared lower-case with spaces, `_`
# and `-` ignored ("First Name", "first_name", "FIRSTNAME").
NAME = ("name", "fullname", "pupil", "pupilname", "student", "studentname", "learner", "legalname")
FIRST = ("firstname", "first", "forename", "forenames", "givenname", "givennames", "preferredname")
LAST = ("lastname", "last", "surname", "familyname", "legalsurname", "preferredsurname")
HEADINGS = NAME + FIRST + LAST


def load_students(path: str, problems: list[Problem] | None = None) -> Roster:
    """The pupils' names in class-list order; a located error for a file that is not a class list.
    Warnings (a name in right-to-left script) are added to `problems` when given."""
    try:
        data = read_bytes(path, "the class list", limit=2_000_000)
    except FileProblem as e:
        raise ContentError([Problem(path, 0, 0, e.message, e.hint)]) from None
    text = decode(data)
    bad = _CONTROL.search(text)
    if bad:  # random bytes, a spreadsheet's binary file: never names
        line = text.count("\n", 0, bad.start()) + 1
        raise ContentError([Problem(path, line, bad.start() - text.rfind("\n", 0, bad.start()),
                                    f"is not a text file (control character U+{ord(bad.group()):04X})",
                                    "save the class list as text: one name a line, or CSV")])  # fmt: skip
    lines = [(i, ln) for i, ln in enumerate(text.splitlines(), 1) if ln.strip()]
    if not lines:
        raise ContentError([Problem(path, 1, 1, "the class list is empty", "write one pupil's name a line")])
    named = read_names(lines)
    if not named:
        raise ContentError([Problem(path, 1, 1, "no names found in the class list",
                                    "one name a line, or a CSV with a `name` column")])  # fmt: skip
    if len(named) > MAX_PUPILS:
        raise ContentError([Problem(path, named[MAX_PUPILS][0], 1, f"more than {MAX_PUPILS} names",
                                    "build one class at a time")])  # fmt: skip
    if problems is not None:
        problems += [_rtl_warning(path, n, name) for n, name in named if _rtl(name)]
    texts = [(Source(path, n, 1), f"pupil '{name}'", name) for n, name in named]
    return Roster([name for _, name in named], texts)


class Roster(tuple):
    """The pupils' names (a tuple of them), with where each is in the class list (`texts`, in the
    form font coverage checks take: a name the font cannot show is reported at its line)."""

    texts: list[tuple[Source, str, str]]

    def __new__(cls, names: list[str], texts: list[tuple[Source, str, str]]) -> Roster:
        roster = super().__new__(cls, names)
        roster.texts = texts
        return roster


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def decode(data: bytes) -> str:
    """The text of a class list: a BOM says UTF-8 or UTF-16; UTF-16 without one shows as zero bytes
    beside ASCII letters; otherwise UTF-8, or Windows' own code page for an older export."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    head = data[:200]
    if len(head) >= 2 and head.count(0) * 3 >= len(head):
        odd_zeros = head[1::2].count(0) >= head[0::2].count(0)
        return data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_names(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, name) for each pupil of the class list's non-empty lines."""
    first = lines[0][1]
    sep = next((s for s in ("\t", ";") if s in first), None)
    if sep is None and "," in first:
        # `Lee, Ann` lines, or a CSV: a header row, more than one comma a line, or a class
        # ('Ann Lee,10A') says CSV.
        heads = [_key(c) for c in _cells(first, ",")]
        turned = all(ln.count(",") == 1 and not any(c.isdigit() for c in ln) for _, ln in lines)
        sep = "," if any(h in HEADINGS for h in heads) or not turned else None
    if sep is None:
        named = [(n, _person(ln)) for n, ln in lines]
        if _key(first) in HEADINGS:  # a one-column list under a heading: the heading is no pupil
            named = named[1:]
        return [(n, name) for n, name in named if name]
    return _from_table(lines, sep)


def _from_table(lines: list[tuple[int, str]], sep: str) -> list[tuple[int, str]]:
    rows = [(n, _cells(ln, sep)) for n, ln in lines]
    head = [_key(c) for c in rows[0][1]]

    def col(names: tuple[str, ...]) -> int | None:
        return next((head.index(h) for h in names if h in head), None)

    full, first, last = col(NAME), col(FIRST), col(LAST)
    if full is None and first is None and last is None:  # no header row: names in the first column
        return [(n, _person(r[0])) for n, r in rows if r and _person(r[0])]
    out = []
    for n, r in rows[1:]:

        def cell(i: int | None, r: list[str] = r) -> str:
            return r[i] if i is not None and i < len(r) else ""

        name = _person(cell(full)) if full is not None else " ".join(f"{cell(first)} {cell(last)}".split())
        if name:
            out.append((n, name))
    return out


def _cells(line: str, sep: str) -> list[str]:
    return next(csv.reader(io.StringIO(line), delimiter=sep), [])


def _key(heading: str) -> str:
    """'First Name', 'first_name', ' FIRSTNAME ' -> 'firstname'."""
    return "".join(c for c in heading.lower() if c not in " _-\ufeff\"'")


def _person(text: str) -> str:
    """A name as printed: spaces tidied, `Lee, Ann` turned round to `Ann Lee`."""
    parts = [" ".join(p.split()) for p in text.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    return " ".join(text.split())


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _rtl_warning(path: str, line: int, name: str) -> Problem:
    return Problem(path, line, 1, f"the name '{name}' is in right-to-left script, which the worksheets "
                   "would print reversed", "check that copy, or write the name in Latin letters",
                   warning=True)  # fmt: skip
