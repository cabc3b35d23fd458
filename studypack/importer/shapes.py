"""Line-oriented notes, as teachers paste them from other sites and tools, read by their shape.

A notes file without Markdown headings or a revision site's layout is one of these shapes (the
import finds which, or `--shape` says it):

- `pairs`: alternating lines, a question then its answer (a line ending in `?` is a strong sign;
  a question whose next line is another question has no answer), or a term then its definition;
  flashcard-site copies with `Q`/`A` markers are pairs too;
- `separator:X`: one item a line, a term, the separator, then its definition; a line without the
  separator goes on with the item above. The separator is found from the lines (sniff.py): the
  usual ones (` - `, ` – `, `: `, `|`, tab, ` = `) and any other token they share (`---`, `::`,
  `;`, `->`, a run of spaces, a vocabulary line's `(m)`/`(n.f.)` marker);
- `dated`: lines that start or end with a date, a timeline event each;
- `quotes`: quotations, each followed by its comment lines, a card each;
- `outline`: numbered (`1.`, `1.2.1`, `a)`), bulleted or indented lines at any depth, as mind
  maps are exported: a card per top-level branch, deeper levels as nested points;
- `headings`: short lines without final punctuation, each followed by its longer lines;
- `blocks`: blocks separated by blank lines, a card each;
- `lines`: one note a line, a card each.

Page furniture is dropped first (whole lines only), and a first line that names the set (no
separator, followed by the items) becomes the topic. Term/definition shapes become key terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dated, quotes, sniff
from .furniture import strip
from .items import Text, cards_at, note_card, plain_text, qa_card
from .model import Card, Event, Notes, Point, Term, title_from
from .sniff import DASHES
from .sniff import best_separator as _best_separator
from .sniff import short as _short
from .sniff import split_item as _split
from .sniff import table_rule as _table_rule
from .textutil import bullet, indent_of

SEP_NAMES = {"\t": "tab", "|": "|", " | ": "|", sniff.SPACES: "a run of spaces"}
SHAPES = ("lines", "pairs", "separator", "headings", "outline", "blocks", "dated", "quotes")
MARK = re.compile(
    r"^\s*(?P<m>Q|A|Question|Answer|Ans|Term|Definition|Front|Back)\s*(?P<n>\d+)?\s*(?:[:.)]\s*|\s*$)(?P<rest>.*)$",
    re.I,
)
NUMBERED = re.compile(
    r"^(\s*)(?P<num>\d+(?:\.\d+)*[.)]?|[a-zA-Z][.)]|\((?:\d+|[a-z])\)|[ivxIVX]+[.)])\s+(?P<text>\S.*)$"
)
END_PUNCT = ".!?;,"


@dataclass(frozen=True)
class Shape:
    """How a plain text's lines were read (a named shape, and its separator or kind)."""

    name: str
    sep: str = ""  # the separator of `separator`
    kind: str = ""  # `pairs`: "markers", "questions" or "terms"

    def describe(self, notes: Notes) -> str:
        n = notes.count()
        if self.name == "dated":
            from studypack.wording import plural

            more = f" and {n}" if notes.cards or notes.key_terms else ""
            return f"dated lines, a timeline event each: {plural(len(notes.timeline), 'event')}{more}"
        if self.name == "quotes":
            return f"quotations, each followed by its comment: {n}"
        if self.sep == sniff.VOCAB:
            return f"vocabulary, a gender or part-of-speech marker after each term: {n}"
        if self.name == "separator":
            shown = "-" if self.sep in DASHES else SEP_NAMES.get(self.sep, self.sep.strip() or self.sep)
            return f'one item a line, "{shown}" between term and definition: {n}'
        return {
            "pairs": {
                "markers": f"flashcards marked Q and A: {n}",
                "questions": f"alternating question/answer lines: {n}",
                "terms": f"alternating term/definition lines: {n}",
            }.get(self.kind, f"alternating lines: {n}"),
            "outline": f"an outline, a card per top-level branch: {n}",
            "headings": f"headings, each followed by its notes: {n}",
            "blocks": f"blocks separated by blank lines: {n}",
            "lines": f"one note a line: {n}",
        }[self.name]


def parse_shape_option(value: str) -> Shape:
    """`--shape` as the teacher writes it: lines, pairs, separator:" - ", separator:tab, ..."""
    name, _, sep = value.partition(":")
    name = name.strip().lower()
    if name not in SHAPES:
        raise ValueError(f"unknown shape '{value}' (choose from {', '.join(SHAPES)}, e.g. separator:\" - \")")
    if name != "separator":
        return Shape(name)
    if sep.strip().lower() in ("tab", "\\t"):
        return Shape(name, "\t")
    if sep.strip().lower() in ("pipe", "|"):
        return Shape(name, "|")
    if sep.strip().lower() in ("spaces", "space"):
        return Shape(name, sniff.SPACES)
    if len(sep) >= 2 and sep[0] == sep[-1] and sep[0] in "\"'":
        sep = sep[1:-1]
    if not sep:
        raise ValueError('separator: say which, e.g. --shape separator:" - "')
    return Shape(name, sep)


# ---- reading the lines ----------------------------------------------------------------------------


@dataclass
class Lines:
    """The file's lines after furniture, the title line if one names the set, and what was dropped."""

    lines: list[str]
    title: str = ""
    dropped: list[str] = field(default_factory=list)

    @property
    def body(self) -> list[str]:
        return [ln for ln in self.lines if ln.strip()]


def _heading_like(s: str) -> bool:
    t = s.strip()
    return _short(t) and t[-1] not in END_PUNCT and bullet(s) is None and not NUMBERED.match(s)


def read_lines(text: str) -> Lines:
    raw = text.splitlines()
    kept, dropped = strip(raw)
    return Lines(kept, dropped=dropped)


# ---- finding the shape ---------------------------------------------------------------------------


def _markers(body: list[str]) -> bool:
    ms = [MARK.match(ln) for ln in body]
    q = sum(1 for m in ms if m and m.group("m").lower() in ("q", "question", "term", "front"))
    a = sum(1 for m in ms if m and m.group("m").lower() in ("a", "answer", "ans", "definition", "back"))
    return q >= 2 and a >= 2 and abs(q - a) <= max(2, q // 3)


def _outline_share(body: list[str]) -> float:
    items = sum(1 for ln in body if NUMBERED.match(ln) or bullet(ln) is not None)
    return items / len(body) if body else 0.0


def _indented(body: list[str]) -> bool:
    indents = [indent_of(ln) for ln in body]
    return len(set(indents)) >= 2 and sum(i > 0 for i in indents) >= 0.3 * len(body) and min(indents) == 0


def _bulleted_glossary(body: list[str]) -> str:
    """The separator of a flat bulleted list whose items are `term: definition` (a glossary
    typed as bullets), else "": a list with sub-items, or numbered, is an outline."""
    items = [bullet(ln) for ln in body]
    if any(b is None for b in items) or len({b[0] for b in items if b}) != 1:
        return ""
    sep, share = _best_separator([b[1] for b in items if b])
    return sep if share >= 0.8 else ""


def _unbulleted(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        b = bullet(ln)
        out.append(b[1] if b is not None else ln)
    return out


def _questions(body: list[str]) -> float:
    return sum(ln.strip().endswith("?") for ln in body) / len(body) if body else 0.0


def _good_pair(term: str, definition: str) -> bool:
    t, d = term.strip(), definition.strip()
    return _heading_like(term) and (
        len(d.split()) > len(t.split()) or d[-1] in END_PUNCT or (t[:1].isupper() and d[:1].islower())
    )


def _pairing(body: list[str], start: int) -> float:
    """The share of good term/definition pairs when lines are paired from `start` (0 when a line
    would be left over)."""
    rest = body[start:]
    if len(rest) < 4 or len(rest) % 2:
        return 0.0
    pairs = list(zip(rest[0::2], rest[1::2], strict=True))
    return sum(_good_pair(t, d) for t, d in pairs) / len(pairs)


def _alternating_terms(lines: list[str]) -> bool:
    """Short term lines (no final punctuation) each followed by their definition: longer, or
    ending a sentence, or starting in lower case where the term starts in capitals. An odd line
    over is a title (`shape_of` tries the lines without it), so pairs are kept either way."""
    blocks = _blocks(lines)
    if blocks and all(len(b) == 2 for b in blocks) and len(blocks) >= 2:
        return True
    body = [ln for ln in lines if ln.strip()]
    return _pairing(body, 0) >= 0.8


def _headings(body: list[str]) -> bool:
    heads = [
        i
        for i, ln in enumerate(body)
        if _heading_like(ln) and i + 1 < len(body) and not _heading_like(body[i + 1])
    ]
    return len(heads) >= 2 and heads[0] == 0


def _blocks(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for ln in lines:
        if ln.strip():
            out[-1].append(ln)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _title(lines: list[str]) -> tuple[str, list[str]]:
    """The first line, if it could name the set: short, no final full stop or question mark, not
    an item or a marked question itself; and the lines after it."""
    body_at = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(body_at) < 3:
        return "", lines
    first = lines[body_at[0]]
    t = first.strip()
    if not _short(t, 12) or t[-1] in ".?!;," or MARK.match(first) or indent_of(first) > 0:
        return "", lines
    if bullet(first) is not None or NUMBERED.match(first) or _table_rule(first) or quotes.is_quotation(first):
        return "", lines
    if body_at[1] == body_at[0] + 1 and _wraps(first, lines[body_at[1]]):
        return "", lines  # the start of a sentence that goes on below
    return t.rstrip(":").strip(), lines[body_at[0] + 1 :]


def detect(lines: list[str]) -> Shape:
    body = [ln for ln in lines if ln.strip()]
    if _markers(body):
        return Shape("pairs", kind="markers")
    if len(body) >= 3 and dated.mostly_dated(body):
        return Shape("dated")  # before outlines: "1945 Yalta conference" is no numbered item
    if len(body) >= 2 and (_outline_share(body) >= 0.6 or _indented(body)):
        glossary = _bulleted_glossary(body)
        return Shape("separator", glossary) if glossary else Shape("outline")
    if quotes.looks_quoted(body):
        return Shape("quotes")
    sep, share = _best_separator(body)
    if sep and share >= 0.6:
        return Shape("separator", sep)
    if _questions(body) >= 0.3 and body and body[0].strip().endswith("?"):
        return Shape("pairs", kind="questions")
    if _alternating_terms(lines):
        return Shape("pairs", kind="terms")
    if _headings(body):
        return Shape("headings")
    if len(_blocks(lines)) >= 2:
        return Shape("blocks")
    return Shape("lines")


STRENGTH = {"markers": 6, "dated": 5, "quotes": 4, "separator": 5, "outline": 5, "questions": 4, "terms": 3, "pairs": 3, "headings": 2,
            "blocks": 1, "lines": 0}  # fmt: skip


def _strength(shape: Shape) -> int:
    return STRENGTH[shape.kind or shape.name]


def shape_of(text: str, given: Shape | None = None) -> tuple[Shape, Lines]:
    """The shape (given, or found) and the lines, with the first line taken off as the title when
    it names the set: the rest reads as clearly in its shape without it, and it is not an item of
    that shape (a term and its separator, say)."""
    ls = read_lines(text)
    whole = given or detect(ls.lines)
    title, rest = _title(ls.lines)
    if not title:
        return whole, ls
    if (
        given is None
        and whole.name == "outline"
        and any(
            ln.strip() and indent_of(ln) == 0 and not NUMBERED.match(ln) and bullet(ln) is None for ln in rest
        )
    ):
        return whole, ls  # a first branch with siblings below it is a branch, not the title
    after = given or detect(rest)
    first = title
    if after.name == "separator" and _split(first, after.sep) is not None:
        return whole, ls
    if (
        _strength(after) < _strength(whole)
        or after.name in ("lines", "blocks")
        and whole.name not in ("lines", "blocks")
    ):
        return whole, ls
    return after, Lines(rest, title, ls.dropped)


# ---- parsing each shape ------------------------------------------------------------------------


def parse(text: str, name: str, given: Shape | None = None, text_fn: Text = plain_text) -> Notes:
    """The notes of a line-oriented file: its shape found (or given), a card per item."""
    shape, ls = shape_of(text, given)
    cards: list[Card] = []
    terms: list[Term] = []
    events: list[Event] = []
    if shape.name == "pairs":
        cards, terms = _pairs(ls.lines, shape.kind or _pairs_kind(ls.lines), text_fn)
        shape = Shape("pairs", kind=shape.kind or _pairs_kind(ls.lines))
    elif shape.name == "separator":
        cards, terms = _separated(_unbulleted(ls.lines), shape.sep, text_fn)
    elif shape.name == "dated":
        cards, events = dated.parse(ls.lines, text_fn)
    elif shape.name == "quotes":
        cards = quotes.parse(ls.lines, text_fn)
    elif shape.name == "outline":
        cards, root = _outline(ls.lines, text_fn, centre=not ls.title)
        if root:
            ls.title = root
    elif shape.name == "headings":
        cards = _headed(ls.lines, text_fn)
    elif shape.name == "blocks":
        cards = [_block_card(b, text_fn) for b in _blocks(ls.lines)]
    else:
        cards = [note_card(ln, text_fn) for ln in ls.lines if ln.strip()]
    notes = Notes(
        text_fn(ls.title) if ls.title else name, cards, dropped=ls.dropped, key_terms=terms, timeline=events
    )
    notes.titled = bool(ls.title)
    notes.shape = shape.describe(notes)
    return notes


def _pairs_kind(lines: list[str]) -> str:
    body = [ln for ln in lines if ln.strip()]
    if _markers(body):
        return "markers"
    return "questions" if _questions(body) >= 0.2 else "terms"


def _pairs(lines: list[str], kind: str, text_fn: Text) -> tuple[list[Card], list[Term]]:
    body = [ln for ln in lines if ln.strip()]
    if kind == "markers":
        return _marked(body, text_fn), []
    if kind == "questions":
        cards = cards_at(body, lambda ln: ln.strip().endswith("?"), text_fn)
        return cards, []
    # term then definition, two lines a pair (blank lines between pairs are fine)
    terms: list[Term] = []
    blocks = _blocks(lines)
    pairs = [b for b in blocks] if all(len(b) >= 2 for b in blocks) and len(blocks) >= 2 else None
    if pairs is None:
        pairs = [body[i : i + 2] for i in range(0, len(body), 2)]
    cards = []
    for p in pairs:
        term = text_fn(p[0])
        definition = " ".join(text_fn(x) for x in p[1:])
        if definition:
            terms.append(Term(term, definition))
        else:  # a term without its definition cannot be a key term: a card to finish
            cards.append(Card(term, [], [], question=True, review="a term with no definition in the notes"))
    return cards, terms


def _marked(body: list[str], text_fn: Text) -> list[Card]:
    """Q/A-marked flashcards: a Q marker starts a card, an A marker its back; other lines go on
    with the part they follow. A bare card number before a Q marker is a counter, dropped."""
    cards: list[Card] = []
    front: list[str] = []
    back: list[str] = []
    part = None
    for i, ln in enumerate(body):
        m = MARK.match(ln)
        if (
            ln.strip().isdigit()
            and i + 1 < len(body)
            and (nxt := MARK.match(body[i + 1]))
            and nxt.group("m").lower() in ("q", "question", "term", "front")
        ):
            continue
        if m:
            which = m.group("m").lower()
            if which in ("q", "question", "term", "front"):
                if front or back:
                    cards.append(qa_card(" ".join(front), back, text_fn))
                front, back, part = [], [], "q"
            else:
                part = "a"
            if m.group("rest").strip():
                (front if part == "q" else back).append(m.group("rest"))
            continue
        if part == "a":
            back.append(ln)
        else:
            front.append(ln)
    if front or back:
        cards.append(qa_card(" ".join(front) or "(no question)", back, text_fn))
    return cards


def _separated(lines: list[str], sep: str, text_fn: Text) -> tuple[list[Card], list[Term]]:
    items: list[list[str]] = []  # [term, definition, more...]
    notes_before: list[str] = []
    header_done = False
    for ln in lines:
        if not ln.strip() or _table_rule(ln):
            continue
        got = _split(ln, sep)
        if got is None:
            if items:
                items[-1].append(ln.strip())
            else:
                notes_before.append(ln.strip())  # text before the first item: a note of its own
            continue
        if not header_done and {got[0].lower(), got[1].lower()} <= HEADER_WORDS:
            header_done = True
            continue  # a table's header row
        header_done = True
        items.append([got[0], got[1]])
    questions = sum(t.strip().endswith("?") for t, *_ in items) >= 0.5 * len(items) if items else False
    cards, terms = [note_card(ln, text_fn) for ln in notes_before], []
    for term, definition, *more in items:
        d = " ".join(x for x in [definition, *more] if x.strip())
        if questions:
            cards.append(qa_card(term, [d] if d else [], text_fn))
        elif d:
            terms.append(Term(text_fn(term), text_fn(d)))
        else:  # a glossary row left blank (a table's empty cell): a term to finish
            cards.append(
                Card(text_fn(term), [], [], question=True, review="a term with no definition in the notes")
            )
    return cards, terms


HEADER_WORDS = {"term", "terms", "definition", "definitions", "front", "back", "question", "answer",
                "word", "meaning", "prompt", "response", "key term", "key word", "keyword"}  # fmt: skip


def _depth(line: str) -> tuple[int, str, str]:
    """(depth key, number as written, text) of an outline line: numbered `1.2.1` nests by its dots,
    other lines by their indent."""
    m = NUMBERED.match(line)
    if m:
        num = m.group("num")
        dots = num.rstrip(".)").count(".")
        return indent_of(line) + dots * 100, num, m.group("text")
    b = bullet(line)
    if b is not None:
        return b[0], "", b[1]
    return indent_of(line), "", line.strip()


def _outline(lines: list[str], text_fn: Text, centre: bool = True) -> tuple[list[Card], str]:
    """A card per top-level branch; deeper levels as nested points. A single root with every other
    line beneath it is the map's centre: the topic, with its branches as the cards."""
    body = [ln for ln in lines if ln.strip()]
    nodes = [_depth(ln) for ln in body]
    # a line indented further than the item above with no marker goes on with that item (wrapped)
    tree: list[Point] = []
    stack: list[tuple[int, Point]] = []
    for (depth, num, text), ln in zip(nodes, body, strict=True):
        is_item = bool(NUMBERED.match(ln) or bullet(ln) is not None)
        if stack and not is_item and depth > stack[-1][0] and _any_items(body):
            stack[-1][1].text += " " + text
            continue
        while stack and depth <= stack[-1][0]:
            stack.pop()
        p = Point(f"{num} {text}".strip() if num else text)
        (stack[-1][1].points if stack else tree).append(p)
        stack.append((depth, p))
    root = ""
    if centre and len(tree) == 1 and tree[0].points:  # (a file with a title keeps its one branch)
        root, tree = tree[0].text, tree[0].points
    cards = []
    for top in tree:
        title = text_fn(top.text)
        if top.points:
            cards.append(Card(title, _texts(top.points, text_fn)))
        else:
            cards.append(note_card(top.text, text_fn))
    return cards, root


def _any_items(body: list[str]) -> bool:
    return any(NUMBERED.match(ln) or bullet(ln) is not None for ln in body)


def _texts(points: list[Point], text_fn: Text) -> list[Point]:
    return [Point(text_fn(p.text), _texts(p.points, text_fn)) for p in points]


def _headed(lines: list[str], text_fn: Text) -> list[Card]:
    cards: list[Card] = []
    body = [ln for ln in lines if ln.strip()]
    group: list[str] = []
    head = ""
    for i, ln in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if _heading_like(ln) and nxt and not _heading_like(nxt):
            if head or group:
                cards.append(_titled(head, group, text_fn))
            head, group = ln.strip().rstrip(":"), []
        else:
            group.append(ln)
    if head or group:
        cards.append(_titled(head, group, text_fn))
    return cards


def _titled(head: str, lines: list[str], text_fn: Text) -> Card:
    """A card with its title and the lines under it: bullets nest as points, wrapped prose joins
    into a paragraph, other lines are a point each."""
    if not head:
        return _block_card(lines, text_fn)
    points: list[Point] = []
    paras: list[str] = []
    stack: list[tuple[int, list[Point]]] = [(-1, points)]
    prose: list[str] = []
    for ln in lines:
        b = bullet(ln)
        n = NUMBERED.match(ln)
        if b is None and n is None and prose and _wraps(prose[-1], ln):
            prose.append(ln.strip())
            continue
        if prose:
            paras.append(text_fn(" ".join(prose)))
            prose = []
        if b is None and n is None and not _ends(ln) and not paras and not points:
            prose.append(ln.strip())  # the start of a paragraph, maybe wrapped
            continue
        indent, text = (
            b
            if b is not None
            else (indent_of(ln), (f"{n.group('num')} {n.group('text')}" if n else ln.strip()))
        )
        while len(stack) > 1 and indent <= stack[-1][0]:
            stack.pop()
        p = Point(text_fn(text))
        stack[-1][1].append(p)
        stack.append((indent, p.points))
    if prose:
        paras.append(text_fn(" ".join(prose)))
    return Card(text_fn(head), points, paras)


def _ends(line: str) -> bool:
    t = line.strip()
    return bool(t) and t[-1] in ".!?;:"


def _wraps(prev: str, line: str) -> bool:
    """Whether `line` goes on with the sentence of `prev` (a paragraph wrapped at a fixed width)."""
    t = line.strip()
    return bool(t) and not _ends(prev) and (t[0].islower() or t[0] in ",;)")


def _block_card(block: list[str], text_fn: Text) -> Card:
    lines = [ln for ln in block if ln.strip()]
    if len(lines) >= 2 and _heading_like(lines[0]):
        return _titled(lines[0].strip().rstrip(":"), lines[1:], text_fn)
    joined: list[str] = []
    for ln in lines:  # wrapped prose joins; separate sentences stay separate paragraphs
        if joined and not _ends(joined[-1]):
            joined[-1] += " " + ln.strip()
        else:
            joined.append(ln.strip())
    paras = [text_fn(p) for p in joined]
    title, note = title_from(paras[0])
    return Card(title, [], paras, review=note)
