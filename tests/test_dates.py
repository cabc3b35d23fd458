"""Dates keep how they were written and sort by what they mean."""

import re

import pytest

from studypack.load.dates import DateError, parse_date
from studypack.model import format_year


@pytest.mark.parametrize(
    "text, kind, start, end, approx",
    [
        ("1956", "year", (1956, 0, 0), (1956, 0, 0), False),
        ("1956-02", "month", (1956, 2, 0), (1956, 2, 0), False),
        ("1956-02-25", "day", (1956, 2, 25), (1956, 2, 25), False),
        ("25 February 1956", "day", (1956, 2, 25), (1956, 2, 25), False),
        ("February 25, 1956", "day", (1956, 2, 25), (1956, 2, 25), False),
        ("February 1956", "month", (1956, 2, 0), (1956, 2, 0), False),
        ("Sept 1939", "month", (1939, 9, 0), (1939, 9, 0), False),
        ("1953–1956", "range", (1953, 0, 0), (1956, 0, 0), False),
        ("1953-1956", "range", (1953, 0, 0), (1956, 0, 0), False),
        ("1953–56", "range", (1953, 0, 0), (1956, 0, 0), False),
        ("1953-56", "range", (1953, 0, 0), (1956, 0, 0), False),
        ("1953 to 1956", "range", (1953, 0, 0), (1956, 0, 0), False),
        ("c. 1960", "year", (1960, 0, 0), (1960, 0, 0), True),
        ("circa 1960", "year", (1960, 0, 0), (1960, 0, 0), True),
        ("1950s", "decade", (1950, 0, 0), (1959, 0, 0), False),
        ("44 BC", "year", (-43, 0, 0), (-43, 0, 0), False),
        ("AD 43", "year", (43, 0, 0), (43, 0, 0), False),
        ("753 BCE", "year", (-752, 0, 0), (-752, 0, 0), False),
        ("753-509 BC", "range", (-752, 0, 0), (-508, 0, 0), False),
        ("44 BC – AD 43", "range", (-43, 0, 0), (43, 0, 0), False),
        ("15 March 44 BC", "day", (-43, 3, 15), (-43, 3, 15), False),
    ],
)
def test_forms(text, kind, start, end, approx):
    """Every form the design lists parses to the right span and keeps its text as written."""
    d, warning = parse_date(text)
    assert d.text == text
    assert d.kind == kind
    assert (d.start.year, d.start.month, d.start.day) == start
    assert (d.end.year, d.end.month, d.end.day) == end
    assert d.approximate == approx
    assert warning is None


def test_ambiguous_iso_is_read_as_month_and_warned():
    """1910-11 could be November 1910 or 1910-1911: read as ISO, with a warning naming the fix."""
    d, warning = parse_date("1910-11")
    assert (d.kind, d.start.year, d.start.month) == ("month", 1910, 11)
    assert "1910-1911" in warning


def test_sorting_across_bc_ad_and_precision():
    """Sorting follows meaning: BC before AD, years before months within them, no year 0."""
    texts = ["AD 1", "1 BC", "1956-02-25", "1956", "44 BC", "1956-02", "1950s", "753 BCE"]
    ordered = sorted((parse_date(t)[0] for t in texts), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == [
        "753 BCE", "44 BC", "1 BC", "AD 1", "1950s", "1956", "1956-02", "1956-02-25",
    ]  # fmt: skip
    assert parse_date("AD 1")[0].start_value() - parse_date("1 BC")[0].start_value() == 1
    assert format_year(-43) == "44 BC"


@pytest.mark.parametrize(
    "text, message",
    [
        ("sometime", "cannot read 'sometime' as a date"),
        ("0 BC", "there is no year 0"),
        ("1956-13", "the range ends before it starts"),
        ("1956-13-01", "month 13 is not 01-12"),
        ("30 February 1956", "'30 February 1956': February has 29 days, not 30"),
        ("1960-1950", "the range ends before it starts"),
        ("Smarch 1956", "'Smarch' is not a month name"),
        ("", "the date is empty"),
    ],
)
def test_bad_dates(text, message):
    """Unreadable dates raise DateError with a message and a hint listing the forms."""
    with pytest.raises(DateError) as e:
        parse_date(text)
    assert message in e.value.message


# Every form design.md lists (the README's list is read from the README itself, below).
DESIGN_FORMS = [
    "1956", "1956-02", "1956-02-25", "25 February 1956", "25th Feb 1956", "Feb 25 1956", "February 1956",
    "Sept 1948", "25/02/1956", "25.02.1956", "Spring 1948", "1953–1956", "1953-1956", "1953–56", "1953-56",
    "1948-9", "1838-9", "1953 to 1956", "c. 1960", "circa 1960", "c.1960", "1950s", "early 1950s",
    "mid-1950s", "late 1950s", "19th century", "44 BC", "AD 43", "753 BCE",
]  # fmt: skip


def readme_forms() -> list[str]:
    """The dates the README's content-format section lists as forms (not the ones it calls errors)."""
    from helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = readme.split("- **Dates**:", 1)[1].split("none of these warns", 1)[0]
    example = re.search(r"- date: 1956-02 +# (.*)\.\.\.", readme)
    assert example, "the README's example topic lists date forms in a comment"
    forms = re.findall(r"`([^`]+)`", listed) + [f.strip() for f in example.group(1).split(",")]
    return [f for f in forms if ":" not in f]


def test_readme_lists_forms():
    """The README's list is read (so the next test cannot pass on an empty list)."""
    forms = readme_forms()
    assert len(forms) >= 20 and "1948-9" in forms and "25/02/1956" in forms


@pytest.mark.parametrize("text", sorted(set(DESIGN_FORMS + readme_forms())))
def test_documented_forms_never_warn(tmp_path, text):
    """Every documented date form is read without a warning by `check` and by a build of the
    timeline (only the two-way `1910-11` and ambiguous numeric dates warn, as documented)."""
    from helpers import make_pack

    from studypack.build import build
    from studypack.load.manifest import load_pack

    d, warning = parse_date(text)
    assert warning is None, warning
    topic = f"topic: T\ntimeline:\n  - date: {text}\n    event: Something happened\n"
    pack_file = make_pack(tmp_path, {"t.yaml": topic}, "- layout: timeline\n")
    pack, problems = load_pack(str(pack_file))
    assert problems == []
    result = build(pack, str(tmp_path / "p.pdf"), None, str(tmp_path))
    assert result.warnings == []


def test_1838_9_is_1838_to_1839():
    """`1838-9` is the range 1838 to 1839, kept as written."""
    d, warning = parse_date("1838-9")
    assert (d.kind, d.start.year, d.end.year, d.text, warning) == ("range", 1838, 1839, "1838-9", None)
