"""Card sheet geometry: grids, duplex backs that land behind their fronts, cut guides, safe areas."""

import pytest
from studypack.layouts.cards.grid import CARD_SIZES, SIDES, Rect, cut_lines, make_grid

from studypack.layout_api.styles import SAFE_MM

PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}


def test_a7_on_a4_is_eight_landscape_cards_with_half_millimetre_strips():
    """8 A7 cards tile A4 as 2 x 4 landscape cards, as UK revision cards are sold."""
    g = make_grid(PAPERS["A4"], CARD_SIZES["a7"])
    assert (g.cols, g.rows, g.w, g.h) == (2, 4, 105.0, 74.0)
    assert g.margins == pytest.approx((0.0, 0.5))
    assert g.slot(0) == Rect(0.0, pytest.approx(222.5), 105.0, 74.0)
    assert g.slot(7) == Rect(105.0, pytest.approx(0.5), 105.0, 74.0)


def test_a7_on_letter_is_six():
    g = make_grid(PAPERS["Letter"], CARD_SIZES["a7"])
    assert g.per_sheet == 6


@pytest.mark.parametrize(
    "size, orientation, expected",
    [("a6", "auto", (2, 2)), ("a6", "portrait", (2, 2)), ("a6", "landscape", (1, 2)),
     ("index-3x5", "auto", (2, 2)), ("index-4x6", "auto", (1, 2)), ("business", "auto", (2, 5))],
)  # fmt: skip
def test_orientation(size, orientation, expected):
    """The orientation with more cards wins; `orientation:` forces one."""
    g = make_grid(PAPERS["A4"], CARD_SIZES[size], orientation)
    assert (g.cols, g.rows) == expected


def flip_to_front(r: Rect, sides: str, paper) -> Rect:
    """Where a rectangle on the back side lies, seen from the front, after the sheet is turned over."""
    W, H = paper
    if sides == "duplex-long-edge":
        return Rect(W - r.x - r.w, r.y, r.w, r.h)
    return Rect(r.x, H - r.y - r.h, r.w, r.h)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("size", [*CARD_SIZES, (60.0, 90.0)])
@pytest.mark.parametrize("sides", ["duplex-long-edge", "duplex-short-edge"])
def test_every_back_lies_behind_its_front(paper, size, sides):
    """For every size, both papers and both flips, card k's back lands exactly behind its front."""
    dims = CARD_SIZES[size] if isinstance(size, str) else size
    g = make_grid(PAPERS[paper], dims)
    for k in range(g.per_sheet):
        front, back = g.slot(k), g.back_slot(k, sides)
        seen = flip_to_front(back, sides, PAPERS[paper])
        assert seen.x == pytest.approx(front.x) and seen.y == pytest.approx(front.y)
        assert 0 <= back.x and back.x + back.w <= PAPERS[paper][0] + 1e-9


def test_back_offset_moves_backs_right_and_up():
    """back_offset_mm [x, y] adds x to the right and y up, as seen looking at the back side."""
    g = make_grid(PAPERS["A4"], CARD_SIZES["a7"])
    plain, moved = g.back_slot(3, "duplex-long-edge"), g.back_slot(3, "duplex-long-edge", (1.5, -2.0))
    assert (moved.x - plain.x, moved.y - plain.y) == pytest.approx((1.5, -2.0))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("size", list(CARD_SIZES))
@pytest.mark.parametrize("gutter", [0.0, 4.0])
def test_cut_guides_stay_in_the_safe_area_and_off_the_text(paper, size, gutter):
    """Guides keep 5 mm from the paper edge and never cross a card's text area (5 mm inset)."""
    g = make_grid(PAPERS[paper], CARD_SIZES[size], gutter=gutter)
    W, H = PAPERS[paper]
    lines = cut_lines(g)
    assert lines
    for x1, y1, x2, y2 in lines:
        for x, y in ((x1, y1), (x2, y2)):
            assert SAFE_MM - 1e-9 <= x <= W - SAFE_MM + 1e-9 and SAFE_MM - 1e-9 <= y <= H - SAFE_MM + 1e-9
        for k in range(g.per_sheet):
            r = g.slot(k)
            ix0, iy0, ix1, iy1 = r.x + 5, r.y + 5, r.x + r.w - 5, r.y + r.h - 5
            crosses = min(x1, x2) < ix1 and max(x1, x2) > ix0 and min(y1, y2) < iy1 and max(y1, y2) > iy0
            assert not crosses


def test_crop_marks_in_wide_margins_and_two_cuts_per_gutter():
    """Business cards on A4 leave 20 mm and 11 mm margins: crop marks continue each cut there;
    with a gutter each gap has two cuts."""
    g = make_grid(PAPERS["A4"], CARD_SIZES["business"])
    lines = cut_lines(g)
    left_ticks = [s for s in lines if s[1] == s[3] and s[2] < g.x0]
    assert len(left_ticks) == g.rows + 1
    gg = make_grid(PAPERS["A4"], CARD_SIZES["business"], gutter=4.0)
    xs = sorted({round(s[0], 3) for s in cut_lines(gg) if s[0] == s[2]})
    assert len(xs) == 2 * gg.cols


def test_sides_are_the_four_modes():
    assert SIDES == ("single", "duplex-long-edge", "duplex-short-edge", "fold")
