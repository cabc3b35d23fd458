"""Building a word search: words hidden in a square grid in the chosen directions, the other squares
filled with letters of the words' own alphabet. Pure: no drawing, so it is tested alone.

Longest words first, each at a seeded random place and direction where its letters fit (crossing
another word only where the letters agree, and never lying along another word in the same line).
When a word finds no place the whole grid is tried again with the next seed, up to TRIES times;
then the words still without a place are reported. Filler letters are drawn from the letters of
the words themselves (as often as they occur there), so a grid of Spanish, Greek or Cyrillic words
is filled in its own script and no letter stands out as belonging to the hidden words alone."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Literal, NamedTuple

Directions = Literal["easy", "medium", "hard"]
# (row step, column step): easy reads across and down; medium adds the two forward diagonals;
# hard adds every direction read backwards
EASY = ((0, 1), (1, 0))
MEDIUM = (*EASY, (1, 1), (-1, 1))
HARD = (*MEDIUM, (0, -1), (-1, 0), (-1, -1), (1, -1))
STEPS = {"easy": EASY, "medium": MEDIUM, "hard": HARD}
TRIES = 30
FILLS = 200  # filler letters redrawn, at most, so that no word reads twice
RANDOM_SPOTS = 300  # random places tried for a word before every place is tried in turn


class Hidden(NamedTuple):
    """A word in the grid: its index among the words given, first square, and step (dr, dc)."""

    word: int
    row: int
    col: int
    dr: int
    dc: int

    def squares(self, length: int) -> list[tuple[int, int]]:
        return [(self.row + self.dr * i, self.col + self.dc * i) for i in range(length)]


class WordSearch(NamedTuple):
    """A finished grid: its rows of letters, the hidden words, and those that found no place."""

    size: int
    rows: tuple[str, ...]
    hidden: tuple[Hidden, ...]
    left_out: tuple[int, ...]


def _spots(word: str, n: int, steps: Sequence[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Every (row, col, dr, dc) where the word lies inside an n x n grid."""
    out = []
    k = len(word) - 1
    for dr, dc in steps:
        for r in range(n):
            for c in range(n):
                if 0 <= r + dr * k < n and 0 <= c + dc * k < n:
                    out.append((r, c, dr, dc))
    return out


def _fits(word: str, spot: tuple[int, int, int, int], cells: dict, lines: dict) -> bool:
    r, c, dr, dc = spot
    for i, ch in enumerate(word):
        sq = (r + dr * i, c + dc * i)
        have = cells.get(sq)
        if have is not None and (have != ch or (abs(dr), abs(dc), dr * dc) in lines[sq]):
            return False  # a different letter, or along a word of the same line
    return True


def _place_all(
    words: Sequence[str], n: int, steps: Sequence[tuple[int, int]], rng: random.Random
) -> tuple[list[Hidden], list[int], dict]:
    cells: dict[tuple[int, int], str] = {}
    lines: dict[tuple[int, int], set] = {}
    hidden, missing = [], []
    for i in sorted(range(len(words)), key=lambda i: (-len(words[i]), words[i])):
        w = words[i]
        k = len(w) - 1
        found = None
        for _ in range(RANDOM_SPOTS):
            dr, dc = rng.choice(steps)
            r, c = rng.randrange(n), rng.randrange(n)
            if 0 <= r + dr * k < n and 0 <= c + dc * k < n and _fits(w, (r, c, dr, dc), cells, lines):
                found = (r, c, dr, dc)
                break
        if found is None:
            spots = [s for s in _spots(w, n, steps) if _fits(w, s, cells, lines)]
            found = rng.choice(spots) if spots else None
        if found is None:
            missing.append(i)
            continue
        r, c, dr, dc = found
        for j, ch in enumerate(w):
            sq = (r + dr * j, c + dc * j)
            cells[sq] = ch
            lines.setdefault(sq, set()).add((abs(dr), abs(dc), dr * dc))
        hidden.append(Hidden(i, r, c, dr, dc))
    return hidden, missing, cells


def build(words: Sequence[str], size: int, directions: Directions, seed: int, salt: str = "") -> WordSearch:
    """`words` (capital letters, no spaces) hidden in a size x size grid, filled from their letters."""
    steps = STEPS[directions]
    best = None
    for t in range(TRIES):
        rng = random.Random(f"studypack-wordsearch-{salt}-{seed}-{t}")
        hidden, missing, cells = _place_all(words, size, steps, rng)
        if best is None or len(missing) < len(best[1]):
            best = (hidden, missing, cells, rng)
        if not missing:
            break
    assert best is not None
    hidden, missing, cells, rng = best
    pool = "".join(words) or "A"
    grid = [[cells.get((r, c)) or rng.choice(pool) for c in range(size)] for r in range(size)]
    _respell(grid, [words[h.word] for h in hidden], cells, pool, rng)
    rows = tuple("".join(row) for row in grid)
    order = sorted(hidden, key=lambda h: h.word)
    return WordSearch(size, rows, tuple(order), tuple(sorted(missing)))


def _lines(n: int) -> list[list[tuple[int, int]]]:
    """The squares of every row, column and diagonal of an n x n grid, in reading order."""
    out = [[(r, c) for c in range(n)] for r in range(n)]
    out += [[(r, c) for r in range(n)] for c in range(n)]
    for k in range(-n + 1, n):
        out.append([(r, r - k) for r in range(n) if 0 <= r - k < n])
        out.append([(r, n - 1 - r - k) for r in range(n) if 0 <= n - 1 - r - k < n])
    return [line for line in out if len(line) >= 2]


def _respell(grid: list[list[str]], words: list[str], cells: dict, pool: str, rng: random.Random) -> None:
    """Redraw filler letters until no word reads through a filler square: a word the filler spells
    again would give a pupil two answers (where hidden words contain or mirror each other, those
    readings stay: they are the words' own). Each round redraws one filler square of every stray
    reading, found with a string search along each line, both ways."""
    lines = _lines(len(grid))
    targets = sorted({t for w in words for t in (w, w[::-1])})
    for _ in range(FILLS):
        stray: set[tuple[int, int]] = set()
        for line in lines:
            text = "".join(grid[r][c] for r, c in line)
            for t in targets:
                i = text.find(t)
                while i >= 0:
                    filler = [sq for sq in line[i : i + len(t)] if sq not in cells]
                    if filler:
                        stray.add(rng.choice(filler))
                    i = text.find(t, i + 1)
        if not stray:
            return
        for r, c in sorted(stray):
            grid[r][c] = rng.choice(pool)


def default_size(words: Sequence[str], directions: Directions) -> int:
    """A grid a little roomier than the longest word, and big enough that the words take about half
    its squares (fewer crossings to find them by), at least 10 a side."""
    longest = max((len(w) for w in words), default=0)
    letters = sum(len(w) for w in words)
    spread = int((letters * (2.2 if directions == "easy" else 1.8)) ** 0.5 + 0.999)
    return max(10, longest + 1, spread)


def find(rows: Sequence[str], word: str, steps: Sequence[tuple[int, int]] = HARD) -> list[Hidden]:
    """Every place `word` reads in the grid in the given directions (for checks)."""
    n = len(rows)
    out = []
    for r, c, dr, dc in _spots(word, n, steps):
        if all(rows[r + dr * i][c + dc * i] == ch for i, ch in enumerate(word)):
            out.append(Hidden(-1, r, c, dr, dc))
    return out
