"""Card sheets survive a black-and-white photocopy: rendered at 150 dpi and thresholded at 50% grey,
every cut guide and crop mark is still there, and each topic band still names its topic in text."""

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import make_pack
from studypack.layouts.cards.grid import CARD_SIZES, cut_lines, make_grid

from studypack.build import build
from studypack.load.manifest import load_pack

DPI = 150
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
TOPIC = "topic: {name}\ncards:\n" + "".join(
    f"  - title: Card {i}\n    points: [a point {i}]\n" for i in range(12)
)
pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")


def photocopy(pdf: Path, page: int) -> tuple[int, int, bytes]:
    """The page as a black-and-white copy: 150 dpi greyscale, thresholded at 50%."""
    out = subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout  # fmt: skip
    parts = out.split(b"\n", 3)  # P5, width height, maxval, pixels
    w, h = map(int, parts[1].split())
    return w, h, bytes(0 if v < 128 else 255 for v in parts[3])


def dark_near(img: tuple[int, int, bytes], x_mm: float, y_mm: float, r: int = 1) -> bool:
    w, h, px = img
    cx, cy = round(x_mm / 25.4 * DPI), round(h - y_mm / 25.4 * DPI)
    return any(
        0 <= cx + dx < w and 0 <= cy + dy < h and px[(cy + dy) * w + cx + dx] == 0
        for dx in range(-r, r + 1) for dy in range(-r, r + 1)
    )  # fmt: skip


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("size", ["a7", "a6", "business", "index-3x5"])
def test_every_cut_guide_and_crop_mark_survives(tmp_path, paper, size):
    """Along every cut guide and crop mark, most 0.25 mm steps still find black after the threshold
    (the guides are dashed: 3 pt on, 2 pt off)."""
    pack = make_pack(
        tmp_path, {"t.yaml": TOPIC.format(name="Cells")}, f"- layout: cards\n  size: {size}\n", paper=paper
    )
    p, _ = load_pack(str(pack))
    build(p, str(tmp_path / "c.pdf"), None, str(tmp_path))
    img = photocopy(tmp_path / "c.pdf", 3)
    grid = make_grid(PAPERS[paper], CARD_SIZES[size])
    for x1, y1, x2, y2 in cut_lines(grid):
        n = max(int(4 * (abs(x2 - x1) + abs(y2 - y1))), 1)
        hits = sum(dark_near(img, x1 + (x2 - x1) * i / n, y1 + (y2 - y1) * i / n) for i in range(n + 1))
        assert hits >= 0.45 * (n + 1), ((x1, y1, x2, y2), hits, n)


def test_topic_bands_name_their_topic_after_a_copy(tmp_path):
    """Each card front's band holds the topic's name in black: after the threshold the tint is gone
    but the text is still there, different for each topic."""
    pack = make_pack(tmp_path, {"a.yaml": TOPIC.format(name="Cells"), "b.yaml": TOPIC.format(name="Organs")},
                     "- layout: cards\n")  # fmt: skip
    p, _ = load_pack(str(pack))
    build(p, str(tmp_path / "c.pdf"), None, str(tmp_path))
    grid = make_grid(PAPERS["A4"], CARD_SIZES["a7"])
    img = photocopy(tmp_path / "c.pdf", 3)
    w, _, px = img
    for k in range(grid.per_sheet):
        r = grid.slot(k)
        top = r.y + r.h - 5  # the band hangs 3.7 mm from 5 mm inside the card's top edge
        label = [dark_near(img, r.x + 6 + i * 0.25, top - j * 0.5, 0) for i in range(40) for j in range(1, 7)]
        assert sum(label) >= 15, k  # the topic's name, in black
        tint = [dark_near(img, r.x + 30 + i * 0.5, top - j * 0.5, 0) for i in range(80) if r.x + 30 + i * 0.5 < r.x + r.w - 25 for j in range(1, 7)]  # fmt: skip
        assert tint and not any(tint)  # the band's tint itself is gone: only text names the topic


def test_cuts_in_the_edge_strip_are_said_where_they_cannot_be_drawn(tmp_path):
    """A7 on A4 leaves 0.5 mm strips top and bottom: nothing may be drawn there, so the cover says to
    trim them; business cards leave wide margins with crop marks and need no such words."""
    from helpers import pdf_pages_text

    texts = {}
    for size in ("a7", "business"):
        pack = make_pack(
            tmp_path / size, {"t.yaml": TOPIC.format(name="Cells")}, f"- layout: cards\n  size: {size}\n"
        )
        p, _ = load_pack(str(pack))
        build(p, str(tmp_path / f"{size}.pdf"), None, str(tmp_path))
        texts[size] = " ".join(pdf_pages_text(tmp_path / f"{size}.pdf")[0].split())
    assert "cut along the grey lines; then trim 0.5 mm off the top and bottom edges" in texts["a7"]
    assert "trim" not in texts["business"]
