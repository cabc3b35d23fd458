"""Worksheets as blocks that flow over pages, and the copies a class is handed.

A worksheet layout lays out each version as a list of `Block`s (a question, a row of a matching
grid, a paragraph of a cloze, a strip): each has its height and draws itself as the student copy
or the key at the same place, so the key lines up with the sheet. `pages` puts the shared header on
the first page and a one-line "(continued)" heading on the next ones, and flows the blocks between.
`hand_out` makes the section's pages: every version's sheet and key (`answer_key: after|end|none`),
or with `build --students` a copy per pupil with their name, the versions rotating in class-list
order so that neighbours get different ones, and the keys once per version after them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from studypack.layouts.worksheet.furniture import (
    AnswerKey,
    Sheet,
    Sizes,
    arrange,
    continued_head,
    draw_header,
    draw_name,
    draw_tag,
    header_height,
    later_head,
    name_lines,
)
from studypack.layouts.worksheet.support import Support

from studypack.layout_api.pages import Canvas, Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, mm
from studypack.model import Pack, TimelineEvent
from studypack.reportlab_fast import drawn_once
from studypack.text.fit import Para, height, width1, words_of, wrap
from studypack.text.fonts import Fonts
from studypack.wording import plural

SIDE = 10 * mm  # a worksheet's side margin
NO_SUPPORT = Support()
LATER_HEAD = 22.0  # a later page's one-line heading


@dataclass(frozen=True)
class Block:
    """A piece of a worksheet kept on one page when it fits one: its height, the space after it,
    and how it draws itself at (x, top, width) as the student copy or (`key`) the answer key.
    `split(room)` gives what fits in `room` points and the rest (marked as continued), for a block
    taller than a whole page; a block without it is never split."""

    height: float
    draw: Callable[[Canvas, float, float, float, bool], None]
    after: float = 0.0
    split: Callable[[float], tuple[Block, Block] | None] | None = None


@dataclass(frozen=True)
class Piece:
    """Part of a block (a question, an option): its height, how it draws at (x, top, width, key),
    and, for text, how it splits at a height (see `Block.split`)."""

    height: float
    draw: Callable[[Canvas, float, float, float, bool], None]
    split: Callable[[float], tuple[Piece, Piece] | None] | None = None


def stacked(pieces: list[Piece], after: float = 0.0) -> Block:
    """A block of pieces one under another. Taller than a page, it splits between pieces, or inside
    the first piece that does not fit when that piece can split."""
    h = sum(p.height for p in pieces)

    def draw(c: Canvas, x: float, top: float, w: float, key: bool) -> None:
        for p in pieces:
            p.draw(c, x, top, w, key)
            top -= p.height

    def split(room: float) -> tuple[Block, Block] | None:
        used, k = 0.0, 0
        while k < len(pieces) and used + pieces[k].height <= room + 1e-6:
            used += pieces[k].height
            k += 1
        if k == len(pieces):
            return None
        head, tail = list(pieces[:k]), list(pieces[k:])
        splitter = pieces[k].split
        cut = splitter(room - used) if splitter is not None else None
        if cut is not None:
            head.append(cut[0])
            tail[0] = cut[1]
        if not head:
            return None
        return stacked(head), stacked(tail, after)

    return Block(h, draw, after, split)


def text_piece(
    laid: Laid,
    x_off: float,
    gap: float,
    fonts: Fonts,
    mark: Callable[[Canvas, float, float], None] | None = None,
) -> Piece:
    """Text indented `x_off` with `gap` after it; `mark(c, x, top)` draws beside its first line (a
    number, a letter). Splits between lines, the mark staying with the first part."""

    def draw(c: Canvas, x: float, top: float, w: float, key: bool) -> None:
        if mark is not None:
            mark(c, x, top)
        laid.draw(c, x + x_off, top, w - x_off, fonts)

    def split(room: float) -> tuple[Piece, Piece] | None:
        cut = laid.split(room)
        if cut is None:
            return None
        return text_piece(cut[0], x_off, 0.0, fonts, mark), text_piece(cut[1], x_off, gap, fonts)

    return Piece(laid.height + gap, draw, split)


def paginate(blocks: list[Block], first: float, room: float) -> list[list[Block]]:
    """Blocks in order over pages of `first` and then `room` points; a block starts a new page when
    it does not fit what is left. One taller than a whole page fills pages and goes on, where it
    can split; otherwise it goes alone (layouts keep such blocks small)."""
    out: list[list[Block]] = [[]]
    left = first
    for b in blocks:
        # a block that does not fit what is left goes to the next page; on the first page even
        # before anything else, when a later page (no header) would hold it whole
        if b.height > left + 1e-6 and (out[-1] or (b.split is None and left < b.height <= room + 1e-6)):
            out.append([])
            left = room
        while b.height > left + 1e-6 and b.split is not None:
            parts = b.split(left)
            if parts is None:
                break
            head, b = parts
            out[-1].append(head)
            out.append([])
            left = room
        out[-1].append(b)
        left -= b.height + b.after
    return out


def pages(
    sheet: Sheet, blocks: list[Block], size: tuple[float, float], fonts: Fonts, key: bool
) -> list[Page]:
    """The sheet (or its key) as pages: header, then the blocks flowing over as many as they need."""
    W, H = size
    width = W - 2 * SIDE
    first_top = H - FURNITURE_BAND - header_height(sheet, width, fonts)
    later_top = H - FURNITURE_BAND - later_head(sheet, LATER_HEAD)
    chunks = paginate(blocks, first_top - FURNITURE_BAND, later_top - FURNITURE_BAND)
    out = []
    for k, chunk in enumerate(chunks):

        def body(c: Canvas, chunk: list[Block] = chunk, k: int = k, name: bool = True) -> None:
            if k == 0:
                y = draw_header(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key, name)
            else:
                continued_head(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts, key, name=name)
                y = later_top
            for b in chunk:
                b.draw(c, SIDE, y, width, key)
                y -= b.height + b.after

        def draw(c: Canvas, body=body, k: int = k) -> None:
            if not sheet.pupil or key:
                body(c)
                return
            # a class's copies differ only in the name: the rest is drawn once, then repeated
            same = (Same(blocks), k, len(name_lines(sheet, width, fonts)), sheet_key(sheet), W, H)
            drawn_once(c, same, lambda c: body(c, name=False))
            if k == 0:
                draw_name(c, sheet, SIDE, H - FURNITURE_BAND, width, fonts)
            else:
                draw_tag(c, sheet, SIDE + width, H - FURNITURE_BAND, fonts)

        out.append(Page(W, H, draw))
    return out


class Same:
    """A thing compared by identity in a cache key (a worksheet's list of blocks), kept alive by
    the key so that its id is never another's."""

    def __init__(self, thing: object) -> None:
        self.thing = thing

    def __hash__(self) -> int:
        return id(self.thing)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.thing is self.thing


def sheet_key(sheet: Sheet) -> tuple:
    """What a sheet's header shows besides the pupil's name (for `drawn_once`)."""
    return (sheet.title, sheet.version, sheet.instruction, sheet.marks, sheet.z, Same(sheet.banks),
            sheet.key_note, sheet.klass, sheet.supported)  # fmt: skip


PagesFor = Callable[[int, str, bool], list[Page]]  # (version, pupil, key) -> pages


def hand_out(
    versions: int, letters: list[str], pages_for: PagesFor, answer_key: AnswerKey, students: tuple[str, ...],
    supported_for: PagesFor | None = None, support: Support = NO_SUPPORT,
) -> tuple[tuple[Page, ...], tuple[Page, ...], tuple[Page, ...], tuple[tuple[str, str], ...]]:  # fmt: skip
    """The section's pages, the pages for the end of the pack, every key page, and the roster.

    Without students: each version's sheet, its supported copy (`support:` on, from
    `supported_for`), then (with `after`) its key. With students: a copy per pupil in class-list
    order, pupil i getting version i mod `versions` (the supported copy when `support:` names them;
    their roster entry then ends in '+'), a spare supported copy of each version when `support:
    yes` names no one, then each version's key once (with `after`), or at the end (`end`)."""
    helped = supported_for if support.on else None
    if not students:
        sheets = [pages_for(v, "", False) for v in range(versions)]
        if helped is not None:
            sheets = [
                ws + [replace(p, new_sheet=True, bookmarks=((f"Worksheet{_vname(letters[v])} (supported)", 1),))
                      if k == 0 else p for k, p in enumerate(helped(v, "", False))]
                for v, ws in enumerate(sheets)
            ]  # fmt: skip
        keys = [pages_for(v, "", True) for v in range(versions)]
        pages, end, all_keys = arrange(sheets, keys, letters, answer_key)
        return pages, end, all_keys, ()
    copies: list[Page] = []
    roster = []
    for i, name in enumerate(students):
        v = i % versions
        plus = helped is not None and support.for_pupil(name)
        ps = (helped if plus and helped is not None else pages_for)(v, name, False)
        mark = f"{name}" + (f" (version {letters[v]})" if letters[v] else "")
        # printed single-sided, each copy starts a sheet anyway: no blank page between pupils
        copies += [replace(ps[0], new_sheet=not copies, bookmarks=((mark, 1),)), *ps[1:]]
        roster.append((name, letters[v] + ("+" if plus else "")))
    used = sorted({i % versions for i in range(len(students))})
    if helped is not None and not support.pupils:  # spare supported copies, for the teacher to give
        for v in used:
            ps = helped(v, "", False)
            copies += [replace(ps[0], new_sheet=True,
                               bookmarks=((f"Supported copy{_vname(letters[v])}", 1),)), *ps[1:]]  # fmt: skip
    keys_by_version = [pages_for(v, "", True) for v in used]
    key_pages: list[Page] = []
    for v, ks in zip(used, keys_by_version, strict=True):
        ks = [replace(k, role="key") for k in ks]
        key_pages += [
            replace(ks[0], new_sheet=True, bookmarks=((f"Answer key{_vname(letters[v])}", 1),)),
            *ks[1:],
        ]
    keys_t = tuple(key_pages)
    if answer_key == "after":
        return tuple(copies) + keys_t, (), keys_t, tuple(roster)
    return tuple(copies), (keys_t if answer_key == "end" else ()), keys_t, tuple(roster)


def _vname(letter: str) -> str:
    return f" version {letter}" if letter else ""


def with_pupil(sheet: Sheet, pupil: str, klass: str = "") -> Sheet:
    """The sheet as `pupil`'s copy (their name on it), with the class on its class line."""
    if klass:
        sheet = replace(sheet, klass=klass)
    return replace(sheet, pupil=pupil) if pupil else sheet


def unnamed(students: tuple[str, ...], support: Support) -> list[str]:
    """The names `support:` gives that the class list does not hold (a typo, a pupil who left)."""
    if not students:
        return []
    have = {" ".join(n.split()).casefold() for n in students}
    return [p for p in support.pupils if " ".join(p.split()).casefold() not in have]


@dataclass(frozen=True)
class Laid:
    """Text wrapped to a width at a size: ready to measure and draw."""

    paras: tuple
    lines: list
    size: float
    height: float

    def draw(self, c: Canvas, x: float, top: float, width: float, fonts: Fonts) -> float:
        from studypack.text.draw import draw

        return draw(c, self.paras, self.lines, x, top, width, self.size, width1(" ", fonts.face()))

    def split(self, room: float) -> tuple[Laid, Laid] | None:
        """The lines that fit in `room` points and the lines after them (None if all fit, or not
        even one does)."""
        used, k = 0.0, 0
        while k < len(self.lines) and used + self.lines[k].height + self.lines[k].space_before <= room + 1e-6:
            used += self.lines[k].height + self.lines[k].space_before
            k += 1
        if k == 0 or k >= len(self.lines):
            return None
        rest = [self.lines[k]._replace(space_before=0.0), *self.lines[k + 1 :]]
        return replace(self, lines=self.lines[:k], height=used), replace(
            self, lines=rest, height=height(rest)
        )


def lay(text: str, width: float, size: float, fonts: Fonts, bold: bool = False, italic: bool = False) -> Laid:
    """`text` (studypack markup) wrapped to `width` points at `size`."""
    paras = tuple(Para(words_of(t, fonts, bold, italic)) for t in text.split("\n\n") if t.strip()) or (
        Para(words_of(" ", fonts)),
    )
    lines = wrap(paras, width, size, width1(" ", fonts.face()))
    return Laid(paras, lines, size, height(lines))


def shuffled(items: list, seed: int, salt: str) -> list:
    """A seeded shuffle: the same seed and salt give the same order, on every machine."""
    import random

    out = list(items)
    random.Random(f"studypack-{salt}-{seed}").shuffle(out)
    return out


def text_size(font_size: float, ctx: RenderContext) -> Sizes:
    """A worksheet's type: its `font_size`, raised to the preset's minimum for sheets."""
    p = ctx.preset
    return Sizes(max(font_size, p.sheet_min if p.name != "standard" else 0.0), p.floor)


Handed = tuple[tuple[Page, ...], tuple[Page, ...], tuple[Page, ...], tuple[tuple[str, str], ...]]


def worksheet_section(
    handed: Handed, summary: str, notices, end_title: str, advice: PrintAdvice | None = None
) -> SectionPages:
    """A worksheet section from `hand_out`'s pages: copied per pupil, its keys for the teacher."""
    pages, end, keys, roster = handed
    return SectionPages(
        pages, advice or PrintAdvice("single", "per-student"), summary, tuple(notices), end_pages=end,
        end_title=end_title, end_advice=PrintAdvice("single", "teacher"), keys=keys, roster=roster,
    )  # fmt: skip


def reviewed_events(
    pack: Pack, topics: tuple, include_unreviewed: bool
) -> tuple[list[TimelineEvent], tuple[str, ...]]:
    """The chosen topics' events in date order, leaving out those still marked `review:` (an
    import's proposals, not yet kept by a teacher) unless asked; and the notice saying so."""
    events, held = [], 0
    for t in pack.topics_named(topics):
        for e in t.timeline:
            if include_unreviewed or not e.review:
                events.append(e)
            else:
                held += 1
    events.sort(key=lambda e: e.date.sort_key)
    notice = (
        f"left off {plural(held, 'event')} still marked `review:` (an import's proposals): delete each "
        "one's `review:` line once it is checked, or add `include_unreviewed: yes` to the section",
    )
    return events, notice if held else ()
