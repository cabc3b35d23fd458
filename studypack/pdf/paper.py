"""How much paper the pack takes, for the cover: sheets per copy of each part, per pupil for the
worksheets (named copies counted for the class), and in all. A sheet is one piece of paper, two
pages when the part is printed double-sided."""

from __future__ import annotations

from studypack.pdf.assemble import Placed
from studypack.wording import plural


def pupil_copies(s: Placed) -> list[list[int]]:
    """The pages of each pupil's copy: one list per named pupil (`--students`), else one per
    version; answer keys and blank pages left out."""
    keys = set(s.key_pages) | set(s.blank_pages)
    if s.roster:
        groups = [ps for t, ps in s.groups if not t.startswith("Answer key")]
    else:
        groups = [ps for _, ps in s.pages_of("Worksheet")]
    groups = [[n for n in ps if n not in keys] for ps in groups]
    groups = [ps for ps in groups if ps]
    if not groups:  # a worksheet without versions' bookmarks: all of its pupils' pages
        groups = [[n for n in range(s.first, s.last + 1) if n not in keys]]
    return groups


def _span(counts: list[int]) -> str:
    lo, hi = min(counts), max(counts)
    return plural(hi, "sheet") if lo == hi else f"{lo}-{hi} sheets"


def part_paper(s: Placed) -> str:
    """'Paper: 4 sheets a copy.', 'Paper: 2 sheets a pupil, 60 for the class; answer keys 1 sheet.'"""
    if s.advice.copies != "per-student":
        return f"Paper: {plural(s.sheets(), 'sheet')}" + (" a copy." if s.advice.copies == "one" else ".")
    each = [s.sheets(ps) for ps in pupil_copies(s)]
    text = f"Paper: {_span(each)} a pupil"
    if s.roster:
        text += f", {sum(each)} for the class"
    keys = [n for n in s.key_pages if n not in s.blank_pages]
    if keys:
        text += f"; answer keys {plural(s.sheets(keys), 'sheet')}"
    return text + "."


def cover_pages(placed: list[Placed]) -> int:
    """The cover's own pages: those before the first part, but for a blank one behind them."""
    if not placed:
        return 1
    return placed[0].first - 1 - placed[0].lead_blank


def pack_sheets(placed: list[Placed], cover_pages: int) -> int:
    """Sheets for one print of the whole PDF, each part printed as the cover says (a pack printed
    double-sided in one go shares sheets across parts; otherwise each part takes its own)."""
    if not placed:
        return cover_pages
    ways = {p.advice.sides for p in placed}
    if len(ways) == 1 and ways != {"single"}:
        return (max(p.last for p in placed) + 1) // 2
    return cover_pages + sum(p.sheets() for p in placed)


def pack_paper(placed: list[Placed]) -> str:
    """The total: one print of the PDF, then what the pupils' copies add (named copies are in it)."""
    total = pack_sheets(placed, cover_pages(placed))
    text = f"Paper in all: {plural(total, 'sheet')} for one print of this PDF, the cover included"
    per_pupil = [p for p in placed if p.advice.copies == "per-student" and not p.roster]
    named = [p for p in placed if p.roster]
    if named:
        pupils = max(len(p.roster) for p in named)
        text += f" and the named copies for {plural(pupils, 'pupil')}"
    if per_pupil:
        lo = sum(min(p.sheets(ps) for ps in pupil_copies(p)) for p in per_pupil)
        hi = sum(max(p.sheets(ps) for ps in pupil_copies(p)) for p in per_pupil)
        each = plural(hi, "sheet") if lo == hi else f"{lo}-{hi} sheets"
        text += (f"; each pupil's copies of the worksheets take {each} more "
                 f"({lo * 30}{'' if lo == hi else f'-{hi * 30}'} for a class of 30)")  # fmt: skip
    return text + "."
