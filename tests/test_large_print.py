"""Large print that is large print (clear-print guidance: 16-18 pt, headings larger than the body,
nothing small): with `--preset large-print` the example pack and a pack of three subjects have body
text of 16 pt or more on every sheet and 14 pt or more on cards, nothing under 12 pt on any page
(running heads, footers, cover, numbers, letters, notes, and the labels inside a teacher's SVG
picture, measured as printed: at the scale the picture is drawn), each page's title above its body,
every word of the notes still printed, and no ink within 5 mm of the paper's edge."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import REPO, Run, all_texts, missing_words, text_positions
from pypdf import PdfReader
from test_cover_and_titles import _ink_in_the_margin

from studypack.build import build
from studypack.layout_api.styles import LARGE_PRINT_FLOOR, PRESETS, mm
from studypack.load.manifest import load_pack

PACKS = {
    "example": REPO / "content" / "pack.yaml",
    "three subjects": REPO / "tests" / "fixtures" / "three_subjects" / "pack.yaml",
}
EPS = 0.01  # sizes are read back from the PDF's matrices: allow for their rounding


@pytest.fixture(scope="module", params=list(PACKS))
def large(request, tmp_path_factory) -> tuple[Path, Path]:
    """The pack (its manifest) and its PDF built under the large-print preset."""
    manifest = PACKS[request.param]
    pack, _ = load_pack(str(manifest))
    out = tmp_path_factory.mktemp("lp") / "large.pdf"
    build(replace(pack, preset="large-print"), str(out), None, str(manifest.parent))
    return manifest, out


def _picture_words(manifest: Path) -> set[str]:
    """Text inside the teacher's own pictures (an SVG's labels)."""
    out: set[str] = set()
    for svg in manifest.parent.rglob("*.svg"):
        out |= {t.strip() for t in re.findall(r"<text[^>]*>([^<]+)</text>", svg.read_text(encoding="utf-8"))}
    return out


def _pages(manifest: Path, pdf: Path) -> list[tuple[str, float, list[Run]]]:
    """Each page's part (its outline entry: 'Revision cards', 'Summary sheets', 'Cover: ...'), its
    height and its text runs (the pictures' own labels among them, sized as printed); blank pages
    left out."""
    reader = PdfReader(str(pdf))
    starts = sorted(
        (reader.get_destination_page_number(o), o.title) for o in reader.outline if not isinstance(o, list)
    )
    out = []
    for i, runs in enumerate(text_positions(pdf)):
        part = [title for first, title in starts if first <= i][-1]
        runs = [r for r in runs if r.text.strip()]
        if runs and not all("left blank" in r.text for r in runs):
            out.append((part, float(reader.pages[i].mediabox.height), runs))
    return out


def _body(runs: list[Run], height: float) -> float:
    """The page's body size: the size most of its letters are set at, leaving out the running head
    and footer (in the 10 mm bands at top and bottom) and lines to write a name on."""
    count: Counter[float] = Counter()
    for r in runs:
        if 10 * mm < r.y < height - 10 * mm and r.text.strip("_ \n"):
            count[round(r.size, 1)] += len(r.text.strip())
    return count.most_common(1)[0][0] if count else LARGE_PRINT_FLOOR


def test_large_print_preset_is_what_clear_print_guidance_asks():
    """The preset itself: 16 pt sheets, 14 pt cards, a 12 pt floor for everything else."""
    p = PRESETS["large-print"]
    assert (p.sheet_min, p.card_min, p.floor, LARGE_PRINT_FLOOR) == (16.0, 14.0, 12.0, 12.0)
    assert p.furniture == 12.0 and p.at_least(7.5) == 12.0 and p.at_least(20) == 20
    assert PRESETS["standard"].at_least(7.5) == 7.5  # standard keeps its small print


def test_nothing_on_any_page_is_under_12_pt(large):
    """Every text run of every page (cover, cards, sheets, keys; running heads and footers,
    numbers, bank letters, the marks box; the labels inside an SVG picture, as printed) is 12 pt
    or more. The example's diagram is printed on a card, a summary sheet and an organiser: its
    labels are among the runs checked."""
    manifest, pdf = large
    pages = _pages(manifest, pdf)
    small = [
        (part, round(r.size, 1), r.text.strip()[:30])
        for part, _, runs in pages
        for r in runs
        if r.size < LARGE_PRINT_FLOOR - EPS
    ]
    assert small == []
    labels = _picture_words(manifest)
    seen = {r.text.strip() for _, _, runs in pages for r in runs} & labels
    assert seen == labels  # the diagram's labels were read (and so checked), where there is one


def test_body_is_16_pt_on_sheets_and_14_on_cards(large):
    """The body (the size most letters on a page are set at) is 14 pt or more on card pages and
    16 pt or more on every other page but the cover (summaries, organisers, worksheets, keys)."""
    manifest, pdf = large
    pages = _pages(manifest, pdf)
    kinds = {part for part, _, _ in pages}
    assert "Revision cards" in kinds or manifest.parent.name == "three_subjects"
    low = []
    for i, (part, height, runs) in enumerate(pages):
        if part.startswith("Cover"):
            continue
        least = 14.0 if "cards" in part.lower() else 16.0
        if _body(runs, height) < least - EPS:
            low.append((i, part, _body(runs, height)))
    assert low == []


def test_each_page_title_is_larger_than_its_body(large):
    """On every sheet (not card faces, whose fronts are all title) the largest type in the top 45 mm
    below the running head, its title, is larger than the preset's body size there (16 pt; 12 pt
    on the cover) and no smaller than the size most of the page is set at."""
    manifest, pdf = large
    bad = []
    for i, (part, height, runs) in enumerate(_pages(manifest, pdf)):
        if "cards" in part.lower():
            continue
        top = [r for r in runs if height - 55 * mm < r.y < height - 9.5 * mm]
        title = max((r.size for r in top), default=0.0)
        body = LARGE_PRINT_FLOOR if part.startswith("Cover") else 16.0
        if title <= body + EPS or title < _body(runs, height) - EPS:
            bad.append((i, part, title, _body(runs, height)))
    assert bad == []


def test_no_word_is_lost_and_nothing_reaches_the_edge(large, tmp_path):
    """Every word of every note is in the large-print PDF's text, and no page has ink within 5 mm
    of the paper's edge (rendered and looked at)."""
    manifest, pdf = large
    assert missing_words(pdf, all_texts(manifest)) == []
    assert _ink_in_the_margin(pdf, tmp_path) == []


def test_cards_are_a6_at_least_under_large_print(tmp_path):
    """The example asks for A7 cards; large print makes them A6 (four to an A4 sheet): 14 pt on an
    A7 card leaves about five words a line. Business cards grow too; 4 x 6 in index cards stay."""
    from studypack.layouts.cards.grid import CARD_SIZES
    from studypack.layouts.cards.options import CardsOptions
    from studypack.layouts.cards.render import with_preset

    a7 = CardsOptions()
    assert a7.size[0] == "a7"
    grown = with_preset(a7, PRESETS["large-print"], frozenset({"size"}))
    assert grown.size[0] == "a6" and grown.font_size >= 14 and grown.min_font_size >= 14
    assert with_preset(a7, PRESETS["standard"], frozenset({"size"})) == a7
    index = replace(a7, size=("index-4x6", *CARD_SIZES["index-4x6"]))
    assert with_preset(index, PRESETS["large-print"], frozenset({"size"})).size[0] == "index-4x6"
    small = replace(a7, size=("business", *CARD_SIZES["business"]))
    assert with_preset(small, PRESETS["large-print"], frozenset({"size"})).size[0] == "a6"


def test_a_long_name_on_a_later_page_stays_clear_of_the_work(tmp_path):
    """Named large-print copies: on a worksheet's later pages the pupil's name (12 pt, wrapped
    over three lines when long) sits above the page's first line of work, never over it."""
    manifest = PACKS["example"]
    pack, _ = load_pack(str(manifest))
    name = "Maximilian-Alexander Featherstonehaugh-Worthington"
    out = tmp_path / "named.pdf"
    pack = replace(
        pack, preset="large-print", sections=tuple(s for s in pack.sections if s.layout in ("cloze", "quiz"))
    )
    build(pack, str(out), None, str(manifest.parent), students=(name,))
    pieces = set(re.findall(r"\w+", name))
    later = 0
    for runs in text_positions(out):
        if not any("(continued)" in r.text for r in runs) or any("Answer key" in r.text for r in runs):
            continue  # a pupil's later page (a key has no name on it)
        later += 1
        head = max(r.y for r in runs if "(continued)" in r.text)
        tag = [r for r in runs if set(re.findall(r"\w+", r.text)) & pieces]
        work = [
            r for r in runs if r.y < head - 1 and r not in tag and r.y > 10 * mm and "Class" not in r.text
        ]
        assert tag and work
        assert min(r.y for r in tag) - 0.25 * LARGE_PRINT_FLOOR > max(w.y + 0.75 * w.size for w in work)
    assert later >= 2
