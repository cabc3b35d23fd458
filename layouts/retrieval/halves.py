"""Do-now sheets onto paper: two to a page as halves to cut apart (on A4 two landscape A5 sheets
one above the other, one straight cut on a guillotine; on Letter two 8.5 x 5.5 in halves), with
a dashed cut line 5 mm short of the edges; a sheet that does not fit a half takes a page. Each
page bookmarks its lessons. Without a class list each version's sheets come in lesson order (for
`hand_out`); with one, lesson by lesson, a named sheet per pupil."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from studypack.layouts.worksheet.flow import SIDE, pages
from studypack.layouts.worksheet.furniture import Sheet, version_letter

from studypack.layout_api.pages import Canvas, Page
from studypack.layout_api.styles import FURNITURE_BAND, GUIDE_GREY, GUIDE_WIDTH, SAFE

from .run import HALF_TOP, Run, day_text
from .schedule import Lesson


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


def marked(pages_: tuple[Page, ...], marks: dict, label: str) -> tuple[Page, ...]:
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


def pages_for_versions(run: Run) -> Callable[[int, str, bool], list[Page]]:
    """A version's sheets (or keys) in lesson order, for `hand_out`."""

    def pages_for(v: int, pupil: str, key: bool) -> list[Page]:
        return _laid(run, [(run.sheet(ls, v, pupil), ls) for ls in run.runs[v]], key)

    return pages_for


def class_copies(run: Run, students: tuple[str, ...], answer_key: str) -> tuple:
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
        ks = [replace(k, role="key") for k in pages_for_versions(run)(v, "", True)]
        letter = version_letter(v, versions)
        name = (
            "Answer key" + (f" version {letter}" if letter else "") + (f": {run.label}" if run.label else "")
        )
        keys += [replace(ks[0], new_sheet=True, bookmarks=((name, 1), *ks[0].bookmarks)), *ks[1:]]
    roster = tuple((name, version_letter(i % versions, versions)) for i, name in enumerate(students))
    after = tuple(copies) + (tuple(keys) if answer_key == "after" else ())
    return after, (tuple(keys) if answer_key == "end" else ()), tuple(keys), roster
