"""Golden dumps: one page of each layout, the cover and the calibration sheet, as a readable text of
what is drawn where (tests/golden/*.txt), plus a low-resolution greyscale rendering of each
(tests/golden/*.pgm) compared with a small tolerance. Any change to a drawing shows as a diff here;
the files are re-made only by `pytest tests/test_golden.py --update-golden`, never by a passing run."""

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CONTENT
from pagedump import dump

GOLDEN = Path(__file__).parent / "golden"
DPI = 25
# (name, page from 1) in the example pack built on A4; the calibration sheet separately
PAGES = [("cover", 1), ("cards-fronts", 3), ("cards-backs", 4), ("summary", 13), ("timeline", 15), ("timeline-key", 17),
         ("matching", 19), ("matching-key", 20), ("cloze", 21), ("cloze-key", 24), ("quiz", 28), ("quiz-key", 31),
         ("sequence", 34), ("sequence-strips", 35), ("sequence-key", 36),
         ("crossword", 45), ("crossword-key", 46), ("wordsearch", 47), ("wordsearch-key", 48),
         ("organiser", 49), ("organiser-self-quiz", 53)]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("golden")
    for args, name in (
        (["build", str(CONTENT / "pack.yaml"), "-o", str(d / "pack.pdf")], "pack"),
        (["calibrate", "-o", str(d / "calibration.pdf")], "calibration"),
        (["build", str(RETRIEVAL), "-o", str(d / "retrieval.pdf")], "retrieval"),
        (["build", str(CONTENT / "pack.yaml"), "--paper", "A3", "--only", "organiser", "-o", str(d / "a3.pdf")],
         "a3"),
        (["build", str(CONTENT / "pack.yaml"), "--paper", "A3", "--only", "cards", "-o", str(d / "cards-a3.pdf")],
         "a3"),
    ):  # fmt: skip
        r = subprocess.run([sys.executable, "-m", "studypack", *args, *(["-q"] if name != "calibration" else [])],
                           capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 0, r.stderr
    return d


CASES = [*((name, "pack", page) for name, page in PAGES), ("calibration-front", "calibration", 1), ("calibration-back", "calibration", 2),
         ("organiser-a3", "a3", 1), ("cards-a3", "cards-a3", 1)]  # fmt: skip
# a term of do-now sheets (tests/retrieval_term): the week of 22 February, its key, and the grid
RETRIEVAL = Path(__file__).parent / "retrieval_term" / "pack.yaml"
CASES += [
    ("retrieval", "retrieval", 9),
    ("retrieval-key", "retrieval", 24),
    ("retrieval-grid", "retrieval", 32),
]


@pytest.mark.parametrize("name, pdf, page", CASES, ids=[c[0] for c in CASES])
def test_drawing_matches_its_golden_dump(built, request, name, pdf, page):
    """What the page draws, in millimetres, equals the reviewed dump."""
    got = dump(built / f"{pdf}.pdf", page - 1)
    path = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-golden"):
        path.write_text(got, encoding="utf-8")
    want = path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"golden/{name}.txt", "now")
    )
    assert got == want, f"the drawing changed (re-make with --update-golden once reviewed):\n{diff[:6000]}"


def _render(pdf: Path, page: int) -> tuple[int, int, bytes]:
    out = subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout  # fmt: skip
    magic, size, maxval, pixels = out.split(b"\n", 3)
    w, h = map(int, size.split())
    return w, h, pixels


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils); CI installs it")
@pytest.mark.parametrize("name, pdf, page", CASES, ids=[c[0] for c in CASES])
def test_rendering_matches_its_golden_image(built, request, name, pdf, page):
    """Rendered at 25 dpi, the page differs from the reviewed image by less than 1 grey level on
    average, and in fewer than 0.5% of its pixels by more than a quarter of the range."""
    w, h, px = _render(built / f"{pdf}.pdf", page)
    path = GOLDEN / f"{name}.pgm"
    if request.config.getoption("--update-golden"):
        path.write_bytes(b"P5\n%d %d\n255\n" % (w, h) + px)
    magic, size, maxval, want = path.read_bytes().split(b"\n", 3)
    assert tuple(map(int, size.split())) == (w, h)
    diffs = [abs(a - b) for a, b in zip(px, want, strict=True)]
    assert sum(diffs) / len(diffs) < 1.0 and sum(d > 64 for d in diffs) < 0.005 * len(diffs), name
