"""Dates keep how they were written and sort by what they mean."""

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
