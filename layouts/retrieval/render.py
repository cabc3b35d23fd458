"""Do-now sheets for a run of lessons: the lessons' questions (spacing rule in schedule.py), each
lesson's sheet titled with its weekday and date, two to a page as halves to cut apart (on A4,
two landscape A5 sheets one above the other: one straight cut on a guillotine), and a key for
each lesson laid out like its sheet with the answers on the lines.

The halves are the default; a run whose sheets do not all fit a half (large print, long answers)
gets a page per sheet, and the build says so; one that does not fit a page either flows on as the
quiz's questions do. Versions give each lesson different questions (neighbours get different
sheets); `build --students` prints a named copy per pupil as every worksheet does."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from studypack.layouts.worksheet.flow import SIDE, hand_out, pages, text_size, with_pupil, worksheet_section
from studypack.layouts.worksheet.furniture import Sheet, Sizes, header_height, version_letter
from studypack.layouts.worksheet.groups import TopicGroup, group_topics

from studypack.layout_api import options as o
from studypack.layout_api.pages import Canvas, Page, PrintAdvice, RenderContext, SectionPages
from studypack.layout_api.styles import FURNITURE_BAND, GUIDE_GREY, GUIDE_WIDTH, SAFE, mm
from studypack.model import MONTH_NAMES, HistDate, Pack, Section, Topic
from studypack.text.fonts import Fonts
from studypack.wording import plural

from .options import WEEKDAYS, RetrievalOptions
from .questions import questions_of
from .schedule import Lesson, plan, taught_day
from .sheet import Body, grid_body, list_body

HALF_TOP = 9 * mm  # from a half's top edge (the paper's, or the cut) to its title
HALF_BOTTOM = 8 * mm  # kept clear above a half's bottom edge (the cut, or the paper's)
LINES, BOXES = "on the lines below it", "in its box"  # where the instruction says the answers go
Fit = tuple[str, int]  # ("half" | "page", columns: 1, 2, or 0 for the grid); ("flow", 1) beyond a page


def day_text(d: datetime.date, order: str = "dmy") -> str:
    """'Monday 22 February 2027' ('Monday, February 22, 2027' in a pack whose dates are mdy)."""
    wd, month = WEEKDAYS[d.weekday()].capitalize(), MONTH_NAMES[d.month - 1]
    return f"{wd}, {month} {d.day}, {d.year}" if order == "mdy" else f"{wd} {d.day} {month} {d.year}"


def short_day(d: datetime.date, order: str = "dmy") -> str:
    """'Mon 22 Feb' ('Mon Feb 22')."""
    wd, month = WEEKDAYS[d.weekday()][:3].capitalize(), MONTH_NAMES[d.month - 1][:3]
    return f"{wd} {month} {d.day}" if order == "mdy" else f"{wd} {d.day} {month}"


def default_lessons(topics: list[Topic]) -> tuple[datetime.date, ...]:
    """Without `lessons:` or `from:`: the days new topics were taught, from the second on, so each
    new topic's first lesson opens with the ones before it."""
    days = sorted({taught_day(t.taught) for t in topics if t.taught is not None})
    return tuple(days[1:])


def _latest(lesson: Lesson, topics: tuple[Topic, ...]) -> datetime.date | None:
    before = [d for t in topics if t.taught is not None and (d := taught_day(t.taught)) < lesson.day]
    return max(before, default=None)


class Run:
    """One group's lessons (each version's), each sheet laid out in the first way it fits."""

    def __init__(self, runs: list[list[Lesson]], topics: tuple[Topic, ...], opts: RetrievalOptions,
                 z: Sizes, fonts: Fonts, size: tuple[float, float], label: str, order: str) -> None:  # fmt: skip
        self.runs, self.topics, self.opts, self.z, self.fonts = runs, topics, opts, z, fonts
        self.W, self.H = size
        self.width = self.W - 2 * SIDE
        self.label, self.order = label, order
        self.marks: dict = {}  # a page's drawing -> its lessons' bookmarks
        self._fit: dict[Lesson, Fit] = {}
        self._bodies: dict[tuple[Lesson, Fit], Body] = {}

    def body(self, lesson: Lesson, fit: Fit) -> Body:
        """The lesson's questions laid out one way (once: the sheet and its key share it)."""
        if (lesson, fit) not in self._bodies:
            if fit[1] == 0:
                latest = _latest(lesson, self.topics)
                body = grid_body(lesson.questions, lesson.day, latest, self.width, self.z, self.fonts)
            else:
                body = list_body(lesson.questions, self.width, self.z, self.fonts, fit[1])
            self._bodies[(lesson, fit)] = body
        return self._bodies[(lesson, fit)]

    def room(self, where: str) -> float:
        if where == "half":
            return self.H / 2 - HALF_TOP - HALF_BOTTOM
        return self.H - 2 * FURNITURE_BAND

    def fit(self, lesson: Lesson) -> Fit:
        """The first way the lesson's sheet fits: half a page in one column or two, else a page
        (the grid keeps its columns); else its questions flow over pages."""
        if lesson not in self._fit:
            ways: list[Fit] = (
                [("half", 0), ("page", 0)] if self.opts.style == "grid" else [("half", 1), ("half", 2)]
            )
            ways += [("page", 1), ("page", 2)]  # a grid too tall for a page is set as a list
            head = max(
                header_height(self.sheet(lesson, v, "", LINES), self.width, self.fonts) for v in range(2)
            )
            fits = (w for w in ways if head + self.body(lesson, w).height <= self.room(w[0]) + 1e-6)
            self._fit[lesson] = next(fits, ("flow", 1))
        return self._fit[lesson]

    def sheet(self, lesson: Lesson, version: int, pupil: str, how: str = "") -> Sheet:
        title = f"{self.opts.title}: {day_text(lesson.day, self.order)}"
        title += f"  ·  {self.label}" if self.label else ""
        how = how or (BOXES if self.fit(lesson)[1] == 0 else LINES)
        letter = version_letter(version, self.opts.versions)
        marks = len(lesson.questions)
        return with_pupil(Sheet(title, letter, f"Answer each question {how}.", marks, self.z), pupil)


def _cut_line(c: Canvas, w: float, y: float) -> None:
    """The dashed line to cut along, stopping 5 mm from the paper's edges."""
    c.saveState()
    c.setStrokeGray(GUIDE_GREY)
    c.setLineWidth(GUIDE_WIDTH)
    c.setDash(4, 3)
    c.line(SAFE, y, w - SAFE, y)
    c.restoreState()


def _half_pages(run: Run, sheets: list[tuple[Sheet, Lesson]], key: bool) -> list[Page]:
    """Two sheets a page, one above the other, with the cut line between; each page bookmarks
    its lessons."""
    W, H = run.W, run.H
    out = []
    for k in range(0, len(sheets), 2):
        pair = sheets[k : k + 2]

        def draw(c: Canvas, pair=pair) -> None:
            for j, (sheet, lesson) in enumerate(pair):
                top = H - j * H / 2 - HALF_TOP
                y = _header(c, sheet, top, run, key)
                run.body(lesson, run.fit(lesson)).draw(c, SIDE, y, key)
            _cut_line(c, W, H / 2)

        marks = tuple((day_text(lesson.day, run.order), 2) for _, lesson in pair)
        out.append(Page(W, H, draw, furniture=False, bookmarks=marks))
        run.marks[draw] = marks
    return out


def _header(c: Canvas, sheet: Sheet, top: float, run: Run, key: bool) -> float:
    from studypack.layouts.worksheet.furniture import draw_header

    return draw_header(c, sheet, SIDE, top, run.width, run.fonts, key)


def _whole_pages(run: Run, sheets: list[tuple[Sheet, Lesson]], key: bool) -> list[Page]:
    """A page per sheet; beyond a page, the questions flow on as the quiz's do."""
    out: list[Page] = []
    for sheet, lesson in sheets:
        mark = ((day_text(lesson.day, run.order), 2),)
        if run.fit(lesson)[0] == "flow":
            from studypack.layouts.quiz.render import Question as Asked
            from studypack.layouts.quiz.render import written_blocks

            asked = [Asked(q.topic, q.text, q.answer) for q in lesson.questions]
            ps = pages(
                sheet, written_blocks(asked, run.width, run.z, run.fonts), (run.W, run.H), run.fonts, key
            )
            out += [replace(ps[0], bookmarks=mark), *ps[1:]]
            run.marks[ps[0].draw] = mark
            continue

        def draw(c: Canvas, sheet=sheet, lesson=lesson) -> None:
            y = _header(c, sheet, run.H - FURNITURE_BAND, run, key)
            run.body(lesson, run.fit(lesson)).draw(c, SIDE, y, key)

        out.append(Page(run.W, run.H, draw, bookmarks=mark))
        run.marks[draw] = mark
    return out


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
    run = Run(runs, g.topics, opts, z, ctx.fonts, size, label, pack.date_order)
    tally.fits |= {run.fit(ls)[0] for run_ in runs for ls in run_}
    tally.listed |= {ls.day for run_ in runs for ls in run_ if run.fit(ls)[1] != 0}
    letters = [version_letter(v, opts.versions) for v in range(opts.versions)]
    if ctx.students:
        return _class_copies(run, ctx.students, opts.answer_key)
    handed = hand_out(opts.versions, letters, _pages_for(run), opts.answer_key, ctx.students)
    return tuple(_marked(ps, run.marks, label) for ps in handed[:3]) + (handed[3],)


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


def _marked(pages_: tuple[Page, ...], marks: dict, label: str) -> tuple[Page, ...]:
    """The pages with their lessons' bookmarks under the one `hand_out` gives the first page of
    each version (and the group's label in it)."""
    out = []
    for p in pages_:
        own = marks.get(p.draw, ())
        top = tuple(
            (f"{t}: {label}" if level == 1 and label else t, level) for t, level in p.bookmarks if level == 1
        )
        out.append(replace(p, bookmarks=top + own) if own or top else p)
    return tuple(out)


def _laid(run: Run, sheets: list[tuple[Sheet, Lesson]], key: bool) -> list[Page]:
    """Sheets (or keys) in order: those that fit half a page two to a page, the others a page
    each, where each comes."""
    out: list[Page] = []
    halves: list[tuple[Sheet, Lesson]] = []
    for sheet, ls in sheets:
        if run.fit(ls)[0] == "half":
            halves.append((sheet, ls))
            if len(halves) == 2:
                out += _half_pages(run, halves, key)
                halves = []
        else:
            out += _whole_pages(run, [(sheet, ls)], key)
    return out + (_half_pages(run, halves, key) if halves else [])


def _first_marks(pages_: list[Page]) -> list[Page]:
    """Each lesson bookmarked once, on its first page (a class's copies of it take many)."""
    seen: set[str] = set()
    out = []
    for p in pages_:
        marks = tuple(m for k, m in enumerate(p.bookmarks) if m[0] not in seen and m not in p.bookmarks[:k])
        seen |= {m[0] for m in marks}
        out.append(replace(p, bookmarks=marks))
    return out


def _pages_for(run: Run) -> Callable[[int, str, bool], list[Page]]:
    """A version's sheets (or keys) in lesson order, for `hand_out`."""

    def pages_for(v: int, pupil: str, key: bool) -> list[Page]:
        return _laid(run, [(run.sheet(ls, v, pupil), ls) for ls in run.runs[v]], key)

    return pages_for


def _class_copies(run: Run, students: tuple[str, ...], answer_key: str) -> tuple:
    """With `build --students`: lesson by lesson, a named sheet for every pupil in class-list
    order (versions going round, so neighbours differ), each lesson from a page of its own so
    its pile prints and cuts together;
    then each version's keys once (after them, or at the end of the pack), as `hand_out` does."""
    versions = len(run.runs)
    by_day = [{ls.day: ls for ls in r} for r in run.runs]
    copies: list[Page] = []
    for day in sorted({d for r in by_day for d in r}):  # each lesson's pile on pages of its own
        items = []
        for i, name in enumerate(students):
            ls = by_day[i % versions].get(day)
            if ls is not None:
                items.append((run.sheet(ls, i % versions, name), ls))
        copies += _laid(run, items, False)
    copies = _first_marks(copies)
    head = "Named copies" + (f": {run.label}" if run.label else "")
    copies[0] = replace(copies[0], new_sheet=True, bookmarks=((head, 1), *copies[0].bookmarks))
    keys: list[Page] = []
    for v in sorted({i % versions for i in range(len(students))}):
        ks = [replace(k, role="key") for k in _pages_for(run)(v, "", True)]
        letter = version_letter(v, versions)
        name = (
            "Answer key" + (f" version {letter}" if letter else "") + (f": {run.label}" if run.label else "")
        )
        keys += [replace(ks[0], new_sheet=True, bookmarks=((name, 1), *ks[0].bookmarks)), *ks[1:]]
    roster = tuple((name, version_letter(i % versions, versions)) for i, name in enumerate(students))
    after = tuple(copies) + (tuple(keys) if answer_key == "after" else ())
    return after, (tuple(keys) if answer_key == "end" else ()), tuple(keys), roster


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
