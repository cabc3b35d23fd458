"""A matching worksheet: the key terms of the chosen topics in a numbered column, their definitions
shuffled in a lettered column, and a box beside each term for the letter of its definition.

A definition that names its own term has it blanked (it would give the pair away). Each version
chooses (with `count`) and orders the pairs by the seed; `spare` definitions (2 by default) match
no term, so the last pair is not found by elimination. The key is the same sheet with the right
letter in each box. Rows flow over pages; 15 pairs of ordinary length fit one side at 10 pt.
"""

from __future__ import annotations

import re
from dataclasses import replace

from studypack.layouts.matching.options import MatchingOptions
from studypack.layouts.worksheet.flow import (
    Block,
    Laid,
    hand_out,
    lay,
    pages,
    shuffled,
    text_size,
    unnamed,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import (
    KEY_GREY,
    PAD,
    Sheet,
    Sizes,
    letter,
    version_letter,
)
from studypack.layouts.worksheet.grouped import by_group, group_title
from studypack.layouts.worksheet.support import first_letters

from studypack.layout_api import options as o
from studypack.layout_api.pages import PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import mm
from studypack.model import KeyTerm, Pack, Section
from studypack.text.markup import plain
from studypack.wording import plural

BOX = 9 * mm  # the answer box: room for a letter in a pupil's hand
RULE_WIDTH = 0.6  # the rule between rows: a photocopier drops hairlines and light greys
RULE_GREY = 0.3
HIDDEN = "_____"


def hide_term(definition: str, term: str) -> str:
    """The definition with its own term (and its plural) blanked, whole words only, any case."""
    t = plain(term).strip()
    if len(t) < 2:
        return definition
    rx = re.compile(rf"(?<!\w){re.escape(t)}(?:e?s)?(?!\w)", re.I)
    return rx.sub(HIDDEN, definition)


def terms_of(pack: Pack, opts: MatchingOptions) -> list[KeyTerm]:
    """The chosen topics' key terms, each term once (the first definition kept)."""
    seen, out = set(), []
    for t in pack.topics_named(opts.topics):
        for k in t.key_terms:
            name = plain(k.term).strip().lower()
            if name not in seen:
                seen.add(name)
                out.append(k)
    return out


MIN_PAIRS = 4  # terms are held back as spares only while this many pairs remain


def choose(
    terms: list[KeyTerm], opts: MatchingOptions, version: int
) -> tuple[list[KeyTerm], list[int], list[tuple[KeyTerm, int]]]:
    """This version's pairs in the order of the numbered column, for each its definition's place
    in the lettered column (never all in the same order as the terms), and the spare definitions
    with their places: `spare` of them, from the terms `count` leaves out, else held back from the
    pairs while MIN_PAIRS remain (so the last pair is never found by elimination)."""
    picked = shuffled(terms, opts.seed, f"matching-pick-{version}")
    rest: list[KeyTerm] = []
    if opts.count:
        picked, rest = picked[: opts.count], picked[opts.count :]
    want = opts.spare
    held = max(0, min(want - len(rest), len(picked) - MIN_PAIRS))
    if held:
        picked, rest = picked[: len(picked) - held], picked[len(picked) - held :] + rest
    spares = rest[:want]
    order = shuffled(picked, opts.seed, f"matching-terms-{version}")
    n, total = len(order), len(order) + len(spares)
    slots = shuffled(list(range(total)), opts.seed, f"matching-defs-{version}")
    # no definition level with its own term: a pair side by side would give itself away
    for _ in range(total):
        fixed = [i for i in range(n) if slots[i] == i]
        if not fixed or total < 2:
            break
        for i in fixed:
            j = (i + 1) % total
            slots[i], slots[j] = slots[j], slots[i]
    return order, slots[:n], list(zip(spares, slots[n:], strict=True))


def row_blocks(
    order: list[KeyTerm], places: list[int], width: float, z: Sizes, fonts, hints: bool = False,
    spares: list[tuple[KeyTerm, int]] | None = None,
) -> list[Block]:  # fmt: skip
    """One block per row: term i with its box, and the definition lettered for row i; the rows
    after the last term hold the rest of the definitions (the spares). With `hints` (a supported
    copy) each definition of a term ends with its first letters: '(d________)'."""
    n = len(order)
    spares = spares or []
    defs = [""] * (n + len(spares))  # the lettered column, in letter order
    for i, k in enumerate(order):
        defs[places[i]] = hide_term(k.definition, k.term)
        if hints:
            defs[places[i]] += f"  *({first_letters(plain(k.term))})*"
    for k, at in spares:
        defs[at] = hide_term(k.definition, k.term)
    num_w, box = z.grow(8 * mm), z.grow(BOX)  # large print: wider numbers, a larger box
    term_w = width * 0.32 - num_w - (z.gutter if z.floor else 0.0)
    def_x = width * 0.32 + box + z.grow(8 * mm)
    def_w = width - def_x - 7 * mm
    blocks = []
    for i in range(n):
        term = lay(order[i].term, term_w, z.text, fonts, bold=True)
        definition = lay(defs[i], def_w, z.text, fonts)
        blocks.append(_row(i, places[i], term, definition, (num_w, term_w, def_x, def_w), z, fonts))
    for i in range(n, len(defs)):  # a spare definition's row: no term, number or box
        definition = lay(defs[i], def_w, z.text, fonts)
        blocks.append(_row(i, -1, None, definition, (num_w, term_w, def_x, def_w), z, fonts, False, True))
    return blocks


def _row(
    i: int, place: int, term: Laid | None, definition: Laid | None, cols: tuple[float, float, float, float],
    z: Sizes, fonts, first: bool = True, spare: bool = False,
) -> Block:  # fmt: skip
    """Row i: its number, term and answer box, and the definition lettered i. A row taller than a
    page splits between lines; its continuation shows the rest of the term and definition under
    the same letter, and 'N. (continued)' once the term is done."""
    num_w, term_w, def_x, def_w = cols
    box = z.grow(BOX)
    h = max(term.height if term else 0.0, definition.height if definition else 0.0, box if first else 0.0)
    h += 2 * PAD
    answer = letter(place)

    def draw(c, x, top, w, key) -> None:
        size = z.text
        bx = x + w * 0.32
        if first:
            c.setFont(fonts.face(bold=True), size)
            c.drawRightString(x + num_w - 2 * mm, top - PAD - size * 0.95, f"{i + 1}.")
        elif term is None and not spare:  # the term is done: say that the row goes on
            c.setFont(fonts.face(italic=True), size)
            c.drawString(x + num_w, top - PAD - size * 0.95, f"{i + 1}. (continued)")
        if term is not None:
            term.draw(c, x + num_w, top - PAD, term_w, fonts)
        if first:
            c.setLineWidth(0.8)
            c.rect(bx, top - PAD - box, box, box)
            if key:
                c.setFillGray(KEY_GREY)
                c.setFont(fonts.face(bold=True), size * 1.4)
                c.drawCentredString(bx + box / 2, top - PAD - box / 2 - size * 0.5, answer)
                c.setFillGray(0)
        if first or not spare or definition is not None:
            c.setFont(fonts.face(bold=True), size)
            c.drawString(x + def_x - z.grow(5 * mm), top - PAD - size * 0.95, f"{letter(i)}")
        if definition is not None:
            definition.draw(c, x + def_x, top - PAD, def_w, fonts)
        c.setLineWidth(RULE_WIDTH)  # dark and solid enough to survive a black-and-white copy
        c.setStrokeGray(RULE_GREY)
        c.line(x, top - h, x + w, top - h)
        c.setStrokeGray(0)

    def split(room: float) -> tuple[Block, Block] | None:
        avail = room - 2 * PAD
        if avail < (z.grow(BOX) if first else z.text * 1.5):
            return None  # too little room for even the box: the row starts on the next page
        parts = [
            (x.split(avail) if x is not None and x.height > avail else (x, None)) for x in (term, definition)
        ]
        if any(p is None for p in parts):
            return None
        (t1, t2), (d1, d2) = parts
        if t2 is None and d2 is None:
            return None
        return (
            _row(i, place, t1, d1, cols, z, fonts, first, spare),
            _row(i, place, t2, d2, cols, z, fonts, False, spare),
        )

    return Block(h, draw, split=split)


def spare_words(n: int) -> str:
    """What the instruction says of the spare definitions."""
    word = {1: "One definition is", 2: "Two definitions are", 3: "Three definitions are"}
    return f"{word.get(n, f'{n} definitions are')} spare."


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, MatchingOptions)
    one = replace(opts, topics=())
    return by_group(pack, opts.topics, opts.group, lambda sub, label: render_group(sub, label, one, ctx))


def render_group(pack: Pack, label: str, opts: MatchingOptions, ctx: RenderContext) -> SectionPages:
    """One worksheet (its versions and keys) of a group's topics: `pack` holds that group alone."""
    fonts = ctx.fonts
    terms = terms_of(pack, opts)
    advice = PrintAdvice("single", "per-student")
    if len(terms) < 2:
        why = "no key terms" if not terms else "only one key term"
        return SectionPages(
            (), advice, f"{why} in the chosen topics", (f"no matching worksheet: {why} to match",)
        )
    z = text_size(opts.font_size, ctx)
    pw, ph = (v * mm for v in pack.paper.value)
    width = pw - 2 * 10 * mm
    title = group_title(opts.title, f"Match the key terms: {pack.title}", label)
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    laid = []
    spare_n = 0
    for v in range(opts.versions):
        order, places, spares = choose(terms, opts, v)
        spare_n = len(spares)
        helped = row_blocks(order, places, width, z, fonts, True, spares) if opts.support.on else []
        laid.append((order, row_blocks(order, places, width, z, fonts, False, spares), helped))
    n = len(laid[0][0])
    # say what a blank means only where a definition has one: an instruction describes its sheet
    blanked = any(HIDDEN in hide_term(k.definition, k.term) for k in terms)
    instruction = (
        "Write the letter of each term's definition in the box beside it."
        + (f" {spare_words(spare_n)}" if spare_n else "")
        + (f" A {HIDDEN} stands for the term itself." if blanked else "")
    )
    helped_note = instruction + " The brackets give each term's first letters."

    def sheet_of(v: int, pupil: str, supported: bool) -> Sheet:
        sheet = Sheet(title, letters[v], helped_note if supported else instruction, n, z,
                      key_note="The right letter is in each box.", supported=supported)  # fmt: skip
        return with_pupil(sheet, pupil, pack.klass)

    def pages_for(v: int, pupil: str, key: bool):
        return pages(sheet_of(v, pupil, False), laid[v][1], (pw, ph), fonts, key)

    def supported_for(v: int, pupil: str, key: bool):
        return pages(sheet_of(v, pupil, True), laid[v][2], (pw, ph), fonts, key)

    handed = hand_out(
        opts.versions, letters, pages_for, opts.answer_key, ctx.students, supported_for, opts.support
    )
    notices = [f"support: '{p}' is not in the class list" for p in unnamed(ctx.students, opts.support)]
    if opts.count and opts.count > len(terms):
        notices.append(
            f"count: {opts.count} asked, but the topics have {plural(len(terms), 'key term')}: all used"
        )
    return worksheet_section(handed, f"{plural(n, 'pair')}, {plural(opts.versions, 'version')}", notices,
                   "Matching answer keys")  # fmt: skip
