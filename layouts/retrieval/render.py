"""The retrieval layout: a do-now sheet for every lesson of a run, with its key.

The lessons come from `lessons:`, or `from:`, `to:` and `days:`, or else the days new topics were
taught; each lesson's questions follow the spacing rule (schedule.py) over the questions of the
topics already taught (questions.py); each sheet is laid out in the first way it fits (run.py)
and put on paper two to a page where it can be (halves.py). One run per group of topics (by
subject by default); versions give each lesson different questions; `build --students` prints
each lesson's named sheets together. What could not be asked, or did not fit, is told as notices.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from studypack.layouts.worksheet.flow import hand_out, text_size, worksheet_section
from studypack.layouts.worksheet.furniture import Sizes, version_letter
from studypack.layouts.worksheet.groups import TopicGroup, group_topics

from studypack.layout_api import options as o
from studypack.layout_api.pages import PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import mm
from studypack.model import HistDate, Pack, Section, Topic
from studypack.wording import plural

from .halves import class_copies, marked, pages_for_versions
from .options import RetrievalOptions
from .questions import questions_of
from .run import Run, default_lessons, short_day
from .schedule import plan, taught_day


def _events(topics: tuple[Topic, ...]) -> list[HistDate]:
    return [e.date for t in topics for e in t.timeline if not e.review]


def _notices(untaught: list[Topic], silent: list[Topic]) -> list[str]:
    out = []
    if untaught:
        names = "; ".join(f"{t.src.path} ({t.topic})" for t in untaught)
        out.append(f"{plural(len(untaught), 'topic')} with no `taught:` date, so never asked about: {names} "
                   "(add e.g. `taught: 11 January 2027` at the top of each)")  # fmt: skip
    if silent:
        names = "; ".join(f"{t.src.path} ({t.topic})" for t in silent)
        out.append(f"{plural(len(silent), 'taught topic')} with nothing to ask (no question cards, key terms "
                   f"or dated events): {names}")  # fmt: skip
    return out


@dataclass
class Tally:
    """What the runs of a section came to, for its notices and the cover."""

    empty: set[datetime.date] = field(default_factory=set)  # lessons with nothing to ask
    short: set[datetime.date] = field(default_factory=set)  # lessons with fewer questions
    printed: set[datetime.date] = field(default_factory=set)  # lessons with a sheet
    fits: set[str] = field(default_factory=set)  # "half", "page", "flow"
    listed: set[datetime.date] = field(default_factory=set)  # grids set as lists


def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
    opts = o.options_of(section, RetrievalOptions)
    chosen = pack.topics_named(opts.topics)
    taught = [t for t in chosen if t.taught is not None]
    groups = group_topics(taught, opts.group)
    pools = {id(t): questions_of(t, _events(g.topics)) for g in groups for t in g.topics}
    notices = _notices([t for t in chosen if t.taught is None], [t for t in taught if not pools[id(t)]])
    lessons = opts.lesson_days() or default_lessons(taught)
    advice = PrintAdvice("single", "per-student")
    if not lessons or not taught:
        why = (
            "no topic has a `taught:` date"
            if not taught
            else "no lessons: give `lessons:` or `from:`, `to:` and `days:`"
        )
        return SectionPages((), advice, why, (*notices, f"no do-now sheets: {why}"))
    tally = Tally()
    parts = []
    for g in groups:
        pool = [q for t in g.topics for q in pools[id(t)]]
        part = _group_pages(pool, g, lessons, pack, opts, ctx, tally, len(groups) > 1)
        if part is not None:
            parts.append(part)
    notices += _tally_notices(tally, taught, opts, pack.date_order, text_size(opts.font_size, ctx))
    if not parts:
        why = "no lesson comes after a topic was taught"
        return SectionPages((), advice, why, (*notices, f"no do-now sheets: {why}"))
    handed = tuple(tuple(p for part in parts for p in part[k]) for k in range(3)) + (parts[0][3],)
    summary = (f"{plural(len(tally.printed), 'lesson')}, {plural(opts.questions, 'question')} each, "
               f"{opts.style}, {plural(opts.versions, 'version')}")  # fmt: skip
    return worksheet_section(handed, summary, notices, "Do now answer keys", _advice(tally, pack.date_order))


def _group_pages(pool: list, g: TopicGroup, lessons: tuple, pack: Pack, opts: RetrievalOptions,
                 ctx: RenderContext, tally: Tally, labelled: bool) -> tuple | None:  # fmt: skip
    """One group's sheets and keys (every version's, as `hand_out` gives them), or None when it
    has no lesson with questions. The group's name is in the titles when the pack has several."""
    runs = [plan(pool, lessons, opts.questions, opts.seed, f"{g.label}-{v}") for v in range(opts.versions)]
    for run_ in runs:
        tally.empty |= {ls.day for ls in run_ if not ls.questions}
        tally.short |= {ls.day for ls in run_ if 0 < len(ls.questions) < opts.questions}
    runs = [[ls for ls in run_ if ls.questions] for run_ in runs]
    if not any(runs):
        return None
    tally.printed |= {ls.day for run_ in runs for ls in run_}
    size = (ctx.paper.value[0] * mm, ctx.paper.value[1] * mm)
    label = g.label if labelled else ""
    z = text_size(opts.font_size, ctx)
    run = Run(runs, g.topics, opts, z, ctx.fonts, size, label, pack.date_order, pack.klass)
    tally.fits |= {run.fit(ls)[0] for run_ in runs for ls in run_}
    tally.listed |= {ls.day for run_ in runs for ls in run_ if run.fit(ls)[1] != 0}
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    if ctx.students:
        return class_copies(run, ctx.students, opts.answer_key)
    handed = hand_out(opts.versions, letters, pages_for_versions(run), opts.answer_key, ctx.students)
    return tuple(marked(ps, run.marks, label) for ps in handed[:3]) + (handed[3],)


def _tally_notices(
    tally: Tally, taught: list[Topic], opts: RetrievalOptions, order: str, z: Sizes
) -> list[str]:
    first_taught = min(taught_day(t.taught) for t in taught if t.taught is not None)
    empty = tally.empty - tally.printed
    early = sorted(d for d in empty if d <= first_taught)
    spent = sorted(d for d in empty if d > first_taught)
    out = _lesson_notices(early, spent, sorted(tally.short - empty), opts.questions, order)
    if opts.style == "grid" and tally.listed:
        out.append(f"{plural(len(tally.listed), 'grid')} too tall for a page, set as a list instead: "
                   + ", ".join(short_day(d, order) for d in sorted(tally.listed)))  # fmt: skip
    if tally.fits - {"half"}:
        out.append(f"{'every' if 'half' not in tally.fits else 'some'} do-now sheet takes a whole page: its "
                   f"questions with their answer lines do not fit half a page at {z.text:g} pt")  # fmt: skip
    return out


def _advice(tally: Tally, order: str) -> PrintAdvice:
    """Single-sided, a copy per pupil; where to cut, and the lessons, for the cover."""
    years = "-".join(sorted({str(d.year) for d in tally.printed}))
    days = ", ".join(short_day(d, order) for d in sorted(tally.printed))
    cut = ("cut each page in half along the dashed line; " if tally.fits == {"half"} else
           "cut each page with a dashed line in half along it; " if "half" in tally.fits else "")  # fmt: skip
    return PrintAdvice(
        "single", "per-student", f"{cut}{plural(len(tally.printed), 'lesson')} ({years}): {days}"
    )


def _lesson_notices(early: list, spent: list, short: list, n: int, order: str) -> list[str]:
    out = []
    if early:
        days = ", ".join(short_day(d, order) for d in early)
        out.append(f"no sheet for {plural(len(early), 'lesson')} before anything was taught: {days}")
    if spent:
        days = ", ".join(short_day(d, order) for d in spent)
        out.append(f"no sheet for {plural(len(spent), 'lesson')} whose every question was asked in the three "
                   f"lessons before (the topics taught by then hold too few): {days}")  # fmt: skip
    if short:
        days = ", ".join(short_day(d, order) for d in short)
        out.append(f"{plural(len(short), 'sheet')} with fewer than {n} questions (too few taught, or asked in the "
                   f"three lessons before): {days}")  # fmt: skip
    return out
