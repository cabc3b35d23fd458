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


QA = """topic: Khrushchev
cards:
  - title: The secret speech
    points: [Khrushchev attacked Stalin's cult of personality, At the Twentieth Party Congress in 1956]
  - title: Ending terror
    points: [A commission reviewed the cases of political prisoners, Many were released by 1961]
  - front: How many prisoners were released in 1956?
    back: 51,439, including 26,155 political prisoners
  - title: Decentralisation
    points: [Economic councils took over from central ministries, In the regions]
  - front: What did the commission set up in May 1954 do?
    back: It reviewed the cases of political prisoners
timeline:
  - date: 1953-1956
    event: Khrushchev replaces around half of the regional party secretaries and a good deal more words
  - date: May 1954
    event: Khrushchev and Malenkov set up a special commission to review the cases of political prisoners
  - date: 9 March 1953
    event: Khrushchev becomes First Secretary of the party, which he would use to outmanoeuvre rivals
  - date: 1956
    event: Secret speech
"""


def _qa(tmp_path):  # type: ignore[no-untyped-def]
    return build_pdf(make_pack(tmp_path, {"t.yaml": QA}, "- layout: summary\n"), only=["summary"])


def test_key_questions_sit_in_a_box_under_their_heading(tmp_path):
    """The question/answer cards are gathered under a "Key questions" heading in a box of their own
    (after the notes, as the key terms), each question over its indented answer; every word is kept."""
    out = _qa(tmp_path)
    runs = text_positions(out)[0]
    head = next(r for r in runs if r.text.strip() == "Key questions")
    qs = [r for r in runs if r.text.startswith(("How many prisoners", "What did the commission"))]
    answers = [r for r in runs if r.text.startswith(("51,439", "It reviewed"))]
    assert len(qs) == 2 and len(answers) == 2
    assert all(q.y < head.y and q.bold for q in qs)
    assert all(a.x > qs[0].x + 2 for a in answers)  # indented under its question
    notes = next(r for r in runs if "Economic councils" in r.text)
    mid = 105 * MM  # columns left to right, each top down: the notes come first in reading order
    assert (notes.x > mid, -notes.y) < (head.x > mid, -head.y)
    frames = [ln for ln in dump(out, 0).splitlines() if ln.startswith("rect ") and " w 0.7 " in ln]
    assert len(frames) == 2  # key questions and key dates
    text = " ".join(pdf_pages_text(out)[0].split())
    for words in ("51,439, including 26,155 political prisoners", "It reviewed the cases of political"):
        assert words in text


def test_a_date_never_wraps_when_its_column_could_take_it(tmp_path):
    """Dates such as "1953-1956", "May 1954" and "9 March 1953" each stay on one line in the
    key dates box: the date column is sized for the longest date when the column can take it."""
    out = _qa(tmp_path)
    runs = text_positions(out)[0]
    for date in ("1953-1956", "May 1954", "9 March 1953"):
        assert any(r.text.strip() == date and r.bold for r in runs), date


def test_a_rule_between_cards_sits_midway_between_them(tmp_path):
    """The hairline between two cards is as far below the descenders of the card above as it is
    above the cap height of the next card's title (within 0.4 pt), and at least 2.5 pt from each."""
    out = _qa(tmp_path)
    runs = text_positions(out)[0]
    rules = []
    for ln in dump(out, 0).splitlines():
        if ln.startswith("line ") and " w 0.35 " in ln:
            rules.append(float(ln.split()[1].split(",")[1]) * MM)
    title = next(r for r in runs if r.text.strip() == "Ending terror")
    rule = min((y for y in rules if y > title.y), key=lambda y: y - title.y)
    column = [r for r in runs if (r.x > 105 * MM) == (title.x > 105 * MM)]
    above = min((r for r in column if r.y > rule), key=lambda r: r.y)  # the last line above the rule
    below_gap = rule - (title.y + 0.73 * title.size)  # to the title's cap height
    above_gap = (above.y - 0.24 * above.size) - rule  # to the descenders above
    assert abs(below_gap - above_gap) <= 0.4 and min(below_gap, above_gap) >= 2.5
