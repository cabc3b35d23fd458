"""A quiz worksheet: the question/answer cards of the chosen topics as numbered questions.

`style: written` gives each question writing lines sized for its answer in a pupil's handwriting
(3 mm a character, lines across the page). `style: multiple-choice` gives four options: the right
answer and three others' answers from the same topic (from the rest of the pack when the topic
has too few), of the nearest lengths so that the right one does not stand out, never the same
text twice; the right letter is spread evenly over A-D by the seed. The key has the answers on the
lines, or the right letter ringed. Cards written as title/points become questions with
`questions: titles`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from studypack.layouts.quiz.options import QuizOptions
from studypack.layouts.worksheet.flow import (
    Block,
    Laid,
    Piece,
    hand_out,
    lay,
    pages,
    shuffled,
    stacked,
    text_piece,
    text_size,
    unnamed,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import (
    HAND,
    KEY_GREY,
    Sheet,
    Sizes,
    fitted,
    rows_for,
    version_letter,
    writing_rows,
)
from studypack.layouts.worksheet.grouped import by_group, group_title
from studypack.layouts.worksheet.support import first_letters, sentence_starter

from studypack.layout_api import options as o
from studypack.layout_api.pages import PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import mm
from studypack.model import Card, Pack, Section
from studypack.text.fit import width1
from studypack.text.markup import plain
from studypack.wording import plural

NUM_W = 9 * mm  # the question number's column
GAP = 4 * mm  # between questions


@dataclass(frozen=True)
class Question:
    """A quiz question with its answer, what it asks, and the kind of answer it has."""

    topic: str
    question: str
    answer: str
    asks: str = "recall"  # what the question asks: recall, explain (a reasoned answer), or notes
    # what the answer is: a card's back, a key term's definition, or a key term (wrong options come
    # from answers of the same kind only, so a definition is never offered for a term)
    kind: str = "card"
    term: str = ""  # the key term a term question is about (asked one way only on a sheet)


def answer_of(card: Card) -> str:
    """A card's back as one answer: its points joined by semicolons, then its text."""

    def walk(points) -> list[str]:
        return [t for p in points for t in [p.text, *walk(p.points)]]

    parts = [*walk(card.points), *(p for p in card.text.split("\n\n") if p.strip())]
    return "; ".join(" ".join(p.split()) for p in parts)


_EXPLAIN = re.compile(
    r"^\W*(explain|why|describe|how|compare|evaluate|discuss|suggest|outline|justify|assess)\b", re.I
)
_ASKING = re.compile(
    r"\?\s*$|^\W*(who|what|when|where|which|why|how|name|explain|describe|give|state|list)\b", re.I
)


def asks(question: str) -> str:
    """'explain' for a question that wants reasons or a description, else 'recall'."""
    return "explain" if _EXPLAIN.match(plain(question)) else "recall"


def title_prompt(title: str) -> str:
    """A card's title as something a pupil can answer: a title already asking stays as it is; a
    heading ('Prokaryotes vs eukaryotes') asks for what the card says about it."""
    if _ASKING.search(plain(title)):
        return title
    return f"Write down what you know about: {title}"


def questions_of(pack: Pack, opts: QuizOptions) -> list[Question]:
    """The quiz's questions: question cards; with `questions: titles`, each titled card too (a
    heading turned into a prompt: written quizzes only, since a whole card makes no option); and,
    for multiple choice, the key terms both ways (term to definition, definition to term)."""
    out = []
    mc = opts.style == "multiple-choice"
    for t in pack.topics_named(opts.topics):
        for c in t.cards:
            answer = answer_of(c)
            if not answer:
                continue
            if c.question:
                out.append(Question(t.topic, c.front, answer, asks(c.front)))
            elif opts.questions == "titles" and not c.untitled:
                if _ASKING.search(plain(c.front)):
                    out.append(Question(t.topic, c.front, answer, asks(c.front)))
                elif not mc:
                    out.append(Question(t.topic, title_prompt(c.front), answer, "notes"))
        if mc:
            for k in t.key_terms:
                term, definition = plain(k.term).strip(), " ".join(plain(k.definition).split())
                if term and definition:
                    out.append(Question(t.topic, f"What does \u2018{term}\u2019 mean?", definition,
                                        kind="definition", term=term.casefold()))  # fmt: skip
                    out.append(Question(t.topic, f"Which term means: \u2018{definition}\u2019?", term,
                                        kind="term", term=term.casefold()))  # fmt: skip
    return out


def one_way(pool: list[Question], seed: int, version: int) -> list[Question]:
    """The questions a sheet may ask: each key term one way only (term to definition or back, by the
    seed; another version may ask it the other way), since asking both gives each answer away."""
    keep: dict[str, str] = {}
    for q in pool:
        if q.term and q.term not in keep:
            ways = shuffled(["definition", "term"], seed, f"quiz-way-{version}-{q.term}")
            keep[q.term] = ways[0]
    return [q for q in pool if not q.term or keep[q.term] == q.kind]


# ---- multiple-choice options ------------------------------------------------------------------

FAIR = math.log(1.6)  # a wrong option this close in length to the right one does not stand apart
MAX_OPTION_WORDS = 25  # an option longer than this is a paragraph, not a choice
# Up to this many questions, each question's wrong answers are ranked over the whole pool; a bigger
# pool (a bank of 10,000 questions) is searched by kind and length instead (`_ByLength`), so the
# quiz costs the same per question however long it is.
EXACT_POOL = 300
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DATE = re.compile(
    rf"^(c\.\s*)?(\d{{1,2}}(st|nd|rd|th)?\s+)?(({_MONTHS})[a-z]*\.?\s+)?\d{{3,4}}s?(\s*(BC|AD|BCE|CE))?$",
    re.I,
)
_SMALL = {"of", "the", "von", "van", "de", "la", "le", "du", "and", "der", "da", "di", "y", "del"}


@lru_cache(maxsize=4096)  # asked for every candidate of every question: a pool of n answers, n^2 calls
def kind_of(answer: str) -> str:
    """What sort of answer this is, so wrong options can be of the same sort: a date, a number, a
    name (two to four capitalised words), or other text (matched by length instead)."""
    text = " ".join(plain(answer).split()).strip(" .")
    words = text.split()
    if _DATE.match(text):
        return "date"
    if re.fullmatch(r"[-+]?\d[\d,.]*\s*%?", text):
        return "number"
    if 2 <= len(words) <= 4 and all(w[:1].isupper() or w.lower() in _SMALL or re.fullmatch(r"[IVX]+", w)
                                    for w in words) and words[0][:1].isupper():  # fmt: skip
        return "name"
    return "text"  # a word, a phrase or a sentence: their lengths keep them alike


def _length_gap(a: str, b: str) -> float:
    return abs(math.log((len(plain(a)) + 1) / (len(plain(b)) + 1)))


def _key(text: str) -> str:
    return " ".join(plain(text).split()).casefold()


def options_for(
    q: Question, pool: list[Question], seed: int, version: int, extra: tuple[str, ...] = (),
    taken: frozenset[str] = frozenset(), index: _ByLength | None = None,
) -> list[str]:  # fmt: skip
    """Three wrong answers for q, of the same kind as its answer (dates with dates, names with
    names, a short answer with short ones) and the nearest in length: the other questions'
    answers, and `extra` answers of the group (its timeline's dates); never over
    MAX_OPTION_WORDS words, never q's answer, never the same text twice. Others of another kind
    fill in, nearest in length, when the group has too few of q's kind. A key term's question
    draws only on the other key terms' answers of its own kind (definitions for a definition,
    terms for a term: never the question's own term); `taken` are the answers of the sheet's other
    questions, offered only when nothing else fits, since an option that is another question's
    answer gives that one away."""
    if index is not None:  # a bank of hundreds of questions: by kind and length, in bounded time
        return index.options(q, seed, version)
    right = _key(q.answer)
    kind = kind_of(q.answer)
    seen = {right}
    # (answer, from the same topic, another card's answer or a date: of a card's own field)
    if q.kind == "card":
        candidates = [(p.answer, p.topic == q.topic, p.kind == "card") for p in pool]
        candidates += [(e, False, True) for e in extra]
    else:  # the other terms (or definitions) alone: a term's question never offers a sentence
        candidates = [(p.answer, p.topic == q.topic, True) for p in pool if p.kind == q.kind]
    candidates = shuffled(candidates, seed, f"quiz-wrong-{version}-{q.question}")
    both = _ARTICLES | _OTHER_ARTICLES
    alike = _article(q.answer, both) is not None
    ranked = sorted(
        candidates,
        # the same kind, then within half to twice the right answer's length (a fair length matters
        # more: an odd one out gives its own question away), then for a card another card's answer
        # (a key term is of another field, often another language), then not another question's
        # answer, then with an article as the right answer has one or not, then the same topic,
        # then the nearest in length
        key=lambda c: (
            kind_of(c[0]) != kind,
            _length_gap(c[0], q.answer) > FAIR,
            not c[2],
            _key(c[0]) in taken,
            (_article(c[0], both) is not None) != alike,
            not c[1],
            _length_gap(c[0], q.answer),
        ),
    )
    own = _key(q.term) if q.term else ""
    asked = _key(q.question)
    out: list[str] = []
    for text, _same, _field in ranked:
        key = _key(text)
        if key in seen or len(plain(text).split()) > MAX_OPTION_WORDS or key in right or right in key:
            continue
        if key == own or (len(key) > 3 and key in asked):  # the question's own words are no option
            continue
        seen.add(key)
        out.append(text)
        if len(out) == 3:
            break
    return out


class _ByLength:
    """A big pool's distinct answers sorted by length, per kind (dates, numbers, names, text), per
    topic and overall: the nearest in length to a question's answer are found by bisection and a
    walk outward, a few dozen of them shuffled for the question (so equally near answers take
    turns), those of the answer's own kind first, as `options_for` ranks them."""

    NEAR = 24  # candidates looked at per question and group

    def __init__(self, pool: list[Question]) -> None:
        from studypack.layouts.worksheet.flow import shuffled

        by_key: dict[str, tuple[str, set[str]]] = {}
        for p in pool:
            key = plain(p.answer).strip().lower()
            by_key.setdefault(key, (p.answer, set()))[1].add(p.topic)
        # ties in length in a fixed, seeded order rather than alphabetical
        entries = shuffled(
            [(len(plain(a)), k, a, frozenset(ts)) for k, (a, ts) in by_key.items()
             if len(plain(a).split()) <= MAX_OPTION_WORDS],
            0, "quiz-pool",
        )  # fmt: skip
        entries.sort(key=lambda e: e[0])
        self.all = entries
        self.topics: dict[str, list] = {}
        self.kinds: dict[str, list] = {}  # the same kind of answer first, as options_for ranks them
        for e in entries:
            self.kinds.setdefault(kind_of(e[2]), []).append(e)
            for t in e[3]:
                self.topics.setdefault(t, []).append(e)

    def options(self, q: Question, seed: int, version: int) -> list[str]:
        from studypack.layouts.worksheet.flow import shuffled

        right = plain(q.answer).strip().lower()
        n = len(plain(q.answer))
        seen = {right}
        out: list[str] = []
        same_kind = self.kinds.get(kind_of(q.answer), [])
        for entries, elsewhere in ((same_kind, ""), (self.topics.get(q.topic, []), ""), (self.all, q.topic)):
            near = self._nearest(entries, n, seen, elsewhere)
            salt = f"quiz-wrong-{version}-{q.question}"
            for e in sorted(shuffled(near, seed, salt), key=lambda e: abs(e[0] - n)):
                if e[1] not in seen and e[1] not in right and right not in e[1]:
                    seen.add(e[1])
                    out.append(e[2])
                if len(out) == 3:
                    return out
        return out

    def _nearest(self, entries: list, n: int, seen: set[str], elsewhere: str) -> list:
        """Up to NEAR entries nearest to length n, walking out from where n would go: none seen yet,
        and (with `elsewhere`) each the answer of a topic other than that one."""
        from bisect import bisect_left

        i = bisect_left(entries, n, key=lambda e: e[0])
        lo, hi = i - 1, i
        out: list = []
        while len(out) < self.NEAR and (lo >= 0 or hi < len(entries)):
            if hi >= len(entries) or (lo >= 0 and n - entries[lo][0] <= entries[hi][0] - n):
                e, lo = entries[lo], lo - 1
            else:
                e, hi = entries[hi], hi + 1
            if e[1] not in seen and (not elsewhere or e[3] - {elsewhere}):
                out.append(e)
        return out


# English articles are taken off to make options alike; another language's are part of what is
# learnt ('la manzana'), so they only steer the choice of options.
_ARTICLES = {"the", "a", "an"}
_OTHER_ARTICLES = {"el", "la", "los", "las", "un", "una", "le", "les", "der", "die", "das"}


def _article(text: str, words_of: set[str] = _ARTICLES) -> str | None:
    """The leading article of an option ('The' of 'The mitochondria'), if it has one and more."""
    words = text.split(maxsplit=1)
    if len(words) == 2 and words[0].casefold() in words_of:
        return words[0]
    return None


def alike(options: list[str]) -> list[str]:
    """The options in one form, so none stands out by its look: a leading article taken from all
    when only some have one; first letters all capitals when some are and some are not (a
    capital is never wrong at an option's start, where lower-casing could spoil a name). Words
    whose case is their meaning ('pH', 'DNA') keep it."""
    arts = [_article(t) is not None for t in options]
    if any(arts) and not all(arts):
        options = [t.split(maxsplit=1)[1] if a else t for t, a in zip(options, arts, strict=True)]

    def cased(t: str) -> bool | None:
        first = t.split(maxsplit=1)[0] if t.split() else ""
        if not first[:1].isalpha() or any(ch.isdigit() or ch.isupper() for ch in first[1:]):
            return None  # a number, a code ('w0x', '3D'), a word cased inside ('pH'): its case stays
        return first[0].isupper()

    cases = {cased(t) for t in options} - {None}
    if len(cases) > 1:
        options = [t[:1].upper() + t[1:] if cased(t) is False else t for t in options]
    return options


def right_letters(n: int, seed: int, version: int) -> list[int]:
    """Where each question's right answer goes: A-D equally often (to one), in a seeded order."""
    slots = [k % 4 for k in range(n)]
    return shuffled(slots, seed, f"quiz-right-{version}")


MAX_ROWS = 18  # a long answer's lines go on in blocks of this many, so each fits a page
EXPLAIN_ROWS = 3  # an explanation or description needs room to reason, however short the key's answer


MORE_ROWS = 5  # an explanation's lines grow by at most this many into room the sheet has spare


def rows_needed(q: Question, line: float, z: Sizes, fonts, more: int = 0) -> int:
    """Writing lines by what the question asks: one for a word or two; three or more for
    'explain', 'why', 'describe' and notes on a heading (`more` on top, where the sheet has room);
    else as many as the answer needs."""
    rows = rows_for(q.answer, line, fonts, z)
    if q.asks in ("explain", "notes"):
        return max(EXPLAIN_ROWS + more, rows)
    if len(plain(q.answer).split()) <= 2:
        return 1 if len(plain(q.answer)) * HAND <= line else rows
    return rows


def marks_for(q: Question) -> int:
    """Marks a written answer is worth (`marks: auto`): 1 for a fact, 2 for a sentence, 3 for an
    explanation."""
    if q.asks in ("explain", "notes"):
        return 3
    return 1 if len(plain(q.answer).split()) <= 4 else 2


def hint_of(q: Question) -> str:
    """A supported copy's start on the first line: a sentence starter for a long answer, the first
    letters of a short one."""
    return sentence_starter(plain(q.answer)) or first_letters(plain(q.answer))


def written_blocks(
    qs: list[Question], width: float, z: Sizes, fonts, marks: bool = False, hints: bool = False,
    more: int = 0,
) -> list[Block]:  # fmt: skip
    """Per question: its number and text (with its marks, `marks`), then lines for its answer by
    what it asks (`rows_needed`); an answer needing more than MAX_ROWS lines goes on in further
    blocks, which may start a new page. With `hints` (a supported copy) the first line starts the
    answer: its opening words, or its first letters. `more`: lines an explanation gets on top of
    EXPLAIN_ROWS."""
    blocks = []
    line_x = NUM_W
    for i, q in enumerate(qs):
        tag = f"[{plural(marks_for(q), 'mark')}]" if marks else ""
        tag_w = width1(tag + "  ", fonts.face()) * z.text if tag else 0.0
        ql = lay(q.question, width - NUM_W - tag_w, z.text, fonts, bold=True)
        rows = rows_needed(q, width - line_x, z, fonts, more)
        hint = hint_of(q) if hints else ""
        for start in range(0, rows, MAX_ROWS):
            n = min(MAX_ROWS, rows - start)
            first = start == 0

            def lines(c, x, top, w, key, q=q, n=n, start=start, first=first, hint=hint) -> None:
                writing_rows(c, q.answer, n, (x + line_x, top, w - line_x), "", 0.0, fonts, key, z, start)
                if hint and first and not key:
                    face = fonts.face(italic=fonts.italics)
                    c.setFont(face, z.text)
                    c.drawString(
                        x + line_x + 1, top - z.row + 2.5, fitted(hint, face, z.text, w - line_x - 2)
                    )

            after = GAP if start + n >= rows else 0.0
            rows_piece = Piece(n * z.row, lines)
            if first:  # the question opens its first block (a question longer than a page splits)
                mark = _number(i, z, fonts, tag, width)
                blocks.append(stacked([text_piece(ql, NUM_W, 1 * mm, fonts, mark), rows_piece], after))
            else:
                blocks.append(stacked([rows_piece], after))
    return blocks


def _number(i: int, z: Sizes, fonts, tag: str = "", width: float = 0.0):
    def mark(c, x, top) -> None:
        c.setFont(fonts.face(bold=True), z.text)
        c.drawRightString(x + NUM_W - 2 * mm, top - z.text * 0.95, f"{i + 1}.")
        if tag:  # the question's marks, at the right of its first line
            c.setFont(fonts.face(), z.text)
            c.drawRightString(x + width, top - z.text * 0.95, tag)

    return mark


def _option(k: int, ol: Laid, right: bool, opt_x: float, z: Sizes, fonts, first: bool = True) -> Piece:
    """Option k: its lettered ring (in the key, the right one filled) and its text; an option
    longer than a page splits, the ring staying with its first lines."""
    h = (max(ol.height, z.text * 1.4) if first else ol.height) + 1.2 * mm

    def draw(c, x, top, w, key) -> None:
        if first:
            cx, cy = x + NUM_W + 3 * mm, top - z.text * 0.6
            r = z.text * 0.75
            c.setLineWidth(0.7)
            if key and right:  # the right letter ringed, and filled so it reads on a copy
                c.setFillGray(KEY_GREY)
                c.circle(cx, cy, r, stroke=1, fill=1)
                c.setFillGray(1)
            else:
                c.circle(cx, cy, r, stroke=1, fill=0)
            c.setFont(fonts.face(bold=True), z.text * 0.85)
            c.drawCentredString(cx, cy - z.text * 0.3, "ABCD"[k])
            c.setFillGray(0)
        ol.draw(c, x + opt_x, top, w - opt_x, fonts)

    def split(room: float) -> tuple[Piece, Piece] | None:
        cut = ol.split(room - 1.2 * mm)
        if cut is None:
            return None
        return _option(k, cut[0], right, opt_x, z, fonts, first), _option(
            k, cut[1], right, opt_x, z, fonts, False
        )

    return Piece(h, draw, split)


def choice_blocks(
    qs: list[Question], pool: list[Question], width: float, z: Sizes, fonts, seed: int, version: int,
    extra: tuple[str, ...] = (), wrong_n: int = 3,
) -> tuple[list[Block], int]:  # fmt: skip
    """Multiple-choice blocks, and how many questions had fewer options than asked. `extra`: more
    answers of the group for wrong options (its dates); `wrong_n`: wrong options a question gets
    (a supported copy has one fewer)."""
    blocks, short = [], 0
    rights = right_letters(len(qs), seed, version)
    opt_x = NUM_W + 9 * mm
    index = _ByLength(pool) if len(pool) > EXACT_POOL else None
    for i, q in enumerate(qs):
        # the sheet's other answers (a small pool only: a big one is searched by index)
        taken = frozenset(_key(p.answer) for p in qs if p is not q) if index is None else frozenset()
        wrong = options_for(q, pool, seed, version, extra, taken, index)[:wrong_n]
        short += len(wrong) < wrong_n
        n = len(wrong) + 1
        at = min(rights[i], n - 1)
        opts = alike(wrong[:at] + [q.answer] + wrong[at:])
        ql = lay(q.question, width - NUM_W, z.text, fonts, bold=True)
        ols = [lay(t, width - opt_x, z.text, fonts) for t in opts]
        pieces = [text_piece(ql, NUM_W, 1.5 * mm, fonts, _number(i, z, fonts))]
        for k, ol in enumerate(ols):
            pieces.append(_option(k, ol, k == at, opt_x, z, fonts))
        blocks.append(stacked(pieces, GAP))
    return blocks, short


def roomy(make, count, supported: bool) -> int:
    """How many lines to add to each explanation: as many (up to MORE_ROWS) as the sheet takes
    without another page, so room a sheet would leave blank goes to the answers that need it.
    `make(more, hints)` lays the blocks, `count(blocks, hints)` counts their pages."""
    copies = (False, True) if supported else (False,)
    base = [count(make(0, h), h) for h in copies]
    more = 0
    while more < MORE_ROWS and all(
        count(make(more + 1, h), h) <= n for h, n in zip(copies, base, strict=True)
    ):
        more += 1
    return more


def group_dates(pack: Pack) -> tuple[str, ...]:
    """The group's timeline dates as written: wrong options for a 'when' question."""
    return tuple(dict.fromkeys(plain(e.date.text) for t in pack.topics for e in t.timeline))


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, QuizOptions)
    one = replace(opts, topics=())
    return by_group(pack, opts.topics, opts.group, lambda sub, label: render_group(sub, label, one, ctx))


def render_group(pack: Pack, label: str, opts: QuizOptions, ctx: RenderContext) -> SectionPages:
    """One quiz (its versions and keys) of a group's topics: `pack` holds that group alone."""
    fonts = ctx.fonts
    pool = questions_of(pack, opts)
    advice = PrintAdvice("single", "per-student")
    if not pool:
        why = (
            "no question cards (front/back) in the chosen topics; `questions: titles` asks every card's title"
            if opts.questions == "cards"
            else "no cards with notes in the chosen topics"
        )
        return SectionPages((), advice, "no questions", (f"no quiz: {why}",))
    z = text_size(opts.font_size, ctx)
    pw, ph = (v * mm for v in pack.paper.value)
    width = pw - 2 * 10 * mm
    title = group_title(opts.title, f"Quiz: {pack.title}", label)
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    mc = opts.style == "multiple-choice"
    marks = opts.marks == "auto"
    dates = group_dates(pack)
    instruction = (
        "Ring the letter of the right answer to each question." + (" 1 mark each." if marks else "")
        if mc
        else "Answer each question on the lines below it."
        + (" The marks for each are in [brackets]." if marks else "")
    )
    helped_note = instruction + (
        " Each question has three options." if mc else " Some answers are started for you."
    )
    note = "The right letter is filled in." if mc else ""
    laid: list[tuple[list[Block], list[Block], int]] = []
    short = 0

    def sheet_of(v: int, pupil: str, supported: bool) -> Sheet:
        total = laid[v][2] if v < len(laid) else 0  # (while the lines are sized: the marks not yet known)
        sheet = Sheet(title, letters[v], helped_note if supported else instruction, total, z,
                      key_note=note, supported=supported)  # fmt: skip
        return with_pupil(sheet, pupil, pack.klass)

    for v in range(opts.versions):
        picked = shuffled(one_way(pool, opts.seed, v), opts.seed, f"quiz-pick-{v}")
        qs = picked[: opts.count] if opts.count else picked
        helped: list[Block] = []
        if mc:
            blocks, s = choice_blocks(qs, pool, width, z, fonts, opts.seed, v, dates)
            if opts.support.on:
                helped = choice_blocks(qs, pool, width, z, fonts, opts.seed, v, dates, 2)[0]
            short = max(short, s)
            total = len(qs)
        else:
            more = roomy(
                lambda more, hints, qs=qs: written_blocks(qs, width, z, fonts, marks, hints, more),
                lambda blocks, hints, v=v: len(pages(sheet_of(v, "", hints), blocks, (pw, ph), fonts, False)),
                opts.support.on,
            )
            blocks = written_blocks(qs, width, z, fonts, marks, more=more)
            if opts.support.on:
                helped = written_blocks(qs, width, z, fonts, marks, hints=True, more=more)
            total = sum(marks_for(q) for q in qs) if marks else len(qs)
        laid.append((blocks, helped, total))
    asked = len(one_way(pool, opts.seed, 0))
    n = min(asked, opts.count) if opts.count else asked

    def pages_for(v: int, pupil: str, key: bool):
        return pages(sheet_of(v, pupil, False), laid[v][0], (pw, ph), fonts, key)

    def supported_for(v: int, pupil: str, key: bool):
        return pages(sheet_of(v, pupil, True), laid[v][1], (pw, ph), fonts, key)

    handed = hand_out(
        opts.versions, letters, pages_for, opts.answer_key, ctx.students, supported_for, opts.support
    )
    notices = [f"support: '{p}' is not in the class list" for p in unnamed(ctx.students, opts.support)]
    if short:
        notices.append(
            f"{plural(short, 'question')} with fewer than four options: the group has too few other answers"
        )
    summary = f"{plural(n, 'question')}, {opts.style}, {plural(opts.versions, 'version')}"
    return worksheet_section(handed, summary, notices, "Quiz answer keys")
