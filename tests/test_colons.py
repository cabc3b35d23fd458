"""Colons are text as typed: `- Term: explanation`, `title: Cells: the basics` and the like are read
without an error or a warning; only a real ambiguity gets a message, and it names the colon."""

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build_pdf, make_pack, pdf_tokens, write

from studypack.errors import ContentError
from studypack.export.flashcards import flashcards
from studypack.export.tsv import tsv
from studypack.load.manifest import load_pack
from studypack.load.topic import load_topic
from studypack.text.markup import parse, plain, words

CARD = "topic: T\ncards:\n  - title: A\n    points:\n"


def topic_of(tmp_path: Path, text: str):
    """The topic and its warnings (raises ContentError for errors)."""
    return load_topic(str(write(tmp_path / "t.yaml", text)))


def points_of(tmp_path: Path, lines: str) -> list[str]:
    topic, warnings = topic_of(tmp_path, CARD + lines)
    assert warnings == [], [str(w) for w in warnings]
    return [p.text for p in topic.cards[0].points]


# (point lines as typed, the points' text in the model)
POINTS = {
    "term: explanation is the point, the term in bold": (
        "      - Nucleus: contains the DNA that controls the cell\n",
        ["**Nucleus:** contains the DNA that controls the cell"],
    ),
    "a second colon in the explanation": (
        "      - Causes: economic: more\n",
        ["**Causes:** economic: more"],
    ),
    "quotes after the colon are kept, text after them too": (
        '      - Kennedy: "Ich bin ein Berliner" in 1963\n',
        ['**Kennedy:** "Ich bin ein Berliner" in 1963'],
    ),
    "a wholly quoted explanation keeps its quotes": (
        "      - Kennedy: 'Ich bin ein Berliner'\n",
        ["**Kennedy:** 'Ich bin ein Berliner'"],
    ),
    "a quotation in curly quotes is text, not a term": (
        "      - “Kennedy: Ich bin ein Berliner”\n",
        ["“Kennedy: Ich bin ein Berliner”"],
    ),
    "a colon at the end of the line": (
        "      - Nucleus: the cell's centre:\n",
        ["**Nucleus:** the cell's centre:"],
    ),
    "a term with nothing after it and sub-points under it": (
        "      - Causes:\n          - economic: money\n          - political\n",
        ["**Causes:**"],
    ),
    "Cyrillic, Greek and accents": (
        "      - Хрущёв: лидер: СССР\n      - Ελλάδα: χώρα\n      - Écoles: élèves\n",
        ["**Хрущёв:** лидер: СССР", "**Ελλάδα:** χώρα", "**Écoles:** élèves"],
    ),
    "a continuation line with a colon joins the point": (
        "      - a long point that\n        continues: here\n",
        ["a long point that continues: here"],
    ),
    "`text:` as the first word is structure: the point's text, no bold": (
        "      - text: Mitochondria: the powerhouse\n        points: [ATP: energy]\n",
        ["Mitochondria: the powerhouse"],
    ),
    "a capitalised Text is a term like any other": (
        "      - Text: the words on the page\n",
        ["**Text:** the words on the page"],
    ),
    "a quoted point stays exactly as quoted, no bold": ('      - "Note: this"\n', ["Note: this"]),
    "a time is not a term": ("      - 10:30 the meeting\n", ["10:30 the meeting"]),
    "markup in the term stays markup": ("      - H~2~O: water\n", ["**H~2~O:** water"]),
    "a term with a cloze gap is not bold (bold may not span the gap)": (
        "      - The [[nucleus]]: controls the [[cell]]\n",
        ["The [[nucleus]]: controls the [[cell]]"],
    ),
    "an explanation that starts with a cloze gap": (
        "      - Nucleus: [[controls]] the cell\n",
        ["**Nucleus:** [[controls]] the cell"],
    ),
    "an explanation that is one cloze gap, and a point that is one": (
        "      - Nucleus: [[controls the cell]]\n      - [[Sputnik]]\n",
        ["**Nucleus:** [[controls the cell]]", "[[Sputnik]]"],
    ),
    "a term with bold of its own is left as typed": (
        "      - The **nucleus**: the centre\n",
        ["The **nucleus**: the centre"],
    ),
}


@pytest.mark.parametrize("name", list(POINTS))
def test_points_as_typed(tmp_path, name):
    """Each point reads as typed, with no error and no warning."""
    lines, expected = POINTS[name]
    assert points_of(tmp_path, lines) == expected


def test_sub_points_of_a_term(tmp_path):
    """`- Causes:` with '- ' lines under it has them as sub-points (a colon in one is text too)."""
    topic, _ = topic_of(tmp_path, CARD + POINTS["a term with nothing after it and sub-points under it"][0])
    (causes,) = topic.cards[0].points
    assert [p.text for p in causes.points] == ["**economic:** money", "political"]


def test_bold_term_prints_bold_and_reads_plain():
    """`**Term:** explanation` is the term in bold then the explanation; a reader (and the
    no-word-lost check) sees "Term: explanation"."""
    runs = parse("**Nucleus:** contains the DNA")
    assert [(r.text, r.bold) for r in runs] == [("Nucleus:", True), (" contains the DNA", False)]
    assert plain("**H~2~O:** water") == "H2O: water"
    assert plain("**5 * 3:** fifteen") == "5 * 3: fifteen"


# (a field written with ': ' inside, as typed, and what it reads as)
FIELDS = [
    ("topic: Cells: the basics\ncards:\n  - title: A\n    points: [x]\n", "topic", "Cells: the basics"),
    ("topic: T\ncards:\n  - title: Cells: the basics\n    points: [x]\n", "title", "Cells: the basics"),
    ('topic: T\ncards:\n  - title: "Cells" the basics\n    points: [x]\n', "title", '"Cells" the basics'),
    ("topic: T\ncards:\n  - front: What is ATP: energy?\n    back: Adenosine: triphosphate\n", "front",
     "What is ATP: energy?"),
    ("topic: T\ncards:\n  - front: Q\n    back: Adenosine: triphosphate 'ATP' x\n", "back",
     "Adenosine: triphosphate 'ATP' x"),
    ("topic: T\ncards:\n  - title: A\n    text: Note: the text: here\n", "text", "Note: the text: here"),
    ('topic: T\ntimeline:\n  - date: 1963\n    event: Kennedy: "Ich bin ein Berliner" in Berlin\n', "event",
     'Kennedy: "Ich bin ein Berliner" in Berlin'),
    ("topic: T\nkey_terms:\n  - term: Cell: wall\n    definition: A layer: outside the membrane\n", "term",
     "Cell: wall"),
    ("topic: T\nkey_terms:\n  - term: Cell wall\n    definition: A layer: outside 'the' membrane\n",
     "definition", "A layer: outside 'the' membrane"),
    ("topic: T\ncards:\n  - title: ‘Kennedy: Ich bin’\n    points: [x]\n", "title", "‘Kennedy: Ich bin’"),
    ("topic: T\ncards:\n  - title:\n      Cells: the basics\n    points: [x]\n", "title", "Cells: the basics"),
    ("topic: T\ntimeline:\n  - date: 1957\n    event: [[Sputnik]]\n", "event", "[[Sputnik]]"),
    ('topic: T\ntimeline:\n  - date: 1963\n    event:\n      Kennedy: "Ich bin ein Berliner"\n', "event",
     'Kennedy: "Ich bin ein Berliner"'),
]  # fmt: skip


def _field(topic, name: str) -> str:
    return {
        "topic": lambda: topic.topic,
        "title": lambda: topic.cards[0].front,
        "front": lambda: topic.cards[0].front,
        "back": lambda: topic.cards[0].text,
        "text": lambda: topic.cards[0].text,
        "event": lambda: topic.timeline[0].text,
        "term": lambda: topic.key_terms[0].term,
        "definition": lambda: topic.key_terms[0].definition,
    }[name]()


@pytest.mark.parametrize("text, field, expected", FIELDS, ids=[f"{f}: {e}" for _, f, e in FIELDS])
def test_fields_as_typed(tmp_path, text, field, expected):
    """A title, front, back, text, term, definition or event with ': ' inside reads as typed."""
    topic, warnings = topic_of(tmp_path, text)
    assert [str(w) for w in warnings] == []
    assert _field(topic, field) == expected


def test_lines_and_columns_stay_true_after_a_colon(tmp_path):
    """A problem after a recovered line is still pointed at its own line and column."""
    text = "topic: Cells: the basics\ncards:\n  - title: A: b\n    pionts: [x]\n"
    with pytest.raises(ContentError) as e:
        topic_of(tmp_path, text)
    assert [str(p) for p in e.value.errors] == [
        f"{tmp_path / 't.yaml'}:4:5: unknown key 'pionts' in a card (did you mean 'points'?)"
    ]


def test_a_comment_after_a_recovered_colon_is_still_reported(tmp_path):
    """`- Term: a: b #2` keeps the colons as text and still warns that ' #2' is dropped."""
    _, warnings = topic_of(tmp_path, CARD + "      - Term: a: b #2\n")
    assert [w.message for w in warnings] == ["'#2' is dropped: YAML reads ' #' as the start of a comment"]


AMBIGUOUS = {
    "a card's key as a point's first word": (
        CARD + "      - title: B\n",
        "t.yaml:5:9: 'title:' in a list of points: the 'title:' of a card or topic, or a point whose text "
        "starts 'title:'? (for a point, put it in quotes so the colon is text: - \"title: B\"; for a card, "
        "start its '-' in the column of the other cards')",
    ),
    "a key of the format indented under a title": (
        "topic: T\ncards:\n  - title: A\n     points: [x]\n",
        "t.yaml:4:12: 'points:' is read as more of the text of 'title:' on line 3: it starts in column 6, "
        "deeper than 'title:' (column 5) (keys of one card or topic start in the same column: move "
        "`points:` to column 5)",
    ),
}


@pytest.mark.parametrize("name", list(AMBIGUOUS))
def test_only_real_ambiguity_gets_a_message(tmp_path, name, monkeypatch):
    """Where a colon could be structure or text, the message says which two readings, and how to
    write either."""
    text, expected = AMBIGUOUS[name]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_topic("t.yaml")
    assert [str(p) for p in e.value.errors] == [expected]


FIRST_DAY = """\
topic: Cells: the basics
subject: Biology
cards:
  - title: Cell parts: an overview
    points:
      - Nucleus: contains the DNA that controls the cell
      - Cell membrane: controls what enters and leaves
      - Cytoplasm: where reactions happen: most of them
      - Mitochondria: release energy (respiration)
      - Ribosomes: make proteins
      - Cell wall: made of cellulose; plants only
      - Chloroplasts: absorb light for photosynthesis
      - Vacuole: "cell sap" keeps the cell firm
  - front: What does ATP stand for: in full?
    back: Adenosine triphosphate: the cell's energy carrier
timeline:
  - date: 1665
    event: Hooke: "cells" seen in cork
key_terms:
  - term: Diffusion: passive
    definition: Net movement of particles: high to low concentration
"""


def test_a_first_days_pack_builds_with_every_word(tmp_path):
    """The issue's first-day pack (eight colon points) checks clean and every word reaches the
    PDF; the terms print bold."""
    pack = make_pack(
        tmp_path, {"cells.yaml": FIRST_DAY}, "- layout: cards\n- layout: summary\n- layout: timeline\n"
    )
    r = subprocess.run(
        [sys.executable, "-m", "studypack", "check", str(pack)], capture_output=True, text=True
    )
    assert r.returncode == 0 and r.stderr == "", r.stderr
    tokens = pdf_tokens(build_pdf(pack))
    missing = [w for w in words(FIRST_DAY) if w not in tokens and w not in ("topic", "subject", "cards",
               "title", "points", "front", "back", "timeline", "date", "event", "key_terms", "term", "definition")]  # fmt: skip
    assert missing == []


def test_exports_show_the_term_bold_in_anki_and_plain_in_tsv(tmp_path):
    """Anki shows the term in bold (`<b>Nucleus:</b>`), as the printed card does; Quizlet's TSV,
    which has no bold, has the plain words as typed."""
    pack_file = make_pack(tmp_path, {"cells.yaml": FIRST_DAY}, "- layout: cards\n")
    pack, _ = load_pack(str(pack_file))
    cards = list(flashcards(pack.topics))
    assert "<li><b>Nucleus:</b> contains the DNA that controls the cell</li>" in cards[0].back_html
    assert "Nucleus: contains the DNA that controls the cell" in tsv(cards)
    assert "**" not in tsv(cards)


def test_many_colons_in_a_big_file_are_all_read(tmp_path):
    """Hundreds of colon lines, on their own and going on from the line above, all read as typed
    (the whole file at once, not one re-read per line)."""
    lines = "".join(
        f'      - Term {i}: a: b "q" c\n      - point {i} that\n        goes on: here\n' for i in range(400)
    )
    points = points_of(tmp_path, lines)
    assert len(points) == 800
    assert points[-2:] == ['**Term 399:** a: b "q" c', "point 399 that goes on: here"]
