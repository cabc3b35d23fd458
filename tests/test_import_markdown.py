"""Markdown read by a CommonMark parser: setext headings, lazy continuation lines, emphasis rules,
code spans, headings with `#` inside, pictures as alt text with a review note, glossaries as key
terms; and term exports whose cells are HTML only when they look like it."""

from pathlib import Path

from helpers import write

from studypack.importer.run import import_files
from studypack.load.topic import load_topic
from studypack.text.markup import plain, words


def imported(tmp_path: Path, name: str, text: str):
    src = write(tmp_path / name, text)
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    out = tmp_path / "out.yaml"
    out.write_text(d.yaml, encoding="utf-8")
    topic, problems = load_topic(str(out))
    assert not [p for p in problems if not p.warning], problems
    return d.notes, topic


SETEXT = """Programming notes
=================

Learning C#
-----------
A language for games and apps.

## Learning C# ##

- Variables hold values;
lazy continuation of the same point
- `a*b*c` is code, and snake_case_name stays as written
- 2 * 3 * 4 is arithmetic, **bold** and *italic* and __also bold__ are emphasis

Some text with a [link](https://example.org/x) and an ![a diagram of a loop](img/loop.png) inside.
"""


def test_commonmark_rules(tmp_path):
    """Setext headings, `## Learning C# ##` kept whole, a lazy line joins its point, code spans
    and underscores inside words are literal, emphasis as studypack markup, pictures as their alt
    text with a review note naming the file."""
    notes, topic = imported(tmp_path, "p.md", SETEXT)
    assert topic.topic == "Programming notes"
    assert [c.front for c in topic.cards] == ["Learning C#", "Learning C#"]
    pts = [p.text for p in topic.cards[1].points]
    assert pts[0] == "Variables hold values; lazy continuation of the same point"
    assert plain(pts[1]) == "a*b*c is code, and snake_case_name stays as written"
    assert pts[2] == "2 * 3 * 4 is arithmetic, **bold** and *italic* and **also bold** are emphasis"
    text = topic.cards[1].text
    assert "link (https://example.org/x)" in text and "a diagram of a loop" in text
    assert "img/loop.png" in topic.cards[1].review and "picture" in topic.cards[1].review
    got = {w for _, _, t in topic.texts() for w in words(t)}
    assert {"lazy", "continuation", "snake_case_name", "diagram", "loop"} <= got


GLOSSARY = """# Plate tectonics

## Key terms
- **Crust**: the thin outer layer of the Earth
- Mantle - the hot layer beneath the crust
  - moves slowly by convection
- Core: the centre, mostly iron and nickel

## Boundaries
| Boundary | What happens |
|---|---|
| Constructive | plates move apart |
| Destructive | one plate sinks under another |

## Hazards
1. Earthquakes
2. Volcanoes
"""


def test_glossary_heading_and_tables_become_key_terms(tmp_path):
    """Items under 'Key terms' are key terms (bold term, dash or colon), their sub-items part of
    the definition; a two-column table is a glossary too; other headings stay cards."""
    notes, topic = imported(tmp_path, "g.md", GLOSSARY)
    terms = {k.term: k.definition for k in topic.key_terms}
    assert terms == {
        "Crust": "the thin outer layer of the Earth",
        "Mantle": "the hot layer beneath the crust moves slowly by convection",
        "Core": "the centre, mostly iron and nickel",
        "Constructive": "plates move apart",
        "Destructive": "one plate sinks under another",
    }
    assert [c.front for c in topic.cards] == ["Boundaries", "Hazards"]
    assert topic.cards[0].text == "Boundary – What happens"  # a table's own header: kept
    assert [p.text for p in topic.cards[1].points] == ["1. Earthquakes", "2. Volcanoes"]
    assert notes.shape == "Markdown: 2 cards and 5 key terms"


def test_key_terms_without_cards_still_print_as_cards(tmp_path):
    """A topic of key terms only builds: the cards layout's default takes its key terms."""
    from helpers import build_pdf, make_pack, missing_words

    src = write(tmp_path / "t.txt", "Ion - a charged particle\nAlloy - a mixture of metals\n")
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    pdf = build_pdf(make_pack(tmp_path, {"t.yaml": d.yaml}, "- layout: cards\n  sides: single\n"))
    assert missing_words(pdf, ["Ion", "a charged particle", "Alloy", "a mixture of metals"]) == []


def test_tsv_cells_are_html_only_when_they_look_like_it(tmp_path):
    """`5 < 6 and 7 > 3` stays as written; `<b>` and `<br>` fields are read as Anki HTML."""
    plain_tsv = write(tmp_path / "maths.tsv", "Inequality\t5 < 6 and 7 > 3\nAmpersand\tR&D stays\n")
    html_tsv = write(tmp_path / "anki.tsv", "<b>Osmosis</b>\twater moves<br>across a membrane\n")
    a, b = import_files([str(plain_tsv), str(html_tsv)], str(tmp_path / "o"))
    assert [(t.term, t.definition) for t in a.notes.key_terms] == [
        ("Inequality", "5 < 6 and 7 > 3"),
        ("Ampersand", "R&D stays"),
    ]
    assert [(t.term, t.definition) for t in b.notes.key_terms] == [
        ("**Osmosis**", "water moves across a membrane")
    ]


def test_a_title_is_a_title_not_a_file_name(tmp_path):
    """A first line that names the set is the topic, whatever the file is called; a file with no
    such line takes its name."""
    notes, topic = imported(tmp_path, "export-2024-01-03.txt", "The Tudors\nHenry VII - first Tudor king\n"
                            "Henry VIII - broke with Rome\nElizabeth I - last Tudor monarch\n")  # fmt: skip
    assert topic.topic == "The Tudors" and len(topic.key_terms) == 3
    notes, topic = imported(
        tmp_path, "tudor-monarchs.txt", "Henry VII - first Tudor king\nHenry VIII - broke with Rome\n"
    )
    assert topic.topic == "Tudor monarchs"


def test_markdown_pictures_are_copied_next_to_the_topic(tmp_path):
    """A Markdown picture that exists becomes the card's `image:` and is copied into a folder
    beside the topic file; one not found is named in a review note; the topic checks and builds."""
    from PIL import Image

    (tmp_path / "img").mkdir()
    Image.new("RGB", (600, 400), "white").save(tmp_path / "img" / "heart.png")
    src = write(tmp_path / "n.md", "# The heart\n\n## Structure\n![A diagram](img/heart.png)\n- Four chambers\n\n"
                "## Missing\n![Lost](img/none.png)\n\nSome text.\n")  # fmt: skip
    from studypack.importer.run import write_all

    done = import_files([str(src)], str(tmp_path / "out"))
    write_all(done)
    topic, problems = load_topic(done[0].target)
    assert topic.cards[0].image is not None and topic.cards[0].image.file == "the-heart-pictures/heart.png"
    assert (tmp_path / "out" / "the-heart-pictures" / "heart.png").read_bytes() == (
        tmp_path / "img" / "heart.png"
    ).read_bytes()
    assert "img/none.png" in topic.cards[1].review
