"""Historical dates: keep how the teacher wrote them, sort and place them by what they mean.

Years are astronomical internally (1 BC = 0, 44 BC = -43) so that arithmetic across the BC/AD
boundary is right and there is no year 0 in what the teacher writes.
"""

from __future__ import annotations

import re

from studypack.model import MONTH_NAMES, HistDate, Point, format_year

# every spelling a teacher uses: full names, three-letter abbreviations, and "Sept"
MONTHS = {
    **{name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)},
    **{name[:3].lower(): i + 1 for i, name in enumerate(MONTH_NAMES)},
    "sept": 9,
}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<pre>AD|CE)?\s*(?P<year>\d{1,4})(?:\s*(?P<post>BCE|BC|AD|CE))?"
_SINGLE_FORMS = [
    ("decade", re.compile(r"(?P<year>\d{1,3}0)'?s")),
    ("day", re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})")),
    ("month", re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})")),
    ("day", re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}")),
    ("day", re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}")),
    ("month", re.compile(rf"{_MONTH}\s+{_YEAR}")),
    ("year", re.compile(_YEAR)),
]
_APPROX = re.compile(r"^(?:circa|ca\.|c\.|c|approx\.?)\s*(?=\d|AD|CE)", re.IGNORECASE)
_DASHES = "\u2013\u2014\u2012\u2212"  # en dash, em dash, figure dash, minus


class DateError(ValueError):
    """A date the parser cannot read; carries a hint listing the forms it can."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


FORMS_HINT = (
    "write e.g. 1956, 1956-02, 1956-02-25, 25 February 1956, February 1956, 1953-1956, "
    "1953 to 1956, c. 1960, 1950s, early 1950s, 19th century, Spring 1948, 25/02/1956, 44 BC or AD 43"
)
# Northern-hemisphere meteorological seasons; a winter runs from the December of its year.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_SEASON = re.compile(r"(?P<season>spring|summer|autumn|fall|winter)\s+(?P<year>\d{1,4})", re.IGNORECASE)
_DECADE_PART = re.compile(r"(?P<part>early|mid|late)[\s-]+(?P<year>\d{1,3}0)'?s", re.IGNORECASE)
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_CENTURY = re.compile(r"(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century(?:\s+(?P<era>BCE|BC|AD|CE))?", re.IGNORECASE)
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})")
DATE_ORDERS = ("dmy", "mdy")


def _year(m: re.Match) -> int:
    year = int(m.group("year"))
    gd = m.groupdict()
    pre, post = gd.get("pre"), gd.get("post")
    era = (post or pre or "").upper()
    if pre and post:
        raise DateError(f"'{m.group(0)}' names its era twice", FORMS_HINT)
    if year == 0:
        raise DateError("there is no year 0 (1 BC is followed by AD 1)", FORMS_HINT)
    return 1 - year if era in ("BC", "BCE") else year


def days_in(year: int, month: int) -> int:
    """Days in a month of an astronomical year: Gregorian from 1583, Julian before (every 4th year)."""
    if month != 2:
        return _DAYS_IN_MONTH[month - 1]
    leap = year % 4 == 0 and (year < 1583 or year % 100 != 0 or year % 400 == 0)
    return 29 if leap else 28


def _check_day(text: str, year: int, month: int, day: int) -> None:
    if not 1 <= month <= 12:
        raise DateError(f"'{text}': month {month:02d} is not 01-12", FORMS_HINT)
    n = days_in(year, month)
    if not 1 <= day <= n:
        if month == 2 and day == 29:
            raise DateError(
                f"'{text}': {format_year(year)} is not a leap year, so February has 28 days",
                "check the day and the year",
            )
        raise DateError(
            f"'{text}': {MONTH_NAMES[month - 1]} has {n} days, not {day}", "check the day and the month"
        )


def _parse_special(text: str, order: str) -> tuple[str, Point, Point] | None:
    """Seasons, parts of decades, centuries and numeric day/month/year dates."""
    m = _SEASON.fullmatch(text)
    if m:
        y = int(m.group("year"))
        first, last = SEASONS[m.group("season").lower()]
        return "season", Point(y, first), Point(y + (1 if last < first else 0), last)
    m = _DECADE_PART.fullmatch(text)
    if m:
        y = int(m.group("year"))
        a, b = _DECADE_PARTS[m.group("part").lower()]
        return "decade", Point(y + a), Point(y + b)
    m = _CENTURY.fullmatch(text)
    if m:
        n = int(m.group("n"))
        if n == 0:
            raise DateError(f"'{text}': there is no 0th century", FORMS_HINT)
        if (m.group("era") or "").upper() in ("BC", "BCE"):  # 5th century BC: 500-401 BC
            return "century", Point(1 - n * 100), Point(1 - (n * 100 - 99))
        return "century", Point(max(1, (n - 1) * 100)), Point(n * 100 - 1)
    m = _NUMERIC.fullmatch(text)
    if m:
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        day, month = (a, b) if order == "dmy" else (b, a)
        if not 1 <= month <= 12 and 1 <= day <= 12:
            other = "mdy" if order == "dmy" else "dmy"
            raise DateError(
                f"'{text}': month {month} is not 1-12 (read as {'day/month' if order == 'dmy' else 'month/day'}/year)",
                f"if it is {'month/day' if order == 'dmy' else 'day/month'}/year, say `date_order: {other}` in the pack",
            )
        _check_day(text, y, month, day)
        p = Point(y, month, day)
        return "day", p, p
    return None


def _parse_single(text: str, order: str = "dmy") -> tuple[str, Point, Point]:
    special = _parse_special(text, order)
    if special:
        return special
    for kind, rx in _SINGLE_FORMS:
        m = rx.fullmatch(text)
        if not m:
            continue
        gd = m.groupdict()
        if kind == "decade":
            y = int(gd["year"])
            return kind, Point(y), Point(y + 9)
        year = _year(m)
        if gd.get("mnum"):
            month = int(gd["mnum"])
            if not 1 <= month <= 12:
                raise DateError(f"'{text}': month {month:02d} is not 01-12", FORMS_HINT)
        elif gd.get("month"):
            month = MONTHS.get(gd["month"].lower(), 0)
            if not month:
                raise DateError(f"'{text}': '{gd['month']}' is not a month name", FORMS_HINT)
        else:
            return kind, Point(year), Point(year)
        day = int(gd["day"]) if gd.get("day") else 0
        if gd.get("day") is not None:
            _check_day(text, year, month, day)
        p = Point(year, month, day)
        return kind, p, p
    raise DateError(f"cannot read '{text}' as a date", FORMS_HINT)


_SHORT_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{2})")
_ISO = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def parse_date(text: str, order: str | None = None) -> tuple[HistDate, str | None]:
    """Read `text` as a date; returns it and a warning when the form could be read two ways.
    `order` is the pack's `date_order` for numeric dates (dmy or mdy); None means dmy, and a date
    that the other order would read differently is warned about."""
    s = " ".join(text.split())
    if not s:
        raise DateError("the date is empty", FORMS_HINT)
    approx = False
    m = _APPROX.match(s)
    if m:
        approx, s = True, s[m.end() :]
    read = _two_way(text, s, approx, order is None)
    if read is not None:
        return read
    return _range_or_single(text, s, approx, order or "dmy"), None


def _two_way(raw: str, s: str, approx: bool, guess_order: bool) -> tuple[HistDate, str | None] | None:
    """Forms with a short second part (1953-56, 1910-11, 1948-9) and numeric dates that the other
    order would read otherwise (03/04/1960): the reading, with a note where it could be another."""
    short = _SHORT_RANGE.fullmatch(s)
    if short:
        y, tail = int(short.group(1)), int(short.group(2))
        if not 1 <= tail <= 12:
            return _range(raw, str(y), str(y // 100 * 100 + tail), approx), None
        warning = None
        if tail > y % 100:
            warning = (f"'{raw}' could be a month or a range; read as ISO year-month "
                       f"({y}-{tail:02d}); for the range write {y}-{y // 100 * 100 + tail}")  # fmt: skip
        return HistDate(raw, Point(y, tail), Point(y, tail), "month", approx), warning
    one = _ONE_DIGIT_RANGE.fullmatch(s)
    if one:  # 1948-9: the school-book way of writing 1948-49, a documented form (no warning)
        y, digit = int(one.group(1)), int(one.group(2))
        end = y // 10 * 10 + digit
        if end > y:
            return _range(raw, str(y), str(end), approx), None
    numeric = _NUMERIC.fullmatch(s)
    if numeric and guess_order:
        first, second = int(numeric.group("a")), int(numeric.group("b"))
        if first != second and first <= 12 and second <= 12:
            kind, p0, p1 = _parse_single(s, "dmy")
            warning = (f"'{raw}' read as {p0.day} {MONTH_NAMES[p0.month - 1]} {numeric.group('year')} "
                       "(day/month/year); say `date_order: mdy` in the pack if it is month/day/year")  # fmt: skip
            return HistDate(raw, p0, p1, kind, approx), warning
    return None


def _range_or_single(raw: str, s: str, approx: bool, order: str) -> HistDate:
    """A range (with a dash, ' to ', ' - ' or '-') or one date."""
    for sep in _DASHES:
        if sep in s:
            a, _, b = s.partition(sep)
            if _SHORT_YEAR.fullmatch(b.strip()) and re.fullmatch(r"\d{4}", a.strip()):
                b = str(int(a.strip()) // 100 * 100 + int(b.strip()))
            return _range(raw, a, b, approx, order)
    if re.search(r"\s+to\s+", s):
        a, b = re.split(r"\s+to\s+", s, maxsplit=1)
        return _range(raw, a, b, approx, order)
    if " - " in s:
        a, _, b = s.partition(" - ")
        return _range(raw, a, b, approx, order)
    if "-" in s and not _ISO.fullmatch(s) and not _DECADE_PART.fullmatch(s):
        a, _, b = s.partition("-")
        return _range(raw, a, b, approx, order)
    kind, p0, p1 = _parse_single(s, order)
    return HistDate(raw, p0, p1, kind, approx)


_SHORT_YEAR = re.compile(r"\d{2}")
_ONE_DIGIT_RANGE = re.compile(rf"(\d{{4}})\s*[-{_DASHES}]\s*(\d)")


def _range(raw: str, a: str, b: str, approx: bool, order: str = "dmy") -> HistDate:
    a, b = a.strip(), b.strip()
    if not a or not b:
        raise DateError(f"'{raw}': a range needs a start and an end", FORMS_HINT)
    # "753-509 BC": the era written once at the end applies to both ends.
    era = re.search(r"\s*(BCE|BC)$", b)
    if era and re.fullmatch(r"\d{1,4}", a):
        a = f"{a} {era.group(1)}"
    _, s0, _ = _parse_single(a, order)
    _, _, e1 = _parse_single(b, order)
    if e1.value(end=True) <= s0.value():
        raise DateError(f"'{raw}': the range ends before it starts", "put the earlier date first")
    return HistDate(raw, s0, e1, "range", approx)
