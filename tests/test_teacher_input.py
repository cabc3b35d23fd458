"""Nothing a teacher types is lost without a sign, and every refusal says how to fix it.

Each case asserts the exact message a teacher sees, through `check` (and `build` where it matters)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_pack, pdf_pages_text, write

from studypack.errors import ContentError
from studypack.load.dates import parse_date
from studypack.load.manifest import load_pack
from studypack.load.topic import load_topic


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def problems_of(tmp_path: Path, text: str) -> list[str]:
    """Every problem (errors and warnings) of a topic file, as shown."""
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        _, warnings = load_topic("t.yaml")
        return [str(p) for p in warnings]
    except ContentError as e:
        return [str(p) for p in e.problems]
    finally:
        os.chdir(old)


CARD = "topic: T\ncards:\n  - title: A\n    points:\n"

# (what a teacher typed, every problem it gets, exactly)
CASES = {
    "text after ' #' is dropped by YAML": (
        CARD + "      - elections #2\n      - a note  # for me\n      - votes # counted\n",
        [
            "t.yaml:5:19: warning: '#2' is dropped: YAML reads ' #' as the start of a comment (to keep it, "
            "put the text in quotes: - \"elections #2\"; if it is a note to yourself, put two spaces before '# ')",
            "t.yaml:7:15: warning: '# counted' is dropped: YAML reads ' #' as the start of a comment (to keep "
            'it, put the text in quotes: - "votes # counted"; if it is a note to yourself, put two spaces '
            "before '# ')",
        ],
    ),
    "a deeper '- ' line is folded into the point above": (
        CARD + "      - four zones\n        - Free elections\n      - other\n",
        [
            "t.yaml:6:9: warning: this '- ' line is joined to the text above it, not read as a point of its "
            "own: it is indented deeper than the points around it (start its '-' in the same column as the "
            "other points', or make it a sub-point with `- text: ...` and `points:` under it)"
        ],
    ),
    "keys in the wrong case are read with a warning": (
        "topic: T\ncards:\n  - Title: A\n    Points: [x]\n",
        [
            "t.yaml:3:5: warning: key 'Title' is read as 'title' (keys are lower case: write `title:`)",
            "t.yaml:4:5: warning: key 'Points' is read as 'points' (keys are lower case: write `points:`)",
        ],
    ),
    "an empty card and an empty bullet say so plainly": (
        "topic: T\ncards:\n  -\n  - title: B\n    points:\n      -\n      - y\n",
        [
            "t.yaml:3:3: this card is empty: a '-' with nothing after it (write `- title: ...` with its "
            "`points:` under it, or delete the line)",
            "t.yaml:6:7: this bullet point is empty: a '-' with nothing after it (write the point after "
            "the '-', or delete the line)",
        ],
    ),
    "a question without an answer asks for `back:`": (
        "topic: T\ncards:\n  - front: What did the secret speech argue?\n",
        [
            "t.yaml:3:5: warning: card 'What did the secret speech argue?' has nothing on its back "
            "(add `back:` with the answer)"
        ],
    ),
    "one misspelt key is one error": (
        "topic: T\ncards:\n  - titel: A\n    points: [x]\n",
        ["t.yaml:3:5: unknown key 'titel' in a card (did you mean 'title'?)"],
    ),
    "errors come in line order": (
        "topic: T\ncards:\n  - title: A\n    pionts: [x]\ntimeline:\n  - date: 31/04/1960\n    event: e\n"
        "key_terms:\n  - term: X\n    defintion: y\ncards2: []\n",
        [
            "t.yaml:3:5: warning: card 'A' has nothing on its back (add `points:` or `text:`)",
            "t.yaml:4:5: unknown key 'pionts' in a card (did you mean 'points'?)",
            "t.yaml:6:11: '31/04/1960': April has 30 days, not 31 (check the day and the month)",
            "t.yaml:10:5: unknown key 'defintion' in a key term (did you mean 'definition'?)",
            "t.yaml:11:1: unknown key 'cards2' in a topic file (did you mean 'cards'?)",
        ],
    ),
    "1948-9 is 1948-49, a documented form, without a warning": (
        "topic: T\ntimeline:\n  - date: 1948-9\n    event: Berlin blockade\n",
        [],
    ),
    "impossible dates are errors with the reason": (
        "topic: T\ntimeline:\n  - date: 29 February 1957\n    event: a\n  - date: 31/04/1960\n    event: b\n",
        [
            "t.yaml:3:11: '29 February 1957': 1957 is not a leap year, so February has 28 days "
            "(check the day and the year)",
            "t.yaml:5:11: '31/04/1960': April has 30 days, not 31 (check the day and the month)",
        ],
    ),
    "an ambiguous numeric date is warned about when the pack does not say": (
        "topic: T\ntimeline:\n  - date: 03/04/1960\n    event: a\n",
        [
            "t.yaml:3:11: warning: '03/04/1960' read as 3 April 1960 (day/month/year); say "
            "`date_order: mdy` in the pack if it is month/day/year"
        ],
    ),
    "a key that is a list": (
        "topic: T\n? [a, b]\n: c\n",
        ["t.yaml:2:3: a key must be a plain word, found a list (write e.g. `title:`)"],
    ),
    "a 100 KB file of [[[[ is a located error, not a crash": (
        "topic: T\ncards: " + "[" * 100_000 + "\n",
        [
            "t.yaml:2:107: lists or mappings nest more than 100 levels deep (no topic needs this; check "
            "for stray '[' or '{' characters)"
        ],
    ),
    "mappings nested 119 deep by indentation alone are a located error too": (
        "topic: T\ncards:\n" + "".join(" " * i + "a:\n" for i in range(1, 120)),
        [
            "t.yaml:102:101: lists or mappings nest more than 100 levels deep (no topic needs this; check "
            "for stray '[' or '{' characters)"
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_has_its_exact_message(tmp_path, name):
    """Each of the issue's cases gets exactly these problems, in line order, each with its fix."""
    text, expected = CASES[name]
    assert problems_of(tmp_path, text) == expected


def test_check_and_build_both_warn_and_the_build_goes_on(tmp_path):
    """A dropped comment is a warning from `check` and from `build`; the build still writes the PDF."""
    pack = make_pack(tmp_path, {"t.yaml": CARD + "      - elections #2\n"}, "- layout: cards\n")
    warning = "t.yaml:5:19: warning: '#2' is dropped"
    r = run("check", str(pack), cwd=tmp_path)
    assert r.returncode == 0 and warning in r.stderr and "(1 warning)" in r.stdout
    r = run("build", str(pack), "-o", "p.pdf", cwd=tmp_path)
    assert r.returncode == 0 and warning in r.stderr and (tmp_path / "p.pdf").exists()


def test_strict_makes_warnings_errors(tmp_path):
    """With `strict: yes` a warning stops the build (exit 2), says why, and writes nothing."""
    pack = make_pack(tmp_path, {"t.yaml": CARD + "      - elections #2\n"}, "- layout: cards\n", strict="yes")
    r = run("build", str(pack), "-o", "p.pdf", cwd=tmp_path)
    assert r.returncode == 2 and not (tmp_path / "p.pdf").exists()
    assert r.stderr.splitlines()[0].endswith("an error because the pack says `strict: yes`)")
    assert "warning:" not in r.stderr


def test_layout_name_in_the_wrong_case(tmp_path):
    """`layout: Timeline` and `Blanks: Date` are read with warnings, not refused."""
    pack = make_pack(tmp_path, {"t.yaml": CARD + "      - x\n"}, "- Layout: Timeline\n  Blanks: Date\n")
    p, warnings = load_pack(str(pack))
    assert p.sections[0].layout == "timeline" and p.sections[0].options.blanks == "date"
    assert [str(w).split(": warning: ")[1] for w in warnings] == [
        "key 'Layout' is read as 'layout' (keys are lower case: write `layout:`)",
        "layout 'Timeline' is read as 'timeline' (layout names are lower case: write `layout: timeline`)",
        "key 'Blanks' is read as 'blanks' (keys are lower case: write `blanks:`)",
    ]


def test_date_order_mdy_reads_month_first_without_a_warning(tmp_path):
    """`date_order: mdy` reads 02/25/1956 and 03/04/1960 month first, and warns about neither."""
    topic = "topic: T\ntimeline:\n  - date: 02/25/1956\n    event: a\n  - date: 03/04/1960\n    event: b\n"
    pack = make_pack(tmp_path, {"t.yaml": topic}, date_order="mdy")
    p, warnings = load_pack(str(pack))
    assert warnings == []
    assert [(e.date.start.month, e.date.start.day) for e in p.topics[0].timeline] == [(2, 25), (3, 4)]
    bad = make_pack(tmp_path / "b", {"t.yaml": topic}, date_order="ymd")
    with pytest.raises(ContentError) as e:
        load_pack(str(bad))
    assert str(e.value.problems[0]) == (
        f"{bad}:5:13: date_order 'ymd' is not dmy or mdy (dmy: 25/02/1956 is 25 February; "
        "mdy: 02/25/1956 is 25 February)"
    )


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("1956", (1956, 0, 0), (1956, 0, 0)),
        ("1956-02", (1956, 2, 0), (1956, 2, 0)),
        ("1956-02-25", (1956, 2, 25), (1956, 2, 25)),
        ("25 February 1956", (1956, 2, 25), (1956, 2, 25)),
        ("25th Feb 1956", (1956, 2, 25), (1956, 2, 25)),
        ("Feb 25 1956", (1956, 2, 25), (1956, 2, 25)),
        ("February 1956", (1956, 2, 0), (1956, 2, 0)),
        ("Sept 1948", (1948, 9, 0), (1948, 9, 0)),
        ("25/02/1956", (1956, 2, 25), (1956, 2, 25)),
        ("25.02.1956", (1956, 2, 25), (1956, 2, 25)),
        ("Spring 1948", (1948, 3, 0), (1948, 5, 0)),
        ("Winter 1941", (1941, 12, 0), (1942, 2, 0)),
        ("1953–1956", (1953, 0, 0), (1956, 0, 0)),
        ("1953-1956", (1953, 0, 0), (1956, 0, 0)),
        ("1953–56", (1953, 0, 0), (1956, 0, 0)),
        ("1953-56", (1953, 0, 0), (1956, 0, 0)),
        ("1948-9", (1948, 0, 0), (1949, 0, 0)),
        ("1953 to 1956", (1953, 0, 0), (1956, 0, 0)),
        ("c. 1960", (1960, 0, 0), (1960, 0, 0)),
        ("circa 1960", (1960, 0, 0), (1960, 0, 0)),
        ("c.1960", (1960, 0, 0), (1960, 0, 0)),
        ("1950s", (1950, 0, 0), (1959, 0, 0)),
        ("early 1950s", (1950, 0, 0), (1953, 0, 0)),
        ("mid-1950s", (1954, 0, 0), (1956, 0, 0)),
        ("late 1950s", (1957, 0, 0), (1959, 0, 0)),
        ("19th century", (1800, 0, 0), (1899, 0, 0)),
        ("5th century BC", (-499, 0, 0), (-400, 0, 0)),
        ("44 BC", (-43, 0, 0), (-43, 0, 0)),
        ("AD 43", (43, 0, 0), (43, 0, 0)),
        ("753 BCE", (-752, 0, 0), (-752, 0, 0)),
        ("29 February 1956", (1956, 2, 29), (1956, 2, 29)),
    ],
)
def test_every_design_date_form(text, start, end):
    """Every form in the design's Dates paragraph reads to the right start and end."""
    d, _ = parse_date(text)
    assert d.text == text
    assert (d.start.year, d.start.month, d.start.day) == start
    assert (d.end.year, d.end.month, d.end.day) == end


def test_all_the_forms_sort_by_meaning():
    """Mixed forms sort by what they mean: BC first, a century before its decades, seasons by month."""
    texts = ["late 1950s", "Spring 1948", "25/02/1956", "19th century", "44 BC", "early 1950s", "Winter 1947"]
    ordered = sorted((parse_date(t)[0] for t in texts), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == [
        "44 BC", "19th century", "Winter 1947", "Spring 1948", "early 1950s", "25/02/1956", "late 1950s",
    ]  # fmt: skip


def test_odd_numbers_are_located_errors_never_internal(tmp_path):
    """nan, inf, 1e400, nested lists where a number goes: exit 2, located, no 'internal error'."""
    sections = """
    - layout: cards
      back_offset_mm: [nan, 1]
    - layout: cards
      size: [[1, 2], [3]]
    - layout: summary
      font_size: 1e400
    - layout: timeline
      hide: .inf
    - layout: cards
      gutter_mm: [1, [2]]
    """
    pack = make_pack(tmp_path, {"t.yaml": CARD + "      - x\n"}, sections)
    r = run("check", str(pack), cwd=tmp_path)
    assert r.returncode == 2 and "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.splitlines()[:5] == [
        f"{pack}:8:21: cards option 'back_offset_mm': expected [x_mm, y_mm], e.g. [1.5, -0.5]; found ['nan', '1']",
        f"{pack}:10:11: cards option 'size': expected [width_mm, height_mm], each from 30 to 200/280; "
        "found [['1', '2'], ['3']]",
        f"{pack}:12:16: summary option 'font_size': expected a number; found '1e400', which is not a usable number",
        f"{pack}:14:11: timeline option 'hide': expected all, a number of events or a fraction such as 0.5; "
        "found '.inf'",
        f"{pack}:16:16: cards option 'gutter_mm': expected a number; found a list",
    ]


def test_aliases_cannot_blow_up_a_small_file(tmp_path):
    """Nested aliases that would expand a 500-byte file a million times are refused at once."""
    lines = ["topic: T", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    got = problems_of(tmp_path, "\n".join(lines) + "\n")
    assert len(got) == 1 and got[0].startswith("t.yaml:3:10: YAML aliases (*name) repeat text until the file")
    assert got[0].endswith("(write the text out, or use fewer aliases)")
    # a modest, honest use of an alias is fine
    ok = "topic: T\ncards:\n  - title: &t A title\n    points: [x]\n  - title: B\n    points: [*t]\n"
    assert problems_of(tmp_path, ok) == []


def test_devices_and_pipes_are_refused_not_read(tmp_path):
    """`topics:` naming /dev/zero or a FIFO is a located error, never read for ever."""
    os.mkfifo(tmp_path / "fifo.yaml")
    pack = write(tmp_path / "pack.yaml", "title: P\ntopics: [/dev/zero, fifo.yaml]\n")
    r = run("check", str(pack), cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines()[:2] == [
        f"{pack}:2:10: '/dev/zero' is not a topic file but a device or pipe (name a .yaml file)",
        f"{pack}:2:21: 'fifo.yaml' is not a topic file but a device or pipe (name a .yaml file)",
    ]


def test_a_long_paragraph_fits_and_keeps_every_word(tmp_path):
    """A 200 KB paragraph flows over continuation cards with every word in the PDF (fitting is linear:
    bench/ measures 500 KB)."""
    words = " ".join(f"w{i}" for i in range(30_000))
    pack = make_pack(
        tmp_path, {"t.yaml": f"topic: T\ncards:\n  - title: A\n    text: {words}\n"}, "- layout: cards\n"
    )
    r = run("build", str(pack), "-o", "p.pdf", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = " ".join(pdf_pages_text(tmp_path / "p.pdf"))
    found = set(text.split())
    assert [f"w{i}" for i in range(30_000) if f"w{i}" not in found] == []


def test_missing_topic_suggests_the_nearest_files(tmp_path):
    """A misspelt topic file name suggests the topic files beside it (never the manifests)."""
    write(tmp_path / "khrushchev-leader.yaml", CARD + "      - x\n")
    pack = write(tmp_path / "pack.yaml", "title: P\ntopics: [khruschev-leader.yaml]\n")
    r = run("check", "pack.yaml", cwd=tmp_path)
    assert r.stderr.splitlines()[0] == (
        "pack.yaml:2:10: topic file 'khruschev-leader.yaml' not found (did you mean 'khrushchev-leader.yaml'?)"
    )
    assert pack.exists()


def test_a_folder_of_topics_never_reads_the_manifest(tmp_path):
    """`topics: [.]` takes every topic file in the folder but the pack itself (and other packs)."""
    write(tmp_path / "a.yaml", CARD + "      - x\n")
    write(tmp_path / "other-pack.yaml", "title: Q\ntopics: [a.yaml]\n")
    write(tmp_path / "pack.yaml", "title: P\ntopics: [.]\n")
    r = run("check", "pack.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok: pack 'P': 1 topic, 1 card")


def test_build_on_a_topic_file_shows_the_pack_that_would_build_it(tmp_path):
    """`studypack build topic.yaml` says it is a topic file and shows the two lines of a pack."""
    write(tmp_path / "t.yaml", CARD + "      - x\n")
    r = run("build", "t.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines()[0] == (
        "t.yaml:1:1: this is a topic file, not a pack manifest (a pack that builds it is a file beside "
        "it, say pack.yaml, with two lines: `title: My revision pack` and `topics: [t.yaml]`; to check "
        "the topic alone: studypack check t.yaml)"
    )


def test_right_to_left_and_missing_glyphs_in_every_field(tmp_path):
    """Hebrew in the title, Arabic in --class, a glyph no font has in the term: each reported by
    file, line and character; the words still print."""
    pack = make_pack(
        tmp_path,
        {"t.yaml": CARD + "      - x\n"},
        "- layout: cards\n",
        title="עברית",
        term="Spring 漢",
    )
    r = run("build", str(pack), "--class", "مرحبا", "-o", "p.pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert (
        f"{pack}:1:8: warning: the pack's title: right-to-left text (Hebrew: 'ב' (U+05D1), 'י' (U+05D9), "
        "'ע' (U+05E2), 'ר' (U+05E8), 'ת' (U+05EA)) would print left to right, its letters reversed and "
        "unjoined (studypack cannot set right-to-left scripts yet; write it in transliteration)"
    ) in lines
    assert any(
        ln.startswith(
            f"{pack}:2:7: warning: the pack's term: the font DejaVu Sans has no glyph for '漢' (U+6F22)"
        )
        for ln in lines
    )
    assert any(
        ln.startswith("--class: warning: the pack's class: right-to-left text (Arabic:") for ln in lines
    )
