"""A cloze (fill the gaps) worksheet: the chosen topics' cards as running text, titles as headings,
with the words in `[[...]]` blanked as numbered gaps, and its key with the words filled in.

A gap is a numbered line long enough for its words in a pupil's handwriting (3 mm a character); in
the key the same gap holds the words, so the key's lines break where the sheet's do. A topic that
marks no `[[gaps]]` has its key terms blanked wherever they occur in its text (the build says so).
`hide` blanks only some gaps (versions blank different ones); an optional word bank lists the
hidden words shuffled, with `distractors` taken from the pack's other gaps.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from studypack.layouts.cloze.options import ClozeOptions
from studypack.layouts.timeline.blanks import how_many
from studypack.layouts.worksheet.flow import (
    Block,
    hand_out,
    lay,
    pages,
    shuffled,
    text_size,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import HAND, Sheet, Sizes, version_letter, word_bank

from studypack.layout_api import options as o
from studypack.layout_api.pages import PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import mm
from studypack.model import Card, Pack, Section, Topic
from studypack.text.fit import NORMAL, Para, Piece, Word, height, make_word, width1, words_of, wrap
from studypack.text.markup import gaps, parse, plain
from studypack.wording import plural

MAX_CHUNK = 70 * mm  # a long gap is several lines of at most this, so it can wrap
MIN_GAP = 18 * mm  # even a one-letter gap leaves room to write


# ---- which words are gaps -------------------------------------------------------------------------


def card_texts(card: Card) -> list[tuple[str, bool]]:
    """A card's texts in reading order: (text, is a bullet point)."""
    out: list[tuple[str, bool]] = []

    def walk(points) -> None:
        for p in points:
            out.append((p.text, True))
            walk(p.points)

    walk(card.points)
    out += [(t, False) for t in card.text.split("\n\n") if t.strip()]
    return out


def with_key_terms(topic: Topic) -> list[tuple[Card, list[tuple[str, bool]]]]:
    """The topic's cards with their texts; a topic with no `[[gaps]]` gets its key terms marked
    as gaps wherever they occur (whole words, any case)."""
    cards = [(c, card_texts(c)) for c in topic.cards]
    if any(gaps(t) for _, ts in cards for t, _ in ts) or not topic.key_terms:
        return cards
    terms = sorted({plain(k.term).strip() for k in topic.key_terms if len(plain(k.term).strip()) > 1}, key=len,
                   reverse=True)  # fmt: skip
    if not terms:
        return cards
    rx = re.compile(r"(?<![\w\[])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w\]])", re.I)
    return [(c, [(rx.sub(r"[[\1]]", t), b) for t, b in ts]) for c, ts in cards]


@dataclass
class Gap:
    number: int  # 0: shown (not blanked in this version)
    answer: str


# ---- one paragraph with its gaps, for the sheet and the key -----------------------------------------


def gap_words(n: int, answer: str, tail: str, fonts, size: float) -> tuple[list[Word], list[Word]]:
    """The sheet's words for gap n (its number, then a line of underscores 3 mm a character) and
    the key's (its number, then the words), each pair measured as the wider of the two, so both
    copies break their lines at the same places. A long gap is several words that can wrap."""
    bold, reg, key_face = fonts.face(bold=True), fonts.face(), fonts.face(bold=True, italic=True)
    want = max(len(plain(answer)) * HAND, MIN_GAP) / size  # at 1 pt
    under = width1("_", reg)
    chunks = max(1, math.ceil(want * size / MAX_CHUNK))
    answer_words = plain(answer).split() or [answer]
    per = math.ceil(len(answer_words) / chunks)
    key_parts = [" ".join(answer_words[i : i + per]) for i in range(0, len(answer_words), per)] or [""]
    if "$" in answer and any(r.math for r in parse(answer)):
        key_parts = [answer]  # a formula is one unit: the key shows it set, on one line
    chunks = len(key_parts)
    sheet_w, key_w = [], []
    for k, part in enumerate(key_parts):
        lead = [Piece(f"({n})", bold, NORMAL, width1(f"({n})", bold))] if k == 0 else []
        end = [Piece(tail, reg, NORMAL, width1(tail, reg))] if tail and k == chunks - 1 else []
        line = "_" * max(3, math.ceil(want / chunks / under))
        s = make_word((*lead, Piece(line, reg, NORMAL, width1(line, reg)), *end))
        kw = make_word((*lead, *_key_pieces(part, key_face, fonts), *end))
        w1 = max(s.w1, kw.w1)
        sheet_w.append(s._replace(w1=w1))
        key_w.append(kw._replace(w1=w1))
    return sheet_w, key_w


def _key_pieces(part: str, face: str, fonts) -> tuple[Piece, ...]:
    """An answer in the key's face; one holding a formula has it set, as in the text."""
    if "$" not in part or part == plain(part) and not any(r.math for r in parse(part)):
        return (Piece(part, face, NORMAL, width1(part, face)),)
    space = Piece(" ", face, NORMAL, width1(" ", face))
    out: list[Piece] = []
    for k, w in enumerate(words_of(part, fonts, bold=True, italic=True)):
        out += [space] * (k > 0) + list(w.pieces)
    return tuple(out)


_TAIL = re.compile(r"^[^\s\w\[]+")  # punctuation straight after a gap goes with it


def paragraph(
    text: str, numbers: dict[int, int], fonts, size: float
) -> tuple[tuple[Word, ...], tuple[Word, ...], list[Gap]]:
    """A text's words for the sheet and for the key. `numbers` maps each gap's place in the text to
    its number (0: shown as plain words this version)."""
    sheet: list[Word] = []
    key: list[Word] = []
    found: list[Gap] = []
    pos = 0
    for k, (a, b, words) in enumerate(gaps(text)):
        before = text[pos:a]
        for mark in ("**", "*"):  # `**[[word]]**`: the emphasis is the gap's own, not text around it
            if before.endswith(mark) and text[b:].startswith(mark):
                before, b = before[: -len(mark)], b + len(mark)
                break
        for w in words_of(before, fonts) if before.strip() else ():
            sheet.append(w)
            key.append(w)
        tail_m = _TAIL.match(text[b:])
        tail = tail_m.group(0) if tail_m else ""
        n = numbers.get(k, 0)
        if n:
            s, kk = gap_words(n, words, tail, fonts, size)
            sheet += s
            key += kk
        else:
            shown = words_of(words + tail, fonts)
            sheet += shown
            key += shown
        found.append(Gap(n, words))
        pos = b + len(tail)
    rest = text[pos:]
    if rest.strip():
        ws = words_of(rest, fonts)
        sheet += ws
        key += ws
    return tuple(sheet), tuple(key), found


# ---- the sheet ---------------------------------------------------------------------------------


@dataclass
class CardText:
    title: str
    texts: list[tuple[str, bool]]


def plan(pack: Pack, opts: ClozeOptions) -> tuple[list[tuple[str, list[CardText]]], list[str]]:
    """Per topic its cards' titles and texts (with gaps marked), and the topics whose key terms
    stand in for missing `[[gaps]]`."""
    out, by_terms = [], []
    for t in pack.topics_named(opts.topics):
        cards = with_key_terms(t)
        own = any(gaps(x) for c in t.cards for x, _ in card_texts(c))
        if not own and any(gaps(x) for _, ts in cards for x, _ in ts):
            by_terms.append(t.topic)
        out.append((t.topic, [CardText(c.front, ts) for c, ts in cards]))
    return out, by_terms


def all_gaps(planned) -> list[str]:
    return [w for _topic, pieces in planned for p in pieces for t, _ in p.texts for _, _, w in gaps(t)]


def blocks_for(
    planned, hidden: set[int], width: float, z: Sizes, fonts
) -> tuple[list[Block], list[tuple[int, str]]]:
    """The sheet's blocks (topic headings, card titles with their texts) and its numbered answers.
    `hidden`: the indexes (in reading order) of the gaps blanked in this version."""
    blocks: list[Block] = []
    answers: list[tuple[int, str]] = []
    space1 = width1(" ", fonts.face())
    k = 0  # gap index in reading order
    for topic, pieces in planned:
        if len(planned) > 1:
            head = lay(topic, width, z.text * 1.25, fonts, bold=True)
            blocks.append(
                Block(
                    head.height + 1 * mm, lambda c, x, top, w, key, head=head: head.draw(c, x, top, w, fonts)
                )
            )
        for p in pieces:
            title = lay(p.title, width, z.text * 1.05, fonts, bold=True)
            paras_s, paras_k = [], []
            for text, bullet in p.texts:
                numbers = {}
                for j, (_a, _b, words) in enumerate(gaps(text)):
                    if k in hidden:
                        numbers[j] = len(answers) + 1
                        answers.append((len(answers) + 1, words))
                    k += 1
                s, kk, _ = paragraph(text, numbers, fonts, z.text)
                style = (
                    {"indent": 1.1, "bullet": "•", "space_before": 0.25} if bullet else {"space_before": 0.4}
                )
                paras_s.append(Para(s, **style))
                paras_k.append(Para(kk, **style))
            lines_s = wrap(tuple(paras_s), width, z.text, space1) if paras_s else []
            lines_k = wrap(tuple(paras_k), width, z.text, space1) if paras_k else []
            assert len(lines_s) == len(lines_k)  # gap words measure the same on both copies
            ps, pk = tuple(paras_s), tuple(paras_k)
            for n, (a, b) in enumerate(_chunks(lines_s, CHUNK - title.height)):
                last = b == len(lines_s)
                head_ = title if n == 0 else None
                h = (head_.height if head_ else 0.0) + height(lines_s[a:b]) + (1 * mm if last else 0.0)

                def draw(
                    c, x, top, w, key, head_=head_, a=a, b=b, ps=ps, pk=pk, ls=lines_s, lk=lines_k
                ) -> None:
                    from studypack.text.draw import draw as draw_text

                    y = head_.draw(c, x, top, w, fonts) if head_ else top
                    draw_text(c, pk if key else ps, (lk if key else ls)[a:b], x, y, w, z.text, space1)

                blocks.append(Block(h, draw, 3 * mm if last else 0.0))
    return blocks, answers


CHUNK = 70 * mm  # a card's text goes to the next page in pieces of at most this, between paragraphs


def _chunks(lines: list, room: float) -> list[tuple[int, int]]:
    """(start, end) line ranges of at most `room` points (the first) and CHUNK (the rest), cut
    before a paragraph where one starts late enough, else between lines."""
    out, a, used, limit = [], 0, 0.0, max(room, 20 * mm)
    last_para = 0
    for i, ln in enumerate(lines):
        h = ln.height + ln.space_before
        if ln.first:
            last_para = i
        if i > a and used + h > limit:
            cut = last_para if last_para > a and used > limit / 2 else i
            out.append((a, cut))
            a = cut
            used = sum(x.height + x.space_before for x in lines[a:i])
            limit = CHUNK
        used += h
    out.append((a, len(lines)))
    return out


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, ClozeOptions)
    fonts = ctx.fonts
    planned, by_terms = plan(pack, opts)
    words = all_gaps(planned)
    advice = PrintAdvice("single", "per-student")
    if not words:
        return SectionPages(
            (),
            advice,
            "no gaps",
            ("no cloze: the topics mark no [[gaps]] and have no key terms in their text",),
        )
    z = text_size(opts.font_size, ctx)
    pw, ph = (v * mm for v in pack.paper.value)
    width = pw - 2 * 10 * mm
    title = opts.title or f"Fill the gaps: {pack.title}"
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    n = how_many(opts.hide, len(words))
    order = shuffled(list(range(len(words))), opts.seed, "cloze-gaps")
    others = all_gaps(plan(pack, ClozeOptions())[0]) if opts.distractors else []
    laid = []
    for v in range(opts.versions):
        start = (v * n) % len(words)
        hidden = set((order + order)[start : start + n])
        blocks, answers = blocks_for(planned, hidden, width, z, fonts)
        bank: tuple = ()
        if opts.word_bank:
            used = {plain(a).lower() for _, a in answers}
            extra = [w for w in dict.fromkeys(plain(x) for x in others) if w.lower() not in used]
            extra = shuffled(extra, opts.seed, f"cloze-distractors-{v}")[: opts.distractors]
            bank = (("Word bank", tuple(word_bank([plain(a) for _, a in answers] + extra, opts.seed, v))),)
        laid.append((blocks, answers, bank))
    instruction = "Write the missing words in the numbered gaps." + (
        " The words are in the word bank." if opts.word_bank else ""
    )

    def pages_for(v: int, pupil: str, key: bool):
        blocks, answers, bank = laid[v]
        sheet = Sheet(title, letters[v], instruction, len(answers), z, bank,
                      key_note="The missing words are in bold italic in the gaps.")  # fmt: skip
        return pages(with_pupil(sheet, pupil), blocks, (pw, ph), fonts, key)

    handed = hand_out(opts.versions, letters, pages_for, opts.answer_key, ctx.students)
    notices = [f"'{t}' marks no [[gaps]]: its key terms are blanked where they occur" for t in by_terms]
    if opts.distractors and opts.word_bank:
        got = len(laid[0][2][0][1]) - len(laid[0][1]) if laid[0][2] else 0
        if got < opts.distractors:
            notices.append(f"distractors: {opts.distractors} asked, {got} found among the pack's other gaps")
    return worksheet_section(handed, f"{plural(len(laid[0][1]), 'gap')}, {plural(opts.versions, 'version')}", notices,
                   "Cloze answer keys")  # fmt: skip
