"""Room to write: every blank of the timeline worksheet has numbered lines under the timeline (or on
the next page) at least 60 mm long, 8 mm apart, with 3 mm of line per character of its answer; the
key prints each answer on those lines without breaking a word."""

import pytest
from helpers import CONTENT, build_pdf, make_pack, pdf_pages_text
from studypack.layouts.timeline.render import TimelineOptions, versions
from studypack.layouts.worksheet.furniture import MIN_LINE, STANDARD

from studypack.load.manifest import load_pack
from studypack.text.fit import Para, width1, words_of, wrap
from studypack.text.fonts import resolve

MM = 72 / 25.4


def answer_grids(pack_path):  # type: ignore[no-untyped-def]
    pack, _ = load_pack(str(pack_path))
    section = next(s for s in pack.sections if s.layout == "timeline")
    assert isinstance(section.options, TimelineOptions)
    fonts = resolve(pack.font)
    return [(laid, fonts) for _sheet, laid, _g in versions(pack, section.options, fonts)]


@pytest.mark.parametrize(
    "opts", ["hide: 8", "hide: all\n  blanks: both", "hide: 5\n  blanks: mixed\n  versions: 2"]
)
def test_every_answer_has_room_in_handwriting(tmp_path, opts):
    topics = {f.name: f.read_text() for f in CONTENT.glob("khrushchev-*.yaml")}
    p = make_pack(tmp_path, topics, f"- layout: timeline\n  {opts}\n")
    for laid, fonts in answer_grids(p):
        if laid.hz is None:
            continue  # the vertical timeline keeps its lines in its rows (tested elsewhere)
        cols, rows = laid.answers
        width = laid.W - 2 * 10 * MM
        line = (width - (cols - 1) * 6 * MM) / cols - width1("(00) ", fonts.face(bold=True)) * STANDARD.text
        assert line >= MIN_LINE - 1e-6
        assert STANDARD.row >= 8 * MM
        for row in rows:
            for a in row:
                assert a.rows * line >= 3 * MM * len(a.text) - 1e-6, a.text
                printed = wrap(
                    (Para(words_of(a.text, fonts, italic=True)),),
                    line,
                    STANDARD.text,
                    width1(" ", fonts.face()),
                )
                assert len(printed) <= a.rows and not any(ln.segs for ln in printed), a.text  # no word broken


def test_the_key_prints_every_answer_whole(tmp_path):
    """The key has each hidden event's words, none hyphenated at a line end."""
    topics = {f.name: f.read_text() for f in CONTENT.glob("khrushchev-*.yaml")}
    p = make_pack(tmp_path, topics, "- layout: timeline\n  hide: all\n")
    key = "\n".join(pdf_pages_text(build_pdf(p, only=["timeline-key"])))
    assert "-\n" not in key.replace("–\n", "")  # no word broken at a line end with a hyphen


def test_twenty_labels_of_the_examples_density_stay_horizontal(tmp_path):
    """20 events with the example's texts, 1940-1980: the horizontal worksheet holds them on A4
    landscape (the answers on a page of their own when needed)."""
    import json

    import yaml

    texts = [
        e["event"]
        for f in sorted(CONTENT.glob("khrushchev-*.yaml"))
        for e in yaml.safe_load(f.read_text())["timeline"]
    ]
    lines = ["topic: T", "timeline:"]
    for i in range(20):
        lines += [f"  - date: {1940 + 2 * i}", f"    event: {json.dumps(texts[i % len(texts)])}"]
    for hide in ("0.4", "all"):
        p = make_pack(
            tmp_path / hide, {"t.yaml": "\n".join(lines) + "\n"}, f"- layout: timeline\n  hide: {hide}\n"
        )
        assert all(laid.kind == "horizontal" for laid, _ in answer_grids(p)), hide


def test_the_build_says_why_it_went_vertical(tmp_path):
    """60 crowded events: vertical, and the build's notes say why."""
    import subprocess
    import sys

    topic = "topic: T\ntimeline:\n" + "".join(
        f"  - date: {1900 + i}\n    event: A long event text number {i} about something that happened\n"
        for i in range(60)
    )
    p = make_pack(tmp_path, {"t.yaml": topic}, "- layout: timeline\n")
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(tmp_path / "v.pdf")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "drawn as a vertical timeline: the labels of 60 events do not fit one landscape page" in r.stderr


def test_answer_pages_split_rows_and_long_answers():
    """A grid taller than a page flows over pages, whole rows where a fresh page holds them; an
    answer taller than a page goes on at the top of the next, its rows all kept, unnumbered there."""
    from studypack.layouts.worksheet.furniture import Answer, answer_pages

    row = STANDARD.row
    head = STANDARD.text * 1.6
    grid = (
        2,
        [
            [Answer(1, "a", 3), Answer(2, "b", 1)],
            [Answer(3, "c", 25), Answer(4, "d", 2)],
            [Answer(5, "e", 1)],
        ],
    )
    pages = answer_pages(grid, head + 10 * row, head + 10 * row)
    kept: dict[int, int] = {}
    for cols, rows in pages:
        assert cols == 2
        assert sum(max(a.rows for a in r if a) for r in rows) <= 10  # each page holds what it shows
        for r in rows:
            for a in r:
                if a:
                    assert a.skip == kept.get(a.number, 0)  # goes on exactly where it stopped
                    kept[a.number] = kept.get(a.number, 0) + a.rows
    assert kept == {1: 3, 2: 1, 3: 25, 4: 2, 5: 1}
    assert len(pages) == 3  # row 1 and 7 rows of row 2 (too tall for any page); 10 more; its last 8 and row 3


@pytest.mark.parametrize("axis", ["horizontal", "vertical"])
def test_answers_longer_than_a_page_flow_over_pages_and_lose_nothing(tmp_path, axis):
    """14 long hidden events, and one of 700 words: every word of every answer is in the key, and
    no text of the worksheet or the key is printed below the page's bottom margin."""
    from helpers import missing_words, text_positions

    long_one = " ".join(f"word{i}" for i in range(700))
    events = (
        "".join(
            f'  - date: "{1900 + 5 * i}"\n    event: Event {i} {"something long happened here again " * 5}\n'
            for i in range(14)
        )
        + f'  - date: "1990"\n    event: {long_one}\n'
    )
    p = make_pack(tmp_path, {"t.yaml": "topic: T\ntimeline:\n" + events},
                  f"- layout: timeline\n  hide: all\n  orientation: {axis}\n")  # fmt: skip
    out = tmp_path / "all.pdf"
    from studypack.build import build

    pack, _ = load_pack(str(p))
    build(pack, str(out), ["timeline", "timeline-key"], str(tmp_path))
    for page in text_positions(out):
        assert all(r.y >= 5 * MM for r in page)
    key = tmp_path / "key.pdf"
    build(pack, str(key), ["timeline-key"], str(tmp_path))
    assert missing_words(key, [e.text for e in pack.topics[0].timeline]) == []
