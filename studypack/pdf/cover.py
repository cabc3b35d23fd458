"""The cover page: what is in the pack and how to print each part, with page ranges, for the
print room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studypack.layout_api.styles import mm
from studypack.model import Pack
from studypack.pdf.assemble import Placed
from studypack.text.fit import plain_lines

if TYPE_CHECKING:
    from studypack.text.fonts import Fonts


def draw_cover(c, pack: Pack, placed: list[Placed], fonts: Fonts, w: float, h: float) -> None:
    """Title, term and class, topics; then each part with its pages and how to print it."""
    x = 20 * mm
    y = _head(c, pack, fonts, x, h - 30 * mm, w)
    c.setFont(fonts.face(bold=True), 13)
    c.drawString(x, y, "What is in this pack, and how to print each part")
    y -= 3 * mm
    c.setLineWidth(0.8)
    c.line(x, y, w - 20 * mm, y)
    y -= 7 * mm
    for part in placed:
        y = _part(c, pack, part, fonts, x, y, w)
    y -= 4 * mm
    _lines(c, closing_note(pack, placed), fonts.face(), 9.5, x, y, w - 40 * mm)


def closing_note(pack: Pack, placed: list[Placed]) -> str:
    """Paper and scale; the whole pack in one go only when every part is printed the same way."""
    head = (f"Paper: {pack.paper.label}. Print at 100% / actual size (no 'fit to page'), so sizes and "
            "cut lines are true. Every part starts on a front page.")  # fmt: skip
    ways = {p.advice.sides for p in placed}
    if ways == {"duplex-long-edge"}:
        return head + " The whole pack can be printed double-sided (flip on long edge) in one go."
    if len(ways) == 1:
        return head + f" The whole pack can be printed {placed[0].advice.sides_text()} in one go."
    by_way: dict[str, list[int]] = {}
    for part in placed:
        by_way.setdefault(part.advice.sides_text(), []).extend(range(part.first, part.last + 1))
    ways_text = "; ".join(f"{way}: {_ranges(pages)}" for way, pages in by_way.items())
    return head + f" Its parts print in different ways, so send them separately: {ways_text}."


def _head(c, pack: Pack, fonts: Fonts, x: float, y: float, w: float) -> float:
    c.setFillGray(0)
    c.setFont(fonts.face(bold=True), 22)
    c.drawString(x, y, pack.title)
    y -= 10 * mm
    c.setFont(fonts.face(), 12)
    line = "  ·  ".join(
        t for t in (pack.term, f"Class {pack.klass}" if pack.klass else "", pack.teacher) if t
    )
    if line:
        c.drawString(x, y, line)
        y -= 8 * mm
    topics = ", ".join(t.topic for t in pack.topics)
    y = _lines(c, f"Topics: {topics}", fonts.face(), 10, x, y, w - 40 * mm, step=5 * mm)
    return y - 6 * mm


def _part(c, pack: Pack, s: Placed, fonts: Fonts, x: float, y: float, w: float) -> float:
    """One part: its title and pages, how to print it, and which pages to copy for students."""
    pages = f"pages {s.first}-{s.last}" if s.last > s.first else f"page {s.first}"
    c.setFont(fonts.face(bold=True), 11)
    c.drawString(x, y, s.title)
    c.setFont(fonts.face(), 11)
    c.drawRightString(w - 20 * mm, y, pages)
    y -= 5.5 * mm
    for line in [s.advice.text(pack.paper.label), *copy_lines(s)]:
        y = _lines(c, line, fonts.face(), 9.5, x + 6 * mm, y, w - 48 * mm)
    return y - 3 * mm


def copy_lines(s: Placed) -> list[str]:
    """Which pages to copy for every student (each version's own), and which are the teacher's."""
    if s.advice.copies == "teacher":
        return ["For the teacher only: do not copy for students."]
    if s.advice.copies != "per-student":
        return []
    keys = [p for p in s.key_pages if p not in s.blank_pages]
    if s.roster:  # printed per pupil: each copy named, nothing to photocopy
        out = [
            f"One named copy per pupil ({len(s.roster)}), in class-list order: print once, do not photocopy."
        ]
        by: dict[str, list[str]] = {}
        for name, v in s.roster:
            by.setdefault(v, []).append(name)
        if len(by) > 1 or "" not in by:
            out.append(
                "Versions: " + "; ".join(f"{v}: {', '.join(ns)}" for v, ns in sorted(by.items())) + "."
            )
        if keys:
            out.append(f"Answer keys: {_ranges(keys)}, for the teacher.")
        return out
    sheets = [n for n in range(s.first, s.last + 1) if n not in keys and n not in s.blank_pages]
    versions = s.pages_of("Worksheet")
    if len(versions) > 1:
        each = "; ".join(
            f"{t.removeprefix('Worksheet ')}: {_ranges([n for n in ps if n not in keys])}"
            for t, ps in versions
        )
        out = [f"Copy for students, one version each: {each}."]
    else:
        out = [f"Copy for students: {_ranges(sheets)}."]
    if keys:
        out.append(f"Answer keys: {_ranges(keys)}, for the teacher (do not copy).")
    return out


def _lines(
    c, text: str, face: str, size: float, x: float, y: float, width: float, step: float = 4.6 * mm
) -> float:
    c.setFont(face, size)
    for line in plain_lines(text, face, size, width):
        c.drawString(x, y, line)
        y -= step
    return y


def _ranges(pages: list[int]) -> str:
    """[13, 14, 17] -> 'pages 13-14, 17'."""
    runs: list[list[int]] = []
    for n in pages:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    text = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)
    return ("pages " if len(pages) > 1 else "page ") + text
