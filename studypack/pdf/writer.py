"""Draw the planned pages onto one canvas: header and footer, outline, page labels, metadata."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING

from studypack import __version__
from studypack.layout_api.pages import Canvas, Page
from studypack.layout_api.styles import GREY, PRESETS, SAFE, mm
from studypack.model import Pack
from studypack.pdf.assemble import Plan
from studypack.text.fit import running_head

if TYPE_CHECKING:
    from studypack.pictures import Pictures
    from studypack.reportlab_fast import PageCode
    from studypack.text.fonts import Fonts


def furniture(c: Canvas, pack: Pack, fonts: Fonts, w: float, h: float, n: int, total: int) -> None:
    """Header (pack title, term, class) and footer (page N of M), inside the safe area."""
    c.saveState()
    c.setFillGray(GREY)
    rest = "".join(f"  ·  {t}" for t in (pack.term, f"Class {pack.klass}" if pack.klass else "") if t)
    room = w - 2 * (SAFE + 5 * mm) - 30 * mm  # clear of the page number's corner
    preset = PRESETS[pack.preset]
    small = preset.furniture
    size, head = running_head(
        pack.title, fonts.face(), small, room, after=rest, smallest=preset.at_least(6.5)
    )
    c.setFont(fonts.face(), size)
    c.drawString(SAFE + 5 * mm, h - SAFE - 4 * mm, head)
    c.setFont(fonts.face(), small)
    c.drawRightString(w - SAFE - 5 * mm, SAFE + 1.5 * mm, f"page {n} of {total}")
    c.restoreState()


def write(
    pack: Pack,
    p: Plan,
    fonts: Fonts,
    target: str | IO[bytes],
    on_page: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    pictures: Pictures | None = None,
) -> int:
    """Draw the planned pages into `target` (a path or file object); returns the page count.
    `on_page(done, total)` is told after each page (for a progress bar). With `jobs` > 1 a big
    pack's pages are drawn on that many cores (parallel.py), the file the same byte for byte."""
    from studypack.pdf import parallel
    from studypack.reportlab_fast import foresee, new_canvas, replay, show_page

    c = new_canvas(target)
    _metadata(c, pack)
    total = len(p.pages)
    by_page: dict[int, list[tuple[str, int]]] = {}
    for i, title, level in p.bookmarks:
        by_page.setdefault(i, []).append((title, level))
    n_cover = p.cover_pages

    def draw_one(canvas: Canvas, page: Page, i: int) -> None:
        """The page's own drawing, in whichever process draws it."""
        page.draw(canvas)
        if page.furniture and not page.elsewhere:  # a page drawn elsewhere came with its own
            furniture(canvas, pack, fonts, page.width, page.height, i + 1, total)

    all_pages: list[Page | None] = list(p.pages)
    p.pages.clear()
    if total >= parallel.MIN_PAGES:  # big enough to share: drawn the same way with any --jobs
        foresee()
    # Pages a layout's helper drew are already shared out: no second round of processes then.
    if parallel.worth_it(total, jobs) and not any(pg is not None and pg.elsewhere for pg in all_pages):
        order: Iterator[tuple[int, Page, PageCode | None]] = parallel.pages(
            all_pages, draw_one, jobs, pictures
        )
    else:
        order = ((i, page, None) for i, page in enumerate(all_pages) if page is not None)
    for i, page, code in order:
        c.setPageSize((page.width, page.height))
        for k, (title, level) in enumerate(by_page.get(i, [])):
            key = f"p{i}-{k}"
            c.bookmarkPage(key, fit="XYZ", top=page.height)
            c.addOutlineEntry(title, key, level=level, closed=level > 0)
        if code is None:
            draw_one(c, page, i)
        else:
            assert pictures is not None or not code[1]
            replay(c, code, pictures.define if pictures is not None else _no_form)
        # Pages leave the plan as they are drawn, so each page's layout data can go: a
        # 10,000-card deck peaks lower.
        all_pages[i] = None
        del page
        show_page(c)
        if on_page is not None:
            on_page(i + 1, total)
    _page_labels(c, n_cover)
    c.save()
    return total


def _no_form(c: Canvas, name: str) -> None:  # pragma: no cover - a page without pictures shows no form
    raise AssertionError(f"form {name} without pictures")


def _metadata(c: Canvas, pack: Pack) -> None:
    c.setTitle(pack.title)
    subject = " · ".join(
        t for t in ([pack.topics[0].subject] if pack.topics and pack.topics[0].subject else [])
        + [pack.term, f"Class {pack.klass}" if pack.klass else ""] if t
    )  # fmt: skip
    c.setSubject(subject)
    c.setAuthor(pack.teacher)
    c.setCreator(f"studypack {__version__}")
    c.setKeywords(", ".join(t.topic for t in pack.topics))


def _page_labels(c: Canvas, n_cover: int) -> None:
    """ "Cover" (or "Cover 1", "Cover 2"), then physical numbers, so a print dialog's "3-6" means
    the cover's 3-6."""
    if n_cover == 1:
        c.addPageLabel(0, prefix="Cover")
    elif n_cover > 1:
        c.addPageLabel(0, style="ARABIC", prefix="Cover ", start=1)
    if n_cover:
        c.addPageLabel(n_cover, style="ARABIC", start=n_cover + 1)
    else:
        c.addPageLabel(0, style="ARABIC", start=1)
