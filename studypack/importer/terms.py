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

# an Anki "Notes in Plain Text" export starts with these lines, which are settings, never notes
ANKI_HEADER = re.compile(r"^#(separator|html|tags column|columns|notetype|deck|guid column|notetype column"
                         r"|deck column|tags|if matches):", re.I)  # fmt: skip
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


# what a header row's cells (or `--columns`) may call a column, any case
ROLES = {
    "question": ("question", "questions", "q", "prompt", "clue"),
    "answer": ("answer", "answers", "a", "ans", "response", "solution"),
    "front": ("front", "side 1", "side a"),
    "back": ("back", "side 2", "side b"),
    "term": ("term", "terms", "word", "words", "key term", "key word", "keyword", "keywords", "concept",
             "vocab", "vocabulary", "name", "german", "french", "spanish", "foreign", "target"),
    "definition": ("definition", "definitions", "meaning", "meanings", "gloss", "translation", "english",
                   "description", "explanation"),
    "notes": ("notes", "note", "comments", "comment", "extra", "back extra", "hint", "hints", "remarks",
              "example", "examples", "details", "more"),
    "category": ("category", "categories", "genre", "topic", "subject", "deck", "chapter", "unit", "section"),
    "skip": ("tags", "tag", "id", "guid", "number", "no", "no.", "#", "notetype", "note type", "skip", "-"),
}  # fmt: skip
_ROLE_OF = {w: role for role, words in ROLES.items() for w in words}


def parse_columns(value: str) -> list[str]:
    """`--columns front,back,notes` as a role per column (question/answer, term/definition,
    front/back, notes, category, skip)."""
    roles = []
    for name in value.split(","):
        role = _ROLE_OF.get(name.strip().lower())
        if role is None:
            raise ValueError(f"unknown column '{name.strip()}' (name each column: front, back, question, answer, "
                             "term, definition, notes, category or skip, e.g. --columns front,back,notes)")  # fmt: skip
        roles.append(role)
    if not {"front", "question", "term"} & set(roles):
        raise ValueError("say which column is the front: front, question or term")
    return roles


def header_roles(row: list[str]) -> list[str] | None:
    """The role of each column when `row` is a header row (its cells name columns), else None."""
    roles = [_ROLE_OF.get(clean(c).lower().strip(":"), "") for c in row]
    named = [r for r in roles if r]
    if len(named) >= max(2, len(row) - 1) and {
        "front",
        "question",
        "term",
        "back",
        "answer",
        "definition",
    } & set(named):
        return [r or "notes" for r in roles]
    return None


def csv_delimiter(text: str) -> str:
    """The delimiter of a CSV file: the standard library's sniffer over its first lines (a comma
    when it cannot tell): Excel in much of Europe writes semicolons."""
    sample = "\n".join([ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][:30])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def parse(
    text: str, name: str, delimiter: str, as_cards: bool = False, columns: list[str] | None = None
) -> Notes:
    """Term/definition rows: key terms (a glossary), or question cards when the fronts are
    questions, the header says so, or `as_cards`; a first line without the delimiter names the set.
    A header row (or `--columns`) maps the columns; a category column splits the file into topics."""
    meta: dict[str, str] = {}
    body: list[str] = []
    title = ""
    for line in text.splitlines():
        m = re.match(r"^#([\w ]+):(.*)$", line)
        if m and not body:  # Anki's header lines: #separator:tab, #html:true, #columns:...
            meta[m.group(1).strip().lower()] = m.group(2).strip()
        elif line.strip():
            body.append(line)
    sep = anki_separator(meta.get("separator", "")) or delimiter
    if (
        len(body) >= 3
        and sep not in body[0]
        and all(sep in b for b in body[1:3])
        and len(body[0].split()) <= 12
    ):
        title, body = clean(body[0]), body[1:]
    rows = [r for r in csv.reader(io.StringIO("\n".join(body)), delimiter=sep) if any(c.strip() for c in r)]
    roles = columns or (header_roles(rows[0]) if rows else None)
    if roles is None and meta.get("columns"):
        roles = header_roles(re.split(r"[\t,;|]", meta["columns"]))
    if roles and not columns and rows and header_roles(rows[0]):
        rows = rows[1:]
    elif rows and {c.strip().lower() for c in rows[0][:2]} <= HEADER_WORDS and len(rows[0]) >= 2:
        rows = rows[1:]  # a header row
    named = roles is not None
    if roles is None:
        roles = _roles(meta, rows)
    is_html = meta.get("html", "").lower() == "true" or (
        meta.get("html", "").lower() != "false" and looks_html([c for r in rows for c in r])
    )
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for r in rows:
        fields = [from_html(c) if is_html else literal(clean(c)) for c in r]
        f, b, n, cat = _by_role(fields, roles)
        if not f and not b and not n:
            continue
        if not f:
            f, b = (b, "") if b else (n, "")
            n = "" if f == n else n
        groups.setdefault(cat, []).append((f, b, n))
    kind = set(roles)
    # a header (or --columns) saying question/answer or front/back is a set of flashcards
    cards_wanted = (
        as_cards or bool({"question", "answer"} & kind) or (named and bool({"front", "back"} & kind))
    )
    terms_wanted = bool({"term", "definition"} & kind) and not as_cards
    topics = []
    for cat, pairs in groups.items() or [("", [])]:
        # questions, or Anki cloze notes (their gaps already `[[...]]`): cards, not a glossary
        asks = sum(f.rstrip().endswith("?") or "[[" in f for f, _, _ in pairs)
        questions = asks >= 0.3 * len(pairs) if pairs else False
        parts = [p.strip() for p in cat.split("::") if p.strip()]  # an Anki deck: "Spanish::Food"
        notes = Notes(" – ".join(parts[1:]) if len(parts) > 1 else cat or title or name, [])
        notes.subject = parts[0] if len(parts) > 1 else ""
        notes.titled = bool(cat or title)
        if cards_wanted or (questions and not terms_wanted):
            for f, b, n in pairs:
                card = Card(f, [], [x for x in (b, n) if x], question=True)
                if not b:
                    card.review = "no back in the export"
                notes.cards.append(card)
        else:  # a row with no definition cannot be a key term: it is a card to finish
            notes.key_terms = [Term(f, " ".join(x for x in (b, n) if x)) for f, b, n in pairs if b]
            notes.cards = [
                Card(f, [], [n] if n else [], question=True, review="no definition in the export")
                for f, b, n in pairs
                if not b
            ]
        if meta:
            shown = {"\t": "tab", " ": "space"}.get(sep, sep)
            notes.shape = f"Anki text export, '{shown}' between fields: {notes.count()}"
        elif named:
            what = "CSV" if delimiter == "," else "TSV" if delimiter == "\t" else f"'{delimiter}'-separated"
            notes.shape = f"{what}, columns {', '.join(roles)}: {notes.count()}"
        topics.append(notes)
    first = topics[0]
    first.more = topics[1:]
    return first


def anki_separator(value: str) -> str:
    """Anki's `#separator:` value (a name, any case, or the character itself) as the character."""
    v = value.strip()
    named = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
    return named.get(v.lower(), v if len(v) == 1 else "")


def _by_role(fields: list[str], roles: list[str]) -> tuple[str, str, str, str]:
    """(front, back, notes, category) of a row; a column with no role of its own goes with the back."""
    got: dict[str, list[str]] = {}
    for i, v in enumerate(fields):
        role = roles[i] if i < len(roles) else "back"
        role = {"question": "front", "term": "front", "answer": "back", "definition": "back"}.get(role, role)
        if v and role != "skip":
            got.setdefault(role, []).append(v)
    return (
        " ".join(got.get("front", [])),
        " ".join(got.get("back", [])),
        " ".join(got.get("notes", [])),
        " ".join(got.get("category", [])),
    )


def _roles(meta: dict, rows: list[list[str]]) -> list[str]:
    """Without a header: the front's column and the back's (every other column but Anki's GUID,
    note type, deck and tags columns, which its header lines name); Anki's #columns header may say
    which is the front."""
    front, back = _columns(meta, rows)
    width = max((len(r) for r in rows), default=0)
    roles = ["skip"] * max(width, front + 1)
    roles[front] = "front"
    for i in back:
        roles[i] = "back"
    deck = meta.get("deck column", "")
    if deck.isdigit() and 0 < int(deck) <= len(roles):
        roles[int(deck) - 1] = "category"
    return roles


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
