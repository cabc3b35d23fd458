"""Drawing a big pack's pages on every core, the PDF byte for byte what one process writes.

The parent lays the pack out, then forks workers that share its laid-out pages (no copying, no
pickling of drawing code). The parent draws the first share of the pages straight onto the real
canvas while each worker draws later ranges onto a throwaway canvas and hands back each page's
operators; the parent then puts those pages into the document in order, as if it had drawn them
(`reportlab_fast.replay`). Character codes, fonts and pictures come into the document in the same
order either way (see `reportlab_fast.preassigned`), and a range a worker could not draw cleanly
(a character nobody foresaw, say) is simply drawn again by the parent, so the output never depends
on the number of processes. Only the drawing is shared out: compressing and writing the file stay
in the parent.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from studypack.layout_api.pages import Page
from studypack.pictures import Pictures
from studypack.reportlab_fast import PageCode

# Below this many pages forking the workers and handing pages back cost more than the second core
# saves (bench/, whole builds, one process against two: worksheets for 8 pupils, 80 pages, 0.304 s
# vs 0.306 s; for 15 pupils, 146 pages, 0.352 s vs 0.373 s; for 30 pupils, 262 pages, 0.478 s vs
# 0.430 s). Decks of cards share out their work from 200 cards (layouts/cards/shared.py).
MIN_PAGES = 160
RANGE = 32  # pages a worker draws per task: results stream back while it draws the next range
# The parent's share, of an equal one: a worker draws a page about a third slower (copy-on-write
# faults as it touches the shared layout) and replaying a page costs the parent little (bench/:
# 10,000 cards 4.57 s at 1.1, 4.8 s at 0.85 and at 1.3).
MAIN_SHARE = 1.1

DrawOne = Callable[[Any, Page, int], None]

# How the last parallel write went, in pages: the parent's own share, those drawn by workers and
# replayed, those a worker handed back for the parent to draw (for the tests and bench/).
last: dict[str, int] = {}

# What the workers draw from, set in the parent just before it forks them.
_job: tuple[list[Page | None], DrawOne, Pictures | None] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def worth_it(n_pages: int, jobs: int) -> bool:
    from studypack.reportlab_fast import parallel_ok

    return jobs > 1 and n_pages >= MIN_PAGES and parallel_ok()


def _draw_range(bounds: tuple[int, int]) -> list[PageCode] | None:
    """In a worker: pages lo..hi-1 (see `draw_captured`)."""
    assert _job is not None
    pages, draw_one, pictures = _job
    lo, hi = bounds
    todo = []
    for i in range(lo, hi):
        page = pages[i]
        assert page is not None  # forked before the parent drew anything
        todo.append((i, page))
    return draw_captured(todo, draw_one, pictures)


def draw_captured(
    pages: list[tuple[int, Page]],
    draw_one: DrawOne,
    pictures: Pictures | None,
    parent_fonts: set[str] | None = None,
) -> list[PageCode] | None:
    """In a worker or helper process: the pages (with their numbers in the pack) drawn on a canvas
    of their own, each handed back as its operators; None if any of them cannot be replayed (the
    parent draws them itself). `parent_fonts`: the faces the parent has (default: those this
    process has now, for a process forked just before)."""
    from studypack.reportlab_fast import Capture

    if pictures is not None:
        pictures.stand_ins = True  # this process's forms are thrown away: the parent makes its own
    cap = Capture(frozenset(pictures.form_names()) if pictures is not None else frozenset(), parent_fonts)
    try:
        out = []
        for i, page in pages:
            cap.canvas.setPageSize((page.width, page.height))
            draw_one(cap.canvas, page, i)
            code = cap.take()
            if code is None:
                return None
            out.append(code)
        return out if cap.clean() else None
    finally:
        cap.close()


def pages(
    all_pages: list[Page | None], draw_one: DrawOne, jobs: int, pictures: Pictures | None
) -> Iterator[tuple[int, Page, PageCode | None]]:
    """Each page in order with its drawing done elsewhere, or None where the caller must draw it
    (the parent's own share, any range a worker gave back, and every range of a worker that died
    or was stopped: see `layout_api.helpers`)."""
    from studypack.layout_api.helpers import Helper, HelperGone

    global _job
    n = len(all_pages)
    first = min(n, int(n / jobs * MAIN_SHARE))
    ranges = [(lo, min(n, lo + RANGE)) for lo in range(first, n, RANGE)]
    _job = (all_pages, draw_one, pictures)
    last.clear()
    last.update(parent=first, replayed=0, handed_back=0)
    k = jobs - 1  # ranges are dealt out in turn: worker w draws ranges w, w + k, w + 2k, ...
    workers = [Helper(_worker(ranges[w::k])) for w in range(k)]
    _job = None  # the workers have their copy; the parent keeps no second reference
    try:
        for h in workers:
            h.stream()
        for i in range(first):
            yield i, _page(all_pages, i), None
        for r, (lo, hi) in enumerate(ranges):
            try:
                codes = workers[r % k].item(r // k)
            except HelperGone:
                codes = None
            last["replayed" if codes is not None else "handed_back"] += hi - lo
            for j, i in enumerate(range(lo, hi)):
                yield i, _page(all_pages, i), codes[j] if codes is not None else None
    finally:
        for h in workers:
            h.close()


def _worker(mine: list[tuple[int, int]]) -> Callable[[Any], None]:
    def run(conn: Any) -> None:
        for bounds in mine:
            conn.send([_draw_range(bounds)])

    return run


def _page(pages: list[Page | None], i: int) -> Page:
    page = pages[i]
    assert page is not None  # the caller lets a page go only once it is drawn
    return page
