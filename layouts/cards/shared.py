"""A big deck fitted and drawn on every core, the PDF the same byte for byte as one process makes.

Fitting a card's text (the largest size that fits, continuations) and drawing it are most of a big
deck's build, and each card's fit depends only on the card. So the parent forks helpers that share
the laid-out pack, each fitting a later part of the deck while the parent fits the first. They tell
the parent how many physical cards each of their cards became; the parent numbers the whole deck
("3 of 18" counts continuations) and tells each helper which sheets are its own and each topic's
count. A helper then draws its sheets on a throwaway canvas and streams back each page's operators,
which the writer puts into the document in order (`reportlab_fast.replay`), as for pages drawn by
the writer's own workers (`pdf/parallel.py`).

A sheet is drawn whole by one process. Where the parent's part ends in the middle of a sheet, the
next helper draws that sheet: it also fits the `per_sheet` cards before its part, so it has every
card that sheet can hold. Anything going wrong in a helper, or a page it could not hand back
cleanly, makes the parent fit and draw that part itself: slower, never different.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studypack.layout_api.helpers import Helper, HelperGone
from studypack.layout_api.pages import Page, RenderContext
from studypack.layout_api.styles import mm
from studypack.model import Pack, Topic

if TYPE_CHECKING:
    from studypack.layouts.cards.grid import FoldGrid, Grid
    from studypack.layouts.cards.options import CardsOptions
    from studypack.layouts.cards.render import Item, PhysCard, _Fitter

    from studypack.layout_api.pages import PrintAdvice

# Below this many cards a helper costs more than it saves (bench/, whole builds of A7 duplex
# decks, one process against two: 100 cards 0.226 s vs 0.240 s; 300 cards 0.310 s vs 0.281 s;
# 1,000 cards 0.667 s vs 0.525 s).
MIN_CARDS = 200
CHUNK = 16  # pages a helper sends back at a time

# How the last shared deck went, in pages drawn by helpers: put into the document as they drew
# them, or drawn again here (for the tests and bench/).
last: dict[str, int] = {}

# What the helpers work from, set in the parent just before it forks them.
_deck: Any = None


class Deck:
    """A cards section as laid out by several processes (`lay_out`)."""

    def __init__(
        self, pack: Pack, o: CardsOptions, grid: Grid, folds: FoldGrid | None, advice: PrintAdvice,
        ctx: RenderContext, items: list[Item], make_fitter: Any,
    ) -> None:  # fmt: skip
        self.pack, self.o, self.grid, self.folds, self.advice, self.ctx = pack, o, grid, folds, advice, ctx
        self.items, self.make_fitter = items, make_fitter
        self.per = grid.per_sheet
        self.pages_per_sheet = 2 if o.sides.startswith("duplex") else 1


def worth_it(n_items: int, jobs: int) -> bool:
    from studypack.reportlab_fast import parallel_ok

    return jobs > 1 and n_items >= MIN_CARDS and parallel_ok()


def lay_out(deck: Deck) -> tuple[list[Page], list[str], int] | None:
    """The section's pages (the helpers' as pages drawn elsewhere), the notes on cards set small or
    continued, and the number of cards; None if the helpers failed before the pages were planned
    (the caller then lays the deck out in this process)."""
    from reportlab.pdfbase.pdfmetrics import getRegisteredFontNames
    from studypack.layouts.cards.render import fit_items

    global _deck
    last.clear()
    last.update(replayed=0, redrawn=0)
    n = len(deck.items)
    jobs = min(deck.ctx.jobs, max(1, n // (MIN_CARDS // 2)))
    # equal parts: a helper fits and draws a little slower (copy-on-write faults), but the parent
    # also replays the helpers' pages and writes the file (bench/: 10,000 cards 3.4 s with equal
    # parts, 3.4-3.9 s with the parent taking 10-20% less)
    bounds = [n * k // jobs for k in range(jobs + 1)]
    _deck = (deck, bounds, set(getRegisteredFontNames()))
    helpers = [Helper(_helper_for(k)) for k in range(1, jobs)]
    _deck = None  # the helpers have their copy
    try:
        fitter = deck.make_fitter()
        mine = fit_items(fitter, deck.items[: bounds[1]])
        counts = [len(pcs) for pcs in mine]
        shrunk = list(fitter.shrunk)
        for k, h in enumerate(helpers, 1):
            theirs, notes, pictures = h.answer()
            counts += theirs[bounds[k] - _start(bounds, k, deck.per) :]
            shrunk += notes
            deck.ctx.pictures.merge(pictures)
        plan = _Numbering(deck, counts)
        sheets = [plan.first_sheet(bounds[k]) if k else 0 for k in range(jobs)] + [plan.n_sheets]
        for k, h in enumerate(helpers, 1):
            lo, hi = sheets[k], max(sheets[k], sheets[k + 1])
            skip = lo * deck.per - plan.starts[_start(bounds, k, deck.per)]
            h.ask((lo, hi, skip, plan.totals, plan.firsts))
            h.stream()
    except HelperGone:
        for h in helpers:
            h.close()
        return None
    pages = _own_pages(deck, plan, mine, sheets[1])
    for k, h in enumerate(helpers, 1):
        pages += _their_pages(deck, plan, h, k, sheets[k], max(sheets[k], sheets[k + 1]))
    return pages, shrunk, plan.total


def _start(bounds: list[int], k: int, per: int) -> int:
    """The first card helper k fits: a sheet's worth before its part, for the sheet it may share."""
    return max(0, bounds[k] - per)


class _Numbering:
    """Where each card falls in the deck, from how many physical cards each item became."""

    def __init__(self, deck: Deck, counts: list[int]) -> None:
        self.deck = deck
        self.starts = [0]
        for c in counts:
            self.starts.append(self.starts[-1] + c)
        self.total = self.starts[-1]
        self.totals: dict[int, int] = {}
        self.firsts: dict[int, int] = {}
        self.topics: list[Topic] = []
        for (topic, ti, *_), c, s in zip(deck.items, counts, self.starts, strict=False):
            self.totals[ti] = self.totals.get(ti, 0) + c
            self.firsts.setdefault(ti, s)
            self.topics += [topic] * c
        self.n_sheets = -(-self.total // deck.per)

    def first_sheet(self, item: int) -> int:
        """The first sheet a helper whose part starts at `item` draws: the one holding that item's
        first card unless the previous part fills it exactly."""
        return self.starts[item] // self.deck.per


def number(cards: list[PhysCard], first: int, totals: dict[int, int], firsts: dict[int, int]) -> None:
    """Number cards that start at the deck's card `first` within their topics."""
    for i, pc in enumerate(cards, first):
        pc.number, pc.total = i - firsts[pc.topic_index] + 1, totals[pc.topic_index]


def _own_pages(deck: Deck, plan: _Numbering, mine: list[list[PhysCard]], end_sheet: int) -> list[Page]:
    from studypack.layouts.cards.render import _sheets

    cards = [pc for pcs in mine for pc in pcs][: end_sheet * deck.per]
    number(cards, 0, plan.totals, plan.firsts)
    return _sheets(
        deck.pack, deck.o, deck.grid, deck.folds, cards, deck.advice, deck.ctx.fonts, deck.ctx.pictures
    )


def _their_pages(deck: Deck, plan: _Numbering, helper: Helper, k: int, lo: int, hi: int) -> list[Page]:
    """Pages for sheets lo..hi-1, which helper k draws; each puts the helper's page into the
    document, or draws the page here if the helper could not hand it back."""
    from studypack.layouts.cards.render import topic_marks

    from studypack.reportlab_fast import replay

    W, H = (x * mm for x in deck.pack.paper.value)
    fallback: list[list[Page]] = []

    def local(j: int) -> Page:
        if not fallback:
            fallback.append(_local_pages(deck, plan, k, lo, hi))
        return fallback[0][j]

    pages = []
    for j in range((hi - lo) * deck.pages_per_sheet):
        sheet, back = divmod(j, deck.pages_per_sheet)
        marks = () if back else topic_marks(plan.topics, (lo + sheet) * deck.per, deck.per)

        def draw(c: Any, j: int = j) -> None:
            try:
                code = helper.item(j)
            except HelperGone:
                code = None
            if code is None:
                last["redrawn"] += 1
                local(j).draw(c)
            else:
                last["replayed"] += 1
                replay(c, code, deck.ctx.pictures.define)

        pages.append(Page(W, H, draw, furniture=False, bookmarks=marks, elsewhere=True))
    return pages


def _local_pages(deck: Deck, plan: _Numbering, k: int, lo: int, hi: int) -> list[Page]:
    """Helper k's sheets laid out here (it failed, or met a character nobody foresaw)."""
    from studypack.layouts.cards.render import _sheets, fit_items

    first = 0
    while first < len(deck.items) and plan.starts[first + 1] <= lo * deck.per:
        first += 1
    last = first
    while last < len(deck.items) and plan.starts[last] < hi * deck.per:
        last += 1
    cards = [pc for pcs in fit_items(deck.make_fitter(), deck.items[first:last]) for pc in pcs]
    cards = cards[lo * deck.per - plan.starts[first] :][: (hi - lo) * deck.per]
    number(cards, lo * deck.per, plan.totals, plan.firsts)
    return _sheets(
        deck.pack, deck.o, deck.grid, deck.folds, cards, deck.advice, deck.ctx.fonts, deck.ctx.pictures,
        first=lo * deck.per,
    )  # fmt: skip


def _helper_for(k: int) -> Any:
    def run(conn: Any) -> None:
        from studypack.layouts.cards.render import _sheets, fit_items

        from studypack.pdf.parallel import draw_captured

        assert _deck is not None  # forked after the parent set it
        deck, bounds, parent_fonts = _deck
        fitter: _Fitter = deck.make_fitter()
        start = _start(bounds, k, deck.per)
        fitted = fit_items(fitter, deck.items[start : bounds[k]])
        before = len(fitter.shrunk)  # notes on the shared sheet's cards are the previous part's
        fitted += fit_items(fitter, deck.items[bounds[k] : bounds[k + 1]])
        conn.send(([len(pcs) for pcs in fitted], fitter.shrunk[before:], deck.ctx.pictures.notes()))
        lo, hi, skip, totals, firsts = conn.recv()
        cards = [pc for pcs in fitted for pc in pcs][skip:][: (hi - lo) * deck.per]
        number(cards, lo * deck.per, totals, firsts)
        pages = _sheets(
            deck.pack, deck.o, deck.grid, deck.folds, cards, deck.advice, deck.ctx.fonts, deck.ctx.pictures,
            first=lo * deck.per,
        )  # fmt: skip
        del fitted, cards  # the pages hold what they draw, and let it go as they are drawn
        for a in range(0, len(pages), CHUNK):
            chunk = list(enumerate(pages[a : a + CHUNK], a))
            pages[a : a + CHUNK] = [None] * len(chunk)
            codes = draw_captured(chunk, lambda c, page, i: page.draw(c), deck.ctx.pictures, parent_fonts)
            conn.send(codes if codes is not None else [None] * len(chunk))

    return run
