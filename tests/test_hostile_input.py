"""Odd and hostile input gets a located, plain message, never an internal error: control characters,
unhashable keys, unreadable folders, random bytes as a topic, a pack or a class list; names the font
cannot show in a class list are reported at their line. Hostile text (a huge word, thousands of
unclosed markers, a huge quiz) builds with every word kept, within a generous bound that only a
return of the old quadratic paths would pass."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_pack, pdf_pages_text

from studypack.errors import ContentError
from studypack.load.manifest import load_pack
from studypack.load.students import load_students
from studypack.load.topic import load_topic


def run(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)  # fmt: skip


def _problems(load, path: Path) -> list[str]:
    with pytest.raises(ContentError) as e:
        load(str(path))
    return [str(p) for p in e.value.problems if not p.warning]


@pytest.mark.parametrize(
    ("char", "says"),
    [
        ("\x07", "a control character (U+0007) that cannot be printed (remove it"),
        ("\x1b", "a control character (U+001B)"),
        ("\x9f", "a control character (U+009F)"),
        ("\x7f", "a control character (U+007F)"),
        ("\x85", "a 'next line' character (NEL, U+0085), which YAML reads as a line break (replace it"),
        ("\u2028", "a line separator (U+2028), which YAML reads as a line break"),
        ("\u2029", "a paragraph separator (U+2029)"),
        ("\x0b", "a vertical tab (U+000B), as Word writes"),
        ("\ufffe", "U+FFFE, which is not a character (remove it)"),
        ("\ufdd0", "U+FDD0, which is not a character"),
    ],
)
def test_control_characters_are_located_plain_errors(tmp_path, char, says):
    """Each character that cannot be printed is an error at its own line and column, with a hint."""
    topic = tmp_path / "t.yaml"
    topic.write_text(f"topic: T\ncards:\n  - title: A\n    text: he{char}llo\n", encoding="utf-8")
    problems = _problems(load_topic, topic)
    assert len(problems) == 1 and problems[0].startswith(f"{topic}:4:13: {says}"), problems


def test_unhashable_keys_are_plain_errors(tmp_path):
    """A list or a mapping used as a key (`? [a, b]: x`) in a topic or a pack: a located error."""
    topic = tmp_path / "t.yaml"
    topic.write_text("topic: T\ncards:\n  - ? [a, b]\n    : x\n    title: t\n    text: y\n", encoding="utf-8")
    assert _problems(load_topic, topic) == [
        f"{topic}:3:7: a key must be a plain word, found a list (write e.g. `title:`)"
    ]
    pack = tmp_path / "pack.yaml"
    pack.write_text("title: P\n? {a: 1}\n: b\ntopics: [t.yaml]\n", encoding="utf-8")
    assert f"{pack}:2:3: a key must be a plain word, found a mapping" in _problems(load_pack, pack)[0]


def test_an_unreadable_topic_folder_is_a_located_error(tmp_path, monkeypatch):
    """A topics folder that cannot be listed (permission denied): an error at its line in the pack
    (simulated, since the tests may run as root, who may read any folder)."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.yaml").write_text("topic: A\ncards:\n  - title: x\n    text: y\n")
    pack = tmp_path / "pack.yaml"
    pack.write_text("title: P\ntopics: [locked/]\n", encoding="utf-8")
    real = os.listdir

    def listdir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    assert _problems(load_pack, pack) == [
        f"{pack}:2:10: the folder 'locked/' cannot be read (Permission denied) "
        "(make it readable for you, or list its topic files one by one)"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_topic_folder_for_real(tmp_path):
    """The same with a real folder its owner cannot read: exit 2, no traceback."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "pack.yaml").write_text("title: P\ntopics: [locked/]\n", encoding="utf-8")
    locked.chmod(0)
    try:
        r = run("check", "pack.yaml", cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert r.returncode == 2 and "cannot be read" in r.stderr and "Traceback" not in r.stderr


def test_pupils_the_font_cannot_show_are_reported_at_their_line(tmp_path):
    """A class list with a name in a script the font lacks: a warning naming the list's line, the
    pupil and the character; the build goes on."""
    manifest = make_pack(
        tmp_path,
        {"t.yaml": "topic: T\nkey_terms:\n  - term: a\n    definition: b\n  - term: c\n    definition: d\n"},
        "- layout: matching\n",
    )
    roster = tmp_path / "class.txt"
    roster.write_text("Ann Lee\n\nBo 李 Chan\nZoë Ng\n", encoding="utf-8")
    r = run("build", str(manifest), "--students", str(roster), "-o", str(tmp_path / "o.pdf"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (
        f"{roster}:3:1: warning: pupil 'Bo 李 Chan': the font DejaVu Sans has no glyph for '李' (U+674E)"
        in r.stderr
    )
    assert "Zoë" not in r.stderr.split("warning:", 1)[1].split("\n")[0]


def test_utf16_class_list(tmp_path):
    """A class list saved as UTF-16 (with its BOM, as Excel and Notepad do) reads as names."""
    roster = tmp_path / "class.txt"
    roster.write_bytes("Ann Lee\r\nZoë Ng\r\n".encode("utf-16"))
    assert load_students(str(roster)) == ("Ann Lee", "Zoë Ng")


def _random_files(tmp_path: Path, seed: int) -> list[Path]:
    rnd = random.Random(seed)
    raw = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 3000)))
    junk = "".join(rnd.choice("ab: -[]{}?*&!|>'\"#\n\t,%@`") for _ in range(rnd.randrange(1, 300)))
    out = []
    for name, data in (("raw", raw), ("junk", junk.encode("utf-8"))):
        p = tmp_path / f"{name}{seed}.yaml"
        p.write_bytes(data)
        out.append(p)
    return out


@pytest.mark.parametrize("seed", range(60))
def test_random_bytes_as_a_topic_a_pack_or_a_class_list(tmp_path, seed):
    """Random bytes, and random YAML punctuation, as a topic file, a pack or a class list: a located
    ContentError (or a class list of names), never another exception."""
    for path in _random_files(tmp_path, seed):
        for load in (load_topic, load_pack, load_students):
            try:
                load(str(path))
            except ContentError as e:
                assert e.problems and all(p.path == str(path) for p in e.problems if not p.warning)
                assert "please report" not in str(e)


def test_random_bytes_from_the_command_line(tmp_path):
    """The same through the command line: exit 2, a message naming the file, no internal error."""
    raw = _random_files(tmp_path, 7)[0]
    manifest = make_pack(tmp_path, {"t.yaml": "topic: T\ncards:\n  - title: A\n    text: b\n"})
    for args in (("check", str(raw)), ("build", str(raw)), ("build", str(manifest), "--students", str(raw))):
        r = run(*args, cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        assert str(raw) in r.stderr and "internal error" not in r.stderr and "please report" not in r.stderr


# ---- bounded work: each of these took minutes before (see bench/bench.py, `--what hostile`) ----


def test_a_huge_word_is_broken_over_cards_never_dropped(tmp_path):
    """A 200 KB word without a space (Greek letters, which nothing else on a card uses) on cards and
    a summary: every letter of it is in the PDF, as many times as in the word, on each."""
    rnd = random.Random(3)
    word = "".join(rnd.choice("αβγδεζηθικ") for _ in range(100_000))
    topic = {"t.yaml": f"topic: W\ncards:\n  - title: A\n    text: {word}\n"}
    for layout in ("cards", "summary"):
        manifest = make_pack(tmp_path / layout, topic, f"- layout: {layout}\n")
        r = run("build", str(manifest), "-o", "o.pdf", "-q", "-j", "1", cwd=tmp_path / layout, timeout=240)
        assert r.returncode == 0, r.stderr
        text = "".join(pdf_pages_text(tmp_path / layout / "o.pdf"))
        assert {c: text.count(c) for c in "αβγδεζηθικ"} == {c: word.count(c) for c in "αβγδεζηθικ"}


def test_many_unclosed_markers_stay_as_typed(tmp_path):
    """30,000 lone `*` and `~` that never close print as typed, every word kept."""
    text = "*a ~b " * 15_000
    manifest = make_pack(tmp_path, {"t.yaml": f"topic: S\ncards:\n  - title: A\n    text: '{text}'\n"},
                         "- layout: cards\n")  # fmt: skip
    r = run("build", str(manifest), "-o", "o.pdf", "-q", "-j", "1", cwd=tmp_path, timeout=240)
    assert r.returncode == 0, r.stderr
    joined = " ".join(pdf_pages_text(tmp_path / "o.pdf"))
    assert joined.count("*a") == 15_000 and joined.count("~b") == 15_000


def test_a_big_multiple_choice_quiz(tmp_path):
    """A 3,000-question multiple-choice quiz: every question, with four different options each."""
    qs = "".join(f"  - front: Question {i}?\n    back: Answer {i} {'x' * (i % 7)}\n" for i in range(3000))
    manifest = make_pack(tmp_path, {"q.yaml": f"topic: Q\ncards:\n{qs}"},
                         "- layout: quiz\n  style: multiple-choice\n  answer_key: none\n")  # fmt: skip
    r = run("build", str(manifest), "-o", "o.pdf", "-q", "-j", "1", cwd=tmp_path, timeout=240)
    assert r.returncode == 0, r.stderr
    text = "\n".join(pdf_pages_text(tmp_path / "o.pdf"))
    assert all(f"Question {i}?" in text for i in range(3000))
    assert text.count("Answer ") == 4 * 3000
