"""The retrieval layout's do-now sheets as printed: a term of lessons over three topics taught at
different dates (tests/retrieval_term/), read back from the PDF."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build_pdf, make_pack, pdf_pages_text, text_positions
from pagedump import dump
from studypack.layouts.retrieval.questions import questions_of
from studypack.layouts.retrieval.run import day_text
from studypack.layouts.retrieval.schedule import plan

from studypack.build import build
from studypack.load.manifest import load_pack
from studypack.text.markup import words

TERM = Path(__file__).parent / "retrieval_term"
MM = 72 / 25.4


def term_copy(tmp: Path, extra: str = "", section: str = "") -> Path:
    """The term's topics in `tmp` with a manifest of one retrieval section (the term's by default)."""
    for f in ("revolution.yaml", "stalin.yaml", "plans.yaml"):
        shutil.copy(TERM / f, tmp / f)
    section = section or "from: 4 January 2027\n    to: 26 March 2027\n    days: [Mon, Wed, Fri]"
    (tmp / "pack.yaml").write_text(
        "title: Russia\nterm: Spring 2027\nclass: 11R\n" + extra
        + "topics: [revolution.yaml, stalin.yaml, plans.yaml]\nsections:\n  - layout: retrieval\n    "
        + section + "\n", encoding="utf-8")  # fmt: skip
    return tmp / "pack.yaml"


def halves(pdf: Path, height_mm: float = 297.0) -> list[tuple[str, set[str], list[float]]]:
    """Each sheet's title, the words on it and its text sizes: two sheets a page, split at the cut."""
    out = []
    for runs in text_positions(pdf):
        for top in (True, False):
            mine = [r for r in runs if (r.y > height_mm * MM / 2) == top]
            title = next(
                (
                    r.text
                    for r in sorted(mine, key=lambda r: -r.y)
                    if re.match(r"(Answer key: )?Do now:", r.text)
                ),
                None,
            )
            if title:
                title = " ".join(title.split())
                text = " ".join(r.text for r in mine)
                out.append((title, set(re.findall(r"\w+", text)), [r.size for r in mine]))
    return out


@pytest.fixture(scope="module")
def term_pdf(tmp_path_factory):  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("term")
    manifest = term_copy(d)
    return manifest, build_pdf(manifest)


def _plan(manifest: Path):  # type: ignore[no-untyped-def]
    pack, _ = load_pack(str(manifest))
    events = [e.date for t in pack.topics for e in t.timeline]
    pool = [q for t in pack.topics for q in questions_of(t, events)]
    opts = pack.sections[0].options
    return [ls for ls in plan(pool, opts.lesson_days(), 6, 1, "History-0") if ls.questions]


def test_every_lesson_has_its_dated_sheet_with_its_questions_and_a_key(term_pdf) -> None:
    """A sheet per lesson that has questions, in order, titled 'Do now: Monday 22 February 2027'
    with '____ / N' marks; its words include every word of its questions; the key for each lesson
    follows, with every word of each answer."""
    manifest, pdf = term_pdf
    lessons = _plan(manifest)
    sheets = halves(pdf)
    pupils = [s for s in sheets if not s[0].startswith("Answer key")]
    keys = [s for s in sheets if s[0].startswith("Answer key")]
    assert [t for t, _, _ in pupils] == [f"Do now: {day_text(ls.day)}" for ls in lessons]
    assert [t for t, _, _ in keys] == [f"Answer key: Do now: {day_text(ls.day)}" for ls in lessons]
    assert "Do now: Monday 22 February 2027" in [t for t, _, _ in pupils]
    assert len(lessons) == 30
    for ls, (title, tokens, _), (_, key_tokens, _) in zip(lessons, pupils, keys, strict=True):
        n = len(ls.questions)
        assert {"Name", "Class", str(n)} <= tokens and "teacher" not in tokens
        assert "teacher" in key_tokens
        assert {str(k) for k in range(1, n + 1)} <= tokens
        for q in ls.questions:
            assert set(words(q.text)) <= tokens, (title, q.text)
            assert set(words(q.answer)) <= key_tokens, (title, q.answer)
    assert sum(len(ls.questions) == 6 for ls in lessons) >= 24


def test_the_cover_lists_the_lessons_and_says_to_cut(term_pdf) -> None:
    """The cover names every lesson of the run and tells the print room to cut each page in half."""
    manifest, pdf = term_pdf
    cover = " ".join(pdf_pages_text(pdf)[0].split())
    assert "cut each page in half along the dashed line" in cover
    assert (
        "30 lessons (2027): Fri 8 Jan, Mon 11 Jan" in cover
        and "Mon 22 Feb" in cover
        and "Fri 26 Mar" in cover
    )


def test_the_same_pack_gives_the_same_bytes_and_the_seed_changes_them(tmp_path) -> None:
    """Two builds of the term are byte for byte the same; another seed asks other questions."""
    a = build_pdf(term_copy(tmp_path), tmp_path / "a.pdf").read_bytes()
    b = build_pdf(tmp_path / "pack.yaml", tmp_path / "b.pdf").read_bytes()
    assert a == b
    section = "from: 4 January 2027\n    to: 26 March 2027\n    days: [mon, WEDNESDAY, Fri]\n    seed: 9"
    c = build_pdf(term_copy(tmp_path, section=section), tmp_path / "c.pdf").read_bytes()
    assert c != a


def test_the_cut_line_and_every_text_keep_clear_of_the_edges_and_the_cut(term_pdf) -> None:
    """The dashed cut line runs across the middle of the page, 5 mm short of each edge; text stays
    at least 5 mm from the paper's edges and from the cut."""
    _, pdf = term_pdf
    page = dump(pdf, 2)
    assert "line 5.0,148.5 -> 205.0,148.5 w 0.5 dash" in page.replace("dash [4, 3]", "dash").split(" grey")[0] or any(
        ln.startswith("line 5.0,148.5 -> 205.0,148.5") and "solid" not in ln for ln in page.splitlines())  # fmt: skip
    for runs in text_positions(pdf)[2:4]:
        for r in runs:
            y = r.y / MM
            assert 5 <= r.x / MM <= 205 and 5 <= y <= 292 - r.size / MM, r
            assert y > 148.5 + 5 or y + r.size / MM < 148.5 - 5, r


def test_letter_paper_halves(tmp_path) -> None:
    """On Letter the sheets are 8.5 x 5.5 inch halves with the cut across the middle."""
    pdf = build_pdf(term_copy(tmp_path, "paper: Letter\n"))
    page = dump(pdf, 2)
    assert page.startswith("page 3 of") and "215.9 x 279.4 mm" in page.splitlines()[0]
    assert any(ln.startswith("line 5.0,139.7 -> 210.9,139.7") for ln in page.splitlines())
    assert len([t for t, _, _ in halves(pdf, 279.4) if not t.startswith("Answer")]) == 30


def test_a_topic_without_taught_is_never_asked_and_the_build_says_so(tmp_path) -> None:
    """A topic with no `taught:` date gives no question, and the build's notice names its file."""
    manifest = term_copy(tmp_path)
    text = (tmp_path / "plans.yaml").read_text().replace("taught: 15 February 2027\n", "")
    (tmp_path / "plans.yaml").write_text(text)
    pack, _ = load_pack(str(manifest))
    res = build(pack, str(tmp_path / "o.pdf"), None, str(tmp_path))
    assert any("plans.yaml (The Five-Year Plans)" in n and "`taught:`" in n for n in res.notices["retrieval"])
    tokens = set(re.findall(r"\w+", " ".join(pdf_pages_text(tmp_path / "o.pdf")[1:])))
    assert not {"Magnitogorsk", "Gosplan", "Stakhanov"} & tokens


def test_versions_ask_different_questions_and_keys_can_go_to_the_end(tmp_path) -> None:
    """Two versions give each lesson two different sheets (A and B); `answer_key: end` puts every
    key after the rest of the pack, `none` leaves them out."""
    section = "lessons: [22 February 2027, 24 February 2027]\n    versions: 2\n    answer_key: end"
    pdf = build_pdf(term_copy(tmp_path, section=section))
    sheets = halves(pdf)
    titles = [t for t, _, _ in sheets]
    assert titles[:4] == [
        "Do now: Monday 22 February 2027 · Version A",
        "Do now: Wednesday 24 February 2027 · Version A",
        "Do now: Monday 22 February 2027 · Version B",
        "Do now: Wednesday 24 February 2027 · Version B",
    ]
    assert sheets[0][1] != sheets[2][1]
    assert all(t.startswith("Answer key") for t in titles[4:]) and len(titles) == 8
    section = "lessons: [22 February 2027, 24 February 2027]\n    answer_key: none"
    pdf = build_pdf(term_copy(tmp_path, section=section), tmp_path / "n.pdf")
    assert not any(t.startswith("Answer key") for t, _, _ in halves(pdf))


def test_grid_sets_the_questions_in_columns_by_age(tmp_path) -> None:
    """`style: grid` heads its columns with the bands that have questions, last lesson first."""
    section = "lessons: [22 February 2027]\n    style: grid"
    pdf = build_pdf(term_copy(tmp_path, section=section))
    text = " ".join(pdf_pages_text(pdf)[1].split())
    assert "Last lesson" in text and "Earlier" in text and "Answer each question in its box." in text
    assert text.index("Last lesson") < text.index("Earlier")


def test_large_print_keeps_every_text_at_12_pt_or_more(tmp_path) -> None:
    """Under the large-print preset the sheets' questions are 14 pt or more and nothing is under
    12 pt; a sheet that no longer fits half a page takes a whole one."""
    pdf = build_pdf(term_copy(tmp_path, "preset: large-print\n"))
    # the page's own header and footer (pack title, page number) are the pack's, not the sheet's
    pages = [[r for r in runs if 12 * MM < r.y < 285 * MM] for runs in text_positions(pdf)[1:]]
    assert len(pages) >= 30 and all(min(r.size for r in runs) >= 12 for runs in pages)
    questions = [r for runs in pages for r in runs if r.bold and r.text.endswith("?")]
    assert questions and min(r.size for r in questions) >= 14


def test_named_copies_for_a_class_lesson_by_lesson(tmp_path) -> None:
    """`build --students` prints each pupil's name on their sheet, lesson by lesson in class-list
    order with the versions going round, each lesson from a page of its own; the keys once per
    version after them; the cover says who has which version."""
    section = "lessons: [22 February 2027, 24 February 2027]\n    versions: 2"
    pack, _ = load_pack(str(term_copy(tmp_path, section=section)))
    names = ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    build(pack, str(tmp_path / "o.pdf"), None, str(tmp_path), students=names)
    pages = pdf_pages_text(tmp_path / "o.pdf")
    order = []
    for n, text in enumerate(pages):
        for m in re.finditer(
            r"Do now: (\w+ \d+ \w+ \d+) · Version (\w) ____ / \d+ Name (\w+ \w+)", " ".join(text.split())
        ):
            order.append((n, m.group(1), m.group(2), m.group(3)))
    assert [o[1:] for o in order] == [
        ("Monday 22 February 2027", "A", "Ada Lovelace"), ("Monday 22 February 2027", "B", "Alan Turing"),
        ("Monday 22 February 2027", "A", "Grace Hopper"), ("Wednesday 24 February 2027", "A", "Ada Lovelace"),
        ("Wednesday 24 February 2027", "B", "Alan Turing"), ("Wednesday 24 February 2027", "A", "Grace Hopper"),
    ]  # fmt: skip
    assert order[3][0] > order[2][0]  # the second lesson starts a page of its own
    cover = " ".join(pages[0].split())
    assert (
        "One named copy per pupil (3)" in cover and "A: Ada Lovelace, Grace Hopper; B: Alan Turing" in cover
    )
    assert sum("Answer key: Do now:" in p for p in pages) == 2  # versions A and B, two lessons a page


@pytest.mark.parametrize(
    "section, message",
    [
        ("from: 4 January 2027\n    to: 26 March 2027", "`from:`, `to:` and `days:` go together"),
        ("from: 4 January 2027\n    to: 26 March 2027\n    days: [Mon, Mox]", "expected a day of the week"),
        ("lessons: [03/02/2027]", "reads as two different days"),
        ("lessons: [February 2027]", "is not one day"),
        ("from: 26 March 2027\n    to: 4 January 2027\n    days: [Mon]", "is before `from:`"),
        ("lessons: [22 February 2027]\n    from: 4 January 2027", "not both"),
    ],
)
def test_bad_lessons_are_located_errors(tmp_path, section, message) -> None:
    """A bad run of lessons is an error at its line in the manifest, exit 2, nothing written."""
    manifest = term_copy(tmp_path, section=section)
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(manifest), "-o", str(tmp_path / "o.pdf")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert message in r.stderr and re.search(r"pack\.yaml:\d+:\d+: ", r.stderr), r.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_taught_takes_any_date_form_and_a_bad_one_is_a_located_error(tmp_path) -> None:
    """`taught:` reads any date form of the content format; a date that does not exist is an
    error at its line and column."""
    base = "topic: T\ncards:\n  - front: Q?\n    back: A\n"
    for form in ("11 January 2027", "2027-01-11", "11/01/2027", "January 2027", "Spring 2027"):
        make_pack(tmp_path, {"t.yaml": f"taught: {form}\n" + base})
        pack, _ = load_pack(str(tmp_path / "pack.yaml"))
        assert pack.topics[0].taught is not None and pack.topics[0].taught.text == form
    make_pack(tmp_path, {"t.yaml": "taught: 31 February 2027\n" + base})
    r = subprocess.run([sys.executable, "-m", "studypack", "check", str(tmp_path / "pack.yaml")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2 and "t.yaml:1:9: " in r.stderr and "February has 28 days" in r.stderr, r.stderr


def test_nothing_taught_or_no_lessons_prints_nothing_and_says_why(tmp_path) -> None:
    """A pack whose topics have no `taught:` dates gets no sheets, with the reason."""
    pack = make_pack(
        tmp_path,
        {"t.yaml": "topic: T\ncards:\n  - front: Q?\n    back: A\n"},
        "- layout: retrieval\n  lessons: [1 March 2027]\n",
    )
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(pack), "-o", str(tmp_path / "o.pdf")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2 and "no topic has a `taught:` date" in r.stderr, r.stderr


def test_subjects_get_runs_of_their_own(tmp_path) -> None:
    """A pack of two subjects gives each lesson a sheet per subject, its name in the title, and
    never mixes them; `group: none` makes one run of both."""
    manifest = term_copy(tmp_path, section="lessons: [22 February 2027]")
    (tmp_path / "cells.yaml").write_text(
        "topic: Cells\nsubject: Biology\ntaught: 11 January 2027\nkey_terms:\n"
        + "".join(f"  - term: Organelle{i}\n    definition: Part number {i} of a cell\n" for i in range(8)),
        encoding="utf-8",
    )
    text = manifest.read_text().replace("plans.yaml]", "plans.yaml, cells.yaml]")
    manifest.write_text(text)
    sheets = [s for s in halves(build_pdf(manifest)) if not s[0].startswith("Answer")]
    assert [t for t, _, _ in sheets] == [
        "Do now: Monday 22 February 2027 · History",
        "Do now: Monday 22 February 2027 · Biology",
    ]
    assert not {w for w in sheets[0][1] if w.startswith("Organelle")} and "cell" in sheets[1][1]
    assert not {"Stalin", "Lenin", "Gosplan", "Bolshevik"} & sheets[1][1]
    manifest.write_text(
        text.replace("lessons: [22 February 2027]", "lessons: [22 February 2027]\n    group: none")
    )
    assert [t for t, _, _ in halves(build_pdf(manifest, tmp_path / "n.pdf"))][
        0
    ] == "Do now: Monday 22 February 2027"


def test_a_sheet_too_big_for_half_a_page_takes_a_page_and_a_grid_too_tall_becomes_a_list(tmp_path) -> None:
    """Twenty questions do not fit half a page: the sheet takes a page and the build says so; a
    grid of twenty is too tall even for a page and is set as a list, its instruction saying lines."""
    section = "lessons: [22 February 2027]\n    questions: 20\n    style: grid"
    pack, _ = load_pack(str(term_copy(tmp_path, section=section)))
    res = build(pack, str(tmp_path / "o.pdf"), None, str(tmp_path))
    notes = " ".join(res.notices["retrieval"])
    assert "1 grid too tall for a page, set as a list instead: Mon 22 Feb" in notes
    assert "every do-now sheet takes a whole page" in notes
    text = " ".join(pdf_pages_text(tmp_path / "o.pdf")[1].split())
    assert "____ / 20" in text and "Answer each question on the lines below it." in text and "20." in text
    assert "cut" not in " ".join(pdf_pages_text(tmp_path / "o.pdf")[0].split()).split("Do now sheets")[1][:80]
