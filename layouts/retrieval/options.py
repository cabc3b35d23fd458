"""The retrieval layout's options (read by `check` without the drawing code): which lessons,
how many questions, list or grid, keys, versions and groups as every worksheet has them."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Literal

from studypack.layouts.worksheet.kinds import AnswerKey, Group

from studypack.layout_api import options as o
from studypack.load.dates import DateError, parse_date

Style = Literal["list", "grid"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MAX_LESSONS = 500  # two a day for a school year: more is a typing slip
MAX_SPAN_DAYS = 400  # `from:` to `to:`: a school year and a little


def lesson_day(v: Any) -> datetime.date:
    """One lesson's date, a day in any of the content format's forms ('22 February 2027',
    '2027-02-22', '22/02/2027'); a numeric date that reads two ways is refused, since the pack's
    `date_order` is not known to an option."""
    if not isinstance(v, str) or not v.strip():
        raise o.OptionError(
            f"expected a date such as 22 February 2027; found {o._shown(v) if v else 'nothing'}"
        )
    try:
        d, _ = parse_date(v, "dmy")
    except DateError as e:
        try:  # 02/22/2027 can only be month first
            d, _ = parse_date(v, "mdy")
        except DateError:
            raise o.OptionError(
                e.message, "write the lesson's date as 22 February 2027 or 2027-02-22"
            ) from None
    if d.kind != "day" or d.start.year < 1:
        raise o.OptionError(f"'{v}' is not one day", "a lesson's date names its day: 22 February 2027")
    if re.fullmatch(r"\s*\d{1,2}[/.]\d{1,2}[/.]\d{4}\s*", v):
        try:
            other, _ = parse_date(v, "mdy")
        except DateError:
            other = d
        if other.start != d.start:
            raise o.OptionError(f"'{v}' reads as two different days (day first or month first)",
                                "write it as 22 February 2027 or 2027-02-22")  # fmt: skip
    return datetime.date(d.start.year, d.start.month, d.start.day)


def _days_list(v: Any) -> tuple[datetime.date, ...]:
    items = v if isinstance(v, list) else [v]
    if len(items) > MAX_LESSONS:
        raise o.OptionError(f"{len(items)} lessons; at most {MAX_LESSONS}")
    return tuple(sorted({lesson_day(x) for x in items}))


def weekday(v: Any) -> int:
    """'Mon', 'monday', 'TUE', 'Thurs', 'weds' -> 0-6 (Monday is 0)."""
    word = v.strip().rstrip(".").lower() if isinstance(v, str) else ""
    found = [i for i, name in enumerate(WEEKDAYS) if len(word) >= 2 and name.startswith(word)]
    if word == "weds":
        found = [2]
    if len(found) != 1:
        raise o.OptionError(
            f"expected a day of the week (Mon, Tue, Wed, Thu, Fri, Sat, Sun); found {o._shown(v)}"
        )
    return found[0]


def _weekdays(v: Any) -> tuple[int, ...]:
    items = v if isinstance(v, list) else re.split(r"[,\s]+", v.strip()) if isinstance(v, str) else [v]
    return tuple(sorted({weekday(x) for x in items if x != ""}))


def _day(v: Any) -> datetime.date:
    return lesson_day(v)


DATE_SCHEMA = {"anyOf": [{"type": "string"}, {"type": "number"}]}
lesson_list = o.Parser(
    _days_list, "list of dates", {"anyOf": [{"type": "string"}, {"type": "array", "items": DATE_SCHEMA}]}
)
one_day = o.Parser(_day, "a date", DATE_SCHEMA)
weekdays = o.Parser(_weekdays, "list of days, e.g. [Mon, Wed, Fri]",
                    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})  # fmt: skip


@dataclass(frozen=True)
class RetrievalOptions:
    """The `retrieval` layout's options (see the README's table)."""

    lessons: tuple = o.option((), "the lessons' dates, one sheet each", lesson_list)
    start: datetime.date | None = o.option(
        None, "first day of a run of lessons (with `to:` and `days:`)", one_day, "from"
    )
    to: datetime.date | None = o.option(None, "last day of the run (with `from:` and `days:`)", one_day)
    days: tuple = o.option((), "the weekdays of the lessons from `from:` to `to:`", weekdays)
    questions: int = o.option(6, "questions on each sheet", o.number(1, 20, True))
    style: Style = o.option(
        "list", "numbered questions with answer lines, or a retrieval grid by age", o.one_of(Style)
    )
    topics: tuple = o.option((), "topics whose questions to use (default all)", o.text_list)
    seed: int = o.option(1, "seed for which questions each sheet asks", o.number(0, 10**9, True))
    versions: int = o.option(
        1, "sheets with different questions for each lesson (A, B, ...)", o.number(1, 6, True)
    )
    answer_key: AnswerKey = o.option("after", "where the answer keys go", o.one_of(AnswerKey))
    group: Group = o.option(
        "subject", "one run of sheets per subject, per topic, or one for all", o.one_of(Group)
    )
    title: str = o.option("Do now", "the sheet's title, before the lesson's date", o.text)
    font_size: float = o.option(10.0, "text size of the questions and answers (pt)", o.number(8, 20))

    def __post_init__(self) -> None:
        ranged = self.start is not None or self.to is not None or bool(self.days)
        if self.lessons and ranged:
            raise o.OptionError("retrieval takes `lessons:` or `from:`, `to:` and `days:`, not both",
                                "keep one of them")  # fmt: skip
        if ranged and (self.start is None or self.to is None or not self.days):
            raise o.OptionError("retrieval's `from:`, `to:` and `days:` go together",
                                "e.g. from: 4 January 2027, to: 26 March 2027, days: [Mon, Wed, Fri]")  # fmt: skip
        if self.start is not None and self.to is not None:
            if self.to < self.start:
                raise o.OptionError(f"retrieval's `to:` ({self.to}) is before `from:` ({self.start})",
                                    "swap them")  # fmt: skip
            if (self.to - self.start).days > MAX_SPAN_DAYS:
                raise o.OptionError(f"retrieval's `from:` to `to:` spans more than {MAX_SPAN_DAYS} days",
                                    "make a section per term or year")  # fmt: skip

    def lesson_days(self) -> tuple[datetime.date, ...]:
        """The lessons this section names: `lessons:`, or each of `days:` from `from:` to `to:`
        (empty when it names none: the layout then uses the days the topics were taught)."""
        if self.lessons:
            return self.lessons
        if self.start is None or self.to is None:
            return ()
        span = range((self.to - self.start).days + 1)
        days = (self.start + datetime.timedelta(k) for k in span)
        return tuple(d for d in days if d.weekday() in self.days)
