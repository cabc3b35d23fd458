"""Summary sheets use their side: a topic with room grows (up to the maximum) until its columns
reach the foot of the page; key-term and key-date boxes stay whole unless taller than a column, and
their first column keeps its line (a long term wraps in it)."""

from helpers import build_pdf, make_pack, missing_words, pdf_pages_text, text_positions
from pagedump import dump
from studypack.layouts.summary.columns import Block, balanced

from studypack.layout_api.styles import FURNITURE_SIZE

MM = 72 / 25.4


def _topic(n_cards: int, n_terms: int) -> str:
    cards = "".join(
        f"  - title: Card {i}\n    points:\n      - The first point of card {i} says something worth revising\n"
        f"      - A second point adds a detail, a date and a name to remember\n"
        for i in range(n_cards)
    )
    terms = "".join(
        f"  - term: {'A much longer compound key term' if i == 0 else f'Term {i}'}\n"
        f"    definition: What term {i} means, in a sentence of a dozen words or so\n"
        for i in range(n_terms)
    )
    dates = "".join(f"  - date: {1950 + i}\n    event: Event {i} happened\n" for i in range(6))
    return f"topic: Fill test\ncards:\n{cards}timeline:\n{dates}key_terms:\n{terms}"


def test_a_topic_with_room_grows_to_fill_its_side(tmp_path):
    """Eleven cards, eight terms and six dates do not sit at 10 pt in the top third: the body is set
    larger than 10 pt, and the columns' text reaches the lower fifth of the page."""
    out = build_pdf(make_pack(tmp_path, {"t.yaml": _topic(11, 8)}, "- layout: summary\n"), only=["summary"])
    runs = [r for r in text_positions(out)[0] if abs(r.size - FURNITURE_SIZE) > 1e-6]
    body = [r.size for r in runs if "point" in r.text]
    assert min(body) > 10.0 and max(body) <= 14.0
    assert min(r.y for r in runs) < 0.2 * 297 * MM  # text in the lowest fifth: the side is used


def test_a_tiny_topic_stops_at_the_maximum(tmp_path):
    """Grown text stops at max_font_size, here set to 12 pt."""
    section = "- layout: summary\n  max_font_size: 12\n"
    out = build_pdf(make_pack(tmp_path, {"t.yaml": _topic(1, 1)}, section), only=["summary"])
    body = [r.size for r in text_positions(out)[0] if "point" in r.text]
    assert body and max(body) == 12.0


def test_key_boxes_are_not_split_when_a_column_holds_them(tmp_path):
    """The key-terms and key-dates boxes are drawn whole: one frame each, and their titles once."""
    out = build_pdf(make_pack(tmp_path, {"t.yaml": _topic(14, 12)}, "- layout: summary\n"), only=["summary"])
    assert len(pdf_pages_text(out)) == 1
    frames = [ln for ln in dump(out, 0).splitlines() if ln.startswith("rect ") and " w 0.7 " in ln]
    assert len(frames) == 2
    text = pdf_pages_text(out)[0]
    assert text.count("Key terms") == 1 and text.count("Key dates") == 1


def test_balancing_never_splits_a_box_that_fits_a_column():
    """Balancing two columns shortens them, but a box that fits a full column moves on whole
    rather than being cut at the shortened height."""
    blocks = [Block((10.0,) * 12), Block((10.0,) * 8, whole=True, pad=2.0)]
    cols = balanced(blocks, 200.0, 2)
    parts = [(p.block, p.start, p.end) for c in cols for p in c]
    assert (1, 0, 8) in parts  # the box in one piece


def test_a_long_term_wraps_in_its_own_column(tmp_path):
    """Every definition starts at the same x, the long term's included: its words wrap in the first
    column rather than run into the second; every word is there."""
    p = make_pack(tmp_path, {"t.yaml": _topic(3, 6)}, "- layout: summary\n")
    out = build_pdf(p, only=["summary"])
    runs = text_positions(out)[0]
    starts = {round(r.x, 1) for r in runs if r.text.strip().startswith("What term")}
    assert len(starts) == 1
    long_words = [r for r in runs if r.bold and any(w in r.text for w in ("much", "compound"))]
    assert long_words and max(r.x for r in long_words) < min(starts)
    assert missing_words(out, ["A much longer compound key term", "What term 0 means"]) == []
