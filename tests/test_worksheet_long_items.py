"""No text is lost on a worksheet, however long one item is: a matching definition or term longer
than a page continues on the next page under its letter, and a sequencing event too long for a strip
is set smaller and then goes on over strips marked "part k of m". Checked by extracting the PDF's
text: every word there, every line inside the paper's 5 mm safe margin."""

from __future__ import annotations

import re

import pytest
from helpers import build_pdf, make_pack

MM = 72 / 25.4
WORDS = " ".join(f"w{i}x" for i in range(1400))


def _lines_and_words(pdf) -> tuple[list[tuple[int, float, float]], set[str]]:
    from pypdf import PdfReader

    out: list[tuple[int, float, float]] = []
    text = ""
    reader = PdfReader(str(pdf))
    for n, page in enumerate(reader.pages):
        h = float(page.mediabox.height)

        def visitor(t, cm, tm, font, size, n=n, h=h):
            if t.strip():
                out.append((n, tm[5] * cm[3] + cm[5], h))

        text += page.extract_text(visitor_text=visitor) + "\n"
    return out, set(re.findall(r"w\d+x", text))


def _assert_all_kept(pdf) -> None:
    lines, words = _lines_and_words(pdf)
    assert words == {f"w{i}x" for i in range(1400)}, "words missing from the PDF"
    outside = [(n, round(y)) for n, y, h in lines if not (5 * MM - 1 <= y <= h - 5 * MM + 1)]
    assert not outside, f"text outside the 5 mm margin (page, y): {outside[:5]}"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_matching_definition_longer_than_a_page(tmp_path, paper):
    """A 1,400-word definition (and a long term) among short ones: the row goes on over pages."""
    topic = (
        "topic: Long definitions\nkey_terms:\n  - term: Short\n    definition: A short one.\n"
        f"  - term: Enormous {' '.join(['very'] * 40)} term\n    definition: {WORDS}\n"
        "  - term: Other\n    definition: Another short one.\n"
    )
    manifest = make_pack(tmp_path, {"t.yaml": topic}, "- layout: matching\n", paper=paper)
    _assert_all_kept(build_pdf(manifest))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_sequencing_event_longer_than_a_strip(tmp_path, paper):
    """A 1,400-word event with two short ones: strips at the smallest size, the long one on several
    strips, each slot the strips' size, the key the same; nothing off the paper."""
    topic = (
        "topic: Long events\ntimeline:\n"
        f'  - date: "1900"\n    event: {WORDS}\n'
        '  - date: "1910"\n    event: A short event\n'
        '  - date: "1920"\n    event: Another short event\n'
    )
    manifest = make_pack(tmp_path, {"t.yaml": topic}, "- layout: sequence\n", paper=paper)
    pdf = build_pdf(manifest)
    _assert_all_kept(pdf)
    from helpers import pdf_pages_text

    text = "\n".join(pdf_pages_text(pdf))
    assert "(part 1 of" in text and "(part 2 of" in text


@pytest.mark.parametrize("style", ["written", "multiple-choice"])
def test_a_quiz_question_longer_than_a_page(tmp_path, style):
    """A 1,400-word question: its number stays with its first lines, the rest goes on over pages,
    then its answer lines or options."""
    topic = (
        f"topic: Long questions\ncards:\n  - front: {WORDS}?\n    back: A short answer.\n"
        "  - front: Short question?\n    back: Short answer.\n"
        "  - front: Another question?\n    back: Another answer.\n"
        "  - front: A third question?\n    back: A third answer.\n"
    )
    manifest = make_pack(tmp_path, {"t.yaml": topic}, f"- layout: quiz\n  style: {style}\n")
    _assert_all_kept(build_pdf(manifest))


def test_a_multiple_choice_option_longer_than_a_page(tmp_path):
    """A 1,400-word answer is an option on every question (the topic's answers are the options):
    it splits between lines, its ring with its first part."""
    topic = (
        f"topic: Long answers\ncards:\n  - front: Which is long?\n    back: {WORDS}\n"
        "  - front: Short question?\n    back: Short answer.\n"
        "  - front: Another question?\n    back: Another answer.\n"
        "  - front: A third question?\n    back: A third answer.\n"
    )
    manifest = make_pack(tmp_path, {"t.yaml": topic}, "- layout: quiz\n  style: multiple-choice\n")
    _assert_all_kept(build_pdf(manifest))
