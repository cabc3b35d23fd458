"""Proposed timeline events: only real dates, each with its subject, marked `review:`; a build
leaves unreviewed events off the timeline worksheet (and says so) unless the section asks."""

import subprocess
import sys

from helpers import make_pack, pdf_pages_text, write

from studypack.importer.model import Card, Term
from studypack.importer.proposals import mentions, propose


def test_only_real_dates_are_events():
    """A created-on stamp, an image hash or file name, a view count and index numbers are not
    dates; years, decades, months and a typo such as 'By1956' are."""
    notdates = ["Created on 12 March 2015 by mrsmith", "img a3f1999b0c", "IMG_1961.jpg", "photo1961.png",
                "seen 1961 views", "No. 1066 in the list", "#1984 trending", "page 1200", "last updated: 2019",
                "2013 downloads", "card 1917"]  # fmt: skip
    for t in notdates:
        assert mentions(t) == [], t
    assert [d for _, d in mentions("By1956, in the 1960s, in May 1954 and 1914")] == [
        "1956",
        "1960s",
        "May 1954",
        "1914",
    ]


def test_events_carry_their_subject():
    """A definition or a clause that starts with a verb gets its term or card title before it;
    a clause with its own subject stays as written."""
    (e,) = propose([], [Term("Berlin Wall", "Built from 13 August 1961 to divide East and West Berlin")])
    assert (e.date, e.event) == (
        "13 August 1961",
        "Berlin Wall: built from 13 August 1961 to divide East and West Berlin",
    )
    assert "check the date" in e.review
    (e,) = propose([Card("Cuba", paragraphs=["In October 1962 the USSR placed missiles on Cuba."])])
    assert e.event == "In October 1962 the USSR placed missiles on Cuba"
    (e,) = propose([Card("The Wall", points=[], paragraphs=["sealed off West Berlin in 1961 overnight"])])
    assert e.event == "The Wall: sealed off West Berlin in 1961 overnight"


TOPIC = """topic: T
timeline:
  - date: 1955
    event: Warsaw Pact signed by eight states
  - date: 1961
    event: Berlin Wall built overnight in August
    review: proposed from 'Berlin Wall', check the date and shorten the text
  - date: 1962
    event: Cuban Missile Crisis over thirteen days
"""


def test_unreviewed_events_are_left_off_worksheets_until_kept(tmp_path):
    """The worksheet and key leave out an event still marked `review:`, and the build says how
    many and what to do; `include_unreviewed: yes` puts it back."""
    for extra, expect in (("", False), ("  include_unreviewed: yes\n", True)):
        p = make_pack(tmp_path / ("y" if expect else "n"), {"t.yaml": TOPIC},
                      "- layout: timeline\n  hide: 1\n  answer_key: after\n" + extra)  # fmt: skip
        out = tmp_path / f"{expect}.pdf"
        r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out)],
                           capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 0, r.stderr
        text = " ".join(" ".join(t.split()) for t in pdf_pages_text(out))
        assert ("Berlin Wall built overnight" in text) is expect
        assert "Warsaw Pact" in text and "Cuban Missile Crisis" in text
        said = "left off 1 event still marked `review:`" in r.stderr
        assert said is not expect, r.stderr


def test_an_imported_file_with_proposals_builds_without_them(tmp_path):
    """Imported notes with dates: the proposals are in the topic file, marked for review, and
    the timeline worksheet says it has no reviewed events instead of printing them."""
    src = write(tmp_path / "n.txt", "Berlin\nBerlin Wall - Built from 13 August 1961 to divide the city\n"
                "Airlift - Supplies flown in during 1948 and 1949\n")  # fmt: skip
    r = subprocess.run([sys.executable, "-m", "studypack", "import", str(src), "-o", str(tmp_path / "c")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "one item a line" in r.stdout and "proposed events" in r.stdout
    topic = next((tmp_path / "c").glob("*.yaml")).read_text(encoding="utf-8")
    assert (
        "review: proposed from 'Berlin Wall'" in topic and "Berlin Wall: built from 13 August 1961" in topic
    )
