"""Order the rendered sections into one pack: the cover, every double-sided section from a front
(odd) page with a blank page where needed, pages gathered at the end, bookmarks and each part's
page range. A single-sided part has no blank page anywhere: each of its pages is a sheet of its own,
so it needs no front to start on (and the cover's ranges to copy single-sided never hold a blank).

Everything is drawn on one ReportLab canvas (writer.py) rather than merging per-section PDFs with
pypdf: the outline, labels and metadata come out the same, and it saves pypdf's import and a re-parse
(see bench/). Layouts hand over pages as draw functions, so page counts (for the cover's ranges and
"page N of M") are known before anything is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studypack.layout_api.pages import Canvas, Page, PrintAdvice, SectionPages
from studypack.layout_api.styles import GREY, PRESETS, mm
from studypack.model import Pack

if TYPE_CHECKING:
    from studypack.text.fonts import Fonts

BLANK_NOTE = "This page is left blank so the next part starts on a front."


@dataclass
class Placed:
    """A section's place in the pack: its name, title, first and last page (1-based)."""

    name: str
    title: str
    first: int
    last: int
    advice: PrintAdvice
    key_pages: list[int] = field(default_factory=list)  # answer keys inside the range: not for copying
    blank_pages: list[int] = field(default_factory=list)
    groups: list[tuple[str, list[int]]] = field(default_factory=list)  # (bookmark, its pages): versions
    roster: tuple[tuple[str, str], ...] = ()  # (pupil, version letter): copies printed per pupil
    size: tuple[float, float] = (0.0, 0.0)  # its first page's width and height (points): its paper
    lead_blank: bool = False  # a blank page before it, so that it starts on a front

    def sheets(self, pages: list[int] | None = None) -> int:
        """Sheets of paper that `pages` of this part (all of them when None) take as it is printed:
        a page each single-sided; double-sided, the part starts on a front, so pages 2k+1 and 2k+2
        of it share a sheet (a blank page inside it shares one too, and is counted with it)."""
        chosen = list(range(self.first, self.last + 1)) if pages is None else pages
        if self.advice.sides == "single":
            return sum(1 for n in chosen if n not in self.blank_pages)
        return len({(n - self.first) // 2 for n in chosen})

    def pages_of(self, prefix: str) -> list[tuple[str, list[int]]]:
        """The groups whose bookmark starts with `prefix` ('Worksheet', 'Answer key'), blank pages left out."""
        return [
            (t, [n for n in ps if n not in self.blank_pages]) for t, ps in self.groups if t.startswith(prefix)
        ]


@dataclass
class Plan:
    """The pack's pages in order, each part's place, the bookmarks and the cover's length."""

    pages: list[Page] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    bookmarks: list[tuple[int, str, int]] = field(default_factory=list)  # page index, title, level
    cover_pages: int = 0
    note_size: float = 8.0  # a blank page's note (the preset's floor under large print)


@dataclass(frozen=True)
class Rendered:
    """A section as the build hands it over: its name, its layout's title for it, its pages."""

    name: str
    title: str
    pages: SectionPages


def plan(pack: Pack, sections: list[Rendered], fonts: Fonts, cover: bool) -> Plan:
    """Order the pages: cover, then each section from an odd page, then pages gathered at the end.
    The cover takes as many pages as its lines need (its page ranges count them)."""
    from studypack.pdf.cover import cover_pages, draw_cover

    w, h = (x * mm for x in pack.paper.value)
    n_cover = 1 if cover else 0
    while True:
        p = _plan(sections, fonts, n_cover, w, h, PRESETS[pack.preset].at_least(8))
        if not cover:
            return p
        need = cover_pages(pack, p.placed, fonts, w, h)
        if need <= n_cover:
            break
        n_cover = need
    for i in range(n_cover):

        def draw(c: Canvas, i: int = i) -> None:
            draw_cover(c, pack, p.placed, fonts, w, h, i)

        p.pages[i] = Page(w, h, draw, False)
    p.cover_pages = n_cover
    p.bookmarks.insert(0, (0, "Cover: what is in this pack", 0))
    return p


def _plan(
    sections: list[Rendered], fonts: Fonts, n_cover: int, w: float, h: float, note: float = 8.0
) -> Plan:
    p = Plan(note_size=note)
    for _ in range(n_cover):
        p.pages.append(Page(w, h, lambda c: None, furniture=False))  # drawn once ranges are known
    tail = [
        Rendered(f"{r.name}-end", r.pages.end_title or f"{r.title} (end)", r.pages)
        for r in sections
        if r.pages.end_pages
    ]
    for r in sections:
        _add(p, r.name, r.title, r.pages.pages, r.pages.advice, fonts, r.pages.roster)
    for r in tail:
        _add(p, r.name, r.title, r.pages.end_pages, r.pages.end_advice or r.pages.advice, fonts)
    return p


def _add(
    p: Plan, name: str, title: str, pages: tuple[Page, ...], advice: PrintAdvice, fonts: Fonts,
    roster: tuple[tuple[str, str], ...] = (),
) -> None:  # fmt: skip
    """A double-sided part's pages from a front page; a page of it that starts a new sheet (a
    worksheet, a key) is moved to a front page too, behind a blank one. A single-sided part follows
    on directly, blank-free."""
    if not pages:
        return
    duplex = advice.sides != "single"
    lead_blank = duplex and len(p.pages) % 2 == 1  # the next page would be even: a back
    if lead_blank:
        p.pages.append(blank_page(pages[0].width, pages[0].height, fonts, p.note_size))
    first = len(p.pages)
    keys: list[int] = []
    blanks: list[int] = []
    groups: list[tuple[str, list[int]]] = []
    p.bookmarks.append((first, title, 0))
    for page in pages:
        if duplex and page.new_sheet and (len(p.pages) - first) % 2 == 1:
            p.pages.append(blank_page(page.width, page.height, fonts, p.note_size))
            blanks.append(len(p.pages))
        for text, level in page.bookmarks:
            p.bookmarks.append((len(p.pages), text, level))
            if level == 1:
                groups.append((text, []))
        p.pages.append(page)
        if groups:
            groups[-1][1].append(len(p.pages))
        if page.role == "key":
            keys.append(len(p.pages))
    size = (pages[0].width, pages[0].height)
    p.placed.append(
        Placed(name, title, first + 1, len(p.pages), advice, keys, blanks, groups, roster, size, lead_blank)
    )


def blank_page(w: float, h: float, fonts: Fonts, size: float = 8.0) -> Page:
    def draw(c) -> None:
        c.setFont(fonts.face(), size)
        c.setFillGray(GREY)
        c.drawCentredString(w / 2, h / 2, BLANK_NOTE)

    return Page(w, h, draw, furniture=False, role="blank")
