"""Cards use their face: a short answer is set large in the middle of its card; long notes are
fitted from the normal size down, as before."""

import pytest
from helpers import build_pdf, make_pack, missing_words, text_positions
from studypack.layouts.cards.grid import CARD_SIZES, make_grid

MM = 72 / 25.4
LONG = " ".join(f"word{i} of a long paragraph that fills the back of the card" for i in range(12))
HALF = " ".join(f"item{i} of a middling paragraph, half a card" for i in range(9))
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
  - title: Half a card
    text: {HALF}
  - title: Half in bullets
    points: [{", ".join(f"bullet{i} of middling length here" for i in range(5))}]
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
    """A back whose notes do not fit the card at 10 pt is set at 10 pt or less, left-aligned, and every
    word is on it."""
    out, runs = backs
    long = [r for r in runs if "long paragraph" in r.text]
    assert long and max(r.size for r in long) <= 10.0
    assert len({round(r.x, 1) for r in long}) == 1  # one left edge
    assert missing_words(out, [LONG, "la bibliothèque", "the library"]) == []


def test_short_bullets_grow_but_keep_their_left_edge(backs):
    """Two short bullets are set larger than normal, bullets left-aligned (not centred)."""
    _, runs = backs
    pts = [r for r in runs if "short point" in r.text]
    assert pts and min(r.size for r in pts) > 10.0
    assert len({round(r.x, 1) for r in pts}) == 1


def _half_is_more_than_short():  # type: ignore[no-untyped-def]
    """HALF takes more than SHORT of an A7 face at 10 pt (else the tests below prove nothing new)."""
    from studypack.layouts.cards.render import SHORT

    from studypack.model import FontChoice
    from studypack.text.fit import Para, measure, width1, words_of
    from studypack.text.fonts import resolve

    fonts = resolve(FontChoice())
    grid = make_grid((210.0, 297.0), CARD_SIZES["a7"], "auto")
    w, h = (grid.w - 10) * MM, (grid.h - 10) * MM - 7 * 1.6
    return measure((Para(words_of(HALF, fonts)),), w, 10.0, width1(" ", fonts.face())) > SHORT * h


def test_notes_filling_half_a_card_grow_and_keep_left(backs):
    """Notes that fill over half a card at 10 pt still grow (text grows before anything shrinks),
    stay left-aligned (one left edge, not centred) and every word is there; bullets likewise."""
    assert _half_is_more_than_short()
    out, runs = backs
    half = [r for r in runs if "middling paragraph" in r.text]
    assert half and min(r.size for r in half) > 10.0
    assert len({round(r.x, 1) for r in half}) == 1
    bullets = [r for r in runs if "middling length" in r.text]
    assert bullets and min(r.size for r in bullets) > 10.0
    assert len({round(r.x, 1) for r in bullets}) == 1
    assert missing_words(out, [HALF]) == []


def test_grown_notes_keep_clear_of_the_footer(backs):
    """On every back, the lowest descender of the notes is at least 2 mm above the top of the
    footer line (topic and "n of m"): 1.5 mm for standard text, and 2 mm more for grown text (large
    text looks closer to the small footer)."""
    _, runs = backs
    grid = make_grid((210.0, 297.0), CARD_SIZES["a7"], "auto")
    feet = [r for r in runs if " of " in r.text and r.text.strip()[0].isdigit() and r.size < 8]
    assert feet
    for foot in feet:
        slot = _slot_of(foot, grid)
        notes = [r for r in runs if r.size > 8 and _slot_of(r, grid) == slot]
        if not notes:
            continue
        low = min(r.y - 0.24 * r.size for r in notes)
        grown = min(r.size for r in notes) > 10.0
        assert low - (foot.y + 0.75 * foot.size) >= (3.3 if grown else 1.4) * MM, (notes[-1].text, low)


@pytest.mark.parametrize("n", range(7, 14))
def test_grown_notes_stop_2mm_above_the_room_for_the_footer(n):
    """Notes of many lengths that grow past 10 pt take at most the face's text room less 2 mm, so
    they never run closer to the footer than standard text does."""
    from studypack.layouts.cards.options import CardsOptions
    from studypack.layouts.cards.render import _body_paras, _Fitter

    from studypack.model import FontChoice
    from studypack.text.fit import Para, height, words_of
    from studypack.text.fonts import resolve

    fonts = resolve(FontChoice())
    grid = make_grid((210.0, 297.0), CARD_SIZES["a7"], "auto")
    fitter = _Fitter(CardsOptions(), grid, fonts, single=False)
    text = " ".join(f"item{i} of a middling paragraph, half a card" for i in range(n))
    cont = Para(words_of("(continued)", fonts))
    faces = fitter._body_faces(tuple(_body_paras((), text, fonts)), cont)
    assert len(faces) == 1
    if faces[0].size > 10.0:
        assert height(faces[0].fit.lines) <= fitter.h - 2 * MM + 1e-6
    else:  # no room to grow: standard text, set at the normal size
        assert faces[0].size == 10.0
