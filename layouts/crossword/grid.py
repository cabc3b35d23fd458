"""Building a crossword: words interlocked in a compact grid, and its squares numbered. Pure: no
drawing, so it is tested alone.

The classic greedy build, tried in several seeded orders: the longest word goes across first;
each next word goes where it crosses the most letters already placed, with the smallest grid
growth, never touching another word side by side (every run of two or more letters in the grid is
a word). Words that cross nothing yet are tried again once others are in. The grid may not grow
beyond the rows and columns the page holds at a readable square size. Of the tries, the one that
places the most words wins, then the most crossings, then the smallest area."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Literal, NamedTuple

Direction = Literal["across", "down"]
STEP = {"across": (0, 1), "down": (1, 0)}
DIRECTIONS: tuple[Direction, ...] = ("across", "down")
BIT = {"across": 1, "down": 2}
TRIES = 30  # orders tried; more gives denser grids slowly (a 20-word build stays well under 0.1 s)


class Placed(NamedTuple):
    """A word in the grid: its index among the words given, first square (row, col), direction."""

    word: int
    row: int
    col: int
    direction: Direction


class Crossword(NamedTuple):
    """A finished grid: its size, each word placed (moved so the grid starts at row 0, column 0),
    the numbers of the squares that start words, and the words that could not be placed."""

    rows: int
    cols: int
    placed: tuple[Placed, ...]
    numbers: dict[tuple[int, int], int]
    left_out: tuple[int, ...]

    def letters(self, words: Sequence[str]) -> dict[tuple[int, int], str]:
        """Square -> letter, for the key."""
        out = {}
        for p in self.placed:
            dr, dc = STEP[p.direction]
            for i, ch in enumerate(words[p.word]):
                out[(p.row + dr * i, p.col + dc * i)] = ch
        return out

    def number_of(self, p: Placed) -> int:
        return self.numbers[(p.row, p.col)]


class _Grid:
    """A grid under construction: letters by square, and which directions cross each square.

    Squares are kept in flat lists (one slot a square of a board padded on every side by the
    longest word) rather than dicts keyed by (row, column): `fits` looks at every square a word
    would take and at its neighbours, tens of thousands of times a build, and an index is several
    times cheaper than hashing a tuple."""

    def __init__(self, max_rows: int, max_cols: int, longest: int = 0) -> None:
        pad = max(max_rows, max_cols) + longest + 2  # a square any candidate looks at stays on the board
        self.width = 2 * pad + 1
        self.origin = pad * self.width + pad  # square (0, 0)
        self.cells: list[str | None] = [None] * (self.width * self.width)
        self.dirs: list[int] = [0] * (self.width * self.width)  # ACROSS | DOWN bits
        self.by_letter: dict[str, list[tuple[int, int]]] = {}
        self.placed: list[Placed] = []
        self.box = (0, 0, -1, -1)  # min row, min col, max row, max col
        self.max_rows, self.max_cols = max_rows, max_cols
        self.crossings = 0

    def fits(self, word: str, r: int, c: int, d: Direction) -> int:
        """How many letters the word would cross at (r, c) going d; -1 where it may not go."""
        dr, dc = STEP[d]
        n = len(word)
        cells, w = self.cells, self.width
        step = dr * w + dc  # the next square along the word
        side = dc * w + dr  # the square beside it
        at = self.origin + r * w + c
        if cells[at - step] is not None or cells[at + step * n] is not None:
            return -1  # it would run on into another word
        top, left, bottom, right = self.box
        if self.placed:
            top, left = min(top, r), min(left, c)
            bottom, right = max(bottom, r + dr * (n - 1)), max(right, c + dc * (n - 1))
            if bottom - top + 1 > self.max_rows or right - left + 1 > self.max_cols:
                return -1
        bit = BIT[d]
        dirs = self.dirs
        crossed = 0
        for ch in word:
            have = cells[at]
            if have is not None:
                if have != ch or dirs[at] & bit:
                    return -1
                crossed += 1
            elif cells[at + side] is not None or cells[at - side] is not None:
                return -1  # a new letter beside another word would make a stray two-letter run
            at += step
        return crossed

    def put(self, index: int, word: str, r: int, c: int, d: Direction, crossed: int) -> None:
        dr, dc = STEP[d]
        w, bit = self.width, BIT[d]
        for i, ch in enumerate(word):
            sq = (r + dr * i, c + dc * i)
            at = self.origin + sq[0] * w + sq[1]
            if self.cells[at] is None:
                self.cells[at] = ch
                self.by_letter.setdefault(ch, []).append(sq)
            self.dirs[at] |= bit
        end = (r + dr * (len(word) - 1), c + dc * (len(word) - 1))
        top, left, bottom, right = self.box if self.placed else (r, c, r, c)
        self.box = (min(top, r), min(left, c), max(bottom, end[0]), max(right, end[1]))
        self.placed.append(Placed(index, r, c, d))
        self.crossings += crossed

    def best_spot(self, word: str) -> tuple[int, int, Direction, int] | None:
        """Where the word crosses most, growing the grid least (ties: the first found, in a fixed order)."""
        best: tuple[int, int, Direction, int] | None = None
        best_score = None
        top, left, bottom, right = self.box
        dirs, w, origin = self.dirs, self.width, self.origin
        for i, ch in enumerate(word):
            for sr, sc in self.by_letter.get(ch, ()):
                taken = dirs[origin + sr * w + sc]
                for d in DIRECTIONS:
                    if taken & BIT[d]:
                        continue  # the word there already runs this way: `fits` would refuse it
                    dr, dc = STEP[d]
                    r, c = sr - dr * i, sc - dc * i
                    crossed = self.fits(word, r, c, d)
                    if crossed <= 0:
                        continue
                    h = max(bottom, r + dr * (len(word) - 1)) - min(top, r) + 1
                    w_ = max(right, c + dc * (len(word) - 1)) - min(left, c) + 1
                    # squarish and small: a grid that fits the page beside its clues
                    score = (crossed, -(h * w_) - abs(h - w_) * 2)
                    if best_score is None or score > best_score:
                        best, best_score = (r, c, d, crossed), score
        return best


def _try(words: Sequence[str], order: list[int], max_rows: int, max_cols: int) -> _Grid:
    g = _Grid(max_rows, max_cols, max((len(w) for w in words), default=0))
    waiting = []
    for i in order:
        w = words[i]
        if not g.placed:
            if len(w) <= max_cols:
                g.put(i, w, 0, 0, "across", 0)
            elif len(w) <= max_rows:
                g.put(i, w, 0, 0, "down", 0)
            else:
                waiting.append(i)
            continue
        spot = g.best_spot(w)
        if spot is None:
            waiting.append(i)
        else:
            g.put(i, w, *spot)
    progress = True
    while waiting and progress:  # words that crossed nothing at first may cross later ones
        progress = False
        for i in list(waiting):
            spot = g.best_spot(words[i])
            if spot is not None:
                g.put(i, words[i], *spot)
                waiting.remove(i)
                progress = True
    return g


def build(words: Sequence[str], seed: int, max_rows: int, max_cols: int, salt: str = "") -> Crossword:
    """The best of several seeded tries at interlocking `words` (capital letters, no spaces) within
    max_rows x max_cols squares."""
    rng = random.Random(f"studypack-crossword-{salt}-{seed}")
    by_length = sorted(range(len(words)), key=lambda i: (-len(words[i]), words[i]))
    best: _Grid | None = None
    best_key = None
    for t in range(TRIES):
        if t == 0:
            order = by_length
        else:  # long words first, loosely: they give the short ones most to cross
            order = sorted(by_length, key=lambda i: -len(words[i]) * rng.uniform(0.5, 1.5))
        g = _try(words, order, max_rows, max_cols)
        top, left, bottom, right = g.box
        area = (bottom - top + 1) * (right - left + 1)
        key = (len(g.placed), -area + 6 * g.crossings)
        if best_key is None or key > best_key:
            best, best_key = g, key
        if len(g.placed) == len(words) and t >= TRIES // 2:
            break
    assert best is not None
    return finish(best, len(words))


def finish(g: _Grid, n_words: int) -> Crossword:
    """The grid moved to start at (0, 0), its word starts numbered in reading order."""
    if not g.placed:
        return Crossword(0, 0, (), {}, tuple(range(n_words)))
    top, left, bottom, right = g.box
    placed = tuple(p._replace(row=p.row - top, col=p.col - left) for p in g.placed)
    starts = sorted({(p.row, p.col) for p in placed})
    numbers = {sq: k + 1 for k, sq in enumerate(starts)}
    done = {p.word for p in placed}
    return Crossword(
        bottom - top + 1, right - left + 1, placed, numbers, tuple(i for i in range(n_words) if i not in done)
    )


def runs(letters: dict[tuple[int, int], str]) -> list[tuple[int, int, Direction, str]]:
    """Every run of two or more letters across and down in a filled grid, for checks: a good grid's
    runs are exactly its words."""
    out: list[tuple[int, int, Direction, str]] = []
    for d in ("across", "down"):
        dr, dc = STEP[d]
        for r, c in sorted(letters):
            if (r - dr, c - dc) in letters:
                continue
            word, k = "", 0
            while (r + dr * k, c + dc * k) in letters:
                word += letters[(r + dr * k, c + dc * k)]
                k += 1
            if len(word) >= 2:
                out.append((r, c, d, word))
    return out
