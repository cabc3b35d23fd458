"""A word search worksheet: the key terms hidden in a square of capital letters, in the directions
asked (`directions: easy|medium|hard`), the other squares filled with letters of the terms' own
alphabet; the word list below it, each word with a box to tick. A term of several words is hidden
without its spaces, hyphens and apostrophes. The key rings every word with an outline that follows
its direction and greys the filler letters, so it reads in greyscale.

The grid is sized for the longest term (or `size`), its letters 13 pt in squares of about 8 mm
(larger in large print), centred inside the sheet's margins. One word search per group (subject
by default), each version with its own grid; a term the grid cannot take is named in a notice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studypack.layouts.wordsearch import grid as ws
from studypack.layouts.wordsearch.options import WordsearchOptions
from studypack.layouts.worksheet.flow import (
    SIDE,
    Block,
    lay,
    pages,
    shuffled,
    text_size,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import Sheet, Sizes, header_height, version_letter
from studypack.layouts.worksheet.groups import group_topics
from studypack.layouts.worksheet.puzzle import (
    Entry,
    group_title,
    hand_out_groups,
    key_term_entries,
    unique_entries,
)

from studypack.layout_api import options as o
from studypack.layout_api.pages import Canvas, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, mm
from studypack.model import Pack, Section
from studypack.text.fit import width1
from studypack.text.fonts import Fonts
from studypack.text.markup import plain
from studypack.wording import plural

LIST_ROOM = 40 * mm  # kept below the grid on the first page for the word list to begin
GAP = 5 * mm
TICK = 3.2 * mm  # the box to tick beside each word
FILLER_GREY = 0.6  # the key's filler letters: lighter than the words, still legible
CELL = 1.75  # a square's side, against its letter's size
SMALLEST = 11.0  # letters shrink this far (pt) to keep the word list on the grid's side


def letter_size(z: Sizes, large: bool) -> float:
    """The grid's letters: 13 pt, and larger than the sheet's text in large print."""
    return max(13.0, z.text * 1.15, 16.0 if large else 0.0)


def grid_block(puzzle: ws.WordSearch, words: list[str], size: float, cell: float, fonts: Fonts) -> Block:
    """The letters in a square, each centred in its (unruled) square inside a border; in the key,
    each word in an outline and the filler letters grey."""
    n = puzzle.size
    in_word = {sq for h in puzzle.hidden for sq in h.squares(len(words[h.word]))}

    def draw(c: Canvas, x: float, top: float, w: float, key: bool) -> None:
        left = x + (w - n * cell) / 2
        c.setLineWidth(1.0)
        c.rect(left, top - n * cell, n * cell, n * cell)
        c.setFont(fonts.face(), size)
        for r, row in enumerate(puzzle.rows):
            for col, ch in enumerate(row):
                grey = key and (r, col) not in in_word
                if grey:
                    c.setFillGray(FILLER_GREY)
                c.drawCentredString(left + (col + 0.5) * cell, top - (r + 0.5) * cell - size * 0.36, ch)
                if grey:
                    c.setFillGray(0)
        if key:
            c.setLineWidth(1.1)
            for h in puzzle.hidden:
                _ring(c, left, top, cell, h, len(words[h.word]))

    return Block(n * cell, draw, after=GAP)


def _ring(c: Canvas, left: float, top: float, cell: float, h: ws.Hidden, length: int) -> None:
    """An outline with round ends around a hidden word, along its direction."""
    x0 = left + (h.col + 0.5) * cell
    y0 = top - (h.row + 0.5) * cell
    step = math.hypot(h.dr, h.dc) * cell
    angle = math.degrees(math.atan2(-h.dr, h.dc))
    r = cell * 0.42
    c.saveState()
    c.translate(x0, y0)
    c.rotate(angle)
    c.roundRect(-r, -r, step * (length - 1) + 2 * r, 2 * r, r, stroke=1, fill=0)
    c.restoreState()


def list_blocks(entries: list[Entry], width: float, z: Sizes, fonts: Fonts) -> list[Block]:
    """'Find these words:' and the words in alphabetical order, down columns as wide as the longest
    allows, each with a box to tick; one block a row, so a long list flows over pages."""
    names = sorted((plain(e.term) for e in entries), key=lambda t: (t.casefold(), t))
    face = fonts.face()
    room = TICK + 2.5 * mm
    longest = max(width1(t, face) * z.text for t in names) + room + 4 * mm
    cols = max(1, min(4, int(width // longest)))
    col_w = width / cols
    per_col = -(-len(names) // cols)
    head_h = z.text * 1.8

    def head(c: Canvas, x: float, top: float, w: float, key: bool) -> None:
        c.setFont(fonts.face(bold=True), z.text * 1.1)
        c.drawString(x, top - z.text * 1.1, f"Find these {len(names)} words:")

    blocks = [Block(head_h, head)]
    for r in range(per_col):
        cells = [(k, lay(names[k * per_col + r], col_w - room - 2 * mm, z.text, fonts))
                 for k in range(cols) if k * per_col + r < len(names)]  # fmt: skip
        h = max(laid.height for _, laid in cells) + z.text * 0.45

        def draw(c: Canvas, x: float, top: float, w: float, key: bool, cells=cells) -> None:
            c.setLineWidth(0.7)
            for k, laid in cells:
                cx = x + k * col_w
                c.rect(cx, top - z.text * 0.95, TICK, TICK)
                laid.draw(c, cx + room, top, col_w - room - 2 * mm, fonts)

        blocks.append(Block(h, draw))
    return blocks


def grid_size(asked: int, words: list[str], directions: ws.Directions, most: int) -> tuple[int, str]:
    """Squares a side: `size` if asked, else fitted to the words; never less than the longest word
    nor more than the page holds. And what to tell the teacher when `size` could not be kept."""
    longest = max((len(w) for w in words), default=2)
    n = max(asked or ws.default_size(words, directions), longest)
    n = min(n, most)
    if asked and asked < n:
        return n, f"size {asked} is smaller than the longest word: {n} used"
    if asked and asked > n:
        return n, f"size {asked} is more squares than the page holds at this text size: {n} used"
    return n, ""


@dataclass(frozen=True)
class Page1:
    """What a word search's first page holds: its width, the height under the header, the normal
    square, the smallest it may shrink to, and the most squares a side."""

    width: float
    room: float
    cell: float
    least: float

    @property
    def most(self) -> int:
        return max(2, min(int(self.width // self.cell), int((self.room - LIST_ROOM) // self.cell)))


def make_grid(
    entries: list[Entry], opts: WordsearchOptions, group: int, version: int, page: Page1, z: Sizes, fonts: Fonts,
) -> tuple[list[Entry], ws.WordSearch, float, list[str]]:  # fmt: skip
    """This version's words (all, or `count` by the seed) hidden in a grid; the words it holds, the
    grid, its square size, and what to tell the teacher."""
    picked = shuffled(entries, opts.seed, f"wordsearch-pick-{group}-{version}")
    if opts.count:
        picked = picked[: opts.count]
    words = [e.letters for e in picked]
    n, why = grid_size(opts.size, words, opts.directions, page.most)
    notices = [why] if why else []
    puzzle = ws.build(words, n, opts.directions, opts.seed, f"{group}-{version}")
    notices += [f"no room for '{plain(picked[i].term)}' in a {n} x {n} grid: left out (a larger `size` makes "
                "room)" for i in puzzle.left_out]  # fmt: skip
    kept = set(range(len(picked))) - set(puzzle.left_out)
    shown = [e for i, e in enumerate(picked) if i in kept]
    # smaller squares (letters down to 11 pt; never in large print) where that brings the whole
    # word list onto the grid's side
    listed = sum(b.height + b.after for b in list_blocks(shown, page.width, z, fonts))
    fit = (page.room - GAP - listed - 1) / n
    return shown, _renumbered(puzzle, kept), max(page.least, min(page.cell, fit)), notices


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, WordsearchOptions)
    fonts = ctx.fonts
    z = text_size(opts.font_size, ctx)
    large = ctx.preset.name != "standard"
    cell = letter_size(z, large) * CELL
    pw, ph = (v * mm for v in pack.paper.value)
    width = pw - 2 * SIDE
    how = {"easy": "across and down", "medium": "across, down and diagonally",
           "hard": "across, down and diagonally, forwards or backwards"}[opts.directions]  # fmt: skip
    instruction = instruction_for(how)  # the longest it can be: the room is measured with it
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    groups, notices = [], []
    for g in group_topics(pack.topics_named(opts.topics), opts.group):
        entries, why = unique_entries(key_term_entries(g.topics))
        notices += why
        sheet = Sheet(
            group_title(opts.title, "Word search", g.label, pack.title, 2), letters[-1], instruction, 0, z
        )
        room = ph - 2 * FURNITURE_BAND - header_height(sheet, width, fonts)
        page = Page1(width, room, cell, cell if large else min(cell, SMALLEST * CELL))
        where = f"word search ({g.label})" if g.label else "word search"
        for e in entries:
            if len(e.letters) > page.most:
                notices.append(f"{where}: '{plain(e.term)}' has {len(e.letters)} letters, more than the "
                               f"{page.most} squares a side the page holds at this size: left out")  # fmt: skip
        entries = [e for e in entries if len(e.letters) <= page.most]
        if entries:
            groups.append((g.label, entries, page))
        elif g.label:
            notices.append(f"no word search for {g.label}: its topics have no key terms that fit a grid")
    if not groups:
        return SectionPages((), PrintAdvice("single", "per-student"), "no key terms",
                            tuple(notices) or ("no word search: no key terms in the chosen topics",))  # fmt: skip
    titles = [
        group_title(opts.title, "Word search", label, pack.title, len(groups)) for label, _, _ in groups
    ]
    made: dict[tuple[int, int], tuple[list[Entry], ws.WordSearch, float]] = {}
    for gi, (label, entries, page) in enumerate(groups):
        for v in range(opts.versions):
            shown, puzzle, square, said = make_grid(entries, opts, gi, v, page, z, fonts)
            made[(gi, v)] = (shown, puzzle, square)
            ver = f" (version {letters[v]})" if letters[v] else ""
            notices += [f"word search{f' ({label})' if label else ''}{ver}: {n}" for n in said]

    def pages_for(g: int, v: int, pupil: str, key: bool) -> list:
        entries, puzzle, square = made[(g, v)]
        sheet = Sheet(titles[g], letters[v], instruction_for(directions_used(puzzle)), len(entries), z,
                      key_note="Each word has an outline around it; the other letters are grey.")  # fmt: skip
        blocks = [grid_block(puzzle, [e.letters for e in entries], square / CELL, square, fonts)]
        blocks += list_blocks(entries, width, z, fonts)
        return pages(with_pupil(sheet, pupil, pack.klass), blocks, (pw, ph), fonts, key)

    handed = hand_out_groups([label for label, _, _ in groups], opts.versions, letters, pages_for,
                             opts.answer_key, ctx.students)  # fmt: skip
    words_n = sum(len(made[(g, 0)][0]) for g in range(len(groups)))
    summary = (f"{plural(len(groups), 'word search', 'word searches')} of {plural(words_n, 'word')}, "
               f"{opts.directions}, {plural(opts.versions, 'version')}")  # fmt: skip
    return worksheet_section(
        handed, summary, sorted(set(notices), key=notices.index), "Word search answer keys"
    )


def instruction_for(how: str) -> str:
    return (f"Find each word in the grid: they read {how}. Draw a ring around each one and tick "
            "its box. Words of more than one part are hidden without spaces or hyphens.")  # fmt: skip


def directions_used(puzzle: ws.WordSearch) -> str:
    """How this grid's words read, as the instruction says it: only the directions some word takes
    ('across and down' when the seed put no word on a diagonal, whatever `directions` allowed)."""
    steps = {(h.dr, h.dc) for h in puzzle.hidden}
    ways = [
        name
        for name, found in (
            ("across", any(dr == 0 for dr, _ in steps)),
            ("down", any(dc == 0 for _, dc in steps)),
            ("diagonally", any(dr and dc for dr, dc in steps)),
        )
        if found
    ]
    how = ", ".join(ways[:-1]) + f" and {ways[-1]}" if len(ways) > 1 else "".join(ways)
    backwards = any(dc < 0 or (dc == 0 and dr < 0) for dr, dc in steps)
    if backwards:
        how += (
            ", forwards or backwards"
            if any(dc > 0 or (dc == 0 and dr > 0) for dr, dc in steps)
            else ", backwards"
        )
    return how or "across and down"


def _renumbered(puzzle: ws.WordSearch, kept: set[int]) -> ws.WordSearch:
    """The puzzle with its hidden words numbered among the kept words only."""
    index = {old: new for new, old in enumerate(sorted(kept))}
    hidden = tuple(h._replace(word=index[h.word]) for h in puzzle.hidden)
    return puzzle._replace(hidden=hidden, left_out=())
