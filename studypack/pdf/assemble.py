"""Assemble rendered sections into one PDF: cover, blank pages so every section starts on a front
(odd) page, header and footer, bookmarks, page labels and metadata.

Everything is drawn on one ReportLab canvas rather than merging per-section PDFs with pypdf: the
outline, labels and metadata come out the same, and it saves pypdf's import and a re-parse (see
bench/). Layouts hand over pages as draw functions, so page counts (for the cover's ranges and
"page N of M") are known before anything is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from studypack import __version__
from studypack.layout_api.pages import Page, SectionPages
from studypack.layout_api.styles import FURNITURE_SIZE, GREY, SAFE, mm
from studypack.model import Pack


@dataclass
class Placed:
    """A section's place in the pack: its name, first and last page (1-based)."""

    name: str
    title: str
    first: int
    last: int
    how_to_print: str
    key_pages: list[int] = field(default_factory=list)  # answer keys inside the range: not for copying
    blank_pages: list[int] = field(default_factory=list)


@dataclass
class Plan:
    pages: list[Page] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    bookmarks: list[tuple[int, str, int]] = field(default_factory=list)  # page index, title, level


def plan(pack: Pack, sections: list[tuple[str, SectionPages]], fonts, cover: bool) -> Plan:  # type: ignore[no-untyped-def]
    """Order the pages: cover, then each section from an odd page, then pages gathered at the end."""
    p = Plan()
    w, h = (x * mm for x in pack.paper.value)
    if cover:
        p.pages.append(Page(w, h, lambda c: None, furniture=False))  # drawn once ranges are known
    tail: list[tuple[str, str, list[Page], str]] = []

    def add(name: str, title: str, pages: list[Page], how: str) -> None:
        if not pages:
            return
        if len(p.pages) % 2 == 1:  # the next page would be even: a back
            p.pages.append(blank_page(pages[0].width, pages[0].height, fonts))
        first = len(p.pages)
        keys: list[int] = []
        blanks: list[int] = []
        p.bookmarks.append((first, title, 0))
        for page in pages:
            if page.new_sheet and len(p.pages) % 2 == 1 and len(p.pages) > first:
                p.pages.append(blank_page(page.width, page.height, fonts))
                blanks.append(len(p.pages))
            for text, level in page.bookmarks:
                p.bookmarks.append((len(p.pages), text, level))
            p.pages.append(page)
            if page.role == "key":
                keys.append(len(p.pages))
        p.placed.append(Placed(name, title, first + 1, len(p.pages), how, keys, blanks))

    for name, sp in sections:
        add(name, _title(name), sp.pages, sp.how_to_print)
        if sp.end_pages:
            how = sp.end_how or "single-sided or double-sided, 100% / actual size"
            tail.append((f"{name}-end", sp.end_title or f"{name} (end)", sp.end_pages, how))
    for name, title, pages, how in tail:
        add(name, title, pages, how)
    if cover:
        p.pages[0] = Page(w, h, lambda c: draw_cover(c, pack, p.placed, fonts, w, h), False)
        p.bookmarks.insert(0, (0, "Cover: what is in this pack", 0))
    return p


def _title(name: str) -> str:
    base = name.replace("-", " ")
    return {"cards": "Revision cards", "summary": "Summary sheets", "timeline": "Timeline worksheet"}.get(
        base, base.capitalize()
    )


def blank_page(w: float, h: float, fonts) -> Page:  # type: ignore[no-untyped-def]
    def draw(c) -> None:  # type: ignore[no-untyped-def]
        c.setFont(fonts.face(), 8)
        c.setFillGray(GREY)
        c.drawCentredString(w / 2, h / 2, "This page is left blank so the next part starts on a front.")

    return Page(w, h, draw, furniture=False, role="blank")


def draw_cover(c, pack: Pack, placed: list[Placed], fonts, w: float, h: float) -> None:  # type: ignore[no-untyped-def]
    x, y = 20 * mm, h - 30 * mm
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
    c.setFont(fonts.face(), 10)
    for chunk in _wrap_plain(f"Topics: {topics}", fonts.face(), 10, w - 40 * mm):
        c.drawString(x, y, chunk)
        y -= 5 * mm
    y -= 6 * mm
    c.setFont(fonts.face(bold=True), 13)
    c.drawString(x, y, "What is in this pack, and how to print each part")
    y -= 3 * mm
    c.setLineWidth(0.8)
    c.line(x, y, w - 20 * mm, y)
    y -= 7 * mm
    for s in placed:
        pages = f"pages {s.first}-{s.last}" if s.last > s.first else f"page {s.first}"
        c.setFont(fonts.face(bold=True), 11)
        c.drawString(x, y, s.title)
        c.setFont(fonts.face(), 11)
        c.drawRightString(w - 20 * mm, y, pages)
        y -= 5.5 * mm
        c.setFont(fonts.face(), 9.5)
        lines = [s.how_to_print]
        if s.key_pages:
            sheets = [
                n for n in range(s.first, s.last + 1) if n not in s.key_pages and n not in s.blank_pages
            ]
            lines.append(f"Copy for students: {_ranges(sheets)} only. Answer key: {_ranges(s.key_pages)}, "
                         "for the teacher (do not copy).")  # fmt: skip
        for line in lines:
            for chunk in _wrap_plain(line, fonts.face(), 9.5, w - 48 * mm):
                c.drawString(x + 6 * mm, y, chunk)
                y -= 4.6 * mm
        y -= 3 * mm
    y -= 4 * mm
    c.setFont(fonts.face(), 9.5)
    notes = (
        f"Paper: {pack.paper.label}. Print at 100% / actual size (no 'fit to page'), so sizes and cut "
        "lines are true. Every part starts on a front page; the whole pack can also be printed "
        "double-sided (flip on long edge) in one go."
    )
    for chunk in _wrap_plain(notes, fonts.face(), 9.5, w - 40 * mm):
        c.drawString(x, y, chunk)
        y -= 4.6 * mm


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


def _wrap_plain(text: str, face: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and stringWidth(trial, face, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return lines + ([cur] if cur else [])


def furniture(c, pack: Pack, fonts, w: float, h: float, n: int, total: int) -> None:  # type: ignore[no-untyped-def]
    """Header (pack title, term, class) and footer (page N of M), inside the safe area."""
    c.saveState()
    c.setFillGray(GREY)
    c.setFont(fonts.face(), FURNITURE_SIZE)
    head = "  ·  ".join(t for t in (pack.title, pack.term, f"Class {pack.klass}" if pack.klass else "") if t)
    c.drawString(SAFE + 5 * mm, h - SAFE - 4 * mm, head)
    c.drawRightString(w - SAFE - 5 * mm, SAFE + 1.5 * mm, f"page {n} of {total}")
    c.restoreState()


def _drawn(c) -> None:  # type: ignore[no-untyped-def]
    raise RuntimeError("a page was drawn twice")


def write(pack: Pack, p: Plan, fonts, target, on_page: Callable[[int, int], None] | None = None) -> int:  # type: ignore[no-untyped-def]
    """Draw the planned pages into `target` (a path or file object); returns the page count.
    `on_page(done, total)` is told after each page (for a progress bar)."""
    from studypack.reportlab_fast import new_canvas

    c = new_canvas(target)
    c.setTitle(pack.title)
    subject = " · ".join(
        t for t in ([pack.topics[0].subject] if pack.topics and pack.topics[0].subject else [])
        + [pack.term, f"Class {pack.klass}" if pack.klass else ""] if t
    )  # fmt: skip
    c.setSubject(subject)
    c.setAuthor(pack.teacher)
    c.setCreator(f"studypack {__version__}")
    c.setKeywords(", ".join(t.topic for t in pack.topics))
    total = len(p.pages)
    by_page: dict[int, list[tuple[str, int]]] = {}
    for i, title, level in p.bookmarks:
        by_page.setdefault(i, []).append((title, level))
    for i, page in enumerate(p.pages):
        c.setPageSize((page.width, page.height))
        for k, (title, level) in enumerate(by_page.get(i, [])):
            key = f"p{i}-{k}"
            c.bookmarkPage(key, fit="XYZ", top=page.height)
            c.addOutlineEntry(title, key, level=level, closed=level > 0)
        page.draw(c)
        page.draw = _drawn  # let the page's layout data go: a 10,000-card deck peaks lower
        if page.furniture:
            furniture(c, pack, fonts, page.width, page.height, i + 1, total)
        c.showPage()
        if on_page is not None:
            on_page(i + 1, total)
    # Page labels: "Cover", then physical numbers, so a print dialog's "3-6" means the cover's 3-6.
    if p.pages and p.placed and p.placed[0].first > 1:
        c.addPageLabel(0, prefix="Cover")
        c.addPageLabel(1, style="ARABIC", start=2)
    else:
        c.addPageLabel(0, style="ARABIC", start=1)
    c.save()
    return total
