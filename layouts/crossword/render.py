"""A crossword worksheet: the key terms (and, with `questions: yes`, one- or two-word answers of
question cards) interlocked in a grid of numbered squares, the clues Across and Down below it in
two columns, each clue the definition (or question) with the answer's letter pattern. No answer
shows on the pupil's sheet: a clue's own answer words, and any other answer written out whole,
are blanked as ____. The key has the filled grid and each clue's answer.

Squares are 7 to 9 mm (larger in large print, so the numbers in them stay readable), as many as
the page holds beside the header; the grid is centred, inside the sheet's margins. One crossword
per group (subject by default), each version with its own grid; a word the grid cannot take is
named in a notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from studypack.layouts.crossword import grid as cw
from studypack.layouts.crossword.options import CrosswordOptions
from studypack.layouts.worksheet.flow import (
    SIDE,
    Block,
    Laid,
    lay,
    pages,
    shuffled,
    text_size,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import KEY_GREY, Sheet, Sizes, header_height, version_letter
from studypack.layouts.worksheet.groups import group_topics
from studypack.layouts.worksheet.puzzle import (
    HIDDEN,
    Entry,
    group_title,
    hand_out_groups,
    hide_answers,
    key_term_entries,
    pattern,
    short_answer_entries,
    unique_entries,
)

from studypack.layout_api import options as o
from studypack.layout_api.pages import Canvas, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, mm
from studypack.model import Pack, Section
from studypack.text.fonts import Fonts
from studypack.text.markup import plain
from studypack.wording import plural

MIN_CELL, MAX_CELL = 7 * mm, 9 * mm
CLUE_ROOM = 45 * mm  # kept below the largest grid on the first page, for the clues to begin
GAP = 5 * mm  # between the grid and the clues, and between the clue columns
NUM_W = 8 * mm  # a clue's number column
NAMES = {"across": "Across", "down": "Down"}
COLUMNS = ("Across", "Down")


@dataclass(frozen=True)
class Squares:
    """The grid's type: the smallest square, and the size of the numbers in the squares."""

    least: float
    number: float


def squares_for(z: Sizes, large: bool) -> Squares:
    """Numbers at 8 pt (12 in a large-print preset), in squares that leave room for a letter."""
    number = max(8.0, z.text * 0.8, 12.0 if large else 0.0)
    return Squares(max(MIN_CELL, number * 2.45), number)


@dataclass(frozen=True)
class Puzzle:
    """One version's crossword: the entries, the built grid, its square size and the clues."""

    entries: list[Entry]
    grid: cw.Crossword
    cell: float
    clues: list[str]


def make_puzzle(entries: list[Entry], opts: CrosswordOptions, version: int, group: int, room: tuple[float, float],
                sq: Squares) -> Puzzle:  # fmt: skip
    """This version's words (all, or `count` by the seed) built into a grid that fits `room`."""
    picked = shuffled(entries, opts.seed, f"crossword-pick-{group}-{version}")
    if opts.count:
        picked = picked[: opts.count]
    max_cols, max_rows = int(room[0] // sq.least), int(room[1] // sq.least)
    built = cw.build([e.letters for e in picked], opts.seed, max_rows, max_cols, f"{group}-{version}")
    cell = MAX_CELL if not built.placed else min(room[0] / built.cols, room[1] / built.rows)
    cell = max(sq.least, min(cell, max(MAX_CELL, sq.least)))
    return Puzzle(picked, built, cell, hide_answers(picked))


def grid_block(p: Puzzle, sq: Squares, fonts: Fonts) -> Block:
    """The squares, numbered, centred; in the key, each square's letter."""
    g, cell = p.grid, p.cell
    letters = g.letters([e.letters for e in p.entries])
    h = g.rows * cell

    def draw(c: Canvas, x: float, top: float, w: float, key: bool) -> None:
        left = x + (w - g.cols * cell) / 2
        c.setLineWidth(0.9)
        c.setStrokeGray(0)
        for r, col in sorted(letters):
            c.rect(left + col * cell, top - (r + 1) * cell, cell, cell)
        c.setFont(fonts.face(), sq.number)
        for (r, col), n in sorted(g.numbers.items()):
            c.drawString(left + col * cell + 0.7 * mm, top - r * cell - sq.number * 0.9 - 0.4 * mm, str(n))
        if key:
            # the letter low and to the right of the square's middle, clear of its number
            size = min(cell * 0.5, cell - sq.number * 1.25)
            c.setFont(fonts.face(bold=True), size)
            c.setFillGray(KEY_GREY)
            for (r, col), ch in sorted(letters.items()):
                c.drawCentredString(left + (col + 0.58) * cell, top - (r + 1) * cell + cell * 0.14, ch)
            c.setFillGray(0)

    return Block(h, draw, after=GAP)


Item = tuple[float, Callable[[Canvas, float, float, float], None]]  # height, draw(c, x, top, width)


def clue_items(
    p: Puzzle, direction: cw.Direction, width: float, z: Sizes, fonts: Fonts, key: bool
) -> list[Item]:
    """The heading and the clues of one direction in number order; in the key, each clue whole
    (nothing blanked) with its answer after it."""
    placed = sorted((q for q in p.grid.placed if q.direction == direction), key=p.grid.number_of)
    items = [heading(NAMES[direction], z, fonts)]
    for q in placed:
        e = p.entries[q.word]
        # the key: the definition whole, the answer straight after its pattern in bold
        text = f"{e.clue if key else p.clues[q.word]} {pattern(e.term)}"
        if key:
            text += " **" + re.sub(r"([*~^\\$])", r"\\\1", " ".join(plain(e.term).split())) + "**"
        items.append(_clue(p.grid.number_of(q), lay(text, width - NUM_W, z.text, fonts), z, fonts))
    return items


def heading(text: str, z: Sizes, fonts: Fonts) -> Item:
    """'Across', 'Down' (or '... (continued)') over a column of clues."""

    def draw(c: Canvas, x: float, top: float, w: float) -> None:
        c.setFont(fonts.face(bold=True), z.text * 1.15)
        c.drawString(x, top - z.text * 1.15, text)

    return z.text * 1.3 + 1.5 * mm, draw


def _clue(n: int, laid: Laid, z: Sizes, fonts: Fonts) -> Item:
    def draw(c: Canvas, x: float, top: float, w: float) -> None:
        c.setFont(fonts.face(bold=True), z.text)
        c.drawRightString(x + NUM_W - 2 * mm, top - z.text * 0.95, str(n))
        laid.draw(c, x + NUM_W, top, w - NUM_W, fonts)

    return laid.height + z.text * 0.5, draw


def columns_block(
    cols: list[list[Item]], gap: float, names: tuple[str, ...], z: Sizes, fonts: Fonts
) -> Block:
    """Columns side by side (Across | Down), as tall as the longest; split between clues over pages,
    each column going on at the top of the next page under its heading, marked continued."""
    h = max((sum(i[0] for i in col) for col in cols), default=0.0)

    def draw(c: Canvas, x: float, top: float, w: float, key: bool) -> None:
        col_w = (w - gap * (len(cols) - 1)) / len(cols)
        for k, col in enumerate(cols):
            y = top
            for ih, d in col:
                d(c, x + k * (col_w + gap), y, col_w)
                y -= ih

    def split(room: float) -> tuple[Block, Block] | None:
        heads: list[list[Item]] = []
        tails: list[list[Item]] = []
        for name, col in zip(names, cols, strict=True):
            used, k = 0.0, 0
            while k < len(col) and used + col[k][0] <= room + 1e-6:
                used += col[k][0]
                k += 1
            if k == 1 and len(col) > 1:
                k = 0  # never a heading alone at the foot of a page
            heads.append(col[:k])
            tail = col[k:]
            if tail and k > 0:
                tail = [heading(f"{name} (continued)", z, fonts), *tail]
            tails.append(tail)
        if not any(heads) or not any(tails):
            return None
        return columns_block(heads, gap, names, z, fonts), columns_block(tails, gap, names, z, fonts)

    return Block(h, draw, split=split)


def crossword_groups(pack: Pack, opts: CrosswordOptions) -> tuple[list[tuple[str, list[Entry]]], list[str]]:
    """Each group's label and entries (two at least), and notices for the words and groups left out."""
    groups, notices = [], []
    for g in group_topics(pack.topics_named(opts.topics), opts.group):
        found = key_term_entries(g.topics) + (short_answer_entries(g.topics) if opts.questions else [])
        entries, why = unique_entries(found)
        notices += why
        if len(entries) >= 2:
            groups.append((g.label, entries))
        elif found or g.label:
            why = "it needs two key terms or more" if found else "its topics have no key terms"
            notices.append(f"no crossword{f' for {g.label}' if g.label else ''}: {why}")
    return groups, notices


def fitted(p: Puzzle, room: tuple[float, float], sq: Squares, z: Sizes, fonts: Fonts) -> Puzzle:
    """The puzzle with smaller squares (down to the least) where that brings every clue onto the
    first side, `room` = (width, height under the header)."""
    col_w = (room[0] - GAP) / 2
    clues = columns_block(
        [clue_items(p, d, col_w, z, fonts, False) for d in cw.DIRECTIONS], GAP, COLUMNS, z, fonts
    )
    fit = (room[1] - GAP - clues.height - 1) / max(p.grid.rows, 1)
    return replace(p, cell=max(sq.least, fit)) if fit < p.cell else p


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, CrosswordOptions)
    fonts = ctx.fonts
    z = text_size(opts.font_size, ctx)
    sq = squares_for(z, ctx.preset.name != "standard")
    pw, ph = (v * mm for v in pack.paper.value)
    width = pw - 2 * SIDE
    groups, notices = crossword_groups(pack, opts)
    if not groups:
        return SectionPages((), PrintAdvice("single", "per-student"), "no key terms",
                            tuple(notices) or ("no crossword: no key terms in the chosen topics",))  # fmt: skip
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    titles = [group_title(opts.title, "Crossword", label, pack.title, len(groups)) for label, _ in groups]
    plain_note = ("Solve the clues and write one letter in each square. The number in brackets gives the "
                  "letters in each word of the answer.")  # fmt: skip
    # the blank is explained only on a sheet where some clue has one (room is measured with it)
    instruction = plain_note[:-1] + "; a ____ in a clue stands for a word of its answer."
    puzzles: dict[tuple[int, int], Puzzle] = {}
    for gi, (label, entries) in enumerate(groups):
        sheet = Sheet(titles[gi], letters[-1], instruction, len(entries), z)
        room_h = ph - 2 * FURNITURE_BAND - header_height(sheet, width, fonts) - CLUE_ROOM
        for v in range(opts.versions):
            p = make_puzzle(entries, opts, v, gi, (width, room_h), sq)
            puzzles[(gi, v)] = p = fitted(p, (width, room_h + CLUE_ROOM), sq, z, fonts)
            for i in p.grid.left_out:
                where = f" ({label})" if label else ""
                ver = f" in version {letters[v]}" if letters[v] else ""
                notices.append(f"crossword{where}: '{plain(p.entries[i].term)}' could not be placed{ver} "
                               "(it shares no letter with the grid, or the grid would outgrow the page): left out")  # fmt: skip

    def pages_for(g: int, v: int, pupil: str, key: bool) -> list:
        p = puzzles[(g, v)]
        col_w = (width - GAP) / 2
        cols = [clue_items(p, d, col_w, z, fonts, key) for d in cw.DIRECTIONS]
        blanked = any(HIDDEN in p.clues[q.word] for q in p.grid.placed)
        sheet = Sheet(titles[g], letters[v], instruction if blanked else plain_note, len(p.grid.placed), z,
                      key_note="The filled grid; each clue whole, its answer after it in bold.")  # fmt: skip
        sheet = with_pupil(sheet, pupil, pack.klass)
        grid = grid_block(p, sq, fonts)
        clues = columns_block(cols, GAP, COLUMNS, z, fonts)
        # the clues begin under the grid on the first page, however long they go on
        left = ph - 2 * FURNITURE_BAND - header_height(sheet, width, fonts) - grid.height - grid.after
        parts = clues.split(left) if clues.height > left + 1e-6 and clues.split is not None else None
        return pages(sheet, [grid, *(parts or (clues,))], (pw, ph), fonts, key)

    handed = hand_out_groups([label for label, _ in groups], opts.versions, letters, pages_for, opts.answer_key,
                             ctx.students)  # fmt: skip
    words = sum(len(puzzles[(g, 0)].grid.placed) for g in range(len(groups)))
    summary = (
        f"{plural(len(groups), 'crossword')} of {plural(words, 'word')}, {plural(opts.versions, 'version')}"
    )
    return worksheet_section(handed, summary, notices, "Crossword answer keys")
