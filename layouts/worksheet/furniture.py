"""What every worksheet shares, whatever it asks: the header (title, version, name/class/date lines,
marks box, instruction, word bank), numbered writing lines sized for handwriting with the answers on
them in the key, the seeded word bank, versions, and where the answer-key pages go."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from studypack.layouts.worksheet.kinds import AnswerKey

from studypack.layout_api.pages import Canvas, Page
from studypack.layout_api.styles import mm
from studypack.text.draw import draw
from studypack.text.fit import Para, height, plain_lines, running_head, width1, words_of, wrap
from studypack.text.fonts import Fonts
from studypack.text.markup import plain

PAD = 1.5 * mm
HAND = 3 * mm  # a pupil's handwriting takes this much line per character
MIN_LINE = 60 * mm  # a writing line is at least this long
KEY_GREY = 0.25  # answers in the key: dark grey italic, legible in greyscale


@dataclass(frozen=True)
class Sizes:
    """A worksheet's type: its text size, and writing rows to match (at least 8 mm apart, more when
    the text is large, so the key's printed answers sit on them as handwriting would)."""

    text: float = 9.0
    floor: float = 0.0  # nothing on the sheet is set smaller (the preset's: 12 pt under large print)

    def small(self, size: float) -> float:
        """A size for the sheet's small print (names, numbers, letters, notes), raised to the floor."""
        return max(size, self.floor)

    def grow(self, length: float, base: float = 10.0) -> float:
        """A layout's measure set for `base` pt text (a number's column, an answer box), grown with
        the text under a floor (large print); as it is otherwise."""
        return length * self.text / base if self.floor and self.text > base else length

    @property
    def gutter(self) -> float:
        """The gap between a word bank's columns: 2 pt, and under a floor (large print) 0.6 em,
        so two columns of large print never run together."""
        return self.text * 0.6 if self.floor else 2.0

    @property
    def row(self) -> float:
        return max(8 * mm, self.text * 1.2 + 2.5 * mm)

    @property
    def scale(self) -> float:
        """Against the standard 9 pt: the header's sizes grow with it."""
        return self.text / 9.0


STANDARD = Sizes()


def rows_for(text: str, line_len: float, fonts: Fonts, z: Sizes = STANDARD) -> int:
    """Writing rows long enough for `text` in handwriting, and for the key's print of it."""
    hand = max(len(plain(text)) * HAND, 22 * mm)  # at least a short line, even for "1956"
    printed = len(
        wrap((Para(words_of(text, fonts, italic=True)),), line_len, z.text, width1(" ", fonts.face()))
    )
    return max(math.ceil(hand / line_len), printed)


def writing_rows(
    c: Canvas, answer: str, rows: int, at: tuple[float, float, float], num: str, num_w: float,
    fonts: Fonts, key: bool, z: Sizes = STANDARD, skip: int = 0,
) -> float:  # fmt: skip
    """`rows` ruled lines a row apart from `at` = (x, top, width), the number before the first; in
    the key, the answer on them (from its line `skip` on, where an answer goes on from a page
    before). Returns the y below them."""
    x, top, w = at
    space1 = width1(" ", fonts.face())
    if num:
        c.setFont(fonts.face(bold=True), z.text)
        c.drawString(x, top - z.row + 1.6, num)
    c.saveState()
    c.setStrokeGray(0.45)
    c.setLineWidth(0.5)
    for r in range(rows):
        base = top - (r + 1) * z.row
        c.line(x + num_w, base, x + w, base)
    c.restoreState()
    if key:
        paras = (Para(words_of(answer, fonts, italic=True)),)
        lines = wrap(paras, w - num_w, z.text, space1)
        c.setFillGray(KEY_GREY)
        for r, ln in enumerate(lines[skip : skip + rows]):
            base = top - (r + 1) * z.row + z.text * 1.2 + 1.6 - z.text * 0.25
            draw(c, paras, [ln._replace(height=z.text * 1.2, space_before=0.0)], x + num_w, base, w - num_w, z.text, space1)  # fmt: skip
        c.setFillGray(0)
    return top - rows * z.row


@dataclass(frozen=True)
class Answer:
    """A numbered blank's answer and the writing rows it needs."""

    number: int
    text: str
    rows: int
    skip: int = 0  # rows of this answer on the pages before: it goes on from there, unnumbered
    hint: str = ""  # a supported copy's start on the line (the answer's first letters)


Grid = tuple[int, list[list[Answer | None]]]  # columns, and rows of answers (None: a finished cell)


LONG_ANSWER = 6  # words: an answer longer than this gets two lines at least (`answer_grid`)


def answer_grid(
    answers: list[tuple[int, str]], width: float, fonts: Fonts, z: Sizes = STANDARD, hints: bool = False,
    least: int = 1,
) -> Grid:  # fmt: skip
    """Full-width answer lines, keyed by number: two columns where each still gives a line of at
    least MIN_LINE, else one; each answer on as many rows as its handwriting (HAND a character) and
    the key's print of it need, two at least for an answer of more than LONG_ANSWER words (a
    sentence is not written as small as it prints), and `least` at least (room the page has to
    spare). Returns the column count and the rows of the grid, in number order."""
    num_w = width1("(00) ", fonts.face(bold=True)) * z.text
    cols = 2 if (width - 6 * mm) / 2 - num_w >= MIN_LINE else 1
    line = (width - (cols - 1) * 6 * mm) / cols - num_w
    from studypack.layouts.worksheet.support import first_letters

    items: list[Answer | None] = [
        Answer(
            n,
            t,
            max(rows_for(t, line, fonts, z), least, 2 if len(plain(t).split()) > LONG_ANSWER else 1),
            hint=first_letters(plain(t)) if hints else "",
        )
        for n, t in answers
    ]
    return cols, [list(items[i : i + cols]) for i in range(0, len(items), cols)]


def fitted(text: str, face: str, size: float, width: float) -> str:
    """As many of `text`'s words as fit `width` (a hint on a writing line: a start, not all of it)."""
    words = text.split()
    while len(words) > 1 and width1(" ".join(words), face) * size > width:
        words.pop()
    return " ".join(words)


def answers_height(grid: Grid, z: Sizes = STANDARD) -> float:
    cols, rows = grid
    return z.text * 1.6 + sum(_row_height(row, z) for row in rows) if rows else 0.0


def _row_height(row: Sequence[Answer | None], z: Sizes) -> float:
    return max(a.rows for a in row if a is not None) * z.row


def answer_pages(grid: Grid, first: float, room: float, z: Sizes = STANDARD) -> list[Grid]:
    """The grid split over pages: `first` points of height on the first, `room` on each further
    one. A row goes whole to a fresh page when one holds it; a row taller than a page (a very long
    answer) is split between rows, and goes on, unnumbered, at the top of the next."""
    cols, rows = grid
    head = z.text * 1.6
    pages: list[list[list[Answer | None]]] = [[]]
    left = first - head
    for row in rows:
        pending = list(row)
        while any(a is not None for a in pending):
            need = _row_height(pending, z)
            if need <= left + 1e-6:
                pages[-1].append(pending)
                left -= need
                break
            fit = int((left + 1e-6) // z.row)
            if (need <= room - head + 1e-6 and pages[-1]) or fit < 1:
                pages.append([])
                left = room - head
                continue
            pages[-1].append([None if a is None else replace(a, rows=min(a.rows, fit)) for a in pending])
            pending = [
                None if a is None or a.rows <= fit else replace(a, rows=a.rows - fit, skip=a.skip + fit)
                for a in pending
            ]
            pages.append([])
            left = room - head
    return [(cols, p) for p in pages if p]


def draw_answers(
    c: Canvas, grid: Grid, x: float, top: float, width: float, fonts: Fonts,
    key: bool, z: Sizes = STANDARD,
) -> float:  # fmt: skip
    """'Answers', then each number with its writing lines (in the key, the answer on them)."""
    cols, rows = grid
    if not rows:
        return top
    c.setFont(fonts.face(bold=True), z.text)
    # the pupil's copy says whose answers these are: a page headed "Answers" reads like the key
    head = "Answers" if key else "Your answers"
    c.drawString(
        x, top - z.text, head if all(a is None or not a.skip for a in rows[0]) else f"{head} (continued)"
    )
    y = top - z.text * 1.6
    col_w = (width - (cols - 1) * 6 * mm) / cols
    num_w = width1("(00) ", fonts.face(bold=True)) * z.text
    for row in rows:
        for k, a in enumerate(row):
            if a is None:
                continue
            num = "" if a.skip else f"({a.number})"
            at = (x + k * (col_w + 6 * mm), y, col_w)
            writing_rows(c, a.text, a.rows, at, num, num_w, fonts, key, z, a.skip)
            if a.hint and not key and not a.skip:  # a supported copy: the answer's first letters
                face = fonts.face(italic=fonts.italics)
                hint = fitted(a.hint, face, z.text, col_w - num_w - 2)
                c.setFont(face, z.text)
                c.drawString(at[0] + num_w + 1, y - z.row + 2.5, hint)
        y -= _row_height(row, z)
    return y


# ---- the worksheet's header -------------------------------------------------------------------


Bank = tuple[str, tuple[str, ...]]  # a word bank's title ("Dates") and its items in the order shown


@dataclass
class Sheet:
    """What one worksheet (or its key) shows: title, version, instruction, word bank, marks, and
    the type sizes of the whole sheet."""

    title: str
    version: str
    instruction: str
    marks: int
    z: Sizes = STANDARD
    banks: tuple[Bank, ...] = ()  # word banks: one of dates and one of events when both are hidden
    pupil: str = ""  # the pupil's name, printed on the name line (`build --students`)
    key_note: str = ""  # how the key shows its answers (default: in italic on the lines)
    klass: str = ""  # the class, printed on the class line (the pack's `class:` or `--class`)
    supported: bool = False  # a supported copy (`support:`): marked by a small symbol by the title


MARKS_ROOM = 38 * mm  # the marks box and the air beside it, top right
TITLE_MIN = 12.0  # a long title shrinks this far before it wraps


def title_lines(sheet: Sheet, fonts: Fonts, width: float, key: bool = False) -> tuple[float, list[str]]:
    """The title's size and lines: at 15 pt (scaled with the sheet) when it fits beside the marks
    box, else smaller down to 12 pt, else wrapped at 12 pt. The key's title takes as many lines as
    the student copy's, so the two sheets line up."""
    face, avail = fonts.face(bold=True), width - MARKS_ROOM
    text = _title_text(sheet, key)
    longest = max(_title_text(sheet, False), _title_text(sheet, True), key=lambda t: width1(t, face))
    size = 15 * sheet.z.scale
    # under a preset with a floor the title stays larger than the body however long it is
    least = max(TITLE_MIN, sheet.z.text * 1.25) if sheet.z.floor else TITLE_MIN  # above the name line
    while size > least and width1(longest, face) * size > avail:
        size -= 0.5
    return size, plain_lines(text, face, size, avail) if width1(longest, face) * size > avail else [text]


def _title_text(sheet: Sheet, key: bool) -> str:
    return (
        ("Answer key: " if key else "")
        + sheet.title
        + (f"  ·  Version {sheet.version}" if sheet.version else "")
    )


def instruction_lines(sheet: Sheet, fonts: Fonts, width: float) -> list[str]:
    """The instruction, wrapped inside the margins."""
    return plain_lines(sheet.instruction, fonts.face(italic=True), 9.5 * sheet.z.scale, width)


def _extra_height(sheet: Sheet, fonts: Fonts, width: float) -> float:
    """What a wrapped title or instruction adds to the header (0 when each takes one line)."""
    k = sheet.z.scale
    size, lines = title_lines(sheet, fonts, width)
    more = max(len(title_lines(sheet, fonts, width, True)[1]), len(lines)) - 1
    return more * size * 1.15 + (len(instruction_lines(sheet, fonts, width)) - 1) * 9.5 * k * 1.2


def header_height(sheet: Sheet, width: float, fonts: Fonts) -> float:
    h = (18 + 14 + 13) * sheet.z.scale + 3 * mm + _extra_height(sheet, fonts, width)
    h += (len(name_lines(sheet, width, fonts)) - 1) * NAME_STEP * sheet.z.scale
    if sheet.banks:
        h += bank_height(sheet.banks, width, fonts, sheet.z) + 3 * mm
    return h


@dataclass(frozen=True)
class BankRow:
    """One row of a word bank's grid: each cell's paragraph and lines, and the row's height."""

    cells: tuple[tuple[tuple[Para, ...], list], ...]
    height: float


def bank_grid(
    banks: tuple[Bank, ...], width: float, fonts: Fonts, z: Sizes
) -> list[tuple[str, int, list[BankRow]]]:
    """Each bank as a title, a column count and rows: its items lettered A, B, C... (on across
    banks), each on its own line, in as many columns (2 to 4) as most items allow (a long one wraps
    within its column), filled down the columns."""
    space1 = width1(" ", fonts.face())
    bold = fonts.face(bold=True)
    inner = width - 2 * PAD
    out, n = [], 0
    for title, items in banks:
        letters = [letter(n + i) for i in range(len(items))]
        n += len(items)
        tag = max((width1(f"{x} ", bold) for x in letters), default=0.0)
        # columns as wide as most items need (the longest wrap within theirs), at least 2 with 4+ items
        widths = sorted(width1(plain(t), fonts.face()) for t in items) or [0.0]
        usual = widths[int(0.6 * (len(widths) - 1))]
        cols = max(2 if len(items) >= 4 else 1, min(4, int(inner // ((tag + usual + 2) * z.text))))
        # never so many that a word would break across lines (large print, long words)
        longest = max((width1(w, fonts.face()) for t in items for w in plain(t).split()), default=0.0)
        cols = max(1, min(cols, int(inner // ((tag + longest) * z.text + 2 * z.gutter))))
        col_w = inner / cols
        rows_n = -(-len(items) // cols)
        rows = []
        for r in range(rows_n):
            cells = []
            for c in range(cols):
                k = c * rows_n + r
                if k < len(items):
                    para = (Para(words_of(items[k], fonts), indent=tag, label=(letters[k], bold)),)
                    cells.append((para, wrap(para, col_w - z.gutter, z.text, space1)))
            rows.append(BankRow(tuple(cells), max(height(ls) for _, ls in cells)))
        out.append((title, cols, rows))
    return out


def letter(i: int) -> str:
    """A, B, ... Z, AA, AB, ..."""
    return letter(i // 26 - 1) + chr(65 + i % 26) if i >= 26 else chr(65 + i)


def bank_height(banks: tuple[Bank, ...], width: float, fonts: Fonts, z: Sizes) -> float:
    h = 2 * PAD
    for _title, _cols, rows in bank_grid(banks, width, fonts, z):
        h += z.text * 1.3 + sum(r.height for r in rows) + 1.5 * mm
    return h - 1.5 * mm


def draw_header(
    c: Canvas, sheet: Sheet, x: float, top: float, width: float, fonts: Fonts, key: bool, name: bool = True
) -> float:
    """Title, name/class/date line (or 'answer key'), marks box, instruction, word bank; returns
    the y below it. The key's header has the same height, so what follows sits in the same place.
    With `name` False the pupil's name is left for `draw_name` (its lines are ruled all the same),
    so the rest of a class's copies can be drawn once."""
    k = sheet.z.scale
    size, lines = title_lines(sheet, fonts, width, key)
    c.setFont(fonts.face(bold=True), size)
    for i, line in enumerate(lines):
        c.drawString(x, top - 15 * k - i * size * 1.15, line)
    if not key:
        _marks_box(c, sheet, x + width, top, fonts)
        if sheet.supported:  # the supported copy's only sign: a small mark left of the marks box
            from studypack.layouts.worksheet.support import draw_mark

            draw_mark(c, x + width - MARKS_ROOM + 1 * mm, top - 6.5 * mm)
    y = _name_y(sheet, fonts, width, top, key)
    c.setFont(fonts.face(), 10.5 * k)
    if key:
        c.setFillGray(KEY_GREY)
        c.drawString(x, y + 3, "Answer key for the teacher: not for handing out.")
        c.setFillGray(0)
    else:
        names = name_lines(sheet, width, fonts)
        shown = names if name else [(0.0, "")] * len(names)
        _name_lines(c, x, y, width - 38 * mm, fonts, 10.5 * k, shown, sheet.klass)  # clear of the marks box
        y -= (len(names) - 1) * NAME_STEP * k
    y -= 13 * k
    c.setFont(fonts.face(italic=True), 9.5 * k)
    answers = sheet.key_note or (
        "The answers are in italic on the lines."
        if fonts.italics
        else "The answers are in bold on the lines."
    )
    lines = instruction_lines(sheet, fonts, width)
    for i, line in enumerate([answers] if key else lines):
        c.drawString(x, y + 2 - i * 9.5 * k * 1.2, line)
    y -= 3 * mm + (len(lines) - 1) * 9.5 * k * 1.2
    if sheet.banks:
        y = _draw_bank(c, sheet.banks, x, y, width, fonts, sheet.z)
    return y


def _name_y(sheet: Sheet, fonts: Fonts, width: float, top: float, key: bool) -> float:
    """The baseline the name, class and date lines sit on (under a title of one or more lines)."""
    k = sheet.z.scale
    size, lines = title_lines(sheet, fonts, width, key)
    more = max(len(title_lines(sheet, fonts, width, not key)[1]), len(lines)) - 1
    return top - (18 + 14) * k - more * size * 1.15


def draw_name(c: Canvas, sheet: Sheet, x: float, top: float, width: float, fonts: Fonts) -> None:
    """The pupil's name on the name line(s) of a header drawn with `name=False`."""
    k = sheet.z.scale
    y = _name_y(sheet, fonts, width, top, False)
    lx = x + width1("Name ", fonts.face()) * 10.5 * k
    for r, (s, text) in enumerate(name_lines(sheet, width, fonts)):
        if text:
            c.setFont(fonts.face(bold=True), s)
            c.drawString(lx + 2, y - r * NAME_STEP * k + 3, text)


def _marks_box(c: Canvas, sheet: Sheet, right: float, top: float, fonts: Fonts) -> None:
    """'____ / 8' in a box at the top right."""
    bw, bh = 34 * mm, 11 * mm
    c.setLineWidth(0.8)
    c.rect(right - bw, top - bh - 1, bw, bh)
    c.setFont(fonts.face(), 12)
    c.drawRightString(right - 3 * mm, top - bh / 2 - 5, f"____ / {sheet.marks}")


NAME_MIN = 9.0  # a pupil's name is never set smaller: a longer one wraps
NAME_STEP = 13.0  # points between the lines of a wrapped name (scaled with the sheet)
NAME_SHARE = 0.5  # the name's line: this share of the room beside the marks box


def _name_room(width: float, fonts: Fonts, size: float) -> float:
    avail = width - 38 * mm
    return NAME_SHARE * avail - width1("Name ", fonts.face()) * size - 2


def name_lines(sheet: Sheet, width: float, fonts: Fonts) -> list[tuple[float, str]]:
    """The pupil's name as it prints on the name line: (size, text) per line. It shrinks from
    a little above the label's size down to NAME_MIN, and then wraps (between words, or within a
    word too long for a line) rather than shrinking further. [(0, '')] for an unnamed copy."""
    if not sheet.pupil:
        return [(0.0, "")]
    k = sheet.z.scale
    size = 10.5 * k
    room = _name_room(width, fonts, size)
    face = fonts.face(bold=True)
    s = min(size * 1.1, room / max(width1(sheet.pupil, face), 1e-6))
    if s >= NAME_MIN:
        return [(s, sheet.pupil)]
    s = max(NAME_MIN, NAME_MIN * k)
    return [(s, line) for line in plain_lines(sheet.pupil, face, s, room)]


def _name_lines(
    c: Canvas, x: float, y: float, avail: float, fonts: Fonts, size: float,
    names: list[tuple[float, str]] | None = None, klass: str = "",
) -> None:  # fmt: skip
    """Name, Class and Date, each with a line to write on; a pupil's name printed on its line
    (over more lines when it is long, each ruled), the class on its line when the pack knows it."""
    names = names or [(0.0, "")]
    c.setLineWidth(0.5)
    c.setStrokeGray(0.35)
    for label, a, b in (("Name", 0.0, NAME_SHARE), ("Class", 0.53, 0.74), ("Date", 0.77, 1.0)):
        c.setFont(fonts.face(), size)
        c.drawString(x + a * avail, y + 3, label)
        lx = x + a * avail + width1(label + " ", fonts.face()) * size
        rows = names if label == "Name" else [(0.0, "")]
        for r, (s, text) in enumerate(rows):
            yy = y - r * NAME_STEP * size / 10.5
            c.line(lx, yy + 1, x + b * avail, yy + 1)
            if text:
                c.setFont(fonts.face(bold=True), s)
                c.drawString(lx + 2, yy + 3, text)
        if label == "Class" and klass:
            room = x + b * avail - lx - 2
            face = fonts.face(bold=True)
            s = max(7.0, min(size * 1.1, room / max(width1(klass, face), 1e-6)))
            c.setFont(face, s)
            c.drawString(lx + 2, y + 3, klass)
    c.setFont(fonts.face(), size)
    c.setStrokeGray(0)


def continued_head(
    c: Canvas, sheet: Sheet, x: float, top: float, width: float, fonts: Fonts, key: bool,
    after: str = " (continued)", name: bool = True,
) -> None:  # fmt: skip
    """A later page's heading: the title (shortened to fit) and what the page is, and on a pupil's
    copy their name and class at the right (or lines to write them on), so a page that comes
    apart from the first still says whose it is. The tag has a fixed room (TAG_ROOM), so the title
    is the same on every pupil's copy; with `name` False the tag is left for `draw_tag`."""
    face = fonts.face(bold=True)
    # a named copy keeps a fixed room (every pupil's title the same); an unnamed one what it needs
    tag = TAG_ROOM if sheet.pupil else _tag_width(sheet, fonts)
    room = width if key else width - tag - 4 * mm
    z = sheet.z
    big = max(12.0, z.text * 1.15) if z.floor else 12.0  # above the body under large print
    size, head = running_head(
        sheet.title, face, big, room, "Answer key: " if key else "", after, big if z.floor else 8.0
    )
    c.setFont(face, size)
    c.drawString(x, top - big, head)
    if key:
        return
    if sheet.supported:
        from studypack.layouts.worksheet.support import draw_mark

        draw_mark(c, x + width - tag - 2 * mm, top - 8)
    if name:
        draw_tag(c, sheet, x + width, top, fonts)


def later_head(sheet: Sheet, base: float) -> float:
    """The room a later page's heading takes (`base`, a layout's own, as it is without a floor).
    Under a floor (large print) the title is set above the body and a long name tag at 12 pt
    wraps: room for its title and three lines of the tag, the same on every pupil's copy."""
    z = sheet.z
    if not z.floor:
        return base
    s = z.small(NAME_MIN)
    return max(base, z.text * 1.6, 11 * s / PUPIL_TAG + 2 * 1.15 * s + 0.4 * s)


PUPIL_TAG = 10.0  # points: the name and class on a later page
TAG_ROOM = (
    100 * mm
)  # what the name and class may take at the right of a later page's heading (two lines of 9 pt hold 90 letters)


def _tag_width(sheet: Sheet, fonts: Fonts) -> float:
    """The width an unnamed copy's 'Name ____ · Class 10C' takes."""
    face, bold = fonts.face(), fonts.face(bold=True)
    tail = f"  ·  Class {sheet.klass or '______'}"
    return min(
        TAG_ROOM,
        (width1("Name ", face) + width1("_" * 16, bold) + width1(tail, face)) * sheet.z.small(PUPIL_TAG),
    )


def draw_tag(c: Canvas, sheet: Sheet, right: float, top: float, fonts: Fonts) -> None:
    """'Name Ana Lopez  ·  Class 10C' right-aligned at the top of a later page (a line to write
    on where the copy is unnamed or the class unknown); a long name wraps onto a second line at
    NAME_MIN rather than shrinking past it."""
    face, bold = fonts.face(), fonts.face(bold=True)
    size = sheet.z.small(PUPIL_TAG)
    name = sheet.pupil or "_" * 16
    tail = f"  ·  Class {sheet.klass or '______'}"
    lines = [name]
    if (width1("Name ", face) + width1(name, bold) + width1(tail, face)) * size > TAG_ROOM:
        size = sheet.z.small(NAME_MIN)
        room = TAG_ROOM - (width1("Name ", face) + width1(tail, face)) * size
        lines = plain_lines(name, bold, size, room)
    for i, ln in enumerate(lines):
        y = top - 11 * size / PUPIL_TAG - i * (size * 1.15)
        c.setFont(bold, size)
        nx = right - width1(tail, face) * size - width1(ln, bold) * size
        c.drawString(nx, y, ln)
        if i == 0:
            c.setFont(face, size)
            c.drawString(nx - width1("Name ", face) * size, y, "Name")
            c.drawString(right - width1(tail, face) * size, y, tail)


def _draw_bank(
    c: Canvas, banks: tuple[Bank, ...], x: float, y: float, width: float, fonts: Fonts, z: Sizes
) -> float:
    """The word banks in one box: each titled, its lettered items in columns; returns the y below."""
    bh = bank_height(banks, width, fonts, z)
    c.setLineWidth(0.6)
    c.rect(x, y - bh, width, bh)
    space1 = width1(" ", fonts.face())
    top = y - PAD
    inner = width - 2 * PAD
    for title, cols, rows in bank_grid(banks, width, fonts, z):
        c.setFont(fonts.face(bold=True), z.text)
        c.drawString(x + PAD, top - z.text, f"{title}:")
        top -= z.text * 1.3
        for row in rows:
            for col, (para, lines) in enumerate(row.cells):
                draw(
                    c, para, lines, x + PAD + col * inner / cols, top, inner / cols - z.gutter, z.text, space1
                )
            top -= row.height
        top -= 1.5 * mm
    return y - bh - 3 * mm


# ---- versions, word bank and answer keys ------------------------------------------------------


def version_letter(version: int, versions: int) -> str:
    """'A', 'B', ... when there are several versions; '' for a single one."""
    return "ABCDEF"[version] if versions > 1 else ""


def word_bank(answers: list[str], seed: int, version: int) -> list[str]:
    """The hidden answers in a seeded shuffle (never in the order of the worksheet)."""
    items = sorted(answers)
    random.Random(f"studypack-bank-{seed}-{version}").shuffle(items)
    return items


def arrange(
    sheets: list[list[Page]], keys: list[list[Page]], letters: list[str], answer_key: AnswerKey
) -> tuple[tuple[Page, ...], tuple[Page, ...], tuple[Page, ...]]:
    """Each version's worksheet and key pages as one section: every worksheet and key starts on a
    front page (a key never prints on the back of a worksheet) with its bookmark; key pages have
    the role "key". Returns (pages in the section, pages for the end of the pack, all key pages)."""
    out_sheets, out_keys = [], []
    for ws, ks, letter in zip(sheets, keys, letters, strict=True):
        name = f" version {letter}" if letter else ""
        out_sheets.append([replace(ws[0], new_sheet=True, bookmarks=((f"Worksheet{name}", 1),)), *ws[1:]])
        ks = [replace(k, role="key") for k in ks]
        out_keys.append([replace(ks[0], new_sheet=True, bookmarks=((f"Answer key{name}", 1),)), *ks[1:]])
    all_keys = tuple(p for ks in out_keys for p in ks)
    if answer_key == "after":
        pages = tuple(p for ws, ks in zip(out_sheets, out_keys, strict=True) for p in ws + ks)
    else:
        pages = tuple(p for ws in out_sheets for p in ws)
    return pages, (all_keys if answer_key == "end" else ()), all_keys
