"""Timeline proposals: the sentences of the notes that carry a date, as events to review.

Only what reads as a date counts: a year 1000-2099 standing on its own (not 51,439, 44%, 5/1000,
a page counter, part of an image's hash, a view count or an index number such as #1984 or
No. 1066), a month or day with its year, a decade, a range such as 1953-56; never a stamp such as
"created on 12 March 2015". Each event carries its subject: a clause that does not name what it
is about ("Built from 13 August 1961 ...") gets its card's title or key term before it.
"""

from __future__ import annotations

import re

from studypack.load.dates import DateError, parse_date
from studypack.model import MONTH_NAMES
from studypack.text.markup import plain

from .model import Card, Event, Term
from .textutil import clean

# Jan(?:uary)?|Feb(?:ruary)?|...|Sep(?:t(?:ember)?)?|... from the one month table
_MONTH = (
    "(?:"
    + "|".join(
        "Sep(?:t(?:ember)?)?" if n == "September" else f"{n[:3]}(?:{n[3:]})?" if len(n) > 3 else n
        for n in MONTH_NAMES
    )
    + ")"
)
_YEAR = r"(?:1\d{3}|20\d{2})"
_EDGE_L = r"(?<![\d,./£$€#-])"
_EDGE_R = r"(?![\d%/]|,\d|\.\d)"
# a number, not a date: "1961 views", "No. 1066", "#1984", "page 1200", "created on 3 May 2015"
_COUNTED = re.compile(
    r"^\s+(views?|likes?|downloads?|comments?|ratings?|reviews?|followers?|plays?|pages?|words?|cards?|"
    r"points?|marks?|votes?|members?|people|times|results?|items?|students?|pupils?)\b",
    re.I,
)
_INDEXED = re.compile(
    r"(\bno\.?|\bnumber|\bid:?|\bref\.?|\bcode|\bpage|\bp\.|\bcard|\bitem|\bquestion|\bq|\broom|\bline)\s*$",
    re.I,
)
_STAMP = re.compile(
    r"\b(created|updated|uploaded|posted|edited|published|modified|saved|printed|downloaded)(\s+(on|at|in))?"
    r"\s*:?\s*$|\blast\s+(updated|edited|modified)\s*:?\s*$|©\s*$|\bcopyright\s*$",
    re.I,
)
MENTION = re.compile(
    rf"{_EDGE_L}(?P<range>{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d{{2}})){_EDGE_R}"
    rf"|\b(?P<day>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+{_YEAR}){_EDGE_R}"
    rf"|\b(?P<month>{_MONTH}\s+{_YEAR}){_EDGE_R}"
    rf"|{_EDGE_L}(?P<decade>{_YEAR})['’]?s\b"
    rf"|{_EDGE_L}(?P<year>{_YEAR}){_EDGE_R}"
)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(“\"‘'])")


_FOUR_DIGITS = re.compile(r"\d{4}")
_valid: dict[str, bool] = {}


def _readable(written: str) -> bool:
    ok = _valid.get(written)
    if ok is None:
        try:
            parse_date(written)
            ok = True
        except DateError:
            ok = False
        _valid[written] = ok
    return ok


_FILE = re.compile(r"^\.(jpe?g|png|gif|svg|pdf|docx?|txt|html?)\b", re.I)


def _in_code(text: str, m: re.Match[str]) -> bool:
    """Whether the match is part of a code, hash or file name ("a3f1999b", "IMG_1961.jpg"): the
    word it stands in has other digits, an underscore, or letters straight after it ("By1956",
    a typo, is still a year)."""
    a, b = m.start(), m.end()
    while a > 0 and (text[a - 1].isalnum() or text[a - 1] == "_"):
        a -= 1
    while b < len(text) and (text[b].isalnum() or text[b] == "_"):
        b += 1
    rest = text[a : m.start()] + text[m.end() : b]
    if any(ch.isdigit() or ch == "_" for ch in rest) or text[m.end() : b]:
        return True
    return bool(_FILE.match(text[b:]))


def mentions(text: str) -> list[tuple[int, str]]:
    """(position, date as the parser reads it) for each date in the text."""
    out: list[tuple[int, str]] = []
    if not _FOUR_DIGITS.search(text):
        return out
    for m in MENTION.finditer(text):
        kind = m.lastgroup or "year"
        written = clean(m.group(kind))
        if kind == "range":
            written = re.sub(r"\s*([-–])\s*", r"\1", written)
        elif kind == "decade":
            written = m.group(kind) + "s"
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 20]
        if _COUNTED.match(after) or _INDEXED.search(before) or _STAMP.search(before) or _in_code(text, m):
            continue
        if _readable(written):
            out.append((m.start(), written))
    return out


def propose(cards: list[Card], terms: list[Term] | None = None) -> list[Event]:
    """An event per date mention: the clause (or run of clauses) it stands in, with its subject."""
    seen, out = set(), []
    sources = [(c.title, c.texts()[1:], c.question) for c in cards]
    sources += [(t.term, [t.definition], True) for t in terms or []]
    for subject, texts, term in sources:
        for text in texts:
            for sentence in SENTENCE.split(text):
                for date, clause in _clauses(sentence):
                    event = with_subject(clause, plain(subject), term)
                    key = (date, event)
                    if key in seen or len(clause.split()) < 3:
                        continue
                    seen.add(key)
                    note = f"proposed from '{plain(subject)}', check the date and shorten the text"
                    out.append(Event(date, event, note))
    return out


_VERBISH = re.compile(r"^(\w+ed|built|begun|began|held|won|lost|led|set|made|signed|sent|became|took|gave|"
                      r"fought|brought|met|ran|rose|fell|grew|wrote|spoke|sold|bought|left|paid)$", re.I)  # fmt: skip
_SMALL = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "his", "her", "its", "their", "what", "who",
          "why", "how", "when", "was", "were", "did", "is", "are"}  # fmt: skip


def with_subject(clause: str, subject: str, term: bool) -> str:
    """The clause, with what it is about before it when it does not say: "Berlin Wall: built from
    13 August 1961 ..." rather than "Built from 13 August 1961 ..." (a definition, or a clause
    that starts with a verb or in lower case, names no subject of its own)."""
    subject = subject.strip().rstrip("?:.").strip()
    if not subject or subject.endswith("…") or subject.endswith("?"):
        return clause
    own = {w.lower() for w in re.findall(r"\w+", subject) if w.lower() not in _SMALL and len(w) > 2}
    said = {w.lower() for w in re.findall(r"\w+", clause)}
    if own and own <= said:
        return clause
    first = clause.split()[0] if clause.split() else ""
    if term or first[:1].islower() or _VERBISH.match(first.strip(",;:")):
        verb = _VERBISH.match(first.strip(",;:")) and first[:1].isupper() and not first[1:2].isupper()
        lead = (
            clause[:1].lower() + clause[1:] if verb else clause
        )  # "Built ..." reads "built ..." after a colon
        return f"{subject}: {lead}"
    return clause


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """Split a run-on sentence at the commas before each further date: one event per date."""
    found = mentions(sentence)
    if not found:
        return []
    cuts = [0]
    for pos, _ in found[1:]:
        comma = sentence.rfind(", ", cuts[-1], pos)
        if comma > cuts[-1]:
            cuts.append(comma + 2)
    cuts.append(len(sentence))
    parts = [sentence[a:b].strip().rstrip(",;") for a, b in zip(cuts, cuts[1:], strict=False)]
    merged: list[str] = []
    for part in parts:  # "By1956, half of the members of 1952..." stays one event, dated 1956
        if merged and len(merged[-1].split()) < 4:
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    out, k = [], 0
    for part in merged:  # each part's date is the first mention that falls in it
        start = sentence.find(part, k)
        date = next((d for pos, d in found if start <= pos < start + len(part)), None)
        k = start + len(part)
        if date:
            out.append((date, clean(part).rstrip(".")))
    return out
