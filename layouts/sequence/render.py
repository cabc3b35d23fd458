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

from studypack.layouts.sequence.options import SequenceOptions
from studypack.layouts.worksheet.flow import (
    SIDE,
    Block,
    hand_out,
    lay,
    pages,
    reviewed_events,
    shuffled,
    text_size,
    with_pupil,
    worksheet_section,
)
from studypack.layouts.worksheet.furniture import KEY_GREY, Sheet, version_letter

from studypack.layout_api import options as o
from studypack.layout_api.pages import Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, GUIDE_GREY, GUIDE_WIDTH, mm
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


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, SequenceOptions)
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
    strip_w = width - NUM_W
    title = opts.title or f"Put the events in order: {pack.title}"
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    laid = []
    for v in range(opts.versions):
        picked = shuffled(every, opts.seed, f"sequence-pick-{v}")
        chosen = sorted(picked[: opts.count] if opts.count else picked, key=lambda e: e.date.sort_key)
        texts = [lay(without_date(e), strip_w - 2 * PAD, z.text, fonts) for e in chosen]
        keys_ = [lay(f"**{e.date.text}**  {e.text}", strip_w - 2 * PAD, z.text, fonts) for e in chosen]
        h = max(
            MIN_STRIP, max(t.height for t in texts + keys_) + 2 * PAD
        )  # one size: any strip fits any slot
        strips = shuffled(list(range(len(chosen))), opts.seed, f"sequence-strips-{v}")
        if strips == sorted(strips):
            strips = strips[1:] + strips[:1]  # never already in order
        laid.append((chosen, texts, keys_, h, strips))

    def slot_block(i: int, h: float, key_text) -> Block:
        def draw(c, x, top, w, key) -> None:
            c.setFont(fonts.face(bold=True), z.text * 1.2)
            c.drawString(x, top - h / 2 - z.text * 0.4, f"{i + 1}")
            c.setLineWidth(0.8)
            c.rect(x + NUM_W, top - h, w - NUM_W, h)
            if key:
                c.setFillGray(KEY_GREY)
                key_text.draw(c, x + NUM_W + PAD, top - PAD, w - NUM_W - 2 * PAD, fonts)
                c.setFillGray(0)

        return Block(h, draw, 2 * mm)

    def strip_pages(v: int) -> list[Page]:
        """The strips to cut out: full-width, stacked, dark guides between, in the safe area."""
        chosen, texts, _k, h, order = laid[v]
        top0, bottom = ph - FURNITURE_BAND - 22, FURNITURE_BAND
        per = max(1, int((top0 - bottom) // h))
        out = []
        for start in range(0, len(order), per):
            part = order[start : start + per]

            def draw(c, part=part) -> None:
                c.setFont(fonts.face(bold=True), 12)
                c.drawString(SIDE, ph - FURNITURE_BAND - 12, f"{title}: strips to cut out"
                             + (f"  ·  Version {letters[v]}" if letters[v] else ""))  # fmt: skip
                x0, x1 = SIDE + NUM_W, SIDE + NUM_W + strip_w
                y = top0
                c.setStrokeGray(GUIDE_GREY)
                c.setLineWidth(GUIDE_WIDTH)
                c.setDash(4, 2)
                for k in range(len(part) + 1):
                    c.line(x0, y - k * h, x1, y - k * h)
                c.line(x0, y, x0, y - len(part) * h)
                c.line(x1, y, x1, y - len(part) * h)
                c.setDash()
                c.setStrokeGray(0)
                for k, i in enumerate(part):
                    texts[i].draw(c, x0 + PAD, y - k * h - PAD, strip_w - 2 * PAD, fonts)

            out.append(Page(pw, ph, draw))
        return out

    instruction = ("Cut out the strips, put the events in the order they happened, and stick them "
                   "in the numbered boxes, earliest first.")  # fmt: skip

    def pages_for(v: int, pupil: str, key: bool):
        chosen, _t, keys_, h, _o = laid[v]
        sheet = with_pupil(Sheet(title, letters[v], instruction, len(chosen), z,
                                 key_note="The events in order, with their dates."), pupil)  # fmt: skip
        blocks = [slot_block(i, h, keys_[i]) for i in range(len(chosen))]
        return pages(sheet, blocks, (pw, ph), fonts, key) + ([] if key else strip_pages(v))

    handed = hand_out(opts.versions, letters, pages_for, opts.answer_key, ctx.students)
    n = len(laid[0][0])
    return worksheet_section(handed, f"{plural(n, 'event')}, {plural(opts.versions, 'version')}", held,
                   "Sequencing answer keys", advice)  # fmt: skip
