"""The build, top to bottom: load -> fonts -> each section's layout -> assemble -> safe write."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from studypack.files import write_atomic
from studypack.gcpause import paused
from studypack.layout_api import registry
from studypack.layout_api.pages import RenderContext, SectionPages
from studypack.layout_api.styles import PRESETS, Preset
from studypack.model import FontChoice
from studypack.pdf.assemble import Rendered
from studypack.pictures import Pictures
from studypack.text.fit import line_spacing
from studypack.text.fonts import Fonts, coverage_problems, font_problems, pack_texts, resolve

from . import shared_sections
from .errors import ContentError, Problem, StudypackError, UsageError, strictly
from .model import Pack, Section, Source
from .wording import plural


@dataclass
class BuildResult:
    """What a build wrote: the file, its page count, the warnings and each section's notes."""

    path: str
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    notices: dict[str, list[str]] = field(default_factory=dict)  # per section, for the teacher


def slug(text: str) -> str:
    """A file-name-safe form of a title, transliterated: 'Khrushchev revision pack' ->
    'khrushchev-revision-pack', 'Хрущёв' -> 'khrushchiov', 'Ιστορία' -> 'istoria'."""
    from slugify import slugify

    return slugify(text) or "pack"


def _slug_part(text: str | None) -> list[str]:
    from slugify import slugify

    s = slugify(text or "")
    return [s] if s else []


def default_output(pack: Pack, only: list[str], klass: str | None = None, term: str | None = None) -> str:
    """output/<title>[-<only names>][-<class>][-<term>].pdf: a class or term given on the command line
    names the file too, so building for 10C and then for 10D keeps both."""
    parts = [slug(pack.title), *(slug(n) for n in only)]
    parts += _slug_part(klass) + _slug_part(term)
    return os.path.join("output", "-".join(parts) + ".pdf")


def build(
    pack: Pack,
    output: str,
    only: list[str] | None = None,
    base: str = ".",
    progress: Callable[[str], None] = lambda s: None,
    on_page: Callable[[int, int], None] | None = None,
    students: tuple[str, ...] = (),
    jobs: int = 1,
    cards: tuple[tuple[str, int], ...] = (),
) -> BuildResult:
    """Render the pack (or the `only` sections) to `output`; the old file survives any failure.
    `students`: a named copy of every worksheet per pupil (`build --students`). `jobs`: processes
    that may draw a big pack's pages (`build --jobs`); the file is the same for any number.
    `cards`: only these cards of the cards sections, (topic file's name, number) (`build --cards`)."""
    t0 = time.perf_counter()
    with paused(), line_spacing(PRESETS[pack.preset].spacing):
        return _build(pack, output, only or [], base, progress, t0, on_page, students, jobs, cards)


def preset_fonts(pack: Pack, preset: Preset, base: str) -> Fonts:
    """The pack's font; a preset's own face where the pack names none (Andika for the dyslexia-
    friendly preset, where installed); no italics where the preset says so."""
    choice = pack.font
    if preset.family and choice == FontChoice():
        choice = FontChoice(family=preset.family)
    fonts = resolve(choice, base)
    fonts.italics = preset.italics
    if preset.family and fonts.family != preset.family and choice.family == preset.family:
        fonts.notes[:] = [f"the {preset.name} preset prefers {preset.family}, which is not installed "
                          f"(Debian: fonts-sil-andika); using {fonts.family}"]  # fmt: skip
    return fonts


# `--only` names for a part of every worksheet at once: what to hand out, and the teacher's keys
GROUPS = {"worksheets": "sheets", "keys": "keys"}


def is_worksheet(section: Section) -> bool:
    """A worksheet: a layout whose options say where its answer keys go."""
    return hasattr(section.options, "answer_key")


def only_choices(pack: Pack) -> list[str]:
    """What `--only` takes for this pack: each section's name, NAME-key for a worksheet's keys
    (a layout with an `answer_key` option makes keys), and `worksheets` and `keys` for every
    worksheet's pupil sheets or answer keys."""
    out = []
    for s in pack.sections:
        out.append(s.name)
        if is_worksheet(s):
            out.append(f"{s.name}-key")
    if any(is_worksheet(s) for s in pack.sections):
        out += [g for g in GROUPS if g not in out]
    return out


def _wanted(pack: Pack, only: list[str]) -> dict[str, set[str]]:
    """section name -> "sheets" and/or "keys", from the --only names."""
    names = [s.name for s in pack.sections]
    wanted: dict[str, set[str]] = {}
    for n in only:
        if n in names:
            wanted.setdefault(n, set()).add("sheets")
        elif n.endswith("-key") and n[:-4] in names and n in only_choices(pack):
            wanted.setdefault(n[:-4], set()).add("keys")
        elif n in GROUPS and n in only_choices(pack):
            for s in pack.sections:
                if is_worksheet(s):
                    wanted.setdefault(s.name, set()).add(GROUPS[n])
        else:
            import difflib  # only for a name that is not known

            close = difflib.get_close_matches(n, only_choices(pack), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise UsageError(f"--only {n}: the pack has no section '{n}' ({hint}it has: "
                             f"{', '.join(only_choices(pack))})")  # fmt: skip
    return wanted


def _chosen(pack: Pack, only: list[str], wanted: dict[str, set[str]], cards: tuple) -> list[Section]:
    """The sections to build: those --only names (all without it); with --cards, their cards ones."""
    chosen = [s for s in pack.sections if not only or s.name in wanted]
    if cards:
        chosen = [s for s in chosen if s.layout == "cards"]
        if not chosen:
            where = "the sections chosen with --only include" if only else "the pack has"
            raise UsageError(f"--cards: {where} no cards section to reprint cards from")
    return chosen


def _build(pack, output, only, base, progress, t0, on_page, students=(), jobs=1, cards=()) -> BuildResult:
    wanted = _wanted(pack, only)
    chosen = _chosen(pack, only, wanted, cards)
    if students and not any(is_worksheet(s) and (not only or "sheets" in wanted[s.name]) for s in chosen):
        what = "the sections chosen to build have" if only or cards else "the pack has"
        raise UsageError(f"--students: {what} no worksheet to put the pupils' names on "
                         "(add a worksheet section, e.g. `- layout: quiz`, or leave out --students)")  # fmt: skip
    named = {n.removesuffix("-key") for n in only if n not in GROUPS}
    grouped = {s.name for s in chosen if s.name not in named}  # chosen through `worksheets` or `keys` alone
    preset = PRESETS[pack.preset]
    fonts = preset_fonts(pack, preset, base)
    texts = pack_texts(pack)
    pupils = list(getattr(students, "texts", ()))  # a class list's names, each at its line
    warnings = font_problems(fonts, pack.field_src.get("font", pack.src)) + coverage_problems(
        fonts, texts + pupils
    )
    if pack.strict and warnings:
        raise ContentError(strictly(warnings))
    pictures = Pictures(pack.downsample_pictures, preset.floor)
    from studypack.layout_api import helpers
    from studypack.reportlab_fast import foresee, preassigned

    # Characters get their codes before anything is drawn (a layout's helper may draw while laying
    # out); every helper process still running is ended, whether the build succeeds or fails.
    chars = foreseen(texts, students)
    with preassigned(chars), _ending(helpers.close_all):
        ctx = RenderContext(pack, pack.paper, fonts, preset, students, pictures, jobs, cards)

        def render(section: Section) -> SectionPages:
            layout = registry.get(section.layout)
            assert layout is not None  # the loader checked it
            return layout.render(*on_paper(pack, section, ctx))

        shared = None
        if not (only or cards or students) and shared_sections.eligible(chosen, chars):
            foresee()  # with one process or two: the file is the same
            if jobs > 1:
                shared = shared_sections.start(chosen, render, ctx)
        rendered: list[Rendered] = []
        notices: dict[str, list[str]] = {}
        empty: list[str] = []  # why a chosen part has no pages
        for section, sp, seconds in _laid_out(chosen, render, shared):
            layout = registry.get(section.layout)
            assert layout is not None
            if only:
                parts = wanted[section.name]
                chosen_sp = _only_parts(sp, parts)
                if not (chosen_sp.pages or chosen_sp.end_pages) and section.name not in grouped:
                    empty.append(_why_empty(section.name, sp))
                sp = chosen_sp
            elif not (sp.pages or sp.end_pages):
                empty.append(_why_empty(section.name, sp))
            rendered.append(Rendered(section.name, layout.section_title(section.name), sp))
            if sp.notices:
                notices[section.name] = list(sp.notices)
            n_pages = len(sp.pages) + len(sp.end_pages)
            progress(f"{section.name}: {sp.summary or plural(n_pages, 'page')} ({seconds:.2f} s)")
        # A part asked for by name must print; a whole pack must print something.
        if (only and empty) or not any(r.pages.pages or r.pages.end_pages for r in rendered):
            why = "; ".join(empty) or "no section chosen has pages of that kind"
            raise UsageError("nothing to print, so nothing was written: " + why)
        from studypack.pdf.assemble import plan
        from studypack.pdf.writer import write

        if pictures.problems and pack.strict:  # a blocky picture, found while laying out
            raise ContentError(strictly(pictures.problems))
        pictures.prepare()
        p = plan(pack, rendered, fonts, cover=not (only or cards))
        if shared is not None:
            shared.planned(p.pages)  # the helper draws its pages now, as this process draws its own
        total = write_atomic(output, lambda f: write(pack, p, fonts, f, on_page, jobs, pictures))
        if pictures.problems:  # blocky, or washed out in greyscale (judged as each is drawn)
            warnings = warnings + sorted(pictures.problems, key=lambda p: (p.path, p.line, p.col))
    return BuildResult(output, total, warnings, notices)


def _laid_out(
    chosen: list[Section], render: shared_sections.Render, shared: shared_sections.Shared | None
) -> Iterator[tuple[Section, SectionPages, float]]:
    """Each chosen section laid out, in pack order, with the seconds it took. With a helper, this
    process lays out the sections it takes from the front (the helper meanwhile takes them from the
    back), keeping any error to raise in pack order: the first error is the one a build in one
    process meets."""
    if shared is None:
        for section in chosen:
            t = time.perf_counter()
            sp = render(section)
            yield section, sp, time.perf_counter() - t
        return
    own: dict[str, tuple[SectionPages, float] | StudypackError] = {}
    for section in chosen:
        if not shared.mine(section):
            continue
        t = time.perf_counter()
        try:
            own[section.name] = (render(section), time.perf_counter() - t)
        except StudypackError as e:
            own[section.name] = e
            shared.stop()
            break  # no later section is needed: the build fails at this one or before
    for section in chosen:
        got = own[section.name] if section.name in own else shared.section(section)
        if isinstance(got, StudypackError):
            raise got
        if got is None:  # the helper's, which it could not lay out: laid out here
            t = time.perf_counter()
            got = (render(section), time.perf_counter() - t)
        yield section, *got


def on_paper(pack: Pack, section: Section, ctx: RenderContext) -> tuple[Pack, Section, RenderContext]:
    """What a section is drawn from: the pack on the section's own paper where it sets one (an
    organiser on A3 in an A4 pack), so a layout reads its paper from the pack as always."""
    if section.paper is None or section.paper is pack.paper:
        return pack, section, ctx
    sized = replace(pack, paper=section.paper)
    return sized, section, replace(ctx, pack=sized, paper=section.paper)


# What studypack draws of its own beyond ASCII: bullets, dashes, quotes, arrows, marks and the
# middle dot of its headers (a character missed here costs speed only: see reportlab_fast).
DRAWN_CHARS = "·–—‘’“”„«»‹›•‣◦▪■○●…←↑→↓✓✗×÷≈≤≥°£€©\u00ad"


def foreseen(texts: list[tuple[Source, str, str]], students: tuple[str, ...]) -> str:
    """Every character the build can know it will draw before drawing: the pack's texts, the pupils'
    names and studypack's own typography."""
    return "".join(set("".join(t for _, _, t in texts) + "".join(students) + DRAWN_CHARS))


@contextmanager
def _ending(cleanup: Callable[[], None]) -> Iterator[None]:
    try:
        yield
    finally:
        cleanup()


def _why_empty(name: str, sp: SectionPages) -> str:
    """Why the chosen part of a rendered section (before --only picked from it) has no pages."""
    if not (sp.pages or sp.end_pages):
        return f"section '{name}' has no pages" + (f": {sp.summary}" if sp.summary else "")
    return f"section '{name}' has no answer keys (only worksheets have them)"


def _only_parts(sp: SectionPages, parts: set[str]) -> SectionPages:
    """The section's worksheets without answer keys, or only its keys, or both (keys after)."""
    pages = tuple(p for p in sp.pages + sp.end_pages if p.role != "key") if "sheets" in parts else ()
    if "keys" in parts:
        pages += sp.keys
    return replace(sp, pages=pages, end_pages=())
