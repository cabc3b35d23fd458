"""Presets for every pupil: large print and dyslexia-friendly, from the pack or the command line,
honoured by every layout."""

import subprocess
import sys

import pytest
from helpers import make_pack, text_positions
from pypdf import PdfReader

from studypack.load.manifest import load_pack

TOPIC = """topic: Cells
cards:
  - title: Nucleus
    points:
      - holds the *DNA* of the cell and controls what it does
      - surrounded by a double membrane with pores in it
    text: |
      The nucleus is the largest organelle. It is where the genes are read, and it sends the
      instructions out to the rest of the cell through the pores in its envelope.
timeline:
  - date: 1665
    event: Robert Hooke names the cell
  - date: 1838
    event: Schleiden and Schwann propose the cell theory
  - date: 1953
    event: The structure of DNA is published
"""
SECTIONS = "- layout: cards\n- layout: summary\n- layout: timeline\n"


def build(tmp_path, preset: str | None = None, cli: str | None = None):  # type: ignore[no-untyped-def]
    fields = {"preset": preset} if preset else {}
    pack = make_pack(tmp_path, {"t.yaml": TOPIC}, SECTIONS, **fields)
    args = [sys.executable, "-m", "studypack", "build", str(pack), "-o", str(tmp_path / "p.pdf")]
    r = subprocess.run(args + (["--preset", cli] if cli else []), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return tmp_path / "p.pdf", r


def sizes_by_page(pdf):  # type: ignore[no-untyped-def]
    return [[r for r in runs if 40 < r.y < 800 and r.text.strip()] for runs in text_positions(pdf)]


def test_large_print_sizes_everywhere(tmp_path):
    """Large print: card backs at 14 pt or more on A6 cards (4 to an A4 sheet), summary text at
    16 pt or more, timeline labels at 16 pt or more."""
    pdf, _ = build(tmp_path, "large-print")
    pages = sizes_by_page(pdf)
    texts = ["\n".join(r.text for r in p) for p in pages]
    back = next(i for i, t in enumerate(texts) if "surrounded by a double" in t)
    assert min(r.size for r in pages[back] if "membrane" in r.text or "nucleus" in r.text.lower()) >= 14
    summary = next(i for i, t in enumerate(texts) if "Key dates" in t)
    body = [r for r in pages[summary] if "surrounded by a" in r.text]
    assert body and min(r.size for r in body) >= 16
    sheet = next(i for i, t in enumerate(texts) if "Name" in t and "Class" in t)
    labels = [r for r in pages[sheet] if r.bold or "Robert Hooke" in r.text or "Schleiden" in r.text]
    labels = [r for r in labels if r.text.strip() in ("1665", "1838", "1953") or not r.text.strip().isdigit()]
    assert labels and min(r.size for r in labels if r.size < 17) >= 16
    ticks = [r for r in pages[sheet] if r.text.strip().isdigit() and not r.bold]
    assert all(r.size >= 12 for r in ticks)  # the axis's years grow too (here each event sits alone)
    box = PdfReader(str(pdf)).pages[2].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    fronts = [r for r in pages[2] if r.text.strip() == "Nucleus"]
    assert fronts  # the card is an A6 one: its title sits in the top-left quarter of the sheet
    assert fronts[0].x < 297 and fronts[0].y > 421


def test_dyslexia_friendly_face_spacing_and_no_italics(tmp_path):
    """Dyslexia-friendly: no italic face anywhere (emphasis and answers in bold), lines 1.5 times as
    far apart as standard, and a note that Andika is preferred when it is not installed."""
    std, _ = build(tmp_path / "s")
    dys, r = build(tmp_path / "d", "dyslexia-friendly")
    fonts = {
        str(f.get("/BaseFont"))
        for p in PdfReader(str(dys)).pages
        for f in (p["/Resources"].get("/Font") or {}).values()
    }
    assert not any("Oblique" in f or "Italic" in f for f in fonts), fonts
    if "Andika" not in " ".join(fonts):
        assert "the dyslexia-friendly preset prefers Andika, which is not installed" in r.stderr

    def gaps(pdf):  # type: ignore[no-untyped-def]
        page = next(p for p in text_positions(pdf) if any("largest organelle" in x.text for x in p))
        body = next(x.size for x in page if "largest organelle" in x.text)  # short notes grow
        para = sorted(
            {round(x.y, 1) for x in page if abs(x.size - body) < 0.01 and "organelle" not in x.text},
            reverse=True,
        )
        return [(a - b) / body for a, b in zip(para, para[1:], strict=False) if 0 < a - b < 40]

    ratio = min(gaps(dys)) / min(gaps(std))
    assert 1.2 < ratio < 1.8  # 1.5 x the spacing, for the size (short notes grow to fill the card)


def test_preset_from_the_command_line_and_a_bad_one(tmp_path):
    """--preset overrides the manifest; an unknown one is a usage error with the choices."""
    pdf, _ = build(tmp_path, None, "large-print")
    assert max(r.size for runs in text_positions(pdf)[2:3] for r in runs) >= 16
    pack = make_pack(tmp_path / "b", {"t.yaml": TOPIC}, SECTIONS)
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(pack), "--preset", "huge"],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2
    assert "--preset: unknown preset 'huge' (expected standard, large-print, dyslexia-friendly)" in r.stderr
    bad = make_pack(tmp_path / "c", {"t.yaml": TOPIC}, SECTIONS, preset="big")
    r = subprocess.run([sys.executable, "-m", "studypack", "check", str(bad)], capture_output=True, text=True)
    assert r.returncode == 2 and "unknown preset 'big'" in r.stderr


@pytest.mark.parametrize("layout", ["cards", "summary"])
def test_a_minimum_above_the_normal_size_is_a_located_error(tmp_path, layout):
    """min_font_size above font_size: an error at the section's line with the fix, nothing built."""
    from studypack.errors import StudypackError

    p = make_pack(tmp_path, {"t.yaml": "topic: T\ncards:\n  - front: a\n    back: b\n"},
                  f"- layout: {layout}\n  font_size: 8\n  min_font_size: 9\n")  # fmt: skip
    with pytest.raises(StudypackError) as e:
        load_pack(str(p))
    assert "min_font_size is larger than font_size (raise font_size too)" in str(e.value)
    assert "pack.yaml:" in str(e.value)
