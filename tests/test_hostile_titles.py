"""Titles with no space anywhere (a file name used as a title) never crash a build: broken over lines
or shortened in running heads, every character kept where the title is printed whole."""

from __future__ import annotations

from helpers import build_pdf, make_pack, pdf_pages_text

from studypack.text.fit import plain_lines, running_head

ALL = """
- layout: cards
- layout: summary
- layout: timeline
- layout: quiz
- layout: matching
- layout: cloze
- layout: sequence
"""


def _joined(text: str) -> str:
    """The PDF's text with line breaks and hyphens at line ends taken out."""
    return text.replace("-\n", "").replace("\n", "")


def test_a_long_title_without_spaces_builds_and_keeps_every_character(tmp_path):
    """A 200-character pack title and topic title without a space, in every built-in layout: the
    build succeeds, the cover shows the whole pack title and the summary the whole topic title."""
    title, name = "Y" * 90 + "Z" * 110, "q" * 120 + "r" * 80
    events = "".join(f"  - date: {1950 + i}\n    event: {name}{i}\n" for i in range(4))
    topic = (
        f"topic: {name}\ncards:\n  - title: {name}\n    text: '{name} and [[more]]'\n"
        f"  - front: {name}?\n    back: yes\n  - front: other?\n    back: no\n"
        f"key_terms:\n  - term: {name}\n    definition: d\n  - term: b\n    definition: e\n"
        f"timeline:\n{events}"
    )
    manifest = make_pack(tmp_path, {"t.yaml": topic}, ALL, title=title)
    pages = pdf_pages_text(build_pdf(manifest))
    assert title in _joined(pages[0])
    assert any(name in _joined(p) for p in pages[1:])


def test_plain_lines_break_a_word_wider_than_the_line():
    """One word wider than the width comes back over several lines, every character kept."""
    from studypack.model import FontChoice
    from studypack.text.fonts import resolve

    face = resolve(FontChoice()).face()
    word = "abcdefghij" * 30
    lines = plain_lines(word, face, 12, 200)
    assert len(lines) > 1 and "".join(ln.removesuffix("-") for ln in lines) == word
    size, head = running_head("x" * 100_000, face, 11, 300, after=": cover (continued)")
    assert head.endswith("…: cover (continued)") and len(head) < 200 and size >= 8
