"""The worksheet header fits: a long title shrinks to 12 pt, then wraps, never under the marks box;
the instruction wraps inside the margins, for every kind of blank, on both papers and orientations;
the answer key's header is as tall as the worksheet's."""

import pytest
from helpers import build_pdf, make_pack, text_positions

from studypack.model import FontChoice
from studypack.text.fit import width1
from studypack.text.fonts import resolve

MM = 72 / 25.4
TOPIC = "topic: T\ntimeline:\n" + "".join(
    f"  - date: {1950 + i}\n    event: Event number {i}\n" for i in range(6)
)
LONG = "The Cold War in Europe and Asia from the Berlin blockade to the fall of the Wall: causes and turning points"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("blanks", ["event", "date", "both", "mixed"])
def test_title_and_instruction_fit(tmp_path, paper, orientation, blanks):
    section = f'- layout: timeline\n  title: "{LONG}"\n  blanks: {blanks}\n  orientation: {orientation}\n  versions: 2\n  word_bank: yes\n'
    pdf = build_pdf(
        make_pack(tmp_path, {"t.yaml": TOPIC}, section, paper=paper), only=["timeline", "timeline-key"]
    )
    fonts = resolve(FontChoice())
    pw = {"A4": 210.0, "Letter": 215.9}[paper] * MM
    ph = {"A4": 297.0, "Letter": 279.4}[paper] * MM
    page_w = ph if orientation == "landscape" else pw
    right, marks_left = page_w - 10 * MM, page_w - 10 * MM - 34 * MM
    pages = text_positions(pdf)
    tops = []
    for runs in pages:
        head = [r for r in runs if r.bold and r.size >= 12 and r.y > 0.7 * max(x.y for x in runs)]
        if not head:
            continue
        tops.append(max(r.y for r in head))
        for r in head:  # every title line clears the marks box, at 12 pt or more
            w = width1(r.text.strip(), fonts.face(bold=True)) * r.size
            assert r.x + w <= marks_left - 2 * MM, (r.text, r.x + w, marks_left)
            assert r.size >= 12
        for r in runs:  # nothing runs past the right margin
            if not r.text.strip():
                continue
            face = fonts.face(bold=r.bold)
            assert r.x + width1(r.text.strip(), face) * r.size <= right + 1, r.text
    assert len(tops) >= 4  # two worksheets and two keys
    assert len({round(t, 1) for t in tops}) == 1  # the title starts at the same height on each


def test_a_short_title_keeps_15_pt_on_one_line(tmp_path):
    """The usual title is unchanged: one line at 15 pt."""
    pdf = build_pdf(
        make_pack(tmp_path, {"t.yaml": TOPIC}, "- layout: timeline\n  title: Cold War\n"), only=["timeline"]
    )
    head = [r for r in text_positions(pdf)[0] if "Cold War" in r.text]
    assert len(head) == 1 and head[0].size == 15
