"""Summary sheets: one side per topic when the text allows, flowing on with nothing lost otherwise."""

import pytest
from helpers import CONTENT, all_texts, build_pdf, make_pack, missing_words, pdf_pages_text, text_positions

from studypack.build import build
from studypack.layout_api.styles import FURNITURE_BAND, FURNITURE_SIZE
from studypack.load.manifest import load_pack, with_overrides

MM = 72 / 25.4
TOPICS = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_each_example_topic_fits_one_side_at_8pt_or_more(tmp_path, paper):
    """Both example topics fit one side each of A4 and of Letter, body text at 8 pt or more,
    and every word of them is on the sheets."""
    p = make_pack(tmp_path, TOPICS, "- layout: summary\n", paper=paper)
    pack, _ = load_pack(str(p))
    out = tmp_path / "s.pdf"
    res = build(pack, str(out), ["summary"], str(tmp_path))
    assert res.pages == 2 and not res.notices
    for runs in text_positions(out):
        body = [r for r in runs if abs(r.size - FURNITURE_SIZE) > 1e-6]  # not the running header
        assert min(r.size for r in body) >= 8 - 1e-6
    texts = [
        t
        for topic in pack.topics
        for _, what, t in topic.texts()
        if what.split()[0] not in ("subject", "person")
    ]
    assert missing_words(out, texts) == []


def long_topic() -> str:
    text = TOPICS["khrushchev-reforms.yaml"]
    head, cards = text.split("cards:\n", 1)
    body, rest = cards.split("timeline:\n", 1)
    return head + "cards:\n" + body * 3 + "timeline:\n" + rest


def test_a_topic_three_times_as_long_flows_on_with_every_word(tmp_path):
    """Three times the text goes over several sides marked continued, reported, nothing lost."""
    p = make_pack(tmp_path, {"long.yaml": long_topic()}, "- layout: summary\n")
    pack, _ = load_pack(str(p))
    out = tmp_path / "s.pdf"
    res = build(pack, str(out), ["summary"], str(tmp_path))
    assert res.pages >= 2
    assert "needs" in res.notices["summary"][0]
    text = "\n".join(pdf_pages_text(out))
    assert "(continued)" in text
    people = {
        t
        for topic in load_pack(str(p))[0].topics
        for person in topic.people
        for t in (person.name, person.about)
    }
    assert missing_words(out, [t for t in all_texts(p) if t not in people]) == []  # people: on organisers


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_no_heading_ends_a_column(tmp_path, paper, orientation):
    """On the page, the lowest line of every column is never a heading alone (all bold): headings
    always have text under them in the same column."""
    p = make_pack(tmp_path, {"long.yaml": long_topic()}, f"- layout: summary\n  orientation: {orientation}\n",
                  paper=paper)  # fmt: skip
    pack, _ = load_pack(str(p))
    out = tmp_path / "s.pdf"
    build(pack, str(out), ["summary"], str(tmp_path))
    pw = {"A4": 595.28, "Letter": 612.0}[paper]
    page_w, ncols = (pw, 2) if orientation == "portrait" else ({"A4": 841.89, "Letter": 792.0}[paper], 3)
    for runs in text_positions(out):
        body = [r for r in runs if r.y > FURNITURE_BAND]
        columns: dict[int, list] = {}
        for r in body:  # a table row's cells (its bold first cell, its text) belong to one column
            columns.setdefault(int(r.x // (page_w / ncols)), []).append(r)
        for col in columns.values():
            lowest = min(r.y for r in col)
            last_line = [r for r in col if abs(r.y - lowest) < 1]
            assert not all(r.bold for r in last_line), [r.text for r in last_line]


def test_include_and_no_empty_boxes(tmp_path):
    """A topic without a timeline has no key dates box; include: [cards] leaves out key terms."""
    topic = "topic: T\ncards:\n  - title: A\n    points: [x]\nkey_terms:\n  - term: K\n    definition: D\n"
    p = make_pack(tmp_path, {"t.yaml": topic}, "- layout: summary\n")
    text = "\n".join(pdf_pages_text(build_pdf(p, only=["summary"])))
    assert "Key terms" in text and "Key dates" not in text
    p = make_pack(tmp_path, {"t.yaml": topic}, "- layout: summary\n  include: [cards]\n")
    text = "\n".join(pdf_pages_text(build_pdf(p, only=["summary"])))
    assert "Key terms" not in text and "D" not in text.split()


def test_landscape_uses_three_columns_and_the_paper_reflows(tmp_path):
    """orientation: landscape gives landscape pages; Letter gives Letter pages."""
    from pypdf import PdfReader

    p = make_pack(tmp_path, TOPICS, "- layout: summary\n  orientation: landscape\n", paper="Letter")
    pack, _ = load_pack(str(p))
    out = tmp_path / "s.pdf"
    build(with_overrides(pack, None, None, None), str(out), ["summary"], str(tmp_path))
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
