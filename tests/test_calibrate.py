"""The duplex calibration sheet: its marks line up with its scales after either flip."""

import subprocess
import sys

import pytest
from helpers import pdf_pages_text

from studypack.model import Paper
from studypack.pdf.calibrate import SPAN, front_lines, scale_lines, spots


@pytest.mark.parametrize("paper", list(Paper))
def test_spots_are_where_either_flip_puts_them(paper):
    """Every front spot lands on a back spot after a long- or a short-edge flip, so one sheet
    measures either kind of duplex; all spots keep clear of the 5 mm edge strip."""
    w, h = paper.value
    s = {(round(x, 6), round(y, 6)) for x, y in spots(paper)}
    assert {(round(w - x, 6), y) for x, y in s} == s
    assert {(x, round(h - y, 6)) for x, y in s} == s
    for x, y in s:
        assert 5 + 25 <= x <= w - 5 - 25 and 5 + 25 <= y <= h - 5 - 25


def test_calibrate_command(tmp_path):
    """`studypack calibrate --paper Letter` writes output/calibration-letter.pdf, two pages."""
    r = subprocess.run([sys.executable, "-m", "studypack", "calibrate", "--paper", "Letter"],
                       cwd=tmp_path, capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    texts = pdf_pages_text(tmp_path / "output" / "calibration-letter.pdf")
    assert len(texts) == 2 and "back_offset_mm" in texts[0] and "+10" in texts[1]


@pytest.mark.parametrize("flip", ["long-edge", "short-edge"])
@pytest.mark.parametrize("paper", list(Paper))
def test_every_line_meets_its_scale_after_either_flip(paper, flip):
    """Seen from the back after the flip, each front line crosses the middle of a back scale of its
    direction, with the whole +/-SPAN range of drift to spare; no line stops short of its scale."""
    w, h = paper.value

    def seen_from_back(seg):  # the front's line in the back's coordinates after the flip
        x1, y1, x2, y2 = seg
        return (w - x1, y1, w - x2, y2) if flip == "long-edge" else (x1, h - y1, x2, h - y2)

    scales = scale_lines(paper)
    for seg in map(seen_from_back, front_lines(paper)):
        x1, y1, x2, y2 = seg
        vertical = x1 == x2
        crossed = [
            s for s in scales
            if (vertical and s[1] == s[3] and s[0] <= x1 <= s[2] and min(y1, y2) <= s[1] - SPAN / 5 and max(y1, y2) >= s[1] + SPAN / 5)
            or (not vertical and s[0] == s[2] and s[1] <= y1 <= s[3] and min(x1, x2) <= s[0] - SPAN / 5 and max(x1, x2) >= s[0] + SPAN / 5)
        ]  # fmt: skip
        assert crossed, (seg, flip)
        s = crossed[0]
        middle = (s[0] + s[2]) / 2 if vertical else (s[1] + s[3]) / 2
        assert abs((x1 if vertical else y1) - middle) < 1e-9  # no drift reads 0


@pytest.mark.parametrize("paper", list(Paper))
def test_every_label_is_7_pt_or_more(tmp_path, paper):
    """The scales' numbers and every other word of the sheet are at least 7 pt (the cards' minimum),
    so a teacher reads the drift at arm's length; each scale still shows -10 to +10."""
    from helpers import text_positions

    from studypack.model import FontChoice
    from studypack.pdf.calibrate import write_calibration
    from studypack.text.fonts import resolve

    out = tmp_path / "cal.pdf"
    write_calibration(paper, str(out), resolve(FontChoice()))
    pages = text_positions(out)
    sizes = [r.size for page in pages for r in page]
    assert sizes and min(sizes) >= 7
    back = [r.text.strip() for r in pages[1]]
    assert back.count("+10") == back.count("-10") == 2 * len(spots(paper))
