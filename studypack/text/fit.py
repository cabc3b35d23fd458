"""Fit rich text into a box fast: measure each word once, then wrap at any size by arithmetic.

A word's width scales exactly with the font size, so widths are measured at 1 pt (and cached) and
line-breaking at size s multiplies by s. Finding the largest size that fits is a binary search over
quarter points, a few arithmetic passes rather than a few layout passes. Words wider than the line
break with a hyphen; text that does not fit at the minimum size is split, and the rest comes back as
paragraphs to continue elsewhere. Nothing is ever dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import InitVar, dataclass, field, replace
from operator import itemgetter
from typing import NamedTuple

from studypack.text.markup import NORMAL, parse

MATH, DISPLAY = 2, 3  # a formula piece's script (as studypack.text.maths, not imported until needed)

SCRIPT_SCALE = 0.7  # sub/superscripts are set at 70% and raised/lowered by a third of the size
LEADING = 1.22
_widths: dict[tuple[str, str], float] = {}


def width1(text: str, face: str) -> float:
    """Width of `text` in `face` at 1 pt, cached (history decks repeat their vocabulary)."""
    key = (face, text)
    w = _widths.get(key)
    if w is None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w = _widths[key] = stringWidth(text, face, 1.0)
    return w


class Piece(NamedTuple):  # NamedTuples: a deck of 10,000 cards makes a million of these
    text: str
    face: str
    script: int
    w1: float  # width at 1 pt, script scaling included


class Word(NamedTuple):
    pieces: tuple[Piece, ...]
    w1: float
    text: str
    style: str  # the face when the word is one plain piece, else "" (mixed styles or a script)


def make_word(pieces: tuple[Piece, ...]) -> Word:
    single = len(pieces) == 1 and pieces[0].script == NORMAL
    return Word(
        pieces, sum(p.w1 for p in pieces), "".join(p.text for p in pieces), pieces[0].face if single else ""
    )


_W1, _TEXT, _STYLE = itemgetter(1), itemgetter(2), itemgetter(3)
_plain_words: dict[tuple[str, str], Word] = {}


def _plain_word(text: str, face: str) -> Word:
    key = (text, face)
    w = _plain_words.get(key)
    if w is None:
        wd = width1(text, face)
        w = _plain_words[key] = Word((Piece(text, face, NORMAL, wd),), wd, text, face)
    return w


@dataclass(frozen=True)
class Para:
    """A paragraph: words, a left indent and bullet (in ems), a size factor and space before (ems)."""

    words: tuple[Word, ...]
    indent: float = 0.0
    bullet: str = ""
    scale: float = 1.0
    space_before: float = 0.0
    align: str = "left"  # left or centre
    keep_with_next: bool = False
    leading: float = LEADING  # line advance as a multiple of the size
    label: tuple[
        str, ...
    ] = ()  # (text, face) drawn left of the indent from its first line, a line each "\n": a table row's first cell
    min_lines: int = 0  # the paragraph takes at least this many lines (a first cell longer than its text)
    ws: tuple[float, ...] = field(default=(), compare=False)  # the words' widths at 1 pt
    texts: tuple[str, ...] = field(default=(), compare=False)  # the words as text
    simple: bool = field(default=False, compare=False)  # every word one piece, one face, no script
    # (ws, texts, simple) already known, for the rest of a split paragraph: deriving them again for
    # every box a long text flows into would make fitting grow with the square of its length
    derived: InitVar[tuple | None] = None

    def __post_init__(self, derived: tuple | None = None) -> None:
        if derived is not None:
            for name, value in zip(("ws", "texts", "simple"), derived, strict=True):
                object.__setattr__(self, name, value)
            return
        # one pass each in C (itemgetter): a 1,000-card deck makes thousands of paragraphs
        words = self.words
        object.__setattr__(self, "ws", tuple(map(_W1, words)))
        object.__setattr__(self, "texts", tuple(map(_TEXT, words)))
        if words:
            styles = set(map(_STYLE, words))
            object.__setattr__(self, "simple", len(styles) == 1 and "" not in styles)
            if "" in styles and any(map(has_formula, words)):
                # a formula is never broken and may be taller than a line: its width counts as
                # infinite here, which sends the paragraph down the word-by-word path (`_break_words`)
                ws = tuple(math.inf if has_formula(w) else w.w1 for w in words)
                object.__setattr__(self, "ws", ws)


_LONE = re.compile(r"^[-–—:;,.!?)\]»”’/]+$")
_LONE_ANYWHERE = re.compile(r"(?:^|\s)[-–—:;,.!?)\]»”’/]+(?:\s|$)")  # is there any to glue?


def glue_punctuation(tokens: list[str]) -> list[str]:
    """A dash or stop standing alone ('1953 – 56', 'word :') goes with the word before it, so no
    line ever starts with a lone punctuation mark."""
    out: list[str] = []
    for t in tokens:
        if out and _LONE.match(t):
            out[-1] = f"{out[-1]} {t}"
        else:
            out.append(t)
    return out


def running_head(
    title: str, face: str, size: float, width: float, before: str = "", after: str = "", smallest: float = 8.0
) -> tuple[float, str]:
    """A one-line heading `before + title + after` (a page's header, a sheet's "(continued)") that
    fits `width` points: set smaller down to `smallest`, then the title shortened with "…" (it is
    printed whole where it first appears: the cover, the sheet's first page)."""
    text = before + title + after
    while size > smallest and width1(text, face) * size > width:
        size = max(smallest, size - 0.5)
    if width1(text, face) * size <= width:
        return size, text
    # the longest start of the title that fits, found by adding up its characters' widths once (a
    # title of thousands of characters without a space costs no more than one of ten)
    room = width / size - width1(before + "…" + after, face)
    used, end = 0.0, 0
    for ch in title:
        used += width1(ch, face)
        if used > room:
            break
        end += 1
    while end and width1(before + title[:end] + "…" + after, face) * size > width:
        end -= 1  # kerning-free fonts add up exactly; this only guards the rounding
    return size, before + title[:end].rstrip() + "…" + after


def plain_lines(text: str, face: str, size: float, width: float) -> list[str]:
    """Plain text (no markup) broken into lines of at most `width` points: for one-off lines such as
    the cover's, by the same line-breaking as everything else."""
    words = tuple(
        _plain_word(t, face) for t in re.split(r"[ \t\n]+", text.strip()) if t
    )  # a no-break space holds
    para = Para(words)
    lines = wrap((para,), width, size, width1(" ", face))
    return [_line_text(para, ln) for ln in lines if ln.b > ln.a or ln.segs]


def _line_text(para: Para, ln: Line) -> str:
    """A plain line's text; a word broken over lines (a file name as a title) ends with a hyphen."""
    if not ln.segs:
        return " ".join(para.texts[ln.a : ln.b])
    parts = []
    for sg in ln.segs:
        text = para.texts[sg.w][sg.start : None if sg.end < 0 else sg.end]
        parts.append(text + "-" if sg.hyphen else text)
    return " ".join(parts)


def hyphen_pieces(text: str) -> list[tuple[str, bool]]:
    """The words of a first cell, a hyphenated one in pieces that may end a line at their hyphen
    ('Marxism-', 'Leninism'): (piece, joined to the one before without a space)."""
    out = []
    for word in text.split():
        parts = re.findall(r"[^-]+-*|-+", word)
        out += [(p, k > 0) for k, p in enumerate(parts)]
    return out


def cell_lines(text: str, face: str, width: float, space: float) -> list[str]:
    """`text` broken into lines `width` ems wide (at 1 pt), a hyphenated word at its hyphen; a word
    wider than that breaks with a hyphen added, so the cell keeps to its column."""
    lines: list[str] = []
    x: float | None = None  # the open line's width
    for word, joined in hyphen_pieces(text):
        w = width1(word, face)
        gap = 0.0 if joined else space
        if x is not None and x + gap + w <= width:
            lines[-1] += ("" if joined else " ") + word
            x += gap + w
            continue
        while w > width and len(word) > 4:
            # never fewer than four letters carried over when the word is long enough: a break in or
            # right before its last three letters ("Decentralisat-ion") reads badly; "Decentralisa-tion"
            k = len(word) - (4 if len(word) > 6 else 3)
            while k > 1 and width1(word[:k] + "-", face) > width:
                k -= 1
            lines.append(word[:k] + "-")
            word = word[k:]
            w = width1(word, face)
        lines.append(word)
        x = w
    return lines


def has_formula(word: Word) -> bool:
    """Whether the word holds a formula (`$...$`): it is one unit, never broken."""
    return not word.style and any(p.script >= MATH for p in word.pieces)


def words_of(text: str, fonts, bold: bool = False, italic: bool = False) -> tuple[Word, ...]:
    """Markup text as measured words (a word may mix styles, e.g. H~2~O). A formula is one piece of
    its word (or a word of its own when displayed), as wide as its layout at 1 pt; one that does not
    parse is its source as text."""
    runs = parse(text)
    if (
        len(runs) == 1 and runs[0].script == NORMAL and not runs[0].math
    ):  # the common case: one style, cached words
        face = fonts.face(runs[0].bold or bold, runs[0].italic or italic)
        plain = runs[0].text
        tokens = plain.split()
        if _LONE_ANYWHERE.search(plain):
            tokens = glue_punctuation(tokens)
        get = _plain_words.get
        words = [get((t, face)) for t in tokens]  # nearly every word measured before
        if None in words:
            words = [w or _plain_word(t, face) for w, t in zip(words, tokens, strict=True)]
        return tuple(words)  # type: ignore[arg-type]
    out: list[Word] = []
    cur: list[Piece] = []

    def piece(t: str, b: bool, i: bool, script: int) -> Piece:
        face = fonts.face(b, i)
        scale = SCRIPT_SCALE if script != NORMAL else 1.0
        return Piece(t, face, script, width1(t, face) * scale)

    def end_word() -> None:
        if cur:
            out.append(make_word(tuple(cur)))
            cur.clear()

    for run in runs:
        b, i = run.bold or bold, run.italic or italic
        if run.math:
            from studypack.text import maths

            f = maths.layout(*maths.source(run.text))
            if not f.error:
                if run.math == 2:
                    end_word()
                cur.append(Piece(run.text, fonts.face(b, i), DISPLAY if run.math == 2 else MATH, f.width))
                if run.math == 2:
                    end_word()
                continue
        parts = run.text.split(" ") if "\n" not in run.text and "\t" not in run.text else None
        if parts is None:
            parts = run.text.replace("\n", " ").replace("\t", " ").split(" ")
        for k, part in enumerate(parts):
            if k > 0:
                end_word()
            if part:
                cur.append(piece(part, b, i, run.script))
    end_word()
    return tuple(out)


class Seg(NamedTuple):
    """Part of a broken word on a line: word `w` of paragraph `p`, characters [start, end)."""

    p: int
    w: int
    start: int = 0
    end: int = -1  # -1: to the end of the word
    hyphen: bool = False


class Line(NamedTuple):
    """A laid-out line: whole words a..b-1 of paragraph `para`, or `segs` for broken words."""

    para: int
    a: int
    b: int
    first: bool  # first line of its paragraph (bullet drawn here)
    height: float  # advance in points at the laid-out size
    space_before: float
    segs: tuple[Seg, ...] = ()
    top: float = 0.0  # room added above the usual ascent for a tall formula (baseline moves down)

    def all_segs(self) -> tuple[Seg, ...]:
        return self.segs or tuple(Seg(self.para, w) for w in range(self.a, self.b))


def _scale(p: Piece) -> float:
    """A piece's width against its text's at 1 pt (a sub- or superscript is set smaller). A long
    piece (the rest of a huge word) takes it from its script: measuring it would cost its length
    for every box it flows into."""
    if len(p.text) > 64:
        return SCRIPT_SCALE if p.script != NORMAL else 1.0
    raw = width1(p.text, p.face) if p.text else 0.0
    return p.w1 / raw if raw else 1.0


_spacing = [1.0]  # line spacing against each paragraph's own: 1.5 under the dyslexia-friendly preset


@contextmanager
def line_spacing(factor: float) -> Iterator[None]:
    """Every line laid out inside this block is `factor` times as far from the next (a preset's
    spacing, for one build)."""
    _spacing.append(factor)
    try:
        yield
    finally:
        _spacing.pop()


def wrap(
    paras: tuple[Para, ...], width: float, size: float, space1: float, limit: float = math.inf
) -> list[Line]:
    """Greedy line-breaking at `size`, pure arithmetic on the cached widths. With `limit`, it stops
    after the first line that takes the height past it: a box never needs more, so fitting a very
    long text into boxes costs each box its own lines, not the whole rest of the text."""
    lines: list[Line] = []
    add = lines.append
    used = 0.0
    for pi, para in enumerate(paras):
        if used > limit:
            break
        s = size * para.scale
        avail = max(width - para.indent * size, size)
        space = space1 * s
        lh = s * para.leading * _spacing[-1]
        sb = para.space_before * size if pi else 0.0
        ws = para.ws
        if not ws:
            add(Line(pi, 0, 0, True, lh, sb))
            used += lh + sb
            continue
        # Lines are ranges of whole words until a word wider than the line turns up (checked word
        # by word, not with max(): a box's worth of a long paragraph costs a box's worth of work).
        n0, used0 = len(lines), used
        start, x, first = 0, ws[0] * s, True
        used += sb
        long_word = x > avail
        for wi in range(1, 0 if long_word else len(ws)):
            ww = ws[wi] * s
            if ww > avail:
                long_word = True
                break
            if x + space + ww <= avail:
                x += space + ww
            else:
                add(Line(pi, start, wi, first, lh, sb if first else 0.0))
                start, x, first = wi, ww, False
                used += lh
                if used > limit:
                    return lines
        if not long_word:
            add(Line(pi, start, len(ws), first, lh, sb if first else 0.0))
            used += lh
            for _ in range(para.min_lines - (len(lines) - n0)):  # room for the row's first cell
                add(Line(pi, len(ws), len(ws), False, lh, 0.0))
                used += lh
            continue
        del lines[n0:]
        used = used0
        _wrap_breaking(lines, pi, para, avail, s, space, lh, sb, limit - used)
        used += height(lines[n0:])
    return lines


class _Full(Exception):
    """The box's height is passed: no more lines are needed."""


def _wrap_breaking(lines, pi, para, avail, s, space, lh, sb, limit=math.inf) -> None:
    """Line-breaking for a paragraph with a word longer than the line: it breaks with a hyphen."""
    first, used = True, 0.0

    def push(items: list[Seg]) -> None:
        nonlocal first, used
        top, h = _formula_room(para, items, s, lh)
        lines.append(Line(pi, 0, 0, first, h, sb if first else 0.0, tuple(items), top))
        used += h + (sb if first else 0.0)
        first = False
        if used > limit:
            raise _Full

    try:
        _break_words(para, avail, s, space, pi, push)
    except _Full:
        pass


def _break_words(para, avail, s, space, pi, push) -> None:
    segs: list[Seg] = []
    x = 0.0
    for wi, word in enumerate(para.words):
        ww = word.w1 * s
        unit = has_formula(word)  # never broken; a displayed one has a line of its own
        if unit and word.pieces[0].script == DISPLAY:
            if segs:
                push(segs)
            push([Seg(pi, wi)])
            segs, x = [], 0.0
            continue
        if segs and x + space + ww <= avail:
            segs.append(Seg(pi, wi))
            x += space + ww
            continue
        if segs:
            push(segs)
            segs, x = [], 0.0
        if ww <= avail or unit:
            segs, x = [Seg(pi, wi)], ww
            continue
        start, x = _break_word(word, wi, pi, avail, s, push)
        segs = [Seg(pi, wi, start, -1)]
    if segs:
        push(segs)


def _formula_room(para: Para, items: list[Seg], s: float, lh: float) -> tuple[float, float]:
    """(room above, line height) for a line: a formula taller than the text's ascent (0.95 of the
    size) or deeper than its descent gets the room it needs; a displayed one some air as well."""
    up, down = 0.95 * s, lh - 0.95 * s
    asc, desc = up, down
    for seg in items:
        if para.ws[seg.w] != math.inf:  # only a word holding a formula counts as infinitely wide
            continue  # (Para): never walk a huge word's pieces once for every line it fills
        word = para.words[seg.w]
        if word.style:
            continue
        for p in word.pieces:
            if p.script >= MATH:
                from studypack.text import maths

                f = maths.layout(*maths.source(p.text))
                air = 0.3 * s if p.script == DISPLAY else 0.05 * s
                asc, desc = max(asc, f.ascent * s + air), max(desc, f.descent * s + air)
    return asc - up, lh + (asc - up) + (desc - down)


def _break_word(word: Word, wi: int, pi: int, avail: float, s: float, push) -> tuple[int, float]:
    """A word wider than the line, over as many lines as it needs, each ending with a hyphen: a
    line takes characters while they and the hyphen fit (at least one). Each line is found by
    adding up the widths of a slice of characters in C (`accumulate`) and bisecting, so a word of
    millions of characters costs microseconds a line. Returns where the last line starts, and its
    width."""
    from bisect import bisect_right
    from itertools import accumulate, repeat
    from operator import mul

    hy = width1("-", word.pieces[0].face) * s
    cw = _CharWidths(word)
    n, start, guess = len(word.text), 0, 64
    while True:
        sums = list(accumulate(map(mul, cw.get(start, start + guess), repeat(s))))
        e = bisect_right(sums, avail, key=lambda acc: acc + hy)
        if e == len(sums) and start + guess < n:
            guess *= 2  # the line may take more characters than this slice holds
            continue
        if e == len(sums):
            return start, sums[-1] if sums else 0.0
        e = max(e, 1)  # a line holds at least one character
        push([Seg(pi, wi, start, start + e, True)])
        start += e
        guess = max(64, 2 * e)


class _CharWidths:
    """The widths at 1 pt of a word's characters, a slice at a time (a huge word is never held as a
    list of millions of numbers)."""

    def __init__(self, word: Word) -> None:
        self.pieces = word.pieces
        self.starts: list[int] = []  # where each piece starts, found as far as asked (a box's worth)
        self.end = 0

    def get(self, a: int, b: int) -> list[float]:
        from bisect import bisect_right

        while self.end < b and len(self.starts) < len(self.pieces):
            self.starts.append(self.end)
            self.end += len(self.pieces[len(self.starts) - 1].text)
        out: list[float] = []
        k = max(bisect_right(self.starts, a) - 1, 0)
        while k < len(self.starts) and self.starts[k] < b:
            p, pos = self.pieces[k], self.starts[k]
            text = p.text[max(a - pos, 0) : b - pos]
            table = _char_table(p.face)
            scale = _scale(p)
            widths = map(table.__getitem__, text)
            out += widths if scale == 1.0 else [w * scale for w in widths]
            k += 1
        return out


class _FaceWidths(dict):
    """One face's character widths at 1 pt, measured as they are first asked for."""

    def __init__(self, face: str) -> None:
        super().__init__()
        self.face = face

    def __missing__(self, c: str) -> float:
        w = self[c] = width1(c, self.face)
        return w


_char_tables: dict[str, _FaceWidths] = {}


def _char_table(face: str) -> _FaceWidths:
    table = _char_tables.get(face)
    if table is None:
        table = _char_tables[face] = _FaceWidths(face)
    return table


def measure(
    paras: tuple[Para, ...], width: float, size: float, space1: float, limit: float = math.inf
) -> float:
    """The height `wrap` would give, without building lines: the inner loop of the size search.
    With `limit`, it may stop (returning more than `limit`) as soon as the height passes it."""
    total = 0.0
    for pi, para in enumerate(paras):
        s = size * para.scale
        avail = max(width - para.indent * size, size)
        space = space1 * s
        lh = s * para.leading * _spacing[-1]
        before = total
        total += lh + (para.space_before * size if pi else 0.0)
        x = -1.0
        for w in para.ws:
            ww = w * s
            if ww > avail:  # a word to break: let wrap do this paragraph exactly
                lines = wrap((para,), width, size, space1, limit - before)
                total = before + height(lines) + (para.space_before * size if pi else 0.0)
                break
            if x >= 0 and x + space + ww <= avail:
                x += space + ww
            elif x < 0:
                x = ww
            else:
                x = ww
                total += lh
                if total > limit:
                    return total
        if para.min_lines > 1:  # a wrapped first cell: at least its lines
            total = max(total, before + para.min_lines * lh + (para.space_before * size if pi else 0.0))
        if total > limit:
            return total
    return total


def height(lines: list[Line]) -> float:
    return sum(ln.height + ln.space_before for ln in lines)


@dataclass
class Fit:
    """Text fitted into a box: the size it is set at, its lines, and what did not fit."""

    size: float
    lines: list[Line]
    rest: tuple[Para, ...]  # what did not fit at the minimum size, to continue elsewhere


def fit(
    paras: tuple[Para, ...],
    width: float,
    box_h: float,
    max_size: float,
    min_size: float,
    space1: float,
    step: float = 0.25,
    whole: bool = False,
) -> Fit:
    """The largest size in [min_size, max_size] (by `step`) at which the text fits the box; what does
    not fit at `min_size` is split off (see `split` for `whole`)."""
    n = int(round((max_size - min_size) / step))
    limit = box_h + 1e-6
    if measure(paras, width, max_size, space1, limit) <= limit:  # most text fits at once
        return Fit(max_size, wrap(paras, width, max_size, space1), ())
    lo, hi = 0, n - 1
    best = None
    while lo <= hi:  # binary search over sizes, measuring only
        mid = (lo + hi) // 2
        size = min_size + mid * step
        if measure(paras, width, size, space1, limit) <= limit:
            best = size
            lo = mid + 1
        else:
            hi = mid - 1
    if best is not None:
        return Fit(best, wrap(paras, width, best, space1), ())
    lines = wrap(paras, width, min_size, space1, limit)
    return split(paras, lines, box_h, min_size, whole)


def split(paras: tuple[Para, ...], lines: list[Line], box_h: float, size: float, whole: bool = False) -> Fit:
    """Keep the lines that fit; the rest become paragraphs to continue on another box. With `whole`,
    the box ends between paragraphs (bullets), or else at the end of a sentence: a paragraph is cut
    mid-sentence only when one sentence alone is longer than the box."""
    used, k = 0.0, 0
    while k < len(lines) and used + lines[k].height + lines[k].space_before <= box_h + 1e-6:
        used += lines[k].height + lines[k].space_before
        k += 1
    # a heading never ends a box: move it (and what keeps with it) on
    while k > 1 and lines[k - 1].first and paras[lines[k - 1].para].keep_with_next:
        k -= 1
    # nor does half of a broken long word: it moves on whole, unless it alone fills the box
    back = k
    while back > 1 and back < len(lines) and lines[back].segs and lines[back].segs[0].start > 0:
        back -= 1
    if back > 1 or (back == 1 and not (lines[0].segs and lines[0].segs[-1].hyphen)):
        k = back
    if k == 0:
        k = 1  # a box always takes at least one line, so the text always moves on
    if k >= len(lines):
        return Fit(size, lines, ())
    if whole:
        return _split_readably(paras, lines, k, size)
    return Fit(size, lines[:k], rest_from(paras, lines[k]))


def _split_readably(paras: tuple[Para, ...], lines: list[Line], k: int, size: float) -> Fit:
    """End the box between paragraphs (never right after a heading that keeps with what follows);
    failing that, after the last full stop in it, cutting that line short; failing that, at line k."""
    for j in range(k, 0, -1):
        if lines[j].first and not paras[lines[j - 1].para].keep_with_next:
            return Fit(size, lines[:j], rest_from(paras, lines[j]))
    for j in range(k - 1, -1, -1):
        line = lines[j]
        para = paras[line.para]
        if line.segs or para.keep_with_next:
            continue
        for w in range(line.b - 1, line.a - 1, -1):
            if _ends_sentence(para.texts[w]):
                kept = [*lines[:j], line._replace(b=w + 1)]
                if w + 1 < line.b:
                    return Fit(size, kept, rest_from(paras, line._replace(a=w + 1, first=False)))
                return Fit(size, kept, rest_from(paras, lines[j + 1]))
    return Fit(size, lines[:k], rest_from(paras, lines[k]))


def _ends_sentence(word: str) -> bool:
    return word.rstrip("\"')]»”’").endswith((".", "!", "?", ";"))


def used_paras(paras: tuple[Para, ...], lines: list[Line]) -> tuple[Para, ...]:
    """Only what `lines` draw: a box keeps its own words, not the rest of a long text (which
    would make memory grow with the square of a paragraph's length)."""
    if not lines:
        return ()
    last = lines[-1]
    p = last.segs[-1].p if last.segs else last.para
    end = (last.segs[-1].w + 1) if last.segs else last.b
    tail = paras[p]
    if end < len(tail.words):
        tail = replace(tail, words=tail.words[:end])
    if last.segs and last.segs[-1].end >= 0:  # a word broken at the box's end: keep only its head
        words = tail.words
        tail = replace(tail, words=(*words[:-1], _head_word(words[-1], last.segs[-1].end)))
    return (*paras[:p], tail)


def rest_from(paras: tuple[Para, ...], line: Line) -> tuple[Para, ...]:
    seg = line.segs[0] if line.segs else Seg(line.para, line.a)
    para = paras[seg.p]
    words, ws, texts = para.words[seg.w :], para.ws[seg.w :], para.texts[seg.w :]
    if seg.start and words:
        first = _slice_word(words[0], seg.start)
        words, ws, texts = (first, *words[1:]), (first.w1, *ws[1:]), (first.text, *texts[1:])
    head = replace(para, words=words, space_before=0.0, derived=(ws, texts, para.simple))
    return (head, *paras[seg.p + 1 :])


def _slice_word(word: Word, start: int) -> Word:
    """The word from character `start` on (the rest of a word broken at a box's end). Only the
    pieces before `start` are looked at, and its width is the word's less theirs: a huge word (or
    one of thousands of pieces, `~a~a~a...`) costs each box only what the box holds."""
    pieces, skip, dropped, k = word.pieces, start, 0.0, 0
    while k < len(pieces) and skip >= len(pieces[k].text):
        skip -= len(pieces[k].text)
        dropped += pieces[k].w1
        k += 1
    rest = pieces[k:]
    if skip and rest:
        p = rest[0]
        cut = sum(map(_char_table(p.face).__getitem__, p.text[:skip])) * _scale(p)
        rest = (Piece(p.text[skip:], p.face, p.script, max(p.w1 - cut, 0.0)), *rest[1:])
        dropped += cut
    if not rest:
        return Word((), 0.0, "", "")
    single = len(rest) == 1 and rest[0].script == NORMAL
    return Word(rest, max(word.w1 - dropped, 0.0), word.text[start:], rest[0].face if single else "")


def _head_word(word: Word, end: int) -> Word:
    """The word's first `end` characters (what a box draws of a word it breaks)."""
    pieces, left = [], end
    for p in word.pieces:
        if left <= 0:
            break
        if len(p.text) > left:
            p = Piece(
                p.text[:left],
                p.face,
                p.script,
                sum(map(_char_table(p.face).__getitem__, p.text[:left])) * _scale(p),
            )
        pieces.append(p)
        left -= len(p.text)
    return make_word(tuple(pieces))
