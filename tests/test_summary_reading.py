"""Summary sheets for reading at a desk: headings clearly above the body, short topics set larger,
vocabulary as a table, no orphaned line at a column's edge, no line starting with lone punctuation."""

from helpers import build_pdf, make_pack, text_positions
from studypack.layouts.summary.columns import Block, flow

from studypack.text.fit import glue_punctuation


def body_and_heads(pdf):  # type: ignore[no-untyped-def]
    runs = [r for page in text_positions(pdf) for r in page if 40 < r.y < 780]
    return runs


def test_headings_are_bold_and_a_fifth_above_the_body(tmp_path):
    """Card titles are bold and at least 1.2 x the body size."""
    topic = "topic: T\ncards:\n" + "".join(
        f"  - title: Heading {i}\n    points: [{' '.join(['body'] * 60)}]\n" for i in range(8)
    )
    runs = body_and_heads(
        build_pdf(make_pack(tmp_path, {"t.yaml": topic}, "- layout: summary\n"), only=["summary"])
    )
    heads = [r for r in runs if r.text.strip().startswith("Heading")]
    body = [r for r in runs if r.text.strip().startswith("body")]
    assert heads and body and all(h.bold for h in heads)
    assert min(h.size for h in heads) >= 1.2 * max(b.size for b in body) - 1e-6


def test_a_short_topic_is_set_larger(tmp_path):
    """A topic with room on its side is set larger, up to the maximum (14 pt by default)."""
    topic = "topic: Short\ncards:\n  - title: One\n    points: [a single point to revise]\n"
    runs = body_and_heads(
        build_pdf(make_pack(tmp_path, {"t.yaml": topic}, "- layout: summary\n"), only=["summary"])
    )
    point = [r for r in runs if "single point" in r.text][0]
    assert point.size == 14.0


def test_vocabulary_is_a_two_column_table(tmp_path):
    """Five cards of a word and its meaning become one table: each term in bold at the column's left,
    its meaning on the same line to its right, every meaning the same distance from its term's x."""
    words = {"osmosis": "water moving across a membrane", "diffusion": "particles spreading out",
             "enzyme": "a protein that speeds up a reaction", "cell": "the smallest unit of life",
             "tissue": "cells of one kind working together"}  # fmt: skip
    topic = "topic: Biology words\ncards:\n" + "".join(
        f"  - title: {w}\n    text: {d}\n" for w, d in words.items()
    )
    runs = body_and_heads(
        build_pdf(make_pack(tmp_path, {"t.yaml": topic}, "- layout: summary\n"), only=["summary"])
    )
    lefts = set()
    for term, meaning in words.items():
        t = [r for r in runs if r.text.strip() == term][0]
        m = [r for r in runs if r.text.strip().startswith(meaning.split()[0]) and abs(r.y - t.y) < 0.5][0]
        assert t.bold and not m.bold and m.x > t.x
        lefts.add(round(m.x - t.x, 1))
    assert len(lefts) == 1


def test_no_single_line_ends_or_starts_a_column():
    """A card split across columns leaves at least two lines on each side."""
    five = Block((10.0,) * 5)
    cols = flow([Block((10.0,) * 3), five], col_h=71.0)  # 3 + 4 lines would fit: 4/1 is refused
    assert [(p.block, p.end - p.start) for c in cols for p in c] == [(0, 3), (1, 3), (1, 2)]
    cols = flow([Block((10.0,) * 6), five], col_h=71.0)  # one line left at the foot: moved on whole
    assert [(p.block, p.end - p.start) for c in cols for p in c] == [(0, 6), (1, 5)]


def test_lone_punctuation_goes_with_the_word_before():
    """'1953 – 56' never breaks before the dash: a line never starts with a lone mark."""
    assert glue_punctuation("between 1953 – 56 and : after".split()) == [
        "between",
        "1953 –",
        "56",
        "and :",
        "after",
    ]
    assert glue_punctuation(["–", "first"]) == ["–", "first"]
