"""The cover page: what is in the pack and how to print each part, with page ranges, for the
print room."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from studypack.layout_api.styles import PRESETS, mm
from studypack.model import Pack, Paper
from studypack.pdf.assemble import Placed
from studypack.pdf.paper import cover_pages as own_pages
from studypack.pdf.paper import pack_paper, part_paper
from studypack.text.fit import plain_lines, running_head, width1

if TYPE_CHECKING:
    from studypack.text.fonts import Fonts


TOP, BOTTOM = 30 * mm, 20 * mm  # the cover's text keeps between these and the paper's edges


@dataclass(frozen=True)
class _Line:
    """One line of the cover: how it draws at (x, y), and how far down the next line starts."""

    draw: Callable[[Any, float, float], None]
    step: float


def _text(text: str, face: str, size: float, indent: float = 0.0, step: float = 0.0) -> _Line:
    def draw(c: Any, x: float, y: float) -> None:
        c.setFont(face, size)
        c.drawString(x + indent, y, text)

    return _Line(draw, step or size * 1.3)


def _grow(pack: Pack) -> Callable[[float, float], tuple[float, float]]:
    """A size and its line step, raised to the pack's preset floor (large print: 12 pt), the step
    growing with the text."""
    preset = PRESETS[pack.preset]

    def grow(size: float, step: float) -> tuple[float, float]:
        big = preset.at_least(size)
        return big, step * big / size

    return grow


def _heading(pack: Pack) -> float:
    """The size of the cover's heading over the parts: above their titles under large print."""
    floor = PRESETS[pack.preset].floor
    return max(13.0, floor + 4) if floor else 13.0


def _wrapped(
    text: str, face: str, size: float, width: float, indent: float = 0.0, step: float = 0.0
) -> list[_Line]:
    """`text` in lines `width` points wide, `indent` in from the left (as it is, when it fits one)."""
    lines = [text] if width1(text, face) * size <= width else plain_lines(text, face, size, width)
    return [_text(line, face, size, indent, step) for line in lines]


def _cover_lines(pack: Pack, placed: list[Placed], fonts: Fonts, w: float) -> list[_Line]:
    """Title, term and class, topics; then each part with its pages and how to print it."""
    width = w - 40 * mm
    bold, regular = fonts.face(bold=True), fonts.face()
    grow = _grow(pack)
    out = _wrapped(pack.title, bold, 22, width, step=26)  # a long title wraps, never runs off
    out[-1] = replace(out[-1], step=10 * mm)
    line = "  ·  ".join(
        t for t in (pack.term, f"Class {pack.klass}" if pack.klass else "", pack.teacher) if t
    )
    if line:
        out += _wrapped(line, regular, 12, width, step=8 * mm)
    topics = ", ".join(t.topic for t in pack.topics)
    size, step = grow(10, 5 * mm)
    out += _wrapped(f"Topics: {topics}", regular, size, width, step=step)
    out[-1] = replace(out[-1], step=out[-1].step + 6 * mm)
    out.append(_text("What is in this pack, and how to print each part", bold, _heading(pack), step=3 * mm))
    out.append(_Line(lambda c, x, y: _rule(c, x, y, width), 7 * mm))
    for part in placed:
        out += _part(pack, part, fonts, width)
    out[-1] = replace(out[-1], step=out[-1].step + 4 * mm)
    size, step = grow(9.5, 4.6 * mm)
    out += _wrapped(closing_note(pack, placed), regular, size, width, step=step)
    out += _wrapped(pack_paper(placed), regular, size, width, step=step)
    return out


def _rule(c: Any, x: float, y: float, width: float) -> None:
    c.setLineWidth(0.8)
    c.line(x, y, x + width, y)


def _pages(lines: list[_Line], h: float) -> list[list[_Line]]:
    """The cover's lines over as many pages as they need (a pack of 150 topics takes two): a line
    goes on the next page when it would sit below the bottom margin."""
    room = h - TOP - BOTTOM
    out: list[list[_Line]] = [[]]
    used = 0.0
    for ln in lines:
        if out[-1] and used > room:
            out.append([])
            used = 0.0
        out[-1].append(ln)
        used += ln.step
    return out


def cover_pages(pack: Pack, placed: list[Placed], fonts: Fonts, w: float, h: float) -> int:
    """How many pages the cover takes."""
    return len(_pages(_cover_lines(pack, placed, fonts, w), h))


def draw_cover(c, pack: Pack, placed: list[Placed], fonts: Fonts, w: float, h: float, page: int = 0) -> None:
    """Cover page `page` (0: the first): its share of the cover's lines, a heading on later ones."""
    pages = _pages(_cover_lines(pack, placed, fonts, w), h)
    x, y = 20 * mm, h - TOP
    c.setFillGray(0)
    if page >= len(pages):
        return
    if page > 0:
        floor = PRESETS[pack.preset].floor
        small = floor + 2 if floor else 11.0  # above the cover's body text
        size, head = running_head(
            pack.title,
            fonts.face(bold=True),
            small,
            w - 40 * mm,
            after=": cover (continued)",
            smallest=PRESETS[pack.preset].at_least(8),
        )
        c.setFont(fonts.face(bold=True), size)
        c.drawString(x, y + 12 * mm, head)
    for ln in pages[page]:
        ln.draw(c, x, y)
        y -= ln.step


def paper_of(part: Placed, pack: Pack) -> str:
    """The paper a part prints on ('A3'), from its pages' size; the pack's when none matches."""
    for paper in Paper:
        w, h = (v * mm for v in paper.value)
        if {round(w), round(h)} == {round(part.size[0]), round(part.size[1])}:
            return paper.label
    return pack.paper.label


def _mm(label: str) -> str:
    """'297 × 420 mm' for 'A3'."""
    w, h = next(p.value for p in Paper if p.label == label)
    return f"{w:g} × {h:g} mm"


def closing_note(pack: Pack, placed: list[Placed]) -> str:
    """Paper and scale; the whole pack in one go only when every part is printed the same way,
    else each way's pages (the cover's with the single-sided ones; a blank page in none)."""
    head = f"Paper: {pack.paper.label}. Print at 100% / actual size (no 'fit to page'), so sizes and cut lines are true."
    ways = {p.advice.sides for p in placed}
    if ways - {"single"}:
        head += " Every double-sided part starts on a front page."
    others: dict[str, list[int]] = {}
    for part in placed:
        if (paper := paper_of(part, pack)) != pack.paper.label:
            others.setdefault(paper, []).extend(range(part.first, part.last + 1))
    if others:  # a part on other paper goes to the print room as its own job
        head += "".join(f" On {paper} ({_mm(paper)}): {_ranges(pages)}." for paper, pages in others.items())
    if ways == {"duplex-long-edge"} and not others:
        return head + " The whole pack can be printed double-sided (flip on long edge) in one go."
    if len(ways) == 1 and not others:
        return head + f" The whole pack can be printed {placed[0].advice.sides_text()} in one go."
    by_way: dict[str, list[int]] = {"single-sided": list(range(1, own_pages(placed) + 1))}
    for part in placed:
        by_way.setdefault(part.advice.sides_text(), []).extend(range(part.first, part.last + 1))
    ways_text = "; ".join(f"{way}: {_ranges(pages)}" for way, pages in by_way.items())
    why = "on different papers" if others else "in different ways"
    return head + f" Its parts print {why}, so send them separately: {ways_text}."


def _part(pack: Pack, s: Placed, fonts: Fonts, width: float) -> list[_Line]:
    """One part: its title and pages, how to print it, and which pages to copy for students."""
    pages = f"pages {s.first}-{s.last}" if s.last > s.first else f"page {s.first}"

    grow = _grow(pack)
    big, head_step = grow(11, 5.5 * mm)
    size, step = grow(9.5, 4.6 * mm)
    if big > 11:  # under large print the part's title stands above its 12 pt notes
        big, head_step = big + 2, head_step * (big + 2) / big

    def head(c: Any, x: float, y: float) -> None:
        c.setFont(fonts.face(bold=True), big)
        c.drawString(x, y, s.title)
        c.setFont(fonts.face(), big)
        c.drawRightString(x + width, y, pages)

    out = [_Line(head, head_step)]
    for line in [s.advice.text(paper_of(s, pack)), *copy_lines(s), part_paper(s)]:
        out += _wrapped(
            line, fonts.face(), size, width - 8 * mm, 6 * mm, step=step
        )  # 6 mm in, ending where the pages column ends
    out[-1] = replace(out[-1], step=out[-1].step + 3 * mm)
    return out


def copy_lines(s: Placed) -> list[str]:
    """Which pages to copy for every student (each version's own), and which are the teacher's."""
    if s.advice.copies == "teacher":
        return ["For the teacher only: do not copy for students."]
    if s.advice.copies != "per-student":
        return []
    keys = [p for p in s.key_pages if p not in s.blank_pages]
    mark = "marked only by a small circled plus beside the marks box"
    if s.roster:  # printed per pupil: each copy named, nothing to photocopy
        out = [
            f"One named copy per pupil ({len(s.roster)}), in class-list order: print once, do not photocopy."
        ]
        by: dict[str, list[str]] = {}
        helped = [name for name, v in s.roster if v.endswith("+")]
        for name, v in s.roster:
            by.setdefault(v.rstrip("+"), []).append(name)
        if len(by) > 1 or "" not in by:
            out.append(
                "Versions: " + "; ".join(f"{v}: {', '.join(ns)}" for v, ns in sorted(by.items())) + "."
            )
        if helped:
            out.append(f"Supported copies ({mark}): {', '.join(helped)}.")
        spare = [t for t, ps in s.pages_of("Supported copy")]
        if spare:
            out.append(f"Spare supported copies ({mark}), one of each version, after the pupils' copies.")
        if keys:
            out.append(f"Answer keys: {_ranges(keys)}, for the teacher.")
        return out
    groups = s.pages_of("Worksheet")
    plain = [(t, ps) for t, ps in groups if "(supported)" not in t]
    helped_pages = [n for t, ps in groups if "(supported)" in t for n in ps if n not in keys]
    sheets = [n for n in range(s.first, s.last + 1) if n not in keys and n not in s.blank_pages]
    sheets = [n for n in sheets if n not in helped_pages]
    if len(plain) > 1:
        each = "; ".join(f"{_sheet_name(t)}: {_ranges([n for n in ps if n not in keys])}" for t, ps in plain)
        several = any("version" in t for t, _ in plain)
        out = [
            f"Copy for students, {'one version each' if several else 'each sheet for the pupils who study it'}: {each}."
        ]
    else:
        out = [f"Copy for students: {_ranges(sheets)}."]
    if helped_pages:
        out.append(f"Supported copies ({mark}), for the pupils you choose: {_ranges(helped_pages)}.")
    if keys:
        out.append(f"Answer keys: {_ranges(keys)}, for the teacher (do not copy).")
    return out


def _sheet_name(bookmark: str) -> str:
    """'Worksheet version A: Biology' -> 'version A: Biology'; 'Worksheet: Biology' -> 'Biology'."""
    return bookmark.removeprefix("Worksheet").strip(" :") or "the sheet"


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
