"""Bad input gets `path:line:col: message (hint)`, every problem at once, never a traceback."""

from pathlib import Path

import pytest
from helpers import write

from studypack.errors import ContentError
from studypack.load.manifest import load_pack
from studypack.load.topic import load_topic

CASES = [
    (  # duplicate key: PyYAML would silently keep the last
        "topic: T\ncards:\n  - title: A\n    title: B\n    points: [x]\n",
        "t.yaml:4:5: duplicate key 'title' (first at line 3) (YAML would keep only the last one "
        "and lose the other; merge or rename them)",
    ),
    (  # columns count characters, not bytes, on a line of Cyrillic
        "topic: T\ncards:\n  - {title: Хрущёв и, pionts: [x]}\n",
        "t.yaml:3:23: unknown key 'pionts' in a card (did you mean 'points'?)",
    ),
    (
        "topic: T\ncards:\n  - title: A\n    pionts: [x]\n",
        "t.yaml:4:5: unknown key 'pionts' in a card (did you mean 'points'?)",
    ),
    (  # a key of the format indented under a title: structure in the wrong column, not text
        "topic: T\ncards:\n  - title: A\n     points: [x]\n",
        "t.yaml:4:12: 'points:' is read as more of the text of 'title:' on line 3: it starts in column 6, "
        "deeper than 'title:' (column 5) (keys of one card or topic start in the same column: move "
        "`points:` to column 5)",
    ),
    (
        "topic: T\ncards:\n  - title: A\n    points:\n      - * starred point\n",
        "t.yaml:5:10: a text cannot start with '*' unquoted in YAML "
        '(put the text in double quotes: - "* starred point")',
    ),
    (  # a key of a card as the first word of a point: a card in the wrong column, or text?
        "topic: T\ncards:\n  - title: A\n    points:\n      - title: B\n",
        "t.yaml:5:9: 'title:' in a list of points: the 'title:' of a card or topic, or a point whose text "
        "starts 'title:'? (for a point, put it in quotes so the colon is text: - \"title: B\"; for a "
        "card, start its '-' in the column of the other cards')",
    ),
    (
        "topic: T\ncards:\n\t- title: A\n",
        "t.yaml:3:1: tab character in the indentation "
        "(YAML indents with spaces only; replace the tab with spaces)",
    ),
    ("", "t.yaml:1:1: the file is empty (a topic starts with `topic:`)"),
    ("# only a comment\n", "t.yaml:1:1: the file is empty (a topic starts with `topic:`)"),
    (
        "topic: T\ncards:\n  - title: !!python/object:os.system A\n    points: [x]\n",
        "t.yaml:3:12: YAML tag '!!python/object:os.system' is not allowed (remove the tag; write plain text)",
    ),
    (
        "topic: T\ntimeline:\n  - date: sometime\n    event: x\n",
        "t.yaml:3:11: cannot read 'sometime' as a date (write e.g. 1956, 1956-02, 1956-02-25, "
        "25 February 1956, February 1956, 1953-1956, 1953 to 1956, c. 1960, 1950s, early 1950s, "
        "19th century, Spring 1948, 25/02/1956, 44 BC or AD 43)",
    ),
    (
        "topic: T\ncards:\n  - title:\n    points: [x]\n",
        "t.yaml:3:11: the card's title is empty (write the text after the colon, or remove the key)",
    ),
    (
        "topic: T\ncards:\n  - points: [x]\n",
        "t.yaml:3:5: a card has no 'title' (or 'front') (add `title:` with the card's front)",
    ),
    (
        "topic: T\ncards:\n  - title: '  '\n    points: [x]\n",
        "t.yaml:3:12: the card's title is empty (write the text after the colon, or remove the key)",
    ),
    ("topic: [a, b]\n", "t.yaml:1:8: expected text for the topic, found a list"),
    (
        "topic: T\ncards: x\n",
        "t.yaml:2:8: expected a list for cards (lines starting '- '), found the text \"x\"",
    ),
    (
        'topic: "unclosed\ncards: []\n',
        "t.yaml:1:8: a quote is opened but never closed (close the quote on the same text, or remove it)",
    ),
    ("cards: []\n", "t.yaml:1:1: a topic file has no 'topic' (add `topic:`)"),
    (
        "topic: T\ncards:\n  - A card written as plain text\n",
        "t.yaml:3:5: a card is a mapping with a title and points, found plain text",
    ),
    (
        "topic: T\ncards:\n  - title: A\n    front: B\n    back: C\n",
        "t.yaml:4:5: a card has a title or a front, not both (keep one of them)",
    ),
    (
        "topic: T\ntimeline:\n  - date: 1956\n",
        "t.yaml:3:5: a timeline event has no 'event' (add `event:`)",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_topic_errors(tmp_path: Path, text: str, expected: str, monkeypatch):
    """Each bad topic is rejected with the exact location, message and hint."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_topic("t.yaml")
    shown = [str(p) for p in e.value.problems]
    assert any(s.startswith(expected) for s in shown), shown


def test_not_utf8(tmp_path, monkeypatch):
    """A file saved as Latin-1 is pointed at the first byte that is not UTF-8."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.yaml").write_bytes(b"topic: T\ncards:\n  - title: caf\xe9\n")
    with pytest.raises(ContentError) as e:
        load_topic("t.yaml")
    assert str(e.value.problems[0]).startswith("t.yaml:3:15: the file is not UTF-8 (byte 0xe9)")


def test_binary_file(tmp_path, monkeypatch):
    """A binary file is refused as not text."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(ContentError) as e:
        load_topic("t.yaml")
    assert "t.yaml: is not a text file" in str(e.value)


def test_every_problem_in_the_pack_at_once(tmp_path, monkeypatch):
    """Problems in the manifest and in several topic files come back together, each located."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "topic: A\ncards:\n  - title: X\n    title: Y\n")
    write(tmp_path / "b.yaml", "topic: B\ntimeline:\n  - date: 1956-13-40\n    event: e\n")
    write(
        tmp_path / "pack.yaml",
        """
        title: P
        topics: [a.yaml, b.yaml, missing.yaml]
        paper: A5
        sections:
          - layout: card
          - layout: cards
            sise: A7
            sides: triple
          - layout: cards
            topics: [Nope]
        """,
    )
    with pytest.raises(ContentError) as e:
        load_pack("pack.yaml")
    shown = [str(p) for p in e.value.problems]
    expected = [
        "pack.yaml:3:8: unknown paper 'A5' (expected A4, Letter or A3)",
        "a.yaml:4:5: duplicate key 'title' (first at line 3)",
        "b.yaml:3:11: '1956-13-40': month 13 is not 01-12",
        "pack.yaml:2:26: topic file 'missing.yaml' not found",
        "pack.yaml:5:13: unknown layout 'card' (did you mean 'cards'?)",
        "pack.yaml:7:5: layout 'cards' has no option 'sise' (did you mean 'size'?)",
        "pack.yaml:8:12: cards option 'sides': expected one of single, duplex-long-edge, "
        "duplex-short-edge, fold; found 'triple'",
        "pack.yaml:9:5: section 'cards-2' picks topic 'Nope', which the pack does not have",
    ]
    for exp in expected:
        assert any(s.startswith(exp) for s in shown), (exp, shown)


def test_warnings_do_not_stop_a_build(tmp_path, monkeypatch):
    """Review notes and ambiguous dates are warnings: the topic loads, the warnings are listed."""
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "t.yaml",
        """
        topic: T
        cards:
          - title: A
            points: [x]
            review: title made up by the importer
        timeline:
          - date: 1910-11
            event: e
        """,
    )
    topic, warnings = load_topic("t.yaml")
    shown = [str(p) for p in warnings]
    assert "t.yaml:3:5: warning: card 'A' needs review: title made up by the importer" in shown[0]
    assert shown[1].startswith("t.yaml:7:11: warning: '1910-11' could be a month or a range")
    assert topic.timeline[0].date.start.month == 11


def test_scalars_are_text_as_typed(tmp_path, monkeypatch):
    """YAML's booleans, numbers and dates never change a teacher's words."""
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "t.yaml",
        """
        topic: 3.10
        cards:
          - title: No
            points: [on, 1956-02-25, 0x1F, ~, 1_000, .inf]
        """,
    )
    topic, _ = load_topic("t.yaml")
    assert topic.topic == "3.10"
    card = topic.cards[0]
    assert card.front == "No"
    assert [p.text for p in card.points] == ["on", "1956-02-25", "0x1F", "~", "1_000", ".inf"]
