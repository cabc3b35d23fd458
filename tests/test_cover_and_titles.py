"""A teacher's long pack title and a pack of many topics keep every word on the paper: the cover's
title wraps and the cover goes on over pages; running headings (a page's header, a worksheet's
"(continued)" and "(answers)") are set smaller and shortened with "…" where the full title is
printed elsewhere. Checked on rendered pages: no ink within 5 mm of the paper's edge."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import CONTENT, build_pdf, make_pack, pdf_pages_text

TITLE = "GCSE History Paper 2: Superpower relations and the Cold War, 1941–91 — the complete revision pack"


def _ink_in_the_margin(pdf: Path, tmp: Path) -> list[tuple[str, int]]:
    """Pages (as rendered at 30 dpi) with dark pixels within 5 mm of an edge."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp / "pg")], check=True)
    out = []
    for f in sorted(tmp.glob("pg-*.pgm")):
        im = Image.open(f)
        w, h = im.size
        m = round(5 / 25.4 * 30)
        px = im.load()
        bad = sum(
            1
            for x in range(w)
            for y in range(h)
            if (x < m or x >= w - m or y < m or y >= h - m) and px[x, y] < 128
        )
        if bad:
            out.append((f.name, bad))
    return out


@pytest.mark.parametrize("paper,preset", [("A4", "standard"), ("Letter", "large-print")])
def test_a_long_title_stays_on_the_paper(tmp_path, paper, preset):
    """The example pack under a 96-character title: the cover shows it whole (wrapped), and no page
    of any layout has ink in the 5 mm margin."""
    pack_dir = tmp_path / "pack"
    shutil.copytree(CONTENT, pack_dir)
    manifest = pack_dir / "pack.yaml"
    text = manifest.read_text(encoding="utf-8").splitlines()
    text = [f'title: "{TITLE}"' if ln.startswith("title:") else ln for ln in text]
    text = [ln for ln in text if not ln.startswith(("paper:", "preset:"))]
    manifest.write_text("\n".join(text + [f"paper: {paper}", f"preset: {preset}"]) + "\n", encoding="utf-8")
    pdf = build_pdf(manifest, tmp_path / "out.pdf")
    cover = " ".join(pdf_pages_text(pdf)[0].split())
    assert all(word in cover for word in TITLE.split())
    assert _ink_in_the_margin(pdf, tmp_path) == []


def test_a_cover_of_many_topics_goes_on_over_pages(tmp_path):
    """150 topics: every topic named on the cover, which takes several pages labelled Cover 1, 2,
    ...; the first part still starts on a front (odd) page, after the cover's own pages."""
    from pypdf import PdfReader

    topics = {
        f"t{i}.yaml": f"topic: Topic number {i} with a rather long name\ncards:\n  - title: C{i}\n    text: T{i}.\n"
        for i in range(150)
    }
    pdf = build_pdf(make_pack(tmp_path, topics, "- layout: cards\n"))
    reader = PdfReader(str(pdf))
    labels = [reader.page_labels[i] for i in range(len(reader.pages))]
    n_cover = sum(1 for lab in labels if lab.startswith("Cover"))
    assert n_cover >= 2 and labels[:n_cover] == [f"Cover {i}" for i in range(1, n_cover + 1)]
    assert labels[n_cover] == str(n_cover + 1)
    cover = " ".join(" ".join(pdf_pages_text(pdf)[:n_cover]).split()).replace(
        " Test pack: cover (continued)", ""
    )
    assert all(f"Topic number {i} with a rather long name" in cover for i in range(150))
    first_cards = next(i for i, t in enumerate(pdf_pages_text(pdf)) if "C0" in t and i >= n_cover)
    assert first_cards % 2 == 0  # 0-based index: an odd page number, a front
    assert _ink_in_the_margin(pdf, tmp_path) == []
