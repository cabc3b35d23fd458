"""A class list for `build --students`: one name a line, or a CSV with a `name` column (or first
and last name columns), in the order the teacher keeps it."""

from __future__ import annotations

import csv
import io
import re

from studypack.errors import ContentError, Problem
from studypack.files import FileProblem, read_bytes
from studypack.model import Source

MAX_PUPILS = 500  # a class list, not a school's: bounds the build
FIRST = ("first name", "first", "forename", "given name")
LAST = ("last name", "last", "surname", "family name")


def load_students(path: str) -> tuple[str, ...]:
    """The pupils' names in class-list order; a located error for a file that is not a class list."""
    try:
        data = read_bytes(path, "the class list", limit=2_000_000)
    except FileProblem as e:
        raise ContentError([Problem(path, 0, 0, e.message, e.hint)]) from None
    text = _decoded(data)
    bad = _CONTROL.search(text)
    if bad:  # random bytes, a spreadsheet's binary file: never names
        line = text.count("\n", 0, bad.start()) + 1
        raise ContentError([Problem(path, line, bad.start() - text.rfind("\n", 0, bad.start()),
                                    f"is not a text file (control character U+{ord(bad.group()):04X})",
                                    "save the class list as text: one name a line, or CSV")])  # fmt: skip
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise ContentError([Problem(path, 1, 1, "the class list is empty", "write one pupil's name a line")])
    names = (
        _from_csv(lines) if "," in lines[0] or "\t" in lines[0] else [" ".join(ln.split()) for ln in lines]
    )
    if not names:
        raise ContentError([Problem(path, 1, 1, "no names found in the class list",
                                    "one name a line, or a CSV with a `name` column")])  # fmt: skip
    if len(names) > MAX_PUPILS:
        raise ContentError([Problem(path, MAX_PUPILS + 1, 1, f"more than {MAX_PUPILS} names",
                                    "build one class at a time")])  # fmt: skip
    return Roster(names, _located(path, text, names))


class Roster(tuple):
    """The pupils' names (a tuple of them), with where each is in the class list (`texts`, in the
    form font coverage checks take: a name the font cannot show is reported at its line)."""

    texts: list[tuple[Source, str, str]]

    def __new__(cls, names: list[str], texts: list[tuple[Source, str, str]]) -> Roster:
        roster = super().__new__(cls, names)
        roster.texts = texts
        return roster


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def _decoded(data: bytes) -> str:
    """UTF-16 with its BOM, UTF-8 (a BOM or not), else Windows-1252 (Excel's CSV on Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _located(path: str, text: str, names: list[str]) -> list[tuple[Source, str, str]]:
    """Each name with the line it came from: the next line holding all of its words."""
    lines = text.splitlines()
    out, at = [], 0
    for name in names:
        parts = name.split()
        k = at
        while k < len(lines) and not all(p in lines[k] for p in parts):
            k += 1
        if k == len(lines):
            out.append((Source(path), f"pupil '{name}'", name))
            continue
        col = lines[k].find(parts[0]) + 1 if parts else 1
        out.append((Source(path, k + 1, col), f"pupil '{name}'", name))
        at = k + 1
    return out


def _from_csv(lines: list[str]) -> list[str]:
    dialect = "excel-tab" if "\t" in lines[0] else "excel"
    rows = list(csv.reader(io.StringIO("\n".join(lines)), dialect=dialect))
    head = [c.strip().lower() for c in rows[0]]
    if "name" in head:
        k = head.index("name")
        return [" ".join(r[k].split()) for r in rows[1:] if k < len(r) and r[k].strip()]
    first = next((head.index(h) for h in FIRST if h in head), None)
    last = next((head.index(h) for h in LAST if h in head), None)
    if first is not None:
        return [
            " ".join(" ".join(r[i] for i in (first, last) if i is not None and i < len(r)).split())
            for r in rows[1:]
            if any(r)
        ]
    return [" ".join(r[0].split()) for r in rows if r and r[0].strip()]  # no header: the first column
