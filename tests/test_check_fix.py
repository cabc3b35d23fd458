"""`studypack check --fix` mends tabs, curly quotes, folded bullets, ambiguous colons and keys in the
wrong case, keeping every word and the original as FILE.bak; a file it cannot mend is left as it was."""

import re
import subprocess
import sys
from pathlib import Path

from helpers import write

from studypack.load.fix import problems_reading
from studypack.load.mends import mend_text
from studypack.load.topic import load_topic
from studypack.text.markup import words

MESSY = (
    "topic: Cells\n"
    "cards:\n"
    "\t- Title: A\n"
    "\t  Points:\n"
    "\t\t- Nucleus: the centre\n"
    "\t\t- elections #2\n"
    "\t\t- four zones\n"
    "\t\t    - Free elections\n"
    "\t\t    - Berlin\n"
    "\t\t- “Stalin  # note”\n"
    "\t\t- title: B\n"
    "\t\t- one\n"
    "\t\t - slip\n"
)
MENDED = """\
topic: Cells
cards:
    - title: A
      points:
        - Nucleus: the centre
        - "elections #2"
        - text: four zones
          points:
            - Free elections
            - Berlin
        - "Stalin  # note"
        - "title: B"
        - one
        - slip
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_a_messy_topic_is_mended_and_checks_clean(tmp_path):
    """Every kind of mend on one file: what changed is printed by line, the file reads clean (exit 0),
    the original bytes are in t.yaml.bak and every word of it is in the mended topic."""
    (tmp_path / "t.yaml").write_text(MESSY, encoding="utf-8")
    r = run("check", "--fix", "t.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "t.yaml:3: tabs in the indentation of lines 3-13 are now spaces (a tab is 4)",
        "t.yaml:3: 'Title' is now 'title'",
        "t.yaml:4: 'Points' is now 'points'",
        "t.yaml:6: the text is in quotes, so ' #' and what follows it print",
        "t.yaml:7: the deeper '- ' lines under line 7 are its sub-points",
        "t.yaml:10: the curly quotes “” are now YAML's straight quotes",
        "t.yaml:11: the point is in quotes, so its ':' is text",
        "t.yaml:12: the '- ' lines joined to line 12 are points of their own",
        "mended t.yaml (the original is kept as t.yaml.bak)",
        "ok: topic 'Cells': 1 card, 0 events, 0 key terms",
    ]
    assert r.stderr == ""
    assert (tmp_path / "t.yaml").read_text(encoding="utf-8") == MENDED
    assert (tmp_path / "t.yaml.bak").read_bytes() == MESSY.encode("utf-8")
    topic, _ = load_topic(str(tmp_path / "t.yaml"))
    (card,) = topic.cards
    printed = " ".join(p.text + " " + " ".join(s.text for s in p.points) for p in card.points)
    original_words = set(re.findall(r"\w+", MESSY)) - {"topic", "cards", "Title", "Points", "title"}
    assert original_words - set(words(printed + " " + topic.topic + " " + card.front)) == set()
    assert [p.text for p in card.points[2].points] == ["Free elections", "Berlin"]


def test_a_file_it_cannot_mend_is_left_untouched(tmp_path):
    """An unknown key is not for --fix to guess: the file and its messages are as `check` leaves
    them, exit 2, no .bak."""
    text = "topic: T\ncards:\n  - title: A\n    pionts: [x]\n"
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    plain = run("check", "t.yaml", cwd=tmp_path)
    fixed = run("check", "--fix", "t.yaml", cwd=tmp_path)
    assert fixed.returncode == plain.returncode == 2
    assert (fixed.stdout, fixed.stderr) == (plain.stdout, plain.stderr)
    assert (tmp_path / "t.yaml").read_text(encoding="utf-8") == text
    assert not (tmp_path / "t.yaml.bak").exists()


def test_a_clean_file_is_not_touched(tmp_path):
    """Nothing to mend: no write, no .bak, the usual `ok` line."""
    text = "topic: T\ncards:\n  - title: Cells: the basics\n    points:\n      - Nucleus: the centre\n"
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    r = run("check", "--fix", "t.yaml", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == "ok: topic 'T': 1 card, 0 events, 0 key terms\n"
    assert not (tmp_path / "t.yaml.bak").exists()


def test_an_older_bak_is_never_overwritten(tmp_path):
    """A t.yaml.bak from before is kept; this original goes to t.yaml.bak.2, and the message says so."""
    text = "topic: T\ncards:\n  - Title: A\n    points: [x]\n"
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "t.yaml.bak").write_text("an older original\n", encoding="utf-8")
    r = run("check", "--fix", "t.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "mended t.yaml (the original is kept as t.yaml.bak.2)" in r.stdout
    assert (tmp_path / "t.yaml.bak").read_text(encoding="utf-8") == "an older original\n"
    assert (tmp_path / "t.yaml.bak.2").read_text(encoding="utf-8") == text


def test_a_pack_and_its_topics(tmp_path):
    """On a pack, the manifest and each topic with a problem are mended (a topic in a folder too);
    a clean topic is not touched."""
    write(tmp_path / "pack.yaml", "Title: P\ntopics: [a.yaml, more]\nsections:\n  - Layout: cards\n")
    write(tmp_path / "a.yaml", "topic: A\ncards:\n  - title: x\n    points: [y]\n")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.yaml").write_text("topic: B\ncards:\n\t- title: x\n\t  points: [y]\n")
    r = run("check", "--fix", "pack.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[:5] == [
        "pack.yaml:1: 'Title' is now 'title'",
        "pack.yaml:4: 'Layout' is now 'layout'",
        "mended pack.yaml (the original is kept as pack.yaml.bak)",
        "more/b.yaml:3: tabs in the indentation of lines 3-4 are now spaces (a tab is 4)",
        "mended more/b.yaml (the original is kept as more/b.yaml.bak)",
    ]
    assert r.stdout.splitlines()[5].startswith("ok: pack 'P': 2 topics, 2 cards")
    assert not (tmp_path / "a.yaml.bak").exists()


def test_the_tab_width_that_reads_is_chosen():
    """A tab under a two-space indented key term is two columns when four would not read."""
    text = "topic: T\nkey_terms:\n  - term: A\n\t  definition: B\n"
    problems_of = problems_reading("t.yaml", "t.yaml", False)
    mended, changes = mend_text(text, problems_of(text), problems_of)
    assert mended == "topic: T\nkey_terms:\n  - term: A\n    definition: B\n"
    assert problems_of(mended) == []
    assert [c.what for c in changes] == ["tabs in the indentation of line 4 are now spaces (a tab is 2)"]


def test_windows_line_ends_and_a_bom_are_kept(tmp_path):
    """A file saved on Windows (BOM, CRLF) is mended and saved the same way."""
    raw = "\ufefftopic: T\r\ncards:\r\n  - Title: A\r\n    points: [x]\r\n".encode()
    (tmp_path / "t.yaml").write_bytes(raw)
    r = run("check", "--fix", "t.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "t.yaml").read_bytes() == raw.replace(b"Title", b"title")
    assert (tmp_path / "t.yaml.bak").read_bytes() == raw


def test_a_folded_bullet_one_column_deeper_is_a_point_beside_it():
    """A '- ' one column deeper than its neighbours is a slip: it becomes a point of the same list,
    and its own continuation line comes with it."""
    text = "topic: T\ncards:\n  - title: A\n    points:\n      - one\n       - two\n         more\n      - three\n"
    problems_of = problems_reading("t.yaml", "t.yaml", False)
    mended, _ = mend_text(text, problems_of(text), problems_of)
    assert mended.splitlines()[4:] == ["      - one", "      - two", "        more", "      - three"]
    assert problems_of(mended) == []


def test_a_key_indented_too_deep_moves_beside_the_key_above():
    """`points:` one column deeper than `title:` (read as more of the title) moves to the title's
    column with the lines under it; the next card is untouched."""
    text = "topic: T\ncards:\n  - title: A\n     points:\n       - x\n       - y\n  - title: B\n    points: [z]\n"
    problems_of = problems_reading("t.yaml", "t.yaml", False)
    mended, changes = mend_text(text, problems_of(text), problems_of)
    assert (
        mended
        == "topic: T\ncards:\n  - title: A\n    points:\n      - x\n      - y\n  - title: B\n    points: [z]\n"
    )
    assert [(c.line, c.what) for c in changes] == [
        (4, "'points:' and the lines under it moved to column 5, beside the key above")
    ]
    assert problems_of(mended) == []
