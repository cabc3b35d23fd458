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

from dataclasses import dataclass

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
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import (
    KEY_GREY,
    Sheet,
    Sizes,
    rows_for,
    version_letter,
    writing_rows,
)

from studypack.layout_api import options as o
from studypack.layout_api.pages import PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import mm
from studypack.model import Card, Pack, Section
from studypack.text.markup import plain
from studypack.wording import plural

NUM_W = 9 * mm  # the question number's column
GAP = 4 * mm  # between questions


@dataclass(frozen=True)
class Question:
    topic: str
    question: str
    answer: str


def answer_of(card: Card) -> str:
    """A card's back as one answer: its points joined by semicolons, then its text."""

    def walk(points) -> list[str]:
        return [t for p in points for t in [p.text, *walk(p.points)]]

    parts = [*walk(card.points), *(p for p in card.text.split("\n\n") if p.strip())]
    return "; ".join(" ".join(p.split()) for p in parts)


def questions_of(pack: Pack, opts: QuizOptions) -> list[Question]:
    out = []
    for t in pack.topics_named(opts.topics):
        for c in t.cards:
            if (c.question or opts.questions == "titles") and answer_of(c):
                out.append(Question(t.topic, c.front, answer_of(c)))
    return out


# Up to this many questions, each question's wrong answers are chosen from the whole pool, shuffled
# for it; a bigger pool (a bank of 10,000 questions) is searched by length instead (`_ByLength`),
# so the quiz costs the same per question however long it is.
EXACT_POOL = 300


def options_for(
    q: Question, pool: list[Question], seed: int, version: int, index: _ByLength | None = None
) -> list[str]:
    """Three wrong answers for q: other questions' answers from its topic first, then the rest,
    the nearest in length; never q's answer or the same text twice."""
    if index is not None:
        return index.options(q, seed, version)
    right = plain(q.answer).strip().lower()
    seen = {right}
    out: list[str] = []
    same = [p for p in pool if p.topic == q.topic]
    others = [p for p in pool if p.topic != q.topic]
    for group in (same, others):
        ranked = sorted(
            shuffled(group, seed, f"quiz-wrong-{version}-{q.question}"),
            key=lambda p: abs(len(plain(p.answer)) - len(plain(q.answer))),
        )
        for p in ranked:
            key = plain(p.answer).strip().lower()
            if key not in seen:
                seen.add(key)
                out.append(p.answer)
            if len(out) == 3:
                return out
    return out


class _ByLength:
    """A big pool's distinct answers sorted by length, overall and per topic: the nearest in length
    to a question's answer are found by bisection and a walk outward, a few dozen of them shuffled
    for the question (so equally near answers take turns), then chosen as `options_for` does."""

    NEAR = 24  # candidates looked at per question and group

    def __init__(self, pool: list[Question]) -> None:
        from studypack.layouts.worksheet.flow import shuffled

        by_key: dict[str, tuple[str, set[str]]] = {}
        for p in pool:
            key = plain(p.answer).strip().lower()
            by_key.setdefault(key, (p.answer, set()))[1].add(p.topic)
        # ties in length in a fixed, seeded order rather than alphabetical
        entries = shuffled(
            [(len(plain(a)), k, a, frozenset(ts)) for k, (a, ts) in by_key.items()], 0, "quiz-pool"
        )
        entries.sort(key=lambda e: e[0])
        self.all = entries
        self.topics: dict[str, list] = {}
        for e in entries:
            for t in e[3]:
                self.topics.setdefault(t, []).append(e)

    def options(self, q: Question, seed: int, version: int) -> list[str]:
        from studypack.layouts.worksheet.flow import shuffled

        right = plain(q.answer).strip().lower()
        n = len(plain(q.answer))
        seen = {right}
        out: list[str] = []
        for entries, elsewhere in ((self.topics.get(q.topic, []), ""), (self.all, q.topic)):
            near = self._nearest(entries, n, seen, elsewhere)
            salt = f"quiz-wrong-{version}-{q.question}"
            for e in sorted(shuffled(near, seed, salt), key=lambda e: abs(e[0] - n)):
                if e[1] not in seen:
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


def right_letters(n: int, seed: int, version: int) -> list[int]:
    """Where each question's right answer goes: A-D equally often (to one), in a seeded order."""
    slots = [k % 4 for k in range(n)]
    return shuffled(slots, seed, f"quiz-right-{version}")


MAX_ROWS = 18  # a long answer's lines go on in blocks of this many, so each fits a page


def written_blocks(qs: list[Question], width: float, z: Sizes, fonts) -> list[Block]:
    """Per question: its number and text, then lines for its answer (3 mm a character); an answer
    needing more than MAX_ROWS lines goes on in further blocks, which may start a new page."""
    blocks = []
    line_x = NUM_W
    for i, q in enumerate(qs):
        ql = lay(q.question, width - NUM_W, z.text, fonts, bold=True)
        rows = rows_for(q.answer, width - line_x, fonts, z)
        for start in range(0, rows, MAX_ROWS):
            n = min(MAX_ROWS, rows - start)
            first = start == 0

            def lines(c, x, top, w, key, q=q, n=n, start=start) -> None:
                writing_rows(c, q.answer, n, (x + line_x, top, w - line_x), "", 0.0, fonts, key, z, start)

            after = GAP if start + n >= rows else 0.0
            rows_piece = Piece(n * z.row, lines)
            if first:  # the question opens its first block (a question longer than a page splits)
                blocks.append(
                    stacked([text_piece(ql, NUM_W, 1 * mm, fonts, _number(i, z, fonts)), rows_piece], after)
                )
            else:
                blocks.append(stacked([rows_piece], after))
    return blocks


def _number(i: int, z: Sizes, fonts):
    def mark(c, x, top) -> None:
        c.setFont(fonts.face(bold=True), z.text)
        c.drawRightString(x + NUM_W - 2 * mm, top - z.text * 0.95, f"{i + 1}.")

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
    qs: list[Question], pool: list[Question], width: float, z: Sizes, fonts, seed: int, version: int
) -> tuple[list[Block], int]:
    """Multiple-choice blocks, and how many questions had fewer than four options."""
    blocks, short = [], 0
    rights = right_letters(len(qs), seed, version)
    opt_x = NUM_W + 9 * mm
    index = _ByLength(pool) if len(pool) > EXACT_POOL else None
    for i, q in enumerate(qs):
        wrong = options_for(q, pool, seed, version, index)
        short += len(wrong) < 3
        n = len(wrong) + 1
        at = min(rights[i], n - 1)
        opts = wrong[:at] + [q.answer] + wrong[at:]
        ql = lay(q.question, width - NUM_W, z.text, fonts, bold=True)
        ols = [lay(t, width - opt_x, z.text, fonts) for t in opts]
        pieces = [text_piece(ql, NUM_W, 1.5 * mm, fonts, _number(i, z, fonts))]
        for k, ol in enumerate(ols):
            pieces.append(_option(k, ol, k == at, opt_x, z, fonts))
        blocks.append(stacked(pieces, GAP))
    return blocks, short


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, QuizOptions)
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
    title = opts.title or f"Quiz: {pack.title}"
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    mc = opts.style == "multiple-choice"
    laid, short = [], 0
    for v in range(opts.versions):
        picked = shuffled(pool, opts.seed, f"quiz-pick-{v}")
        qs = picked[: opts.count] if opts.count else picked
        if mc:
            blocks, s = choice_blocks(qs, pool, width, z, fonts, opts.seed, v)
            short = max(short, s)
        else:
            blocks = written_blocks(qs, width, z, fonts)
        laid.append(blocks)
    n = min(len(pool), opts.count) if opts.count else len(pool)
    instruction = (
        "Ring the letter of the right answer to each question."
        if mc
        else "Answer each question on the lines below it."
    )
    note = "The right letter is filled in." if mc else ""

    def pages_for(v: int, pupil: str, key: bool):
        sheet = with_pupil(Sheet(title, letters[v], instruction, n, z, key_note=note), pupil)
        return pages(sheet, laid[v], (pw, ph), fonts, key)

    handed = hand_out(opts.versions, letters, pages_for, opts.answer_key, ctx.students)
    notices = []
    if short:
        notices.append(
            f"{plural(short, 'question')} with fewer than four options: the pack has too few other answers"
        )
    summary = f"{plural(n, 'question')}, {opts.style}, {plural(opts.versions, 'version')}"
    return worksheet_section(handed, summary, notices, "Quiz answer keys")
