"""The duplex calibration sheet: its marks line up with its scales after either flip."""

import subprocess
import sys

import pytest
from helpers import pdf_pages_text

from studypack.model import Paper
from studypack.pdf.calibrate import spots


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
