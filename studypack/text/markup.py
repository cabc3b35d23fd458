"""Inline markup, parsed once into runs of plain text with a style.

`**bold**`, `*italic*`, `H~2~O` (subscript), `x^2^` (superscript); a backslash makes the next `*`, `~`,
`^` or `\\` literal. A marker only opens when a matching close follows (so `5 * 3`, `~50` and an
unmatched `**` print as typed). Runs are drawn as plain strings, never as ReportLab paragraph XML, so
`<`, `>` and `&` are always just characters.

`$...$` and `$$...$$` are formulas (studypack.text.maths finds them by Pandoc's dollar rule): each is one
run, its text the source as typed, delimiters included, with no markup read inside it; `\\$` is a dollar.

`[[words]]` marks words a cloze worksheet may blank out: everywhere else the brackets are dropped and
the words print plainly (`gaps` finds them for the cloze).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NORMAL, SUB, SUP = 0, -1, 1


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    script: int = NORMAL  # SUB, NORMAL or SUP
    math: int = 0  # 1: an inline formula, 2: a displayed one (text is its source, with its dollars)


_ESCAPABLE = "*~^\\$"
_WORD = re.compile(r"\w+")


def _closes(s: str, i: int, d: str, script: bool) -> bool:
    """Whether the delimiter `d` opening at i has a valid close later in s (the rule itself; a long
    text asks `_Closers` instead, which gives the same answers in linear time)."""
    j = i + len(d)
    if j >= len(s) or s[j].isspace():
        return False
    k = j
    while True:
        k = s.find(d, k)
        if k < 0 or (script and any(c.isspace() for c in s[j:k])):
            return False
        if k > j and not s[k - 1].isspace() and _backslashes_before(s, k) % 2 == 0:
            # a lone star does not close on half of a "**" (that belongs to bold), but does on "***"
            if d == "*" and s.startswith("**", k) and not s.startswith("***", k):
                k += 2
                continue
            return True
        k += len(d)


LONG = 400  # characters from which a text's closes are worked out once (`_Closers`), not per marker
_SPACE = re.compile(r"\s")


class _Closers:
    """`_closes` for every marker of one text at once: asking it for each of n unclosed markers
    scans the rest of the text each time (n² steps: 200,000 lone stars took minutes); here each
    delimiter's occurrences are walked once from the end, and every question is a binary search."""

    def __init__(self, s: str) -> None:
        self.s = s
        self._star: dict[str, tuple[list[int], list[bool]]] = {}
        self._script: dict[str, list[int]] = {}
        self._spaces: list[int] | None = None

    def closes(self, i: int, d: str, script: bool) -> bool:
        s = self.s
        j = i + len(d)
        if j >= len(s) or s[j].isspace():
            return False
        if script:
            return self._script_closes(j, d)
        if d not in self._star:
            self._star[d] = self._walk(d)
        occ, good = self._star[d]
        # a close right at j does not count (k > j): the search goes on after it
        return self._from(occ, good, j + len(d) if s.startswith(d, j) else j)

    @staticmethod
    def _from(occ: list[int], good: list[bool], p: int) -> bool:
        """Whether the search for a close, starting at position p, finds one."""
        from bisect import bisect_left

        x = bisect_left(occ, p)
        return x < len(occ) and good[x]

    def _walk(self, d: str) -> tuple[list[int], list[bool]]:
        """Each occurrence of d, and whether a search reaching it ends in a valid close."""
        s = self.s
        occ = [m.start() for m in re.finditer(f"(?={re.escape(d)})", s)]
        good = [False] * len(occ)
        for x in range(len(occ) - 1, -1, -1):
            k = occ[x]
            if k > 0 and not s[k - 1].isspace() and _backslashes_before(s, k) % 2 == 0:
                if d == "*" and s.startswith("**", k) and not s.startswith("***", k):
                    good[x] = self._from(occ, good, k + 2)
                else:
                    good[x] = True
            else:
                good[x] = self._from(occ, good, k + len(d))
        return occ, good

    def _script_closes(self, j: int, d: str) -> bool:
        """A script mark closes at the first unescaped `d` after j, before any space."""
        from bisect import bisect_right

        s = self.s
        if d not in self._script:
            self._script[d] = [
                k for k in (m.start() for m in re.finditer(re.escape(d), s))
                if k > 0 and not s[k - 1].isspace() and _backslashes_before(s, k) % 2 == 0
            ]  # fmt: skip
        if self._spaces is None:
            self._spaces = [m.start() for m in _SPACE.finditer(s)]
        closes, spaces = self._script[d], self._spaces
        x, y = bisect_right(closes, j), bisect_right(spaces, j - 1)
        return x < len(closes) and (y == len(spaces) or closes[x] <= spaces[y])


def _backslashes_before(s: str, k: int) -> int:
    n = 0
    while k - n - 1 >= 0 and s[k - n - 1] == "\\":
        n += 1
    return n


class _Reader:
    """One pass over a text: the current style, the text read in it, the runs so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bold = self.italic = False
        self.script = NORMAL
        self.out: list[Run] = []
        self.buf: list[str] = []
        self._closers = _Closers(text) if len(text) >= LONG else None

    def closes(self, i: int, d: str, script: bool) -> bool:
        if self._closers is not None:
            return self._closers.closes(i, d, script)
        return _closes(self.text, i, d, script)

    def flush(self) -> None:
        if self.buf:
            piece, style = "".join(self.buf), (self.bold, self.italic, self.script)
            last = self.out[-1] if self.out else None
            if last is not None and not last.math and (last.bold, last.italic, last.script) == style:
                self.out[-1] = Run(last.text + piece, *style)
            else:
                self.out.append(Run(piece, *style))
            self.buf.clear()

    def star(self, i: int) -> int:
        """At a '*' or '**': close or open italic or bold when it can, else it is text."""
        text = self.text
        double = text.startswith("**", i)
        d = "**" if double else "*"
        is_open = self.bold if double else self.italic
        closing = is_open and i > 0 and not text[i - 1].isspace()
        if closing or (not is_open and self.closes(i, d, False)):
            self.flush()
            if double:
                self.bold = not is_open
            else:
                self.italic = not is_open
        else:
            self.buf.append(d)
        return i + len(d)

    def script_mark(self, i: int) -> int:
        """At a '~' or '^': close or open a sub- or superscript when it can, else it is text."""
        c = self.text[i]
        want = SUB if c == "~" else SUP
        if self.script == want or (self.script == NORMAL and self.closes(i, c, True)):
            self.flush()
            self.script = NORMAL if self.script == want else want
        else:
            self.buf.append(c)
        return i + 1


GAP = re.compile(r"\[\[(.+?)\]\]", re.S)


def gaps(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of each `[[words]]` in the text as written."""
    return [(m.start(), m.end(), m.group(1)) for m in GAP.finditer(text)]


def without_gaps(text: str) -> str:
    """The text with its `[[...]]` brackets dropped: the words as a reader sees them."""
    return GAP.sub(r"\1", text) if "[[" in text else text


@lru_cache(maxsize=2048)
def parse(text: str) -> tuple[Run, ...]:
    """Parse inline markup into runs; adjacent runs of the same style are merged."""
    if "[[" in text:
        text = without_gaps(text)
    if not any(c in text for c in "*~^\\$"):
        return (Run(text),) if text else ()
    r = _Reader(text)
    i, n = 0, len(text)
    formulas = _formulas(text) if "$" in text else {}
    while i < n:
        c = text[i]
        if c == "$" and i in formulas:
            r.flush()
            end, display = formulas[i]
            r.out.append(Run(text[i:end], r.bold, r.italic, NORMAL, 2 if display else 1))
            i = end
        elif c == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            r.buf.append(text[i + 1])
            i += 2
        elif c == "*":
            i = r.star(i)
        elif c in "~^":
            i = r.script_mark(i)
        else:
            r.buf.append(c)
            i += 1
    r.flush()
    return tuple(r.out)


def _formulas(text: str) -> dict[int, tuple[int, bool]]:
    from studypack.text.maths import spans

    return {a: (b, display) for a, b, display in spans(text)}


def plain(text: str) -> str:
    """The text a reader sees once markup is applied."""
    return "".join(r.text for r in parse(text))


def words(text: str) -> list[str]:
    """Every run of letters and digits the reader sees (what 'no text is lost' counts)."""
    return _WORD.findall(plain(text))
