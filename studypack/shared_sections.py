"""A pack's sections laid out and drawn on two cores, the PDF byte for byte what one process makes.

A pack of several parts (the example has eleven) spends most of its build laying each part out and
drawing its pages, and no part's layout depends on another's. So when the build may use a second
core, the parent forks one helper as the sections' loop begins. The parent takes sections from the
front of the pack and the helper from the back, one at a time, until they meet (`_Claims`): however
long each section takes, both finish laying out at about the same time. The helper hands back what
assembly needs of each of its sections (its pages' sizes, roles, bookmarks, how the part is printed,
what to tell the teacher: `_skeleton`). The parent plans the pack with pages standing in for the
helper's, tells the helper where each of them falls (its number for the footer, and the total), and
the helper draws them, footers included, while the parent draws its own; the writer puts the
helper's pages into the document in order (`reportlab_fast.replay`).

Every pack that can be laid out this way has its characters' codes given before anything is drawn
(`reportlab_fast.foresee`), with one process or two, so its file does not depend on `--jobs` nor on
which process took which section. A section the helper could not lay out (an error in the notes,
say) is laid out again by the parent, which then meets the error itself, in pack order; a page the
helper could not hand back cleanly, or any section of a helper that died or was stopped, is laid
out and drawn by the parent: slower, never different.
"""

from __future__ import annotations

import mmap
import os
import select
import struct
import time
from collections.abc import Callable
from typing import Any

from studypack.layout_api.helpers import POLL, Helper, HelperGone
from studypack.layout_api.pages import Page, RenderContext, SectionPages
from studypack.model import Section

# More characters above ASCII than this (a pack in Chinese, say) and the pack is laid out in one
# process: each face of it would carry every character of the pack (see reportlab_fast).
MAX_FORESEEN = 400
CHUNK = 8  # pages the helper sends back at a time
# Layouts that may fork helpers of their own (a big deck of cards): a helper process cannot.
PARENT_ONLY = frozenset({"cards"})

Render = Callable[[Section], SectionPages]  # a section laid out as the build lays it out

# How the last shared build went: sections the helper laid out, its pages put into the document
# as it drew them, and pages drawn again here (for the tests and bench/).
last: dict[str, int] = {}

# What the helper works from, set in the parent just before it forks it.
_job: tuple[list[Section], Render, RenderContext, set[str], _Claims] | None = None


def eligible(sections: list[Section], foreseen: str) -> bool:
    """Whether these sections are laid out on two cores when the build may use them: three or more,
    two of which the helper may take, with few characters to give codes in advance, where processes
    fork. Not a question of `--jobs`: such a pack is drawn alike by one process."""
    from studypack.reportlab_fast import parallel_ok

    above_ascii = sum(1 for c in foreseen if ord(c) > 127)
    return (
        len(sections) >= 3 and len(shareable(sections)) >= 2 and above_ascii <= MAX_FORESEEN and parallel_ok()
    )


def shareable(sections: list[Section]) -> list[Section]:
    """The sections either process may take, in pack order (the helper takes them from the end)."""
    return [s for s in sections if s.layout not in PARENT_ONLY]


def start(sections: list[Section], render: Render, ctx: RenderContext) -> Shared:
    """Fork the helper, which takes sections from the back of `shareable(sections)`."""
    import sys

    global _job
    pool = shareable(sections)
    claims = _Claims(len(pool))
    last.clear()
    last.update(sections=0, replayed=0, redrawn=0)
    # The faces this process has now (none before ReportLab is first imported, which each process
    # then does for itself, the helper not waiting for the parent's import: a fifteenth of a build).
    pdfmetrics = sys.modules.get("reportlab.pdfbase.pdfmetrics")
    faces = set(pdfmetrics.getRegisteredFontNames()) if pdfmetrics is not None else set()
    _job = (pool, render, ctx, faces, claims)
    try:
        helper: Helper | None = Helper(_run)
    finally:
        _job = None  # the helper has its copy
    # What the parent will write with, imported now rather than once the pack is planned: the
    # helper meanwhile takes its first sections, so it takes a little more of the layout while the
    # parent, which also draws the cover and writes the file, ends up with less to draw.
    import reportlab.pdfgen.canvas  # noqa: F401

    import studypack.pdf.writer  # noqa: F401

    return Shared(pool, render, ctx, helper, claims)


class _Claims:
    """Which of the shareable sections each process lays out: the parent takes them from the front,
    the helper from the back, one at a time, until the two meet. Two numbers in memory both
    processes share (the next from the front, one past the last left from the back), changed only
    by the holder of a token: one byte in a pipe, taken by reading it and given back by writing it.
    The parent never waits for ever on the helper: it looks every POLL seconds whether the helper is
    still there, and once it is not, every section left is the parent's."""

    def __init__(self, n: int) -> None:
        self.mem = mmap.mmap(-1, 8)  # anonymous and shared: the forked helper sees the same bytes
        self.mem[:] = struct.pack("<ii", 0, n)
        self.r, self.w = os.pipe()
        os.set_blocking(self.r, False)  # both processes wait in select, never in read
        os.write(self.w, b".")

    def take_front(self, k: int, alive: Callable[[], bool]) -> bool:
        """In the parent: whether the k-th shareable section (the next from the front) is its own."""
        if not self._hold(alive):
            return True  # the helper is gone: everything left is the parent's
        try:
            front, back = struct.unpack("<ii", self.mem[:8])
            if front == k and front < back:
                self.mem[:8] = struct.pack("<ii", front + 1, back)
                return True
            return False
        finally:
            os.write(self.w, b".")

    def take_back(self) -> int | None:
        """In the helper: the next shareable section from the back, or None once the two have met."""
        self._hold(lambda: True)
        try:
            front, back = struct.unpack("<ii", self.mem[:8])
            if back <= front:
                return None
            self.mem[:8] = struct.pack("<ii", front, back - 1)
            return back - 1
        finally:
            os.write(self.w, b".")

    def _hold(self, alive: Callable[[], bool]) -> bool:
        while True:
            if select.select([self.r], [], [], POLL)[0]:
                try:
                    if os.read(self.r, 1):
                        return True
                except BlockingIOError:  # the other process took it first
                    continue
            if not alive():
                return False


class Shared:
    """The helper taking shareable sections from the back of the pack, and what it handed back."""

    def __init__(
        self, pool: list[Section], render: Render, ctx: RenderContext, helper: Helper | None, claims: _Claims
    ) -> None:
        self.pool, self.render, self.ctx, self.helper, self.claims = pool, render, ctx, helper, claims
        self._index = {s.name: k for k, s in enumerate(pool)}
        self._met = False  # the parent has met the helper: the rest of the pool is the helper's
        self._results: dict[str, tuple[SectionPages, float]] | None = None
        self._stand_ins: list[tuple[Section, Page]] = []  # in the order the helper draws them
        self._first: dict[str, int] = {}  # a section's first stand-in
        self._where: list[tuple[int, int]] = []  # each stand-in's page index in the pack, and the total
        self._local: dict[str, SectionPages] = {}  # sections laid out here after all

    def mine(self, section: Section) -> bool:
        """Whether the parent lays `section` out (asked in pack order): a section only it may take,
        or the next shareable one from the front before it meets the helper."""
        k = self._index.get(section.name)
        if k is None:
            return True
        if self._met:
            return False
        if self.claims.take_front(k, self._alive):
            return True
        self._met = True
        return False

    def stop(self) -> None:
        """The parent takes no more sections (it met an error: the build ends there or before)."""
        self._met = True

    def _alive(self) -> bool:
        if self.helper is None:
            return False
        try:
            self.helper.check()
        except HelperGone:
            self.helper = None
            return False
        return True

    def section(self, section: Section) -> tuple[SectionPages, float] | None:
        """The helper's layout of `section`, with pages standing in for those it draws, and the
        seconds it took; None when the parent must lay it out (the helper could not, or is gone)."""
        if self._results is None:
            self._results = self._gather()
        return self._results.get(section.name)

    def _gather(self) -> dict[str, tuple[SectionPages, float]]:
        from studypack.reportlab_fast import replay

        if self.helper is None:
            return {}
        try:
            answers, notes = self.helper.answer()
        except HelperGone:
            self.helper = None
            return {}
        self.ctx.pictures.merge(notes)  # what it learnt of the pictures it placed
        out = {}
        for s in self.pool:  # in pack order, as the helper draws them
            got = answers.get(s.name)
            if got is None:
                continue
            skeleton, seconds = got
            self._first[s.name] = len(self._stand_ins)
            pages = []
            for width, height, furniture, bookmarks, new_sheet, role in skeleton["pages"]:
                j = len(self._stand_ins)

                def draw(c: Any, j: int = j) -> None:
                    code = self._code(j)
                    if code is None:
                        self._draw_here(c, j)
                    else:
                        last["replayed"] += 1
                        replay(c, code, self.ctx.pictures.define)

                page = Page(width, height, draw, furniture, bookmarks, new_sheet, role, elsewhere=True)
                self._stand_ins.append((s, page))
                pages.append(page)
            n = skeleton["n_pages"]
            keys = tuple(pages[k] for k in skeleton["keys"])
            sp = SectionPages(tuple(pages[:n]), end_pages=tuple(pages[n:]), keys=keys, **skeleton["fields"])
            out[s.name] = (sp, seconds)
            last["sections"] += 1
        return out

    def planned(self, pages: list[Page]) -> None:
        """The pack is planned into `pages`: tell the helper where each of its pages falls, so it
        draws them (each with its page number) while this process draws its own."""
        index = {id(p): i for i, p in enumerate(pages)}
        self._where = [(index[id(page)], len(pages)) for _, page in self._stand_ins]
        if self.helper is None:
            return
        try:
            self.helper.ask(self._where)
            self.helper.stream()
        except HelperGone:
            self.helper = None

    def _code(self, j: int) -> Any:
        if self.helper is None:
            return None
        try:
            return self.helper.item(j)
        except HelperGone:
            self.helper = None
            return None

    def _draw_here(self, c: Any, j: int) -> None:
        """Stand-in j, which the helper did not hand back, drawn from this process's own layout of
        its section, footer included (the writer adds none to a page drawn elsewhere)."""
        from studypack.pdf.writer import furniture

        last["redrawn"] += 1
        section, _ = self._stand_ins[j]
        sp = self._local.get(section.name)
        if sp is None:
            sp = self._local[section.name] = self.render(section)
        page = (sp.pages + sp.end_pages)[j - self._first[section.name]]
        index, total = self._where[j]
        page.draw(c)
        if page.furniture:
            furniture(c, self.ctx.pack, self.ctx.fonts, page.width, page.height, index + 1, total)


def _skeleton(sp: SectionPages) -> dict[str, Any]:
    """What assembly reads of a laid-out section, without its drawing: each page's size, role,
    bookmarks and whether it has a footer, which are answer keys, how the part is printed and
    what to tell the teacher."""
    every = sp.pages + sp.end_pages
    at: dict[Page, int] = {}
    for k, p in enumerate(every):
        at.setdefault(p, k)  # a key page may be an equal copy of its page (bookmarks labelled anew)
    return {
        "pages": [(p.width, p.height, p.furniture, p.bookmarks, p.new_sheet, p.role) for p in every],
        "n_pages": len(sp.pages),
        "keys": [at[p] for p in sp.keys],  # KeyError for a key among no pages: laid out by the parent
        "fields": {
            "advice": sp.advice, "summary": sp.summary, "notices": sp.notices, "end_title": sp.end_title,
            "end_advice": sp.end_advice, "roster": sp.roster,
        },
    }  # fmt: skip


def _run(conn: Any) -> None:
    """In the helper: take sections from the back until the parent is met, lay each out, and answer
    with their skeletons; then draw their pages where the parent placed them, streaming each
    page's operators back."""
    assert _job is not None  # forked after the parent set it
    pool, render, ctx, parent_fonts, claims = _job
    laid: dict[int, SectionPages] = {}
    answers: dict[str, tuple[dict[str, Any], float] | None] = {}
    while (k := claims.take_back()) is not None:
        t = time.perf_counter()
        try:
            sp = render(pool[k])
            answers[pool[k].name] = (_skeleton(sp), time.perf_counter() - t)
            laid[k] = sp
        except Exception:  # noqa: BLE001 - the parent lays this section out itself, and meets it there
            answers[pool[k].name] = None
    conn.send((answers, ctx.pictures.notes()))
    from studypack.pdf.parallel import draw_captured  # only now: the answer is what the parent waits for
    from studypack.pdf.writer import furniture

    where = conn.recv()
    pages: list[Page | None] = [p for k in sorted(laid) for p in laid[k].pages + laid[k].end_pages]
    del laid

    def draw_one(c: Any, page: Page, j: int) -> None:
        index, total = where[j]
        page.draw(c)
        if page.furniture:
            furniture(c, ctx.pack, ctx.fonts, page.width, page.height, index + 1, total)

    for a in range(0, len(pages), CHUNK):
        chunk = [(j, p) for j, p in enumerate(pages[a : a + CHUNK], a) if p is not None]
        pages[a : a + CHUNK] = [None] * len(chunk)  # each page's layout goes once it is drawn
        codes = draw_captured(chunk, draw_one, ctx.pictures, parent_fonts)
        conn.send(codes if codes is not None else [None] * len(chunk))
