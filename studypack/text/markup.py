"""Inline markup, parsed once into runs of plain text with a style.

`**bold**`, `*italic*`, `H~2~O` (subscript), `x^2^` (superscript); a backslash makes the next `*`, `~`,
`^` or `\\` literal. A marker only opens when a matching close follows (so `5 * 3`, `~50` and an
unmatched `**` print as typed). Runs are drawn as plain strings, never as ReportLab paragraph XML, so
`<`, `>` and `&` are always just characters.
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


_ESCAPABLE = "*~^\\"
_WORD = re.compile(r"\w+")


def _closes(s: str, i: int, d: str, script: bool) -> bool:
    """Whether the delimiter `d` opening at i has a valid close later in s."""
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


def _backslashes_before(s: str, k: int) -> int:
    n = 0
    while k - n - 1 >= 0 and s[k - n - 1] == "\\":
        n += 1
    return n


@lru_cache(maxsize=2048)
def parse(text: str) -> tuple[Run, ...]:
    """Parse inline markup into runs; adjacent runs of the same style are merged."""
    if not any(c in text for c in "*~^\\"):
        return (Run(text),) if text else ()
    bold = italic = False
    script = NORMAL
    out: list[Run] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            piece = "".join(buf)
            if out and (out[-1].bold, out[-1].italic, out[-1].script) == (bold, italic, script):
                out[-1] = Run(out[-1].text + piece, bold, italic, script)
            else:
                out.append(Run(piece, bold, italic, script))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if c == "*":
            double = text.startswith("**", i)
            d = "**" if double else "*"
            is_open = bold if double else italic
            if is_open and i > 0 and not text[i - 1].isspace():
                flush()
                if double:
                    bold = False
                else:
                    italic = False
                i += len(d)
                continue
            if not is_open and _closes(text, i, d, False):
                flush()
                if double:
                    bold = True
                else:
                    italic = True
                i += len(d)
                continue
            buf.append(d)
            i += len(d)
            continue
        if c in "~^":
            want = SUB if c == "~" else SUP
            if script == want:
                flush()
                script = NORMAL
                i += 1
                continue
            if script == NORMAL and _closes(text, i, c, True):
                flush()
                script = want
                i += 1
                continue
        buf.append(c)
        i += 1
    flush()
    return tuple(out)


def plain(text: str) -> str:
    """The text a reader sees once markup is applied."""
    return "".join(r.text for r in parse(text))


def words(text: str) -> list[str]:
    """Every run of letters and digits the reader sees (what 'no text is lost' counts)."""
    return _WORD.findall(plain(text))
