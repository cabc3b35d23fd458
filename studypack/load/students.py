"""A class list for `build --students`: one name a line, or a CSV with a `name` column (or first
and last name columns), in the order the teacher keeps it."""

from __future__ import annotations

import csv
import io

from studypack.errors import ContentError, Problem
from studypack.files import FileProblem, read_bytes

MAX_PUPILS = 500  # a class list, not a school's: bounds the build
FIRST = ("first name", "first", "forename", "given name")
LAST = ("last name", "last", "surname", "family name")


def load_students(path: str) -> tuple[str, ...]:
    """The pupils' names in class-list order; a located error for a file that is not a class list."""
    try:
        data = read_bytes(path, "the class list", limit=2_000_000)
    except FileProblem as e:
        raise ContentError([Problem(path, 0, 0, e.message, e.hint)]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
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
    return tuple(names)


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
