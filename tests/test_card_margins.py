"""Nothing within 5 mm of the paper's edge on card sheets, fold lines, cut guides and descenders
included, for every card size, paper and side mode: checked on rendered pages and on the geometry."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import build_pdf, make_pack
from studypack.layouts.cards.grid import CARD_SIZES, fold_grid

from studypack.layout_api.styles import SAFE_MM
from studypack.model import Paper

SIZES = [*CARD_SIZES, "[70, 45]"]  # the named sizes and a custom one
MODES = ["single", "duplex-long-edge", "duplex-short-edge", "fold"]
DPI = 300
# Cards full of descenders (g, j, p, q, y), enough of them to fill every slot of a sheet.
TOPIC = "topic: Gjpqy typography, quietly\ncards:\n" + "".join(
    f"  - title: Jumping gypsy quagmire {i}\n    points:\n      - Happy yappy puppy jogging quickly {i}\n"
    for i in range(14)
)


def _strip_ink(pdf: Path, tmp: Path) -> list[tuple[str, str]]:
    """(page, edge) of every rendered page with ink in the paper's edge strip: the strip is taken
    just under 5 mm wide (the pixel that straddles 5.0 mm is left out, as ink at exactly 5 mm is
    allowed), and any pixel darker than near-white counts, a faint dotted fold line included."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(tmp / "pg")], check=True)
    m = int(SAFE_MM / 25.4 * DPI) - 1  # whole pixels inside 5 mm, less the one straddling it
    out = []
    for f in sorted(tmp.glob("pg-*.pgm")):
        im = Image.open(f)
        w, h = im.size
        for edge, box in (("left", (0, 0, m, h)), ("right", (w - m, 0, w, h)),
                          ("top", (0, 0, w, m)), ("bottom", (0, h - m, w, h))):  # fmt: skip
            if im.crop(box).getextrema()[0] < 235:
                out.append((f.name, edge))
        f.unlink()
    return out


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_no_ink_in_the_edge_strip_for_any_size_or_mode(tmp_path, paper):
    """Every size x mode on the paper, as one pack of 24 card sections: no page has ink within
    5 mm of an edge (fold lines stop at the strip; card footers sit with their descenders above it)."""
    sections = "".join(
        f"- layout: cards\n  name: c{i}-{j}\n  size: {size}\n  sides: {mode}\n"
        for i, size in enumerate(SIZES)
        for j, mode in enumerate(MODES)
    )
    p = make_pack(tmp_path, {"t.yaml": TOPIC}, sections, paper=paper)
    pdf = build_pdf(p, tmp_path / "cards.pdf")
    assert _strip_ink(pdf, tmp_path) == []


@pytest.mark.parametrize("paper", list(Paper)[:2])
@pytest.mark.parametrize("size", [*CARD_SIZES.values(), (70.0, 45.0), (60.0, 40.0), (100.0, 70.0)])
def test_fold_lines_keep_out_of_the_edge_strip(paper, size):
    """Geometry: each unit's fold line lies wholly 5 mm or more inside the paper."""
    pw, ph = paper.value
    for orientation in ("auto", "portrait", "landscape"):
        folds = fold_grid((pw, ph), size, orientation)
        for k in range(folds.grid.per_sheet):
            x1, y1, x2, y2 = folds.fold_line(k)
            assert SAFE_MM <= min(x1, x2) and max(x1, x2) <= pw - SAFE_MM
            assert SAFE_MM <= min(y1, y2) and max(y1, y2) <= ph - SAFE_MM
