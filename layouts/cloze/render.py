"""A cloze (fill the gaps) worksheet: the chosen topics' cards as running text, titles as headings,
with the words in `[[...]]` blanked as numbered gaps, and its key with the words filled in.

A gap is a numbered line long enough for handwriting (3 mm a character): by default every gap as
long as the longest answer needs, so its length tells nothing (`gap_length: word` sizes each for
its own); in the key the same gap holds the words, so the key's lines break where the sheet's do.
A line with a gap is at least 8 mm below the line above, room to write. A topic that marks no
`[[gaps]]` has its key terms blanked wherever they occur in its text (the build says so).
Question/answer cards are left out (they are the quiz's), and a gap whose answer its card's title
or its topic's heading gives away prints as text. `hide` blanks only some gaps (versions blank
different ones); an optional word bank lists each hidden word once, shuffled, with `distractors`
from the group's other gaps.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace

from studypack.layouts.cloze.options import ClozeOptions
from studypack.layouts.timeline.blanks import how_many
from studypack.layouts.worksheet.flow import (
    Block,
    hand_out,
    lay,
    pages,
    shuffled,
    text_size,
    unnamed,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import HAND, Sheet, Sizes, version_letter, word_bank
from studypack.layouts.worksheet.grouped import by_group, group_title, same_group
from studypack.layouts.worksheet.kinds import Group

from studypack.layout_api import options as o
from studypack.layout_api.pages import PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import mm
from studypack.model import Card, Pack, Section, Topic
from studypack.text.fit import NORMAL, Para, Piece, Word, height, make_word, width1, words_of, wrap
from studypack.text.markup import gaps, parse, plain
from studypack.wording import plural

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
    """A gap in a cloze text: its number on the sheet (0: printed as text) and its answer."""

    number: int  # 0: shown (not blanked in this version)
    answer: str


# ---- one paragraph with its gaps, for the sheet and the key -----------------------------------------


def gap_words(
    n: int, answer: str, tail: str, fonts, size: float, length: int = 0, hint: str = "",
    room: float = 0.0,
) -> tuple[list[Word], list[Word]]:  # fmt: skip
    """The sheet's words for gap n (its number, then one unbroken line 3 mm a character of
    `length`, or of the answer when 0; a supported copy's `hint`, its first letter, leads the line)
    and the key's (its number, then the words), each pair measured as the wider of the two, so
    both copies break their lines at the same places. A gap is one word, never broken at a line's
    end (pieces with spaces between read as several words wanted): its line is at most `room`
    (the text's width) long. Only an answer too wide for a whole line in the key splits into
    pieces, with the sheet's line split alike."""
    bold, reg, key_face = fonts.face(bold=True), fonts.face(), fonts.face(bold=True, italic=True)
    under = width1("_", reg)
    lead_w = width1(f"({n})", bold) + width1(tail, reg) + (width1(hint, bold) if hint else 0.0)
    room1 = (room / size - lead_w) if room else math.inf  # at 1 pt
    want = min(max((length or len(plain(answer))) * HAND, MIN_GAP) / size, room1)
    answer_words = plain(answer).split() or [answer]
    chunks = 1
    if width1(" ".join(answer_words), key_face) > room1:  # the key's words need more than a line
        chunks = min(len(answer_words), math.ceil(width1(" ".join(answer_words), key_face) / room1))
    per = math.ceil(len(answer_words) / chunks)
    key_parts = [" ".join(answer_words[i * per : (i + 1) * per]) for i in range(chunks)]
    key_parts = [k for k in key_parts if k]
    chunks = len(key_parts)
    if "$" in answer and any(r.math for r in parse(answer)):
        key_parts, chunks = [answer], 1  # a formula is one unit: the key shows it set, on one line
    sheet_w, key_w = [], []
    for k, part in enumerate(key_parts):
        lead = [Piece(f"({n})", bold, NORMAL, width1(f"({n})", bold))] if k == 0 else []
        end = [Piece(tail, reg, NORMAL, width1(tail, reg))] if tail and k == chunks - 1 else []
        count = math.ceil(want / chunks / under)  # never shorter than 3 mm a character...
        if count * under > room1:  # ...unless the line is full
            count = int(room1 / under)
        line = "_" * max(3, count)
        tip = [Piece(hint, bold, NORMAL, width1(hint, bold))] if hint and k == 0 else []
        s = make_word((*lead, *tip, Piece(line, reg, NORMAL, width1(line, reg)), *end))
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
    text: str, numbers: dict[int, int], fonts, size: float, length: int = 0, hints: bool = False,
    marks: list[int] | None = None, room: float = 0.0,
) -> tuple[tuple[Word, ...], tuple[Word, ...], list[Gap]]:  # fmt: skip
    """A text's words for the sheet and for the key. `numbers` maps each gap's place in the text to
    its number (0: shown as plain words this version); `length`: characters every gap is sized
    for (0: each its answer's); `hints`: first letters in the gaps (a supported copy). The index
    of each word that is a gap is added to `marks`; `room`: the text's width, the longest a gap
    may be."""
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
            hint = first_letter(words) if hints else ""
            s, kk = gap_words(n, words, tail, fonts, size, length, hint, room)
            if marks is not None:
                marks += range(len(sheet), len(sheet) + len(s))
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
    """A card's title and its text pieces, each marked whether it is a point."""

    title: str
    texts: list[tuple[str, bool]]


def first_letter(answer: str) -> str:
    """A supported copy's hint in a gap: the answer's first letter (its case as written)."""
    p = plain(answer).strip()
    return p[:1] if p[:1].isalpha() else ""


def _shared(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def gives_away(heading: str, answer: str) -> bool:
    """Whether a heading shows a gap's answer: every word of the answer shares with a word of the
    heading its start, 70% of it or more, any case ('Diffusion' gives away 'diffusion', 'Plasmid'
    'plasmids'; 'Cell structure' does not give away 'cellulose')."""
    words = _words(heading)
    wanted = _words(answer)
    return bool(wanted) and all(
        any(_shared(w, a) >= max(min(4, len(a)), 0.7 * len(a)) for w in words) for a in wanted
    )


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """A heading's or answer's words, case folded (each is compared with many: a pack's every gap
    against every heading near it)."""
    return tuple(_WORD.findall(plain(text).casefold()))


_WORD = re.compile(r"\w+")


def _open_given_away(text: str, headings: tuple[str, ...]) -> str:
    """The text with each gap that a heading gives away turned back into plain words."""
    out, pos = [], 0
    for a, b, words in gaps(text):
        if any(gives_away(h, words) for h in headings):
            out += [text[pos:a], words]
            pos = b
    return "".join(out) + text[pos:] if out else text


def plan(pack: Pack, opts: ClozeOptions) -> tuple[list[tuple[str, list[CardText]]], list[str]]:
    """Per topic its cards' titles and texts (with gaps marked), and the topics whose key terms
    stand in for missing `[[gaps]]`. Question/answer cards are the quiz's: printing them here
    would give its answers away. A gap that any heading of the sheet (a card's title, a topic's
    name) gives away is text."""
    out, by_terms = [], []
    topics = pack.topics_named(opts.topics)
    # every heading the sheet prints: a pupil sees them all, not only the one over a gap (the
    # 'Diffusion' card's title sits just above the 'Osmosis' card's gap for 'diffusion')
    heads = tuple(
        dict.fromkeys(
            [t.topic for t in topics]
            + [c.front for t in topics for c in t.cards if not c.question and not c.untitled]
        )
    )
    for t in topics:
        cards = [(c, ts) for c, ts in with_key_terms(t) if not c.question and ts]
        own = any(gaps(x) for c in t.cards if not c.question for x, _ in card_texts(c))
        if not own and any(gaps(x) for _, ts in cards for x, _ in ts):
            by_terms.append(t.topic)
        pieces = [
            CardText(c.front, [(_open_given_away(x, (c.front, t.topic, *heads)), b) for x, b in ts])
            for c, ts in cards
        ]
        if pieces:  # a topic of question cards alone would leave a heading with nothing under it
            out.append((t.topic, pieces))
    return out, by_terms


def all_gaps(planned) -> list[str]:
    return [w for _topic, pieces in planned for p in pieces for t, _ in p.texts for _, _, w in gaps(t)]


MIN_PITCH = 8 * mm  # a line with a gap this far below the one above: room for handwriting


def _room_to_write(lines: list, marked: list[set[int]]) -> list:
    """Lines holding a gap made tall enough that the line above is MIN_PITCH away."""
    out = []
    for ln in lines:
        segs = ln.segs
        words = {sg.w for sg in segs} if segs else range(ln.a, ln.b)
        # the room goes above the line (its baseline sits a fixed ascent below the line's top)
        if any(w in marked[ln.para] for w in words) and ln.height + ln.space_before < MIN_PITCH:
            ln = ln._replace(space_before=MIN_PITCH - ln.height)
        out.append(ln)
    return out


def blocks_for(
    planned, hidden: set[int], width: float, z: Sizes, fonts, length: int = 0, hints: bool = False
) -> tuple[list[Block], list[tuple[int, str, bool]]]:
    """The sheet's blocks (topic headings, card titles with their texts) and its numbered answers
    (number, answer, whether it starts a sentence).
    `hidden`: the indexes (in reading order) of the gaps blanked in this version; `length` and
    `hints` as `paragraph` takes them. A topic's heading goes with its first card's first lines,
    so it never ends a page alone."""
    blocks: list[Block] = []
    answers: list[tuple[int, str, bool]] = []  # (number, answer, at a sentence's start)
    space1 = width1(" ", fonts.face())
    k = 0  # gap index in reading order
    for topic, pieces in planned:
        topic_head = lay(topic, width, z.text * 1.25, fonts, bold=True) if len(planned) > 1 else None
        for pi, p in enumerate(pieces):
            title = lay(p.title, width, z.text * 1.05, fonts, bold=True)
            heads = [h for h in ((topic_head if pi == 0 else None), title) if h is not None]
            head_h = sum(h.height for h in heads) + (1 * mm if len(heads) > 1 else 0.0)
            paras_s, paras_k, marked = [], [], []
            for text, bullet in p.texts:
                numbers = {}
                for j, (a, _b, words) in enumerate(gaps(text)):
                    if k in hidden:
                        numbers[j] = len(answers) + 1
                        answers.append((len(answers) + 1, words, starts_sentence(text[:a])))
                    k += 1
                marks: list[int] = []
                # a bullet's text is indented: its gaps fit the narrower line
                room = width - (1.1 * z.text if bullet else 0.0) - 1.0
                s, kk, _ = paragraph(text, numbers, fonts, z.text, length, hints, marks, room)
                style = (
                    {"indent": 1.1, "bullet": "•", "space_before": 0.25} if bullet else {"space_before": 0.4}
                )
                paras_s.append(Para(s, **style))
                paras_k.append(Para(kk, **style))
                marked.append(set(marks))
            lines_s = _room_to_write(wrap(tuple(paras_s), width, z.text, space1), marked) if paras_s else []
            lines_k = _room_to_write(wrap(tuple(paras_k), width, z.text, space1), marked) if paras_k else []
            assert len(lines_s) == len(lines_k)  # gap words measure the same on both copies
            ps, pk = tuple(paras_s), tuple(paras_k)
            for n, (a, b) in enumerate(_chunks(lines_s, CHUNK - head_h)):
                last = b == len(lines_s)
                heads_ = heads if n == 0 else []
                h = (head_h if heads_ else 0.0) + height(lines_s[a:b]) + (1 * mm if last else 0.0)

                def draw(
                    c, x, top, w, key, heads_=heads_, a=a, b=b, ps=ps, pk=pk, ls=lines_s, lk=lines_k
                ) -> None:
                    from studypack.text.draw import draw as draw_text

                    y = top
                    for i, hd in enumerate(heads_):
                        y = hd.draw(c, x, y, w, fonts) - (1 * mm if i == 0 and len(heads_) > 1 else 0.0)
                    draw_text(c, pk if key else ps, (lk if key else ls)[a:b], x, y, w, z.text, space1)

                blocks.append(Block(h, draw, 3 * mm if last else 0.0))
    return blocks, answers


def starts_sentence(before: str) -> bool:
    """Whether a gap after this text starts a sentence (or its bullet point): its answer is
    capitalised there whatever the word is."""
    head = plain(before).rstrip(" \t*_\"'\u201c\u2018(")
    return not head or head[-1] in ".!?:\u2022"


def _lower_first(word: str) -> str:
    first = word.split()[0] if word.split() else word
    if first[1:] != first[1:].lower():  # 'DNA', 'pH': the case is the word's own
        return word
    return word[:1].lower() + word[1:]


def bank_forms(found: list[tuple[str, bool]]) -> list[str]:
    """Each distinct answer once (any case), as the bank prints it: in lower case unless it is
    capitalised everywhere it is a gap in the middle of a sentence (a name): a capital that only
    a sentence's start gives it would tell where the word goes. `found`: (answer, at a sentence's
    start) for each gap."""
    forms: dict[str, list[tuple[str, bool]]] = {}
    for a, start in found:
        forms.setdefault(" ".join(a.split()).casefold(), []).append((" ".join(a.split()), start))
    out = []
    for seen in forms.values():
        mid = [w for w, start in seen if not start]
        if mid and all(w[:1].isupper() for w in mid):
            out.append(min(mid, key=lambda w: sum(ch.isupper() for ch in w)))
        else:
            out.append(_lower_first(min((w for w, _ in seen), key=lambda w: sum(ch.isupper() for ch in w))))
    return out


def bank_words(answers: list[str]) -> list[str]:
    """Each distinct answer once, whatever its case ('Diffusion' at a sentence's start and
    'diffusion' are one word): the spelling with the fewest capitals is shown."""
    best: dict[str, str] = {}
    for a in answers:
        key = " ".join(a.split()).casefold()
        have = best.get(key)
        if have is None or sum(ch.isupper() for ch in a) < sum(ch.isupper() for ch in have):
            best[key] = " ".join(a.split())
    return list(best.values())


LIST_GAP = 5 * mm  # between the columns of the key's answer list


def answer_list(answers: list[tuple[int, str, bool]], width: float, z: Sizes, fonts) -> list[Block]:
    """The key's first block: every gap's number and answer in rows across the page ('1 nucleus
    2 cellulose ...'), so a teacher marks by number without reading the text; columns as wide as
    the longest pair, one column (wrapping) when a pair is wider than the page."""
    if not answers:
        return []
    bold, reg = fonts.face(bold=True), fonts.face()
    items = [(f"{n}", " ".join(plain(a).split())) for n, a, _ in answers]
    num_w = max(width1(n, bold) for n, _ in items) * z.text + 1.5 * mm
    col_w = num_w + max(width1(a, reg) for _, a in items) * z.text + LIST_GAP
    cols = max(1, int((width + LIST_GAP) // col_w))
    row_h = z.text * 1.45
    # the heading wraps (large print): it also says how to mark a sentence's first word
    head = lay("**Answers** (a word that starts a sentence is right in lower case too)", width, z.text, fonts)
    head_h = head.height + z.text * 0.4
    if cols == 1:  # a long answer: each on its own lines, wrapped
        laid = [lay(a, width - num_w, z.text, fonts) for _, a in items]
        heights = [max(x.height, row_h) for x in laid]
    else:
        heights = [row_h] * math.ceil(len(items) / cols)

    def draw(c, x, top, w, key) -> None:
        head.draw(c, x, top, w, fonts)
        y = top - head_h
        for r, h in enumerate(heights):
            for k in range(cols):
                i = r * cols + k
                if i >= len(items):
                    break
                n, a = items[i]
                cx = x + k * (w + LIST_GAP) / cols
                c.setFont(bold, z.text)
                c.drawString(cx, y - z.text, n)
                if cols == 1:
                    laid[i].draw(c, cx + num_w, y, w - num_w, fonts)
                else:
                    c.setFont(reg, z.text)
                    c.drawString(cx + num_w, y - z.text, a)
            y -= h

    return [Block(head_h + sum(heights), draw, 5 * mm)]


def spare_words(group: Pack) -> list[tuple[str, bool]]:
    """Words a bank may add as spares, as `bank_forms` takes them: every gap of the group's cards
    (with whether it starts a sentence), then the group's key terms that no heading shows (a
    heading's word is plainly no gap's answer), each taken where its text has it in the middle of
    a sentence, else as a name if all its words are capitalised and several, else in lower case."""
    planned = plan(group, ClozeOptions())[0]
    texts = [t for _topic, pieces in planned for p in pieces for t, _ in p.texts]
    out = [(plain(w), starts_sentence(t[:a])) for t in texts for a, _b, w in gaps(t)]
    heads = [topic for topic, _ in planned] + [p.title for _topic, pieces in planned for p in pieces]
    flat = [plain(t) for t in texts]
    for t in group.topics:
        for k in t.key_terms:
            term = " ".join(plain(k.term).split())
            if not term or any(gives_away(h, term) for h in heads):
                continue
            rx = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.I)
            mid = [m.group(0) for x in flat for m in rx.finditer(x) if not starts_sentence(x[: m.start()])]
            if mid:
                out += [(w, False) for w in mid]
            elif len(term.split()) > 1 and all(w[:1].isupper() for w in term.split()):
                out.append((term, False))
            else:
                out.append((_lower_first(term), False))
    return out


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
    one = replace(opts, topics=())
    return by_group(
        pack,
        opts.topics,
        opts.group,
        lambda sub, label: render_group(sub, label, one, ctx, pack, opts.group, section.given),
    )


def render_group(
    pack: Pack, label: str, opts: ClozeOptions, ctx: RenderContext, whole: Pack | None = None,
    group: Group = "subject", given: frozenset[str] = frozenset(),
) -> SectionPages:  # fmt: skip
    """One worksheet (its versions and keys) of a group's topics: `pack` holds that group alone;
    `whole` is the pack its distractors may come from (the topics of the same group, chosen by
    `topics:` or not); `given`: the options the manifest sets (a teacher's own `distractors:` the
    group cannot fill is reported)."""
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
    title = group_title(opts.title, f"Fill the gaps: {pack.title}", label)
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    n = how_many(opts.hide, len(words))
    order = shuffled(list(range(len(words))), opts.seed, "cloze-gaps")
    # spare words for the bank: the group's other gaps, then its key terms (lower case when its
    # text has them so); `distractors:` the teacher set is kept to, else 2 when the group has them
    distractors = opts.distractors
    others = spare_words(same_group(whole or pack, pack, group)) if distractors else []
    length = max(len(plain(w)) for w in words) if opts.gap_length == "equal" else 0
    laid = []
    for v in range(opts.versions):
        start = (v * n) % len(words)
        hidden = set((order + order)[start : start + n])
        blocks, answers = blocks_for(planned, hidden, width, z, fonts, length)
        helped = (
            blocks_for(planned, hidden, width, z, fonts, length, hints=opts.word_bank)[0]
            if opts.support.on
            else []
        )
        bank: tuple = ()
        repeats, spare = False, 0
        if opts.word_bank or opts.support.on:
            unique = bank_forms([(plain(a), st) for _, a, st in answers])
            repeats = len(unique) < len(answers)
            used = {w.casefold() for w in unique}
            # never a spare that is a bank word's other form ('plasmid' by 'plasmids')
            extra = [w for w in bank_forms(others) if w.casefold() not in used
                     and not any(gives_away(u, w) or gives_away(w, u) for u in unique)]  # fmt: skip
            extra = shuffled(extra, opts.seed, f"cloze-distractors-{v}")[:distractors]
            spare = len(extra)
            bank = (("Word bank", tuple(word_bank(unique + extra, opts.seed, v))),)
        laid.append((blocks, answers, bank, helped, repeats, spare))
    base = "Write the missing words in the numbered gaps."

    def instruction_of(v: int, banked: bool) -> str:
        """The sheet's instruction: where the words are, and, under a bank, that it has spare words
        (so the last gap is not filled by elimination) or words used more than once."""
        if not banked:
            return base
        _b, _a, _bank, _h, repeats, spare = laid[v]
        return " ".join(
            [base, "The words are in the word bank."]
            + (["There are more words than gaps."] if spare else [])
            + (["Some words are used more than once."] if repeats else [])
        )

    def sheet_of(v: int, pupil: str, supported: bool) -> Sheet:
        _b, answers, bank, _h, _r, _s = laid[v]
        note = instruction_of(v, opts.word_bank or supported)
        sheet = Sheet(title, letters[v], note, len(answers), z,
                      bank if (opts.word_bank or supported) else (),
                      key_note="The answers by number, then in the gaps.",
                      supported=supported)  # fmt: skip
        return with_pupil(sheet, pupil, pack.klass)

    lists = [answer_list(laid[v][1], width, z, fonts) for v in range(opts.versions)]

    def pages_for(v: int, pupil: str, key: bool):
        return pages(sheet_of(v, pupil, False), (lists[v] if key else []) + laid[v][0], (pw, ph), fonts, key)

    def supported_for(v: int, pupil: str, key: bool):
        return pages(sheet_of(v, pupil, True), (lists[v] if key else []) + laid[v][3], (pw, ph), fonts, key)

    handed = hand_out(
        opts.versions, letters, pages_for, opts.answer_key, ctx.students, supported_for, opts.support
    )
    notices = [f"'{t}' marks no [[gaps]]: its key terms are blanked where they occur" for t in by_terms]
    notices += (
        [f"support: '{p}' is not in the class list" for p in unnamed(ctx.students, opts.support)]
        if ctx.students
        else []
    )
    if distractors and opts.word_bank and "distractors" in given:
        got = laid[0][5]
        if got < distractors:
            notices.append(
                f"distractors: {distractors} asked, {got} found among the group's other gaps and key terms"
            )
    return worksheet_section(handed, f"{plural(len(laid[0][1]), 'gap')}, {plural(opts.versions, 'version')}", notices,
                   "Cloze answer keys")  # fmt: skip
