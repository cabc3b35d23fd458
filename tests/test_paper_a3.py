"""A3 paper: for a whole pack, for one section of any layout (an organiser, a worksheet), on the
command line for every part; the cover says which pages are on A3."""

import subprocess
import sys

from helpers import CONTENT, make_pack, pdf_pages_text
from pypdf import PdfReader

from studypack.build import build
from studypack.load.manifest import load_pack, with_overrides
from studypack.model import Paper

MM = 72 / 25.4
TOPICS = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}


def _sizes(pdf):  # type: ignore[no-untyped-def]
    return [
        tuple(sorted((round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))))
        for p in PdfReader(str(pdf)).pages
    ]


def test_worksheets_and_summary_take_their_own_paper(tmp_path):
    """`paper: A3` on a timeline, a cloze and a summary section puts their pages (answer keys too)
    on A3 (either way up) while the quiz stays on the pack's A4; the cover names the A3 pages and
    says how big A3 is, and says each part's paper in its print line."""
    sections = ("- layout: timeline\n  paper: A3\n- layout: cloze\n  paper: a3\n- layout: quiz\n"
                "- layout: summary\n  paper: A3\n")  # fmt: skip
    pack, _ = load_pack(str(make_pack(tmp_path, TOPICS, sections)))
    out = tmp_path / "p.pdf"
    build(pack, str(out), None, str(tmp_path))
    sizes = _sizes(out)
    cover = " ".join(pdf_pages_text(out)[0].split())
    a3 = [i + 1 for i, s in enumerate(sizes) if s == (297, 420)]
    a4 = [i + 1 for i, s in enumerate(sizes) if s == (210, 297)]
    assert a3 and a4 and 1 in a4
    assert "On A3 (297 × 420 mm): pages" in cover and "single-sided on A3" in cover
    assert "single-sided on A4" in cover and "in one go" not in cover
    quiz = pdf_pages_text(out).index(next(t for t in pdf_pages_text(out) if "Quiz" in t and "Name" in t))
    assert sizes[quiz] == (210, 297)


def test_paper_on_the_command_line_is_every_parts(tmp_path):
    """`--paper A3` sets the pack's paper and every section's, so one printer tray serves all."""
    pack, _ = load_pack(str(make_pack(tmp_path, TOPICS, "- layout: summary\n  paper: Letter\n")))
    assert pack.sections[0].paper is Paper.LETTER
    over = with_overrides(pack, None, None, "A3")
    assert over.paper is Paper.A3 and all(s.paper is None for s in over.sections)


def test_a_bad_section_paper_is_located(tmp_path):
    """`paper: A5` on a section is an error at its line and column, with the choices."""
    p = make_pack(tmp_path, TOPICS, "- layout: organiser\n  paper: A5\n")
    r = subprocess.run([sys.executable, "-m", "studypack", "check", str(p)], capture_output=True, text=True)
    assert r.returncode == 2
    assert "pack.yaml:8:12: unknown paper 'A5' (expected A4, Letter or A3)" in r.stderr, r.stderr


def test_calibration_sheet_on_a3(tmp_path):
    """The duplex calibration sheet is drawn on A3 when asked."""
    out = tmp_path / "cal.pdf"
    r = subprocess.run([sys.executable, "-m", "studypack", "calibrate", "--paper", "A3", "-o", str(out)],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert _sizes(out) == [(297, 420), (297, 420)]
