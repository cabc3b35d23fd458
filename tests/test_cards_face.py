"""Cards use their face: a short answer is set large in the middle of its card; long notes are
fitted from the normal size down, as before."""

import pytest
from helpers import build_pdf, make_pack, missing_words, text_positions
from studypack.layouts.cards.grid import CARD_SIZES, make_grid

MM = 72 / 25.4
LONG = " ".join(f"word{i} of a long paragraph that fills the back of the card" for i in range(9))
TOPIC = f"""topic: French words
cards:
  - title: le chat
    text: cat
  - title: la bibliothèque
    text: the library
  - title: A long card
    text: {LONG}
  - title: Bullets
    points: [one short point, another short point]
"""


@pytest.fixture(scope="module")
def backs(tmp_path_factory):  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("face")
    out = build_pdf(
        make_pack(d, {"t.yaml": TOPIC}, "- layout: cards\n  sides: duplex-long-edge\n"), only=["cards"]
    )
    return out, text_positions(out)[1]


def _slot_of(run, grid):  # type: ignore[no-untyped-def]
    for k in range(grid.per_sheet):
        r = grid.back_slot(k, "duplex-long-edge")
        if r.x * MM <= run.x <= (r.x + r.w) * MM and r.y * MM <= run.y <= (r.y + r.h) * MM:
            return r
    raise AssertionError(run)


def test_a_one_word_answer_is_large_and_centred(backs):
    """'cat' is set at 20 pt or more (the maximum is 24), centred across and down its card."""
    _, runs = backs
    grid = make_grid((210.0, 297.0), CARD_SIZES["a7"], "auto")
    cat = next(r for r in runs if r.text.strip() == "cat")
    assert 20.0 <= cat.size <= 24.0
    r = _slot_of(cat, grid)
    from studypack.model import FontChoice
    from studypack.text.fit import width1
    from studypack.text.fonts import resolve

    w = width1("cat", resolve(FontChoice()).face()) * cat.size
    assert cat.x + w / 2 == pytest.approx((r.x + r.w / 2) * MM, abs=1.5)
    assert cat.y == pytest.approx((r.y + r.h / 2) * MM, abs=0.35 * r.h * MM)


def test_long_notes_stay_at_the_normal_size(backs):
    """A back whose notes fill the card is set at 10 pt or less, left-aligned, and every word is on it."""
    out, runs = backs
    long = [r for r in runs if "paragraph" in r.text]
    assert long and max(r.size for r in long) <= 10.0
    assert len({round(r.x, 1) for r in long}) == 1  # one left edge
    assert missing_words(out, [LONG, "la bibliothèque", "the library"]) == []


def test_short_bullets_grow_but_keep_their_left_edge(backs):
    """Two short bullets are set larger than normal, bullets left-aligned (not centred)."""
    _, runs = backs
    pts = [r for r in runs if "short point" in r.text]
    assert pts and min(r.size for r in pts) > 10.0
    assert len({round(r.x, 1) for r in pts}) == 1
