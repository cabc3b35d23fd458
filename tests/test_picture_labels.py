"""An SVG picture's own labels under large print: a picture drawn so small that its labels would
print under the 12 pt floor is drawn with those labels raised to it, each kept where svglib anchors
it (a centred label stays centred, a left-aligned one keeps its start, a right-aligned one its end),
moved inside the picture's box where it would run off it, broken into lines where it is wider than
the box. Standard builds draw the labels as the SVG has them, and neither build ever reuses the
other's drawing from the cache of drawn SVGs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_pack, text_positions, write
from reportlab.pdfbase.pdfmetrics import stringWidth

from studypack import pictures
from studypack.layout_api.styles import LARGE_PRINT_FLOOR
from studypack.svglabels import enlarged, smallest

EPS = 0.01  # sizes are read back from the PDF's matrices: allow for their rounding
# 400 x 200 px (300 x 150 pt): 6 px labels are 4.5 pt in the drawing; drawn across a card, under 5 pt
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <rect x="20" y="20" width="360" height="160" fill="none" stroke="black" stroke-width="2"/>
  <circle cx="200" cy="100" r="40" fill="#cccccc" stroke="black"/>
  <text x="60" y="60" font-family="Helvetica" font-size="6">Start label</text>
  <text x="200" y="104" font-family="Helvetica" font-size="6" text-anchor="middle">Centre label</text>
  <text x="340" y="150" font-family="Helvetica" font-size="6" text-anchor="end">End label</text>
</svg>
"""
LABELS = ("Start label", "Centre label", "End label")


def _pack(tmp: Path, preset: str = "standard") -> Path:
    write(tmp / "small.svg", SVG)
    topic = "topic: Labels\ncards:\n  - title: A diagram\n    image: small.svg\n    text: Notes under it.\n"
    return make_pack(tmp, {"t.yaml": topic}, "- layout: cards\n", preset=preset)


def _labels(pdf: Path) -> dict[str, tuple[float, float, float]]:
    """Each label's start x, baseline y and printed size (on the card back, where it is drawn)."""
    found = {}
    for runs in text_positions(pdf):
        for r in runs:
            if r.text.strip() in LABELS:
                found[r.text.strip()] = (r.x, r.y, r.size)
    assert set(found) == set(LABELS)
    return found


def _anchors(found: dict[str, tuple[float, float, float]]) -> dict[str, tuple[float, float]]:
    """Where each label is anchored on the page: the start of 'Start label', the middle of 'Centre
    label', the end of 'End label'; each at its baseline."""
    out = {}
    for text, (x, y, size) in found.items():
        w = stringWidth(text, "Helvetica", size)
        out[text] = (x + {"Start label": 0.0, "Centre label": w / 2, "End label": w}[text], y)
    return out


def _build(manifest: Path, out: Path, preset: str | None = None, env: dict | None = None) -> Path:
    args = ["build", str(manifest), "-o", str(out), "-q"] + (["--preset", preset] if preset else [])
    code = f"import sys; from studypack.cli import main; sys.exit(main({args!r}))"
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env or dict(os.environ)
    )
    assert r.returncode == 0, r.stderr
    return out


def test_small_labels_print_at_12_pt_where_svglib_anchors_them(tmp_path, monkeypatch):
    """6 px labels on a diagram drawn across an A6 card back print at 12 pt or more under large
    print; each stays anchored where it was (start, middle, end, and its baseline), as the same
    build with the labels left alone shows. The standard build's labels are as the SVG has them:
    4.5 pt in the drawing, the same in all three, printed at the picture's scale."""
    from dataclasses import replace

    from studypack.build import build
    from studypack.load.manifest import load_pack

    manifest = _pack(tmp_path)
    pack, _ = load_pack(str(manifest))
    lp, plain, std = tmp_path / "lp.pdf", tmp_path / "plain.pdf", tmp_path / "std.pdf"
    build(replace(pack, preset="large-print"), str(lp), None, str(tmp_path))
    raised = _labels(lp)
    assert all(size >= LARGE_PRINT_FLOOR - EPS for _, _, size in raised.values()), raised
    with monkeypatch.context() as m:  # the same large-print pages, the labels as drawn
        m.setattr(pictures.Pictures, "_step", lambda self, info, scale: None)
        build(replace(pack, preset="large-print"), str(plain), None, str(tmp_path))
    as_drawn = _labels(plain)
    assert all(size < 6 for _, _, size in as_drawn.values())  # small enough to need raising
    for text, (x, y) in _anchors(raised).items():
        assert _anchors(as_drawn)[text] == pytest.approx((x, y), abs=0.05), text
    build(pack, str(std), None, str(tmp_path))
    sizes = {round(size, 3) for _, _, size in _labels(std).values()}
    assert len(sizes) == 1 and sizes.pop() < 4.5  # one size, the picture's, shrunk onto an A7 card
    assert b"/F1 6 Tf" in _form_streams(std) and b"/F1 6 Tf" not in _form_streams(lp)  # 6 px, as drawn


def _form_streams(pdf: Path) -> bytes:
    """The content of every form in the PDF (the pictures' drawings), uncompressed."""
    from pypdf import PdfReader

    out = b""
    for page in PdfReader(str(pdf)).pages:
        for xobj in (page.get("/Resources", {}).get("/XObject", {}) or {}).values():
            form = xobj.get_object()
            if form.get("/Subtype") == "/Form":
                out += form.get_data()
    return out


def test_standard_and_large_print_never_share_a_drawn_svg(tmp_path):
    """With one cache folder (XDG_CACHE_HOME), a standard build after a large-print build draws
    the labels at their standard size, and a large-print build after a standard one raises them:
    each the same PDF, byte for byte, as a build with an empty cache."""
    manifest = _pack(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "STUDYPACK_CACHE_DIR"}
    shared = {**env, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    fresh = {**env, "XDG_CACHE_HOME": str(tmp_path / "fresh")}
    first_lp = _build(manifest, tmp_path / "lp1.pdf", "large-print", shared)
    std = _build(manifest, tmp_path / "std.pdf", None, shared)
    assert list((tmp_path / "cache" / "studypack" / "forms").glob("*.json"))
    lp = _build(manifest, tmp_path / "lp2.pdf", "large-print", shared)
    assert all(size < 4.5 for _, _, size in _labels(std).values())
    assert all(size >= LARGE_PRINT_FLOOR - EPS for _, _, size in _labels(lp).values())
    assert std.read_bytes() == _build(manifest, tmp_path / "std0.pdf", None, fresh).read_bytes()
    assert lp.read_bytes() == first_lp.read_bytes()
    fresh2 = {**env, "XDG_CACHE_HOME": str(tmp_path / "fresh2")}
    assert lp.read_bytes() == _build(manifest, tmp_path / "lp0.pdf", "large-print", fresh2).read_bytes()


def test_one_picture_at_several_sizes_is_a_form_for_each_enlargement(tmp_path):
    """The example's diagram under large print, on a card back and a summary sheet (one scale) and
    on an organiser (another): its labels printed at the floor or just above it (within
    LABEL_STEP), from one form per enlargement. Printed large enough on a page of its own, the
    same diagram is its form as drawn (a form's name says its enlargement)."""
    from studypack.build import build
    from studypack.load.manifest import load_pack

    def forms_and_sizes(manifest: Path) -> tuple[set[bytes], list[float]]:
        pack, _ = load_pack(str(manifest))
        out = manifest.parent / "lp.pdf"
        build(pack, str(out), None, str(manifest.parent))
        labels = [
            r.size
            for runs in text_positions(out)
            for r in runs
            if r.text.strip() == "Regional party secretaries"
        ]
        names = {n for n in out.read_bytes().split() if n.startswith(b"/FormXob.pic")}
        return names, labels

    names, sizes = forms_and_sizes(
        make_pack(tmp_path / "example", {"t.yaml": TOPIC}, SECTIONS, preset="large-print")
    )
    assert len(sizes) == 3 and all(
        LARGE_PRINT_FLOOR - EPS <= s <= LARGE_PRINT_FLOOR * pictures.LABEL_STEP + EPS for s in sizes
    )
    assert len({round(s, 2) for s in sizes}) == 2  # two scales...
    assert len(names) == 2 and all(b"L" in n.removeprefix(b"/FormXob.pic") for n in names)  # ...two forms
    # one card per page: the organiser's box is wide enough for the labels as drawn
    names, sizes = forms_and_sizes(
        make_pack(tmp_path / "wide", {"t.yaml": TOPIC}, SECTIONS_WIDE, preset="large-print")
    )
    raised = [s for s in sizes if s <= LARGE_PRINT_FLOOR * pictures.LABEL_STEP + EPS]
    assert raised and len(raised) < len(sizes) and min(sizes) >= LARGE_PRINT_FLOOR - EPS
    plain = [n for n in names if b"L" not in n.removeprefix(b"/FormXob.pic")]
    assert len(plain) == 1 and len(names) == 2 and all(n.startswith(plain[0]) for n in names)


TOPIC = "topic: T\ncards:\n  - title: A diagram\n    image: pictures/party-structure.svg\n    text: Notes.\n"
SECTIONS = "- layout: cards\n- layout: summary\n- layout: organiser\n  columns: 2\n"
SECTIONS_WIDE = "- layout: cards\n- layout: summary\n- layout: organiser\n"


def test_labels_stay_inside_the_picture_and_long_ones_break():
    """Raised, a label that would run off the picture's right edge moves back inside it; one
    wider than the whole picture is broken into lines, each inside, centred where it was; a label
    already large enough is left as it is."""
    import io

    from svglib.svglib import svg2rlg

    svg = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
      <text x="190" y="20" font-family="Helvetica" font-size="4">Edge</text>
      <text x="100" y="60" font-family="Helvetica" font-size="4" text-anchor="middle">one two three
        four five six seven eight nine ten eleven twelve</text>
      <text x="10" y="90" font-family="Helvetica" font-size="30">Big</text>
    </svg>"""
    drawing = svg2rlg(io.BytesIO(svg.encode()))
    assert smallest(drawing) == pytest.approx(3.0)  # 4 px: 3 pt in the drawing
    raised = enlarged(drawing, 12.0)
    assert smallest(drawing) == pytest.approx(3.0)  # the original is left alone
    boxes = _string_boxes(raised)
    by_text = {t: b for t, b, _ in boxes}
    assert by_text["Edge"][2] <= 150.0 + 1e-6  # 200 px = 150 pt wide: inside its right edge
    lines = [(t, b) for t, b, _ in boxes if t not in ("Edge", "Big")]
    assert (
        len(lines) >= 2
        and " ".join(t for t, _ in lines).split()
        == "one two three four five six seven eight nine ten eleven twelve".split()
    )
    assert all(0 <= b[0] and b[2] <= 150.0 + 1e-6 for _, b in lines)
    centres = [(b[0] + b[2]) / 2 for _, b in lines]
    assert centres == pytest.approx([75.0] * len(lines), abs=0.01)
    assert {t: size for t, _, size in boxes}["Big"] == pytest.approx(22.5)
    assert all(size == pytest.approx(12.0) for t, _, size in boxes if t != "Big")


def _string_boxes(drawing) -> list[tuple[str, tuple[float, float, float, float], float]]:
    """Each String's text, box in the drawing's space and size there."""
    from studypack.svglabels import _extent, _labels, _scale_of

    return [
        (s.text, _extent([s], m), s.fontSize * _scale_of(m))
        for strings, m in _labels(drawing)
        for s in strings
    ]
