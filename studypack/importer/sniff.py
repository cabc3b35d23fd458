"""What a pasted list's lines have in common, found from the lines themselves (the way the standard
library's `csv.Sniffer` finds a delimiter from the data's regularity, not from a fixed list):

- the separator between term and definition: every token that could be one (a tab, a run of
  spaces, a punctuation run such as `---`, `::`, `;`, `->`, `→`, `=`, a dash or `: `) is tried,
  and the one that splits the most lines once, after a short term, wins;
- a vocabulary line's gender or part-of-speech marker (`Abflug (m) departure`), which splits it.

Dated lines are found by dated.py, quotations by quotes.py.
"""

from __future__ import annotations

import re
from collections import Counter

# punctuation that is part of words or sentences, never a term/definition separator on its own
_PROSE = set(",.?!'\"“”‘’()[]{}*_#&%$£€@+")
_TOKEN = re.compile(r"\t+|(?<=\S) {2,}(?=\S)|\s*[^\w\s]{2,4}\s*|\s+[^\w\s]\s+|[;:]\s*|\s+/\s+")
# the usual separators, tried first and in this order (a tie goes to the earlier)
SEPARATORS = ("\t", " | ", "|", " = ", " – ", " — ", " - ", ": ")
DASHES = (" - ", " – ", " — ")
DASH = re.compile(r"\s+[-–—]\s+")
SPACES = "  "  # a run of two or more spaces between columns
VOCAB = "(marker)"  # a gender or part-of-speech marker in brackets after the term
_MARKER = re.compile(
    r"^(?P<t>.{1,60}?\s*\((?:[mfn]|[mfn]\.|n\.?\s?[mf]\.?|[mf]/[mf]|[mfn]pl|pl|nm|nf|v|vb|vt|vi|verb|noun|n\.?|"
    r"adj|adj\.|adv|adv\.|prep|prep\.|conj|conj\.|pron|pron\.|interj|art|det|phr|expr|masc|fem|neut|"
    r"der|die|das|le|la|el|il|lo)\))\s+(?P<d>\S.*)$",
    re.I,
)


def _key(token: str) -> str:
    """A token as a separator: dashes as ' - ', a colon as ': ', spaces as a run, others stripped
    of padding (so `--- ` and ` ---` are one separator)."""
    if token.startswith("\t"):
        return "\t"
    core = token.strip()
    if not core:
        return SPACES
    if core in "-–—":
        return " - "
    if core == ":":
        return ": "
    if core in (";", "|"):
        return core
    return f" {core} " if len(core) == 1 else core


def candidates(lines: list[str]) -> list[str]:
    """Every token of the lines that could be a separator, most frequent first."""
    seen: Counter[str] = Counter()
    for ln in lines[:400]:
        s = ln.strip()
        for m in _TOKEN.finditer(s):
            if m.start() == 0:
                continue
            core = m.group().strip()
            if core and (all(c in _PROSE for c in core) or core in ("...", "…")):
                continue
            seen[_key(m.group())] += 1
        if _MARKER.match(s):
            seen[VOCAB] += 1
    return [k for k, _ in seen.most_common()]


def split(line: str, sep: str) -> tuple[str, str] | None:
    """(term, definition) of a line at the separator's first occurrence, else None."""
    s = line.strip()
    if sep == VOCAB:
        m = _MARKER.match(s)
        return (m.group("t").strip(), m.group("d").strip()) if m else None
    if sep == SPACES:
        parts = re.split(r"(?<=\S) {2,}(?=\S)", s, maxsplit=1)
    elif sep in DASHES:
        parts = re.split(r"\s+[-–—]\s+", s, maxsplit=1)
    else:  # `---`, `::`, `->`, `;` with or without spaces around; ` = `, ` / ` with them
        parts = s.split(sep, 1)
    if len(parts) < 2:
        return None
    return parts[0].strip(), parts[1].strip()


def short(s: str, words: int = 8) -> bool:
    """At most `words` words and 80 characters: a term, a title, not a sentence."""
    return 0 < len(s.split()) <= words and len(s) <= 80


def split_item(line: str, sep: str) -> tuple[str, str] | None:
    """(term, definition) when the line has the separator after a short term."""
    s = line.strip()
    if sep == "|" or sep == " | ":
        s = s.strip("|").strip()
        if "|" not in s:
            return None
        a, b = s.split("|", 1)
        return (a.strip(), " ".join(c.strip() for c in b.split("|") if c.strip())) if a.strip() else None
    if sep in DASHES:  # a dash is a dash, whichever the keyboard made: " - ", " – " or " — "
        parts = DASH.split(s, 1)
        if len(parts) < 2:
            return None
        a, b = parts[0].strip(), parts[1].strip()
    elif sep not in SEPARATORS:  # a separator found in the text itself (`candidates`)
        got = split(s, sep)
        if got is None:
            return None
        a, b = got
    elif sep not in s:
        return None
    else:
        a, b = s.split(sep, 1)
        a, b = a.strip(), b.strip()
    if not a or not short(a, 10):
        return None
    if sep not in SEPARATORS and sep not in DASHES and (not short(a, 6) or a[-1] in ".!?"):
        return None  # a token found in the text splits only after a term, never after a sentence
    if sep == ";" and s[s.index(";") + 1 : s.index(";") + 2].isspace() and len(a.split()) > 2:
        return None  # "; " after a clause is prose's semicolon; an export writes "term;definition"
    return a, b


def table_rule(line: str) -> bool:
    return bool(re.match(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$", line))


def best_separator(body: list[str]) -> tuple[str, float]:
    """The separator that splits the most lines after a short term: the usual ones first (in
    their order, on a tie), then any other token the lines share (`---`, `::`, `;`, `->`, a run
    of spaces, a vocabulary marker), which wins when it splits more lines, or as many while
    containing the usual one (`::` over `: `, `---` over `-`)."""
    lines = [ln for ln in body if not table_rule(ln)]
    best, share = "", 0.0
    if not lines:
        return best, share
    for sep in (*SEPARATORS, *[c for c in candidates(lines) if c not in SEPARATORS]):
        n = sum(split_item(ln, sep) is not None for ln in lines)
        if n < 2:
            continue
        got = n / len(lines)
        longer = bool(best) and best.strip() and best.strip() in sep and len(sep.strip()) > len(best.strip())
        if got > share + 1e-9 or (longer and got > share - 1e-9):
            best, share = sep, got
    return best, share
