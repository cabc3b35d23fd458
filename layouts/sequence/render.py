"""A sequencing worksheet: the dated events of the chosen topics as cut-out strips without their
dates, shuffled, and a numbered grid to stick them on in order; the key lists them in order with
their dates.

The grid's slots are the strips' size, so a strip fits its slot. Strips are cut along dark guides
(as the cards' are, legible after a black-and-white copy) and stay inside the 5 mm safe area. A
year that an event's own text gives is hidden on its strip (it would give the order away). Events
still marked `review:` are left out unless `include_unreviewed: yes`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from studypack.layouts.sequence.options import SequenceOptions
from studypack.layouts.worksheet.flow import (
    SIDE,
    Block,
    Laid,
    hand_out,
    lay,
    pages,
    reviewed_events,
    shuffled,
    text_size,
    unnamed,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import KEY_GREY, Sheet, header_height, version_letter
from studypack.layouts.worksheet.grouped import by_group, group_title

from studypack.layout_api import options as o
from studypack.layout_api.pages import PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, GUIDE_GREY, GUIDE_WIDTH, SHEET_MIN_SIZE, mm
from studypack.model import Pack, Section, TimelineEvent
from studypack.text.markup import plain
from studypack.wording import plural

NUM_W = 10 * mm  # the slot's number
PAD = 2.5 * mm
MIN_STRIP = 12 * mm  # a strip a pupil can hold and glue


def without_date(e: TimelineEvent) -> str:
    """The event's text with the years of its own date hidden ("in 1956" -> "in ____")."""
    text = e.text
    years = set(re.findall(r"\d{3,4}", plain(e.date.text)))
    for y in sorted(years, key=len, reverse=True):
        text = re.sub(rf"(?<!\d){re.escape(y)}(?!\d)", "____", text)
    return text


class Stack:
    """Laid texts drawn one under the other (a key slot: the date, then a part of the event)."""

    def __init__(self, *parts: Laid) -> None:
        self.parts = parts
        self.height = sum(p.height for p in parts)

    def draw(self, c, x: float, top: float, width: float, fonts) -> None:
        for p in self.parts:
            p.draw(c, x, top, width, fonts)
            top -= p.height


def strips_of(
    chosen: list[TimelineEvent], width: float, size: float, smallest: float, room: float, fonts
) -> tuple[list[tuple[int, Laid | Stack]], list[Laid | Stack], float, list[str]]:
    """Each strip (its event's place in `chosen` and its text), each slot's key, the strips' one
    height (any strip fits any slot) and what to tell the teacher. An event too long for a strip as
    tall as a page is set smaller, down to `smallest`; if even that is too long it goes on over as
    many strips as it needs, each marked "part k of m", its parts kept together in the shuffle."""
    wanted = size
    while True:
        texts = [lay(without_date(e), width, size, fonts) for e in chosen]
        keys = [lay(f"**{e.date.text}**  {e.text}", width, size, fonts) for e in chosen]
        tallest = max(t.height for t in texts + keys) + 2 * PAD
        if tallest <= room or size <= smallest:
            break
        size = max(smallest, size - 0.5)
    said = [f"strips set at {size:g} pt (not {wanted:g}) so the longest event fits"] if size < wanted else []
    if tallest <= room:
        return list(enumerate(texts)), list(keys), max(MIN_STRIP, tallest), said
    strips: list[tuple[int, Laid | Stack]] = []
    slots: list[Laid | Stack] = []
    for i, (e, text) in enumerate(zip(chosen, texts, strict=True)):
        head = lay(f"**{e.date.text}**", width, size, fonts)
        parts = [text]
        while parts[-1].height > room - 2 * PAD - head.height:
            cut = parts[-1].split(room - 2 * PAD - head.height)
            if cut is None:
                break
            parts[-1:] = list(cut)
        m = len(parts)
        if m > 1:
            said.append(
                f"'{plain(e.text)[:40]}…' is too long for one strip: on {m} strips marked 'part k of {m}'"
            )
        for k, part in enumerate(parts, 1):
            label = lay(f"*(part {k} of {m})*", width, size, fonts) if m > 1 else None
            strips.append((i, Stack(label, part) if label else part))
            slots.append(Stack(lay(f"**{e.date.text}**" + (f" *(part {k} of {m})*" if m > 1 else ""),
                                   width, size, fonts), part))  # fmt: skip
    tallest = max(max(t.height for _, t in strips), max(s.height for s in slots)) + 2 * PAD
    return strips, slots, max(MIN_STRIP, tallest), said


SLACK = 2 * mm  # a box is this much larger than a strip each way: room for scissors' wander
CUT_PAD = 3 * mm  # a strip's text keeps this far from every cut


def strips_block(texts: list, order: list[int], h: float, strip_w: float, fonts, head: str, z) -> Block:
    """The strips to cut out, under a heading, one under another with dark dashed guides (cut
    along them: a guide is shared by two strips); each strip's text centred, CUT_PAD from every
    cut. Splits between strips when they do not all fit a page. Drawn on the pupil's copy only."""
    head_h = z.text * 2.2
    total = head_h + len(order) * h

    def draw(c, x, top, w, key) -> None:
        if key:
            return
        c.setFont(fonts.face(bold=True), z.text)
        c.drawString(x, top - z.text * 1.2, head)
        x0 = x + NUM_W + SLACK / 2
        x1 = x0 + strip_w
        y = top - head_h
        c.setStrokeGray(GUIDE_GREY)
        c.setLineWidth(GUIDE_WIDTH)
        c.setDash(4, 2)
        for k in range(len(order) + 1):
            c.line(x0, y - k * h, x1, y - k * h)
        c.line(x0, y, x0, y - len(order) * h)
        c.line(x1, y, x1, y - len(order) * h)
        c.setDash()
        c.setStrokeGray(0)
        for k, i in enumerate(order):
            t = texts[i]
            inner = strip_w - 2 * CUT_PAD
            t.draw(c, x0 + CUT_PAD, y - k * h - (h - t.height) / 2, inner, fonts)

    def split(room: float) -> tuple[Block, Block] | None:
        fit = int((room - head_h + 1e-6) // h)
        if fit < 1 or fit >= len(order):
            return None
        return (
            strips_block(texts, order[:fit], h, strip_w, fonts, head, z),
            strips_block(texts, order[fit:], h, strip_w, fonts, head + " (continued)", z),
        )

    return Block(total, draw, 0.0, split)


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, SequenceOptions)
    one = replace(opts, topics=())
    return by_group(pack, opts.topics, opts.group, lambda sub, label: render_group(sub, label, one, ctx))


def render_group(pack: Pack, label: str, opts: SequenceOptions, ctx: RenderContext) -> SectionPages:
    """One sequencing worksheet (its versions and keys) of a group's topics: `pack` holds that group."""
    fonts = ctx.fonts
    every, held = reviewed_events(pack, opts.topics, opts.include_unreviewed)
    advice = PrintAdvice("single", "per-student", "cut the strips apart along the dark lines")
    if len(every) < 2:
        return SectionPages(
            (), advice, "too few events", (*held, "no sequencing worksheet: fewer than two dated events")
        )
    z = text_size(opts.font_size, ctx)
    pw, ph = (v * mm for v in pack.paper.value)
    width = pw - 2 * SIDE
    strip_w = width - NUM_W - SLACK  # the box (width - NUM_W) is SLACK wider than the strip
    title = group_title(opts.title, f"Put the events in order: {pack.title}", label)
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    instruction = ("Cut out the strips, put the events in the order they happened, and stick them "
                   "in the numbered boxes, earliest first.")  # fmt: skip
    helped_note = instruction + " Box 1 is done for you."
    # a strip may be as tall as the room under the worksheet's header (its slot is the strip's size)
    head = header_height(Sheet(title, letters[0], instruction, 99, z), width, fonts)
    room = min(ph - FURNITURE_BAND - 22, ph - FURNITURE_BAND - head - z.text * 2) - FURNITURE_BAND - SLACK
    smallest = max(SHEET_MIN_SIZE, ctx.preset.sheet_min)
    laid = []
    notices = list(held)
    for v in range(opts.versions):
        picked = shuffled(every, opts.seed, f"sequence-pick-{v}")
        chosen = sorted(picked[: opts.count] if opts.count else picked, key=lambda e: e.date.sort_key)
        texts, keys_, h, said = strips_of(chosen, strip_w - 2 * CUT_PAD, z.text, smallest, room, fonts)
        h = max(h, max(t.height for _, t in texts) + 2 * CUT_PAD)
        if v == 0:
            notices += said
        # the events in a shuffled order, an event on more than one strip keeping its parts together
        order = shuffled(sorted({e for e, _ in texts}), opts.seed, f"sequence-strips-{v}")
        if order == sorted(order):
            order = order[1:] + order[:1]  # never already in order
        strips = [k for e in order for k, (owner, _) in enumerate(texts) if owner == e]
        centred = [strip_text_of(t, strip_w - 2 * CUT_PAD, z.text, fonts) for _, t in texts]
        laid.append((centred, keys_, h, strips, [owner for owner, _ in texts]))

    def slot_block(i: int, h: float, key_text, shown: bool = False) -> Block:
        """Box i: SLACK larger than a strip each way; in the key (or done for the pupil, `shown`)
        the event and its date."""
        bh = h + SLACK

        def draw(c, x, top, w, key) -> None:
            c.setFont(fonts.face(bold=True), z.text * 1.2)
            c.drawString(x, top - bh / 2 - z.text * 0.4, f"{i + 1}")
            c.setLineWidth(0.8)
            c.rect(x + NUM_W, top - bh, w - NUM_W, bh)
            if key or shown:
                c.setFillGray(KEY_GREY)
                key_text.draw(c, x + NUM_W + CUT_PAD, top - CUT_PAD, w - NUM_W - 2 * CUT_PAD, fonts)
                c.setFillGray(0)

        return Block(bh, draw, 2 * mm)

    def sheet_of(v: int, pupil: str, supported: bool) -> Sheet:
        keys_ = laid[v][1]
        sheet = Sheet(title, letters[v], helped_note if supported else instruction, len(keys_), z,
                      key_note="The events in order, with their dates.", supported=supported)  # fmt: skip
        return with_pupil(sheet, pupil, pack.klass)

    made: dict[tuple[int, bool, bool], list[Block]] = {}  # every pupil's copy draws the same blocks

    def blocks_of(v: int, key: bool, supported: bool) -> list[Block]:
        centred, keys_, h, order, owners = laid[v]
        done = {k for k, o in enumerate(owners) if o == owners[0]} if supported else set()
        blocks = [slot_block(i, h, keys_[i], i in done) for i in range(len(keys_))]
        if not key:
            tag = "Strips to cut out" + (f"  ·  Version {letters[v]}" if letters[v] else "")
            blocks.append(
                strips_block(centred, [k for k in order if k not in done], h, strip_w, fonts, tag, z)
            )
        return blocks

    def copy(v: int, pupil: str, key: bool, supported: bool):
        blocks = made.get((v, key, supported))
        if blocks is None:
            blocks = made[(v, key, supported)] = blocks_of(v, key, supported)
        return pages(sheet_of(v, pupil, supported), blocks, (pw, ph), fonts, key)

    def pages_for(v: int, pupil: str, key: bool):
        return copy(v, pupil, key, False)

    def supported_for(v: int, pupil: str, key: bool):
        return copy(v, pupil, key, True)

    handed = hand_out(
        opts.versions, letters, pages_for, opts.answer_key, ctx.students, supported_for, opts.support
    )
    notices += [f"support: '{p}' is not in the class list" for p in unnamed(ctx.students, opts.support)]
    n = len(every) if not opts.count else min(opts.count, len(every))
    return worksheet_section(handed, f"{plural(n, 'event')}, {plural(opts.versions, 'version')}", notices,
                   "Sequencing answer keys", advice)  # fmt: skip


def strip_text_of(t, width: float, size: float, fonts):
    """A strip's text centred: a plain strip re-wrapped centred; a long event's part (a Stack with
    its 'part k of m') as it is."""
    if isinstance(t, Laid):
        return Laid(tuple(replace(p, align="centre") for p in t.paras), t.lines, t.size, t.height)
    return t
