"""`studypack import` finds the shape of line-oriented notes and cuts them into the cards (or key
terms) a teacher would keep: one synthetic file per shape, written for these tests, each checked
for the number of cards, their titles, the shape it reports and that every word survives."""

from pathlib import Path

import pytest
from helpers import write

from studypack.importer.run import ImportProblem, import_files
from studypack.importer.shapes import parse_shape_option
from studypack.load.topic import load_topic
from studypack.text.markup import words

FURNITURE_WORDS = {"Q", "A", "Toggle", "On", "Off", "Shuffle", "How", "well", "did", "you", "know", "this",
                   "Not", "at", "all", "Perfectly", "Terms", "in", "set", "Similar", "resources"}  # fmt: skip


def imported(tmp_path: Path, name: str, text: str, **kw):
    src = write(tmp_path / name, text)
    (d,) = import_files([str(src)], str(tmp_path / "out"), **kw)
    out = tmp_path / "out.yaml"
    out.write_text(d.yaml, encoding="utf-8")
    topic, problems = load_topic(str(out))
    assert not [p for p in problems if not p.warning], problems
    got = {w for _, _, t in topic.texts() for w in words(t)} | {
        w for k in topic.key_terms for w in words(k.term) + words(k.definition)
    }
    return d.notes, topic, got


def every_word(text: str, got: set[str], furniture: set[str] = frozenset()) -> list[str]:
    return [w for w in words(text) if w not in got and w not in furniture]


QUESTIONS = """
Cold War questions
What was the Truman Doctrine?
A US promise to support free peoples resisting communism.
Why did Stalin blockade Berlin?
To force the Western allies out of the city.
What was Marshall Aid?
Who built the Berlin Wall?
The East German government, from 13 August 1961.
"""


def test_alternating_questions_and_answers(tmp_path):
    """Question lines each followed by their answer: a card each; a question followed by another
    question is a card with no back and a review note; the first line names the set."""
    notes, topic, got = imported(tmp_path, "q.txt", QUESTIONS)
    assert notes.shape == "alternating question/answer lines: 4 cards"
    assert topic.topic == "Cold War questions"
    assert [c.front for c in topic.cards] == [
        "What was the Truman Doctrine?",
        "Why did Stalin blockade Berlin?",
        "What was Marshall Aid?",
        "Who built the Berlin Wall?",
    ]
    assert topic.cards[1].text == "To force the Western allies out of the city."
    assert topic.cards[2].text == "" and "no answer" in topic.cards[2].review
    assert every_word(QUESTIONS, got) == []


TERMS = """
Photosynthesis
Making glucose from light, water and carbon dioxide.
Chlorophyll
The green pigment that absorbs light.
Stomata
Pores in a leaf that let gases in and out.
"""


def test_alternating_terms_become_key_terms(tmp_path):
    """Term then definition on alternating lines: key terms, not cards; no title is taken from
    the first term."""
    notes, topic, got = imported(tmp_path, "biology-terms.txt", TERMS)
    assert notes.shape == "alternating term/definition lines: 3 key terms"
    assert topic.topic == "Biology terms" and not topic.cards
    assert [(k.term, k.definition) for k in topic.key_terms][1] == (
        "Chlorophyll",
        "The green pigment that absorbs light.",
    )
    assert every_word(TERMS, got) == []


DASHED = """
Key terms: the Cold War
Superpower - a state with enough power to act anywhere in the world
Détente - the easing of tension between the USA and the USSR in the 1970s
Containment - the US policy of stopping the spread of communism
  which began with the Truman Doctrine
Iron Curtain – Churchill's name for the line dividing Europe
Proxy war — a war fought for a superpower by others
"""


def test_term_dash_definition_lines(tmp_path):
    """`term - definition` lines (any dash) are key terms; a line without the separator goes on
    with the item above; a first line without it names the set."""
    notes, topic, got = imported(tmp_path, "terms.txt", DASHED)
    assert notes.shape == 'one item a line, "-" between term and definition: 5 key terms'
    assert topic.topic == "Key terms: the Cold War"
    terms = {k.term: k.definition for k in topic.key_terms}
    assert list(terms) == ["Superpower", "Détente", "Containment", "Iron Curtain", "Proxy war"]
    assert terms["Containment"].endswith("communism which began with the Truman Doctrine")
    assert every_word(DASHED, got) == []


@pytest.mark.parametrize(
    ("sep", "line"),
    [
        ("|", "{t}  |  {d}"),
        ("=", "{t} = {d}"),
        (":", "{t}: {d}"),
        ("tab", "{t}\t{d}"),
        ("|", "| {t} | {d} |"),
    ],
)
def test_every_separator(tmp_path, sep, line):
    """Each separator, with padding around `|` ignored and a Markdown-style table's rule skipped."""
    pairs = [("Ion", "a charged particle"), ("Isotope", "an atom with a different number of neutrons"),
             ("Alloy", "a mixture of a metal with other elements")]  # fmt: skip
    text = "Chemistry words\n" + ("|---|---|\n" if line.startswith("|") else "")
    text += "\n".join(line.format(t=t, d=d) for t, d in pairs) + "\n"
    notes, topic, got = imported(tmp_path, "c.txt", text)
    assert [(k.term, k.definition) for k in topic.key_terms] == pairs
    assert topic.topic == "Chemistry words"
    assert every_word(text, got) == []


NUMBERED = """
Causes of the First World War
1. Militarism
1.1 The arms race
1.1.1 Dreadnoughts built by Britain and Germany
1.2 Conscription in most European countries
2. Alliances
2.1 Triple Entente
2.2 Triple Alliance
3. Imperialism
"""


def test_numbered_outline_at_any_depth(tmp_path):
    """`1.`, `1.1`, `1.1.1`: a card per top-level branch, deeper levels nested as points."""
    notes, topic, got = imported(tmp_path, "o.txt", NUMBERED)
    assert notes.shape == "an outline, a card per top-level branch: 3 cards"
    assert topic.topic == "Causes of the First World War"
    assert [c.front for c in topic.cards][:2] == ["1. Militarism", "2. Alliances"]
    m = topic.cards[0]
    assert [p.text for p in m.points] == ["1.1 The arms race", "1.2 Conscription in most European countries"]
    assert m.points[0].points[0].text == "1.1.1 Dreadnoughts built by Britain and Germany"
    assert every_word(NUMBERED, got) == []


MIND_MAP = """Water cycle
\tEvaporation
\t\tThe sun heats water in seas and lakes
\tCondensation
\t\tVapour cools and forms clouds
\t\tClouds are carried by wind
\tPrecipitation
\t\tRain, snow, sleet and hail
"""


@pytest.mark.parametrize("style", ["tabs", "bullets"])
def test_indented_mind_map(tmp_path, style):
    """An indented mind map (tabs, or nested bullets): its centre is the topic, a card per branch."""
    text = (
        MIND_MAP
        if style == "tabs"
        else "\n".join(("  " * ln.count("\t")) + "- " + ln.strip() for ln in MIND_MAP.splitlines()) + "\n"
    )
    notes, topic, got = imported(tmp_path, "map.txt", text)
    assert topic.topic == "Water cycle"
    assert [c.front for c in topic.cards] == ["Evaporation", "Condensation", "Precipitation"]
    assert [p.text for p in topic.cards[1].points] == [
        "Vapour cools and forms clouds",
        "Clouds are carried by wind",
    ]
    assert every_word(text, got) == []


HEADINGS = """
The heart
Pumps blood around the body.
Has four chambers: two atria and two ventricles.
Blood vessels
Arteries carry blood away from the heart.
Veins carry blood back to the heart.
Capillaries
Tiny vessels where substances are exchanged.
"""


def test_heading_lines_with_their_points(tmp_path):
    """Short lines without final punctuation, each followed by longer lines: a card each."""
    notes, topic, got = imported(tmp_path, "circulation.txt", HEADINGS)
    assert notes.shape == "headings, each followed by its notes: 3 cards"
    assert [c.front for c in topic.cards] == ["The heart", "Blood vessels", "Capillaries"]
    assert [p.text for p in topic.cards[1].points] == [
        "Arteries carry blood away from the heart.",
        "Veins carry blood back to the heart.",
    ]
    assert topic.topic == "Circulation"  # the first heading is a card, not the title
    assert every_word(HEADINGS, got) == []


BLOCKS = """The Treaty of Versailles was signed in 1919. It blamed Germany
for the war and took away its colonies.

Reparations were set at £6.6 billion in 1921.
The army was limited to 100,000 men.

The Rhineland was demilitarised.
"""


def test_blocks_separated_by_blank_lines(tmp_path):
    """Blank-line blocks: a card each, wrapped lines joined into their sentence."""
    notes, topic, got = imported(tmp_path, "versailles.txt", BLOCKS)
    assert notes.shape == "blocks separated by blank lines: 3 cards"
    assert topic.cards[0].text == ("The Treaty of Versailles was signed in 1919. It blamed Germany for the war "
                                   "and took away its colonies.")  # fmt: skip
    assert every_word(BLOCKS, got) == []


FLASHCARD_VIEW = """Cold War flashcards
Terms in this set (3)
1/3
Q
What was the Marshall Plan?
A
US economic aid to rebuild Europe after 1947
How well did you know this? 1 Not at all 2 3 4 5 Perfectly
2/3
Q: Who led the USSR in 1956?
A: Nikita Khrushchev
Toggle On/Off
Shuffle
Press space to flip, arrow keys to move
3/3
Q
What was the Berlin Airlift?
A
Supplies flown into West Berlin in 1948-49
Similar History resources:
"""


def test_flashcard_site_view_with_markers_and_furniture(tmp_path):
    """Q/A markers, counters, the rating row, buttons, keyboard help and the 'Similar' footer:
    three cards, and the furniture is gone."""
    notes, topic, got = imported(tmp_path, "fc.txt", FLASHCARD_VIEW)
    assert notes.shape == "flashcards marked Q and A: 3 cards"
    assert topic.topic == "Cold War flashcards"
    assert [(c.front, c.text) for c in topic.cards] == [
        ("What was the Marshall Plan?", "US economic aid to rebuild Europe after 1947"),
        ("Who led the USSR in 1956?", "Nikita Khrushchev"),
        ("What was the Berlin Airlift?", "Supplies flown into West Berlin in 1948-49"),
    ]
    text = " ".join(c.front + " " + c.text for c in topic.cards)
    for junk in ("Toggle", "Shuffle", "Perfectly", "Similar", "1/3", "arrow keys"):
        assert junk not in text
    content = "\n".join(
        ln for ln in FLASHCARD_VIEW.splitlines()[3:] if ln.startswith(("What", "Q:", "US", "Supp", "A:"))
    )
    assert every_word(content, got, {"Q", "A"}) == []  # the markers themselves are furniture


def test_a_note_that_begins_like_furniture_is_kept(tmp_path):
    """Only whole lines are furniture: 'Created on Khrushchev's orders, ...' is a note."""
    text = ("Berlin\n\nCards (1)\n\n  • The Wall\n    • Created on Khrushchev's orders, the wall went up overnight on "
            "13 August 1961 and cut the city in two for twenty-eight years\n"
            "• Created by: someone\n")  # fmt: skip
    notes, topic, got = imported(tmp_path, "b.txt", text)
    assert "Created on Khrushchev's orders" in topic.cards[0].points[0].text
    assert every_word(text.split("• Created by")[0], got, {"Cards", "1"}) == []


def test_one_note_a_line(tmp_path):
    """Lines of facts with no other shape: a card each."""
    text = "Mitochondria release energy in respiration.\nRibosomes make proteins.\nThe nucleus holds DNA.\n"
    notes, topic, got = imported(tmp_path, "cells.txt", text)
    assert notes.shape == "one note a line: 3 cards"
    assert every_word(text, got) == []


@pytest.mark.parametrize(
    ("shape", "expect"),
    [
        ("lines", 7),
        ("blocks", 1),
        ("headings", None),
        ('separator:" - "', None),
        ("pairs", 4),
        ("outline", 7),
    ],
)
def test_shape_option_overrides(tmp_path, shape, expect):
    """--shape reads the same file another way, and every word still survives."""
    notes, topic, got = imported(tmp_path, "q.txt", QUESTIONS, shape=shape)
    if expect is not None:
        assert len(topic.cards) + len(topic.key_terms) == expect
    assert every_word(QUESTIONS, got) == []


def test_shape_option_is_checked():
    """An unknown shape is a clear error naming the choices."""
    with pytest.raises(ValueError, match="choose from lines, pairs, separator"):
        parse_shape_option("columns")
    assert parse_shape_option("separator:tab").sep == "\t"
    assert parse_shape_option('separator:" - "').sep == " - "


def test_glossary_as_cards(tmp_path):
    """--as cards writes the key terms as question cards instead."""
    notes, topic, got = imported(tmp_path, "terms.txt", DASHED, as_="cards")
    assert not topic.key_terms and [c.front for c in topic.cards][0] == "Superpower"
    assert topic.cards[0].question and topic.cards[0].text.startswith("a state with enough power")


def test_unknown_shape_from_the_command_line_is_exit_2(tmp_path):
    import subprocess
    import sys

    src = write(tmp_path / "q.txt", QUESTIONS)
    r = subprocess.run([sys.executable, "-m", "studypack", "import", str(src), "-o", str(tmp_path / "o"),
                        "--shape", "columns"], capture_output=True, text=True)  # fmt: skip
    assert (
        r.returncode == 2 and "--shape: unknown shape 'columns'" in r.stderr and "Traceback" not in r.stderr
    )
    r = subprocess.run([sys.executable, "-m", "studypack", "import", str(src), "-o", str(tmp_path / "o")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0 and "alternating question/answer lines: 4 cards" in r.stdout


def test_import_errors_are_import_problems(tmp_path):
    with pytest.raises(ImportProblem):
        import_files([str(write(tmp_path / "q.txt", QUESTIONS))], str(tmp_path), shape="nope")
