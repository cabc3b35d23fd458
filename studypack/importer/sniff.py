"""What a pasted list's lines have in common, found from the lines themselves (the way the standard
library's `csv.Sniffer` finds a delimiter from the data's regularity, not from a fixed list):

- the separator between term and definition: every token that could be one (a tab, a run of
  spaces, a punctuation run such as `---`, `::`, `;`, `->`, `→`, `=`, a dash or `: `) is tried,
  and the one that splits the most lines once, after a short term, wins;
- a vocabulary line's gender or part-of-speech marker (`Abflug (m) departure`), which splits it;
- a date at the start or end of a line (`1945 – Yalta conference`), which makes it an event;
- a quotation line (`"...", "..." – Macbeth`), which a comment line follows.
"""

from __future__ import annotations

import re
from collections import Counter

from studypack.load.dates import DateError, parse_date

# punctuation that is part of words or sentences, never a term/definition separator on its own
_PROSE = set(",.?!'\"“”‘’()[]{}*_#&%$£€@+")
_TOKEN = re.compile(r"\t+|(?<=\S) {2,}(?=\S)|\s*[^\w\s]{2,4}\s*|\s+[^\w\s]\s+|[;:]\s*|\s+/\s+")
DASHES = (" - ", " – ", " — ")
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


def uniform(lines: list[str], sep: str) -> float:
    """How evenly the separator occurs (1.0: the same number of times on every line it is on)."""
    counts = Counter(ln.count(sep.strip() or sep) for ln in lines if split(ln, sep) is not None)
    return counts.most_common(1)[0][1] / sum(counts.values()) if counts else 0.0


# ---- dated lines ------------------------------------------------------------------------------

_EDGE = " \t:,;-–—|.()[]"
_DATE_START = re.compile(r"^\W{0,2}(\d|c\.|circa|early|mid|late|spring|summer|autumn|fall|winter|AD|"
                         r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)  # fmt: skip


_YEARISH = re.compile(r"\d{3,4}|\d{1,2}(st|nd|rd|th)\s+century|\b(BC|BCE|AD|CE)\b", re.I)


def _is_date(text: str) -> bool:
    if not text or not _YEARISH.search(text):  # "1." or "2)" numbers an item; a date has a year
        return False
    try:
        parse_date(text)
    except DateError:
        return False
    return True


_ENDS_DATE = re.compile(r"(\d|\d's|\ds|BC|BCE|AD|CE|century)$", re.I)  # how a written date ends


def _could_end_date(words: list[str]) -> bool:
    return bool(_ENDS_DATE.search(words[-1].strip(_EDGE)))


def dated(line: str) -> tuple[str, str] | None:
    """(date as written, the event) of a line that starts or ends with a date: `1945 – Yalta`,
    `12 March 1947: Truman Doctrine`, `Berlin Blockade (1948-49)`; None otherwise."""
    s = line.strip()
    words = s.split()
    if len(words) < 2:
        return None
    if _DATE_START.match(s):
        for n in range(min(5, len(words) - 1), 0, -1):
            if not _could_end_date(words[:n]):
                continue
            date = " ".join(words[:n]).strip(_EDGE)
            rest = " ".join(words[n:]).lstrip(_EDGE).strip()
            if rest and _is_date(date):
                return date, rest
    if not _could_end_date(words):
        return None
    for n in range(min(5, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:])
        date = tail.strip(_EDGE)
        if tail.rstrip(".").endswith(")") and not tail.lstrip().startswith("("):
            continue  # "(born 1945)": a date inside brackets that open earlier is part of the text
        head = " ".join(words[:-n])
        rest = head.rstrip(_EDGE).strip()
        if rest and _is_date(date):
            # "Yalta conference – 1945": the date set apart; "The Wall fell in 1989": a sentence
            apart = tail.startswith("(") or head.rstrip()[-1:] in "-–—:|,;"
            return date, rest if apart else s
    return None


# ---- quotations -------------------------------------------------------------------------------

_QUOTE = re.compile(r"^\s*[\"“‘'«„].{3,}[\"”’'»“](?:\s*[-–—,(]\s*[^\"“”]{0,60})?\s*$")


def is_quotation(line: str) -> bool:
    """A line that is a quotation, with perhaps who said it after: `"Fair is foul" – the witches`."""
    return bool(_QUOTE.match(line))
