"""Term/definition exports: Quizlet (tab- or comma-separated), Anki "Notes in Plain Text"
(tab-separated, `#key:value` header lines, HTML in fields), any two-column CSV with quoted fields."""

from __future__ import annotations

import csv
import html
import io
import re

from .model import Card, Notes, Term
from .textutil import clean, literal

HTML = re.compile(
    r"<\s*/?\s*(br|div|p|b|i|u|em|strong|span|sub|sup|ul|ol|li|img|font|a)\b[^>]*>|&(amp|lt|gt|nbsp|quot|#\d+);",
    re.I,
)

HEADER_WORDS = {"term", "terms", "definition", "definitions", "front", "back", "question", "answer",
                "word", "meaning", "prompt", "response", "key term", "key word", "keyword", "gloss"}  # fmt: skip


def looks_tabbed(text: str) -> bool:
    """Tab-separated columns (a tab after some text: tabs that only indent are an outline's)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return bool(lines) and sum(bool(re.search(r"\S\t+\S", ln)) for ln in lines) >= max(1, len(lines) * 0.6)


def looks_csv(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][:50]
    if not lines:
        return False
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines))))
    except csv.Error:
        return False
    if not sum(len(r) >= 2 for r in rows) >= max(1, len(rows) * 0.8):
        return False
    # prose has commas too: a CSV export has a header row or quoted fields
    header = {c.strip().lower() for c in rows[0][:2]} <= HEADER_WORDS
    return header or sum(ln.lstrip().startswith('"') for ln in lines) >= 0.5 * len(lines)


def from_html(text: str) -> str:
    """An Anki/Quizlet field as studypack text: bold and italic kept, other tags and media dropped."""
    t = re.sub(r"\[sound:[^\]]*\]", "", text)
    t = re.sub(r"<br\s*/?>|</div>|</p>|</li>", " ", t, flags=re.I)
    t = re.sub(r"<(b|strong)\b[^>]*>(.*?)</\1>", r"**\2**", t, flags=re.I | re.S)
    t = re.sub(r"<(i|em)\b[^>]*>(.*?)</\1>", r"*\2*", t, flags=re.I | re.S)
    t = re.sub(r"<sub>(.*?)</sub>", r"~\1~", t, flags=re.I | re.S)
    t = re.sub(r"<sup>(.*?)</sup>", r"^\1^", t, flags=re.I | re.S)
    t = re.sub(r"<img\b[^>]*\balt=\"([^\"]*)\"[^>]*>", r"\1", t, flags=re.I)
    t = re.sub(r"<[^>]+>", "", t)
    return clean(html.unescape(t))


def looks_html(cells: list[str]) -> bool:
    """Whether the export's fields are Anki/Quizlet HTML (tags such as <br>, <div>, <b>, or
    entities): `5 < 6 and 7 > 3` is not, and stays as written."""
    return any(HTML.search(c) for c in cells)


def parse(text: str, name: str, delimiter: str, as_cards: bool = False) -> Notes:
    """Term/definition rows: key terms (a glossary), or question cards when the fronts are
    questions or `as_cards`; a first line without the delimiter names the set."""
    meta: dict[str, str] = {}
    body: list[str] = []
    title = ""
    for line in text.splitlines():
        m = re.match(r"^#([\w ]+):(.*)$", line)
        if m and not body:  # Anki's header lines: #separator:tab, #html:true, #columns:...
            meta[m.group(1).strip().lower()] = m.group(2).strip()
        elif line.strip():
            body.append(line)
    sep = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}.get(meta.get("separator", ""), delimiter)
    if (
        len(body) >= 3
        and sep not in body[0]
        and all(sep in b for b in body[1:3])
        and len(body[0].split()) <= 12
    ):
        title, body = clean(body[0]), body[1:]
    rows = [r for r in csv.reader(io.StringIO("\n".join(body)), delimiter=sep) if any(c.strip() for c in r)]
    front, back = _columns(meta, rows)
    if rows and {c.strip().lower() for c in rows[0][:2]} <= HEADER_WORDS and len(rows[0]) >= 2:
        rows = rows[1:]  # a header row
    is_html = meta.get("html", "").lower() == "true" or (
        meta.get("html", "").lower() != "false" and looks_html([c for r in rows for c in r])
    )
    pairs = []
    for r in rows:
        fields = [from_html(c) if is_html else literal(clean(c)) for c in r]
        f = fields[front] if front < len(fields) else ""
        b = " ".join(
            fields[i] for i in back if i < len(fields) and fields[i]
        )  # every other column: no word lost
        if not f and not b:
            continue
        if not f:
            f, b = b, ""
        pairs.append((f, b))
    questions = sum(f.rstrip().endswith("?") for f, _ in pairs) >= 0.3 * len(pairs) if pairs else False
    notes = Notes(title or name, [])
    notes.titled = bool(title)
    if as_cards or questions:
        for f, b in pairs:
            card = Card(f, [], [b] if b else [], question=True)
            if not b:
                card.review = "no back in the export"
            notes.cards.append(card)
    else:  # a row with no definition cannot be a key term: it is a card to finish
        notes.key_terms = [Term(f, b) for f, b in pairs if b]
        notes.cards = [
            Card(f, [], [], question=True, review="no definition in the export") for f, b in pairs if not b
        ]
    return notes


def _columns(meta: dict, rows: list[list[str]]) -> tuple[int, list[int]]:
    """The front's column and the back's (every other column but Anki's GUID, note type, deck and
    tags columns, which its header names); Anki's #columns header may say which is the front."""
    cols = (
        [c.strip().lower() for c in re.split(r"[\t,;|]", meta.get("columns", ""))]
        if meta.get("columns")
        else []
    )
    skip = {int(meta[k]) - 1 for k in ("guid column", "notetype column", "deck column", "tags column")
            if meta.get(k, "").isdigit()}  # fmt: skip
    usable = [i for i in range(max((len(r) for r in rows), default=0)) if i not in skip]
    front = cols.index("front") if "front" in cols else (usable[0] if usable else 0)
    return front, [i for i in usable if i != front]
