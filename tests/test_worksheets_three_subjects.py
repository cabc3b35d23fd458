"""Worksheets a teacher can hand out as they come, tried on a pack of three subjects written for
the tests (Biology with [[gaps]], History with dates and people, Spanish food words): one subject a
worksheet, a cloze that teaches, fair questions, named copies that stay together, supported copies,
and the timeline, matching and sequence details; each asserted on the PDF's text and geometry."""

import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build_pdf, pdf_pages_text, text_positions, write
from pagedump import graphics
from pypdf import PdfReader

from studypack.layout_api.styles import mm
from studypack.load.manifest import load_pack
from studypack.text.fit import width1
from studypack.text.fonts import resolve

PACK = Path(__file__).parent / "fixtures" / "three_subjects"
MARKERS = {
    "Biology": ("nucleus", "Hooke", "mitochondria", "cellulose", "osmosis", "Schwann", "Prokaryote"),
    "History": ("Princip", "Versailles", "Entente", "Militarism", "Sarajevo", "Wilhelm", "Dreadnought"),
    "Spanish": ("hambre", "manzana", "queso", "pollo", "fresa", "Tengo", "desayuno"),
}
TITLE = re.compile(r"^(?:Answer key: )?[^\n]*?: (Biology|History|Spanish)\b", re.M)


def pack_copy(tmp_path: Path, sections: str, **fields: str) -> Path:
    """The three-subject pack's topics with other sections (and pack fields)."""
    for f in ("biology.yaml", "history.yaml", "spanish.yaml"):
        write(tmp_path / f, (PACK / f).read_text(encoding="utf-8"))
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return write(tmp_path / "pack.yaml", "title: Year 9 revision\nterm: Summer 2027\nclass: 9B\n" + head
                 + "topics: [biology.yaml, history.yaml, spanish.yaml]\nsections:\n" + sections)  # fmt: skip


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Path:
    """The test pack built whole: every worksheet and its key."""
    return build_pdf(PACK / "pack.yaml", tmp_path_factory.mktemp("whole") / "pack.pdf")


def subject_of(page: str) -> str | None:
    m = TITLE.search(page)
    return m.group(1) if m else None


# ---- 1. one subject a worksheet -------------------------------------------------------------------


def test_every_worksheet_page_keeps_to_its_subject(whole):
    """Each worksheet and key is titled with its subject, and no word of another subject (a
    Spanish food word in a biology bank, Versailles on the cells timeline) is on its pages."""
    seen: dict[str, set[str]] = {}
    for page in pdf_pages_text(whole)[1:]:
        subject = subject_of(page)
        if subject is None:
            continue
        title = page.split("\n", 3)[2] if page.count("\n") > 3 else page
        seen.setdefault(re.sub(r" \(continued\).*|Answer key: ", "", title.split(":")[0]), set()).add(subject)
        for other, words in MARKERS.items():
            if other != subject:
                assert not [w for w in words if w.lower() in page.lower()], (subject, other, page[:300])
    assert seen, "no titled worksheet pages found"
    # Spanish has no dated events nor gaps: no timeline, sequence or cloze for it, and no noise
    text = "\n".join(pdf_pages_text(whole))
    assert "Match the key terms: Spanish" in text and "Quiz: Spanish" in text
    assert "Timeline: Spanish" not in text and "Fill the gaps: Spanish" not in text


@pytest.mark.parametrize(
    ("extra", "titles"),
    [
        ("    topics: [spanish]\n", ["Match the key terms: Year 9 revision"]),
        ("    group: none\n", ["Match the key terms: Year 9 revision"]),
        ("    group: topic\n", ["Match the key terms: Cells and transport",
                                "Match the key terms: The causes of the First World War",
                                "Match the key terms: La comida (food)"]),
    ],
)  # fmt: skip
def test_topics_narrow_and_group_chooses_how_worksheets_split(tmp_path, extra, titles):
    """`topics:` narrows before grouping (one subject left: one worksheet, the pack's title);
    `group: none` makes one worksheet of all; `group: topic` one per topic, titled with it."""
    p = pack_copy(tmp_path, "  - layout: matching\n    answer_key: none\n" + extra)
    pages = pdf_pages_text(build_pdf(p, only=["matching"]))
    found = [t for page in pages for t in re.findall(r"^Match the key terms: [^\n]+", page, re.M)]
    assert found == titles
    if "spanish" in extra:
        assert "bread" in pages[0] and "Militarism" not in pages[0]


def test_distractors_and_dates_come_from_the_group_alone(whole):
    """Every multiple-choice option, word-bank item and timeline event on a subject's worksheet is
    one of that subject's own texts."""
    pack, _ = load_pack(str(PACK / "pack.yaml"))
    own = {t.subject: t for t in pack.topics}
    for page in pdf_pages_text(whole)[1:]:
        subject = subject_of(page)
        if subject in ("Biology", "History") and "Timeline" in page.split("\n", 3)[2]:
            for t in pack.topics:
                if t.subject != subject:
                    assert not any(e.text[:25] in page for e in t.timeline)
    assert set(own) == {"Biology", "History", "Spanish"}


# ---- 2. the cloze ------------------------------------------------------------------------------


def cloze_sheet(tmp_path, extra: str = "") -> Path:
    p = pack_copy(tmp_path, "  - layout: cloze\n    answer_key: none\n" + extra)
    return build_pdf(p, only=["cloze"])


def test_cloze_bank_lists_each_word_once_and_headings_give_nothing_away(tmp_path):
    """The bank lists 'nucleus' (two gaps) once and says some words are used more than once; no
    heading of the sheet gives a gap away: 'diffusion' is a gap under the 'Osmosis' card, just
    below the 'Diffusion' card, so it prints as text there and everywhere ('Unlike Diffusion'), as
    do 'Osmosis' and 'Active transport'; question/answer cards are not in the text."""
    pages = pdf_pages_text(cloze_sheet(tmp_path))
    bio = next(p for p in pages if "Fill the gaps: Biology" in p)
    bank = bio.split("Word bank:", 1)[1].split("Cell structure", 1)[0]
    items = [w.lower() for w in re.split(r"\s+", bank) if w]
    assert items.count("nucleus") == 1 and "diffusion" not in items and "osmosis" not in items
    assert "Some words are used more than once." in " ".join(bio.split())
    body = " ".join(bio.split("Cell structure", 1)[1].split())
    for shown in ("Diffusion is the spreading out", "Osmosis is the diffusion of water", "Active transport moves",
                  "Unlike Diffusion, it needs energy"):  # fmt: skip
        assert shown in body
    text = " ".join(pages)
    assert "What is the function of the nucleus" not in text and "Who shot" not in text


def test_a_heading_gives_a_gap_away_by_its_words_not_by_a_shared_start():
    """'Diffusion' (a card's title) gives away 'diffusion' and 'Plasmid' 'plasmids'; 'Cell structure'
    does not give away 'cellulose', nor 'Osmosis' 'osmotic'."""
    from studypack.layouts.cloze.render import gives_away

    assert gives_away("Diffusion", "diffusion") and gives_away("Plasmid", "plasmids")
    assert gives_away("Active transport", "active transport")
    assert not gives_away("Cell structure", "cellulose") and not gives_away("Osmosis", "osmotic")
    assert not gives_away("Active transport", "transport proteins in the membrane")


def test_cloze_bank_is_in_lower_case_but_for_names_and_has_spare_words(tmp_path):
    """A word that is a gap only at a bullet's start ('Mitochondria', 'Chloroplasts') is in the
    bank in lower case, so its capital tells nothing; a name capitalised mid-sentence ('Gavrilo
    Princip', 'Austria-Hungary') keeps its capitals; the bank has two spare words (from the
    group's key terms: 'militarism', 'imperialism' for History) and says so; `distractors: 0`
    leaves them out."""
    pages = pdf_pages_text(cloze_sheet(tmp_path))
    bio = next(p for p in pages if "Fill the gaps: Biology" in p)
    his = next(p for p in pages if "Fill the gaps: History" in p)
    bank = bio.split("Word bank:", 1)[1].split("Cell structure", 1)[0]
    assert "mitochondria" in bank and "chloroplasts" in bank and "ribosomes" in bank
    assert not re.search(r"\b(Mitochondria|Chloroplasts|Ribosomes)\b", bank)
    hbank = his.split("Word bank:", 1)[1]
    assert "Gavrilo Princip" in hbank and "Austria-Hungary" in hbank
    n_gaps = len(re.findall(r"\(\d+\)", his.split("Word bank:", 1)[1]))
    letters = re.findall(
        r"(?<![\w-])([A-Z])(?= )", his.split("Word bank:", 1)[1].split("The alliance system")[0]
    )
    assert len(letters) == n_gaps + 2, (letters, n_gaps)
    assert "There are more words than gaps." in " ".join(his.split())
    plain_pages = pdf_pages_text(cloze_sheet(tmp_path / "none", "    distractors: 0\n"))
    his0 = next(p for p in plain_pages if "Fill the gaps: History" in p)
    assert "more words than gaps" not in " ".join(his0.split())
    letters0 = re.findall(
        r"(?<![\w-])([A-Z])(?= )", his0.split("Word bank:", 1)[1].split("The alliance system")[0]
    )
    assert len(letters0) == n_gaps


def test_a_cloze_gap_is_one_unbroken_line_that_never_splits_at_a_line_end(tmp_path):
    """Every gap is its number and one run of underscores with no space in it, the whole of it on
    one line (a 60-character answer too: its line is cut to the text's width, not broken)."""
    long_answer = "the very long answer that would not fit on one line of text at all"
    p = pack_copy(tmp_path, "  - layout: cloze\n    answer_key: none\n")
    bio = (tmp_path / "biology.yaml").read_text(encoding="utf-8")
    write(
        tmp_path / "biology.yaml",
        bio.replace("It is a [[passive]] process", f"It is [[{long_answer}]] a process"),
    )
    pdf = build_pdf(p, only=["cloze"])
    face = resolve(load_pack(str(p))[0].font).face()
    seen = 0
    for page in text_positions(pdf):
        for r in page:
            if "_" in r.text and r.y < 297 * mm - 45 * mm:  # below the name line and marks box
                assert not re.search(r"_\s+_", r.text), r.text
                upto = r.text[: r.text.rindex("_") + 1]
                assert r.x + width1(upto, face) * r.size <= 210 * mm - 10 * mm + 1
                seen += 1
    text = " ".join(" ".join(pdf_pages_text(pdf)).split())
    assert seen >= 20 and not re.search(r"_ +_", text)
    assert re.search(r"\((\d+)\)_+ a process", text)  # the long gap whole, its line cut to fit


def test_cloze_key_opens_with_a_numbered_answer_list(tmp_path):
    """The key's first lines under its header list every gap's number and answer in order ('1
    nucleus 2 cell membrane ...'), above the text with the answers filled in; each answer is on the
    same line as its number."""
    p = pack_copy(tmp_path, "  - layout: cloze\n    answer_key: after\n")
    pdf = build_pdf(p, only=["cloze-key"])
    page = next(pg for pg in text_positions(pdf) if any("Fill the gaps: Biology" in r.text for r in pg))
    head = next(r for r in page if r.text.strip().startswith("Answers"))
    first_heading = next(r for r in page if r.text.startswith("Cell structure"))
    assert head.y > first_heading.y
    listed = [r for r in page if first_heading.y < r.y < head.y]
    numbers = [r for r in listed if re.fullmatch(r"\d+", r.text.strip())]
    assert [int(r.text) for r in sorted(numbers, key=lambda r: (-r.y, r.x))] == list(
        range(1, len(numbers) + 1)
    )
    assert len(numbers) >= 15
    one = next(r for r in numbers if r.text.strip() == "1")
    beside = [r.text.strip() for r in listed if abs(r.y - one.y) < 0.5 and r.x > one.x]
    assert beside[0] == "nucleus"
    text = " ".join(" ".join(pdf_pages_text(pdf)).split())
    assert "(1)nucleus" in text.replace(" ", "") or "(1) nucleus" in text


def test_cloze_gaps_are_equal_sized_for_the_longest_answer_or_each_its_own(tmp_path):
    """By default every gap has the same underline, at least 3 mm a character of the longest
    answer ('partially permeable membrane'); `gap_length: word` sizes each for its own."""
    pack, _ = load_pack(str(PACK / "pack.yaml"))
    face = resolve(pack.font).face()
    for mode in ("equal", "word"):
        pages = text_positions(cloze_sheet(tmp_path / mode, f"    gap_length: {mode}\n"))
        bio = []
        for page in pages:  # a page holds one subject's gaps (Biology's, then History's)
            runs = [r for r in page if "___" in r.text or re.fullmatch(r"\s*\(\d+\)\s*", r.text)]
            gaps = re.findall(r"\((\d+)\)\s*[A-Za-z]?(_+(?: _+)*)", " ".join(r.text for r in runs))
            lengths = [len(u.replace(" ", "")) * width1("_", face) * runs[0].size for _n, u in gaps]
            if not lengths:
                continue
            bio = bio or lengths
            if mode == "equal":
                assert max(lengths) - min(lengths) < 1.0
            else:
                assert max(lengths) - min(lengths) > 10 * mm
        assert len(bio) >= 15  # the first page: Biology's
        if mode == "equal":
            assert min(bio) >= len("partially permeable membrane") * 3 * mm - 1


def test_cloze_lines_with_a_gap_are_8_mm_below_the_line_above(tmp_path):
    """Wherever a gap is, the nearest text above it on the page is at least 8 mm higher."""
    checked = 0
    for page in text_positions(cloze_sheet(tmp_path)):
        body = [r for r in page if 20 * mm < r.y < 297 * mm - 60 * mm]
        for r in body:
            if re.search(r"\(\d+\)_", r.text) or re.match(r"^\(\d+\)$", r.text.strip()):
                above = [o.y for o in page if o.y > r.y + 1]
                assert min(above) - r.y >= 8 * mm - 0.5, r.text
                checked += 1
    assert checked >= 15


def test_no_cloze_heading_is_left_at_the_foot_of_a_page(tmp_path):
    """A long cloze over pages: the last line of every page is never a heading (bold)."""
    topics = {
        f"t{i}.yaml": f"topic: Topic {i}\nsubject: Geography\ncards:\n"
        + "".join(
            f"  - title: Card {i}.{k}\n    text: The [[river]] number {k} flows " + "on and on " * 12 + "\n"
            for k in range(6)
        )  # fmt: skip
        for i in range(4)
    }
    for name, text in topics.items():
        write(tmp_path / name, text)
    p = write(tmp_path / "pack.yaml", "title: T\ntopics: [t0.yaml, t1.yaml, t2.yaml, t3.yaml]\n"
              "sections:\n  - layout: cloze\n    answer_key: none\n")  # fmt: skip
    pages = text_positions(build_pdf(p, only=["cloze"]))
    assert len(pages) >= 2
    for page in pages:
        body = [r for r in page if r.y > 15 * mm and "page " not in r.text]
        last = min(body, key=lambda r: r.y)
        assert not (last.bold and (last.text.startswith("Card") or last.text.startswith("Topic"))), last


# ---- 3. questions worth asking ----------------------------------------------------------------------


def mc_questions(pdf: Path) -> list[tuple[str, list[str]]]:
    """(question, [options A-D]) from a multiple-choice sheet's text."""
    return [qo for page in pdf_pages_text(pdf) for qo in mc_page(page)]


def right_answers() -> dict[str, str]:
    pack, _ = load_pack(str(PACK / "pack.yaml"))
    out = {}
    for t in pack.topics:
        for c in t.cards:
            if c.question:
                out[c.front] = c.back_texts()[0] if c.back_texts() else ""
        for k in t.key_terms:
            out[f"What does \u2018{k.term}\u2019 mean?"] = k.definition
            out[f"Which term means: \u2018{k.definition}\u2019?"] = k.term
    return out


DATE = re.compile(r"^(\d{1,2} \w+ )?\d{4}$")


def same_answer(option: str, answer: str) -> bool:
    """An option is the answer as printed: its case and a leading English article may differ."""

    def bare(t: str) -> str:
        return re.sub(r"^(the|a|an) ", "", " ".join(t.split()).casefold())

    return bare(option) == bare(answer)


def test_multiple_choice_asks_each_term_one_way_with_options_of_its_kind_and_form(tmp_path):
    """On one sheet a key term is asked one way only (term to definition or back); a term's options
    are terms, a
    definition's are definitions (never the question's own term: 'el pan' for what 'el pan'
    means); options start alike: all with an English article or none, first letters cased alike.
    Over versions each term is asked both ways."""
    p = pack_copy(tmp_path, "  - layout: quiz\n    style: multiple-choice\n    versions: 3\n"
                  "    answer_key: none\n")  # fmt: skip
    pages = pdf_pages_text(build_pdf(p, only=["quiz"]))
    pack, _ = load_pack(str(PACK / "pack.yaml"))
    terms = {k.term: k.definition for t in pack.topics for k in t.key_terms}
    defs = {d.casefold() for d in terms.values()}
    names = {t.casefold() for t in terms}
    ways: dict[str, set[str]] = {}
    sheets: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
    key = ("", "")
    for page in pages:  # a continuation page goes on with the sheet before it
        head = re.search(r"^Quiz: (\w+)(.*)$", page, re.M)
        if head and "(continued)" not in head.group(2):
            ver = re.search(r"Version (\w)", head.group(2))
            key = (head.group(1), ver.group(1) if ver else "")
        sheets.setdefault(key, []).extend(mc_page(page))
    assert len(sheets) == 9, sheets.keys()
    for (_subject, version), qs in sheets.items():
        asked: dict[str, str] = {}
        for q, opts in qs:
            m = re.match(r"What does \u2018(.+)\u2019 mean\?$", q)
            n = re.match(r"Which term means: \u2018(.+)\u2019\?$", q)
            if m:
                term = m.group(1)
                assert term not in asked, (version, q)
                asked[term] = "definition"
                assert all(any(same_answer(o, d) for d in defs) for o in opts), (q, opts)
                assert term.casefold() not in {o.casefold() for o in opts}
            if n:
                term = next(t for t, d in terms.items() if d == n.group(1))
                assert term not in asked, (version, q)
                asked[term] = "term"
                assert all(o.casefold() in names for o in opts), (q, opts)
            arts = [bool(re.match(r"(The|A|An|the|a|an) ", o)) for o in opts]
            assert all(arts) or not any(arts), (q, opts)
            firsts = [o.split()[0] for o in opts]
            caps = {w[0].isupper() for w in firsts if w[:1].isalpha() and w[1:] == w[1:].lower()}
            assert len(caps) <= 1, (q, opts)
        for term, way in asked.items():
            ways.setdefault(term, set()).add(way)
    assert sum(len(w) == 2 for w in ways.values()) >= len(ways) // 2


def mc_page(page: str) -> list[tuple[str, list[str]]]:
    """(question, [options A-D]) from one page of a multiple-choice sheet (running heads left out)."""
    out: list[tuple[str, list[str]]] = []
    lines = [ln.strip() for ln in page.split("\n")]
    state, cur = "skip", None
    for ln in lines:
        if ln.startswith(("Year 9 revision", "page ")):
            continue
        if re.fullmatch(r"\d+\.", ln):
            cur = ["", []]
            out.append(cur)  # type: ignore[arg-type]
            state = "q"
        elif cur is not None and ln in ("A", "B", "C", "D"):
            cur[1].append("")
            state = "o"
        elif cur is not None and state == "q":
            cur[0] = f"{cur[0]} {ln}".strip()
        elif cur is not None and state == "o":
            cur[1][-1] = f"{cur[1][-1]} {ln}".strip()
    return [(q, opts) for q, opts in out]


def test_multiple_choice_options_are_fair_and_of_the_answers_kind(tmp_path):
    """Options come from question cards and key terms both ways; none over 25 words, none twice;
    a date's options are dates, a person's are people first; the right answer's length is within
    half to twice the other options' median in at least 80% of questions."""
    p = pack_copy(tmp_path, "  - layout: quiz\n    style: multiple-choice\n    answer_key: none\n")
    qs = mc_questions(build_pdf(p, only=["quiz"]))
    answers = right_answers()
    assert len(qs) >= 35 and all(len(opts) == 4 for _, opts in qs)
    assert any(q.startswith("What does") for q, _ in qs) and any(
        q.startswith("Which term means") for q, _ in qs
    )
    fair = 0
    for q, opts in qs:
        right = next(o for o in opts if same_answer(o, answers[q]))
        assert len({o.lower() for o in opts}) == 4
        assert all(len(o.split()) <= 25 for o in opts)
        wrong = [o for o in opts if o != right]
        if DATE.match(right):
            assert all(DATE.match(o) for o in wrong), (q, opts)
        if q == "Who shot Franz Ferdinand?":
            assert {"Wilhelm II", "Sir Edward Grey"} <= set(wrong)
        med = statistics.median(len(o) for o in wrong)
        fair += 0.5 * med <= len(right) <= 2 * med
    assert fair >= 0.8 * len(qs)


def test_titles_that_are_not_questions_become_prompts_only_on_written_quizzes(tmp_path):
    """`questions: titles`: a heading ('Prokaryotes vs eukaryotes') is asked as 'Write down what you
    know about: ...' on a written quiz and not offered as multiple choice, whose options are
    never whole cards joined by '; '."""
    p = pack_copy(tmp_path, "  - layout: quiz\n    questions: titles\n    answer_key: none\n"
                  "  - layout: quiz\n    name: mc\n    style: multiple-choice\n    questions: titles\n"
                  "    answer_key: none\n")  # fmt: skip
    written = " ".join(
        " ".join(t.split()) for t in pdf_pages_text(build_pdf(p, tmp_path / "w.pdf", ["quiz"]))
    )
    assert "Write down what you know about: Prokaryotes vs eukaryotes" in written
    mc = " ".join(" ".join(t.split()) for t in pdf_pages_text(build_pdf(p, tmp_path / "m.pdf", ["mc"])))
    assert "Prokaryotes vs eukaryotes" not in mc and "; " not in mc


def ruled_between(pdf: Path, page_no: int) -> list[tuple[str, int, str]]:
    """(question, writing lines under it, its marks tag) for each question of a written quiz page."""
    reader = PdfReader(str(pdf))
    lines = [float(g.split()[1].split(",")[1]) for g in graphics(reader, page_no)
             if g.startswith("line") and "grey 0.45" in g]  # fmt: skip
    runs = text_positions(pdf)[page_no]
    nums = sorted((r for r in runs if re.fullmatch(r"\d+\.", r.text.strip())), key=lambda r: -r.y)
    out = []
    for i, n in enumerate(nums):
        nxt = nums[i + 1].y / mm if i + 1 < len(nums) else 0.0
        q = " ".join(r.text for r in runs if abs(r.y - n.y) < 1 and r.x > n.x + 1 and "[" not in r.text)
        tag = " ".join(r.text for r in runs if abs(r.y - n.y) < 1 and "[" in r.text)
        out.append((q, sum(nxt < y < n.y / mm for y in lines), tag))
    return out


def test_written_answers_get_room_by_what_is_asked_and_marks(tmp_path):
    """Explain/why/describe: 3 marks and four lines or more when the page has room (the room a
    one-page sheet would leave blank goes to them, still one page); a one-word answer: one line
    and 1 mark; the marks box holds their total. `marks: none` prints no marks per question."""
    p = pack_copy(tmp_path, "  - layout: quiz\n    answer_key: none\n    topics: [biology]\n")
    pdf = build_pdf(p, only=["quiz"])
    qs = ruled_between(pdf, 0)
    assert len(qs) == 6
    total = 0
    for q, rows, tag in qs:
        marks = int(re.search(r"\d+", tag).group(0))
        total += marks
        if re.match(r"(Explain|Describe|Why)", q):
            assert rows >= 4 and marks == 3, q
        if q.startswith(("What is the cell wall", "Name the structures")):
            assert rows == 1 and marks == 1, q
    assert f"/ {total}" in pdf_pages_text(pdf)[0] and len(pdf_pages_text(pdf)) == 1
    p = pack_copy(
        tmp_path / "none", "  - layout: quiz\n    answer_key: none\n    topics: [biology]\n    marks: none\n"
    )
    text = pdf_pages_text(build_pdf(p, only=["quiz"]))[0]
    assert "[" not in text and "/ 6" in text


# ---- 4. support without stigma --------------------------------------------------------------------


def marks_of_support(pdf: Path, page_no: int) -> int:
    """The supported copy's mark: a small circled plus, its cross two short lines (under 1 mm)."""
    short = [g for g in graphics(PdfReader(str(pdf)), page_no) if g.startswith("line") and "w 0.6" in g]
    n = 0
    for g in short:
        (x0, y0), (x1, y1) = (
            [float(v) for v in part.split(",")] for part in re.findall(r"[\d.]+,[\d.]+", g)[:2]
        )
        n += abs(x1 - x0) + abs(y1 - y0) < 1.0
    return n


def test_support_gives_chosen_pupils_a_marked_copy_listed_on_the_cover(tmp_path):
    """`support: [Ben Hall]` with a class list: Ben's copy is the supported one (first letters in
    the gaps, its mark by the marks box), the others' are not; the cover lists him; a name not in
    the class list is reported once."""
    cls = write(tmp_path / "class.txt", "Ana López\nBen Hall\nDev Patel\n")
    p = pack_copy(tmp_path, "  - layout: cloze\n    topics: [biology]\n    support: [Ben Hall, Nobody Here]\n"
                  "  - layout: quiz\n    name: written\n    topics: [history]\n    support: [ben hall]\n")  # fmt: skip
    out = tmp_path / "class.pdf"
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out), "--students", str(cls)],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("'Nobody Here' is not in the class list") + r.stdout.count("'Nobody Here'") >= 1
    pages = pdf_pages_text(out)
    cover = " ".join(pages[0].split())
    assert "Supported copies (marked only by a small circled plus beside the marks box): Ben Hall." in cover
    for i, page in enumerate(pages):
        if "Fill the gaps" in page and "Answer key" not in page:
            helped = "Ben Hall" in page
            assert (marks_of_support(out, i) == 2) is helped
            assert bool(re.search(r"\(\d+\)[a-zA-Z]_", page.replace("\n", ""))) is helped
        if "Quiz" in page and "Answer key" not in page and "Ben Hall" in page:
            assert "Some answers are started for you" in " ".join(page.split())


def test_support_yes_without_a_class_list_adds_a_supported_copy_of_each_version(tmp_path):
    """`support: yes`: after each version's sheet, its supported copy (a word bank where the sheet
    had none), marked only by the small symbol; the cover lists its pages."""
    p = pack_copy(
        tmp_path, "  - layout: timeline\n    topics: [history]\n    versions: 2\n    support: yes\n"
    )
    pdf = build_pdf(p, only=["timeline"])
    pages = pdf_pages_text(pdf)
    plain = [i for i, t in enumerate(pages) if "Word bank" not in t and "left blank" not in t]
    helped = [i for i, t in enumerate(pages) if "Word bank" in t]
    assert len(plain) == 2 and len(helped) == 2
    assert all(marks_of_support(pdf, i) == 2 for i in helped)
    assert all(marks_of_support(pdf, i) == 0 for i in plain)
    whole = build_pdf(p, tmp_path / "whole.pdf")
    assert "Supported copies (marked only by a small circled plus" in " ".join(
        pdf_pages_text(whole)[0].split()
    )


# ---- 5. timeline, matching, sequence ---------------------------------------------------------------


def test_stacked_labels_never_span_an_axis_break():
    """Dates either side of a break never share a stack, however close on paper."""
    from studypack.layouts.timeline.render import stacks_of

    assert stacks_of([0, 10, 20], 40) == ((0, 1, 2),)
    assert stacks_of([0, 10, 20], 40, breaks=[15]) == ((0, 1), (2,))


def test_timeline_answers_say_your_answers_on_the_first_page(whole):
    """Each subject's timeline has its answer lines under 'Your answers' on its first page; the
    pupil's copy never says '(answers)', which reads like the key."""
    pages = pdf_pages_text(whole)
    sheets = [t for t in pages if re.search(r"^Timeline: (Biology|History)", t, re.M)]
    assert len(sheets) == 2
    for t in sheets:
        assert "Your answers" in t and "(answers)" not in t


def test_timeline_answers_get_two_lines_each_where_the_page_has_room(whole):
    """Under 'Your answers' every missing event has two writing lines at least (its number on
    the first, a second line below it in the same column), on the timeline's own page."""
    reader = PdfReader(str(whole))
    checked = 0
    for i, page in enumerate(reader.pages):
        text = page.extract_text()
        if not re.match(r"Timeline: (Biology|History)", text):
            continue
        runs = text_positions(whole)[i]
        head = next(r for r in runs if r.text.startswith("Your answers"))
        numbers = [r for r in runs if re.fullmatch(r"\(\d+\)", r.text.strip()) and r.y < head.y]
        assert numbers
        rules = []
        for g in graphics(reader, i):
            m = re.match(r"line ([\d.]+),([\d.]+) -> ([\d.]+),([\d.]+)", g)
            if m and abs(float(m.group(2)) - float(m.group(4))) < 0.01:
                rules.append((float(m.group(1)), float(m.group(3)), float(m.group(2))))
        for n in numbers:
            x, y = n.x / mm, n.y / mm  # the number sits on its first line, left of it
            below = [m.y / mm for m in numbers if abs(m.x - n.x) < 1 and m.y < n.y]
            end = max(below) + 2 if below else y - 25  # down to the next answer's first line
            mine = [r for r in rules if r[0] - 15 <= x <= r[0] and end < r[2] < y + 2]
            assert len(mine) >= 2, (n.text, mine)
            checked += 1
    assert checked >= 10


def test_matching_has_two_spare_definitions_and_says_so(tmp_path):
    """The lettered column has two more definitions than there are terms (so the last pair is
    not found by elimination), the instruction says 'Two definitions are spare.', the key's boxes
    use every letter but the spares'; `spare: 0` gives as many definitions as terms."""
    for spare, extra in (("", 2), ("    spare: 0\n", 0)):
        p = pack_copy(tmp_path / f"s{extra}", "  - layout: matching\n" + spare)
        pdf = build_pdf(p, only=["matching"])
        sheet = next(
            pg for pg in text_positions(pdf) if any("Match the key terms: Biology" in r.text for r in pg)
        )
        text = " ".join(r.text for r in sheet)
        numbers = [r for r in sheet if re.fullmatch(r"\d+\.", r.text.strip())]
        letters = [
            r for r in sheet if re.fullmatch(r"[A-Z]", r.text.strip()) and r.bold and r.y < numbers[0].y + 5
        ]
        assert len(letters) == len(numbers) + extra, (len(letters), len(numbers))
        said = "Two definitions are spare." in " ".join(text.split())
        assert said == bool(extra)


def test_matching_says_only_what_the_sheet_asks_and_its_rules_survive_a_copy(whole):
    """The blank's explanation only where a definition has one; the rules between rows are dark
    (grey 0.35 or darker) and at least 0.5 pt."""
    reader = PdfReader(str(whole))
    pages = pdf_pages_text(whole)
    spanish = next(i for i, t in enumerate(pages) if t.startswith("Match the key terms: Spanish\n"))
    assert "stands for the term itself" not in pages[spanish]
    rules = [g for g in graphics(reader, spanish) if g.startswith("line")]
    assert len(rules) >= 8
    for g in rules:
        w, grey = float(re.search(r"w ([\d.]+)", g).group(1)), float(re.search(r"grey ([\d.]+)", g).group(1))
        assert w >= 0.5 and grey <= 0.35, g


def test_sequence_strips_share_the_sheet_boxes_are_larger_and_text_is_centred(whole):
    """The History strips fit under their boxes on one page; each box is 2 mm larger than a strip
    each way; each strip's text is centred on it and 3 mm or more from every cut."""
    pages = pdf_pages_text(whole)
    i = next(k for k, t in enumerate(pages) if re.search(r"^Put the events in order: History\n", t, re.M))
    assert "Strips to cut out" in pages[i] and "Treaty of Versailles signed" in pages[i]
    reader = PdfReader(str(whole))
    g = graphics(reader, i)
    boxes = [
        tuple(float(v) for v in re.search(r"([\d.]+)x([\d.]+)", s).groups())
        for s in g
        if s.startswith("rect")
    ]
    boxes = [b for b in boxes if b[0] > 150]  # the numbered boxes, not the marks box
    cuts = [s for s in g if s.startswith("line") and "[" in s]  # dashed guides
    ends = [v for s in cuts for v in re.findall(r"[\d.]+,[\d.]+", s)[:2]]  # not the dash pattern
    xs = sorted({float(v.split(",")[0]) for v in ends})
    ys = sorted({float(v.split(",")[1]) for v in ends})
    strip_w, strip_h = xs[-1] - xs[0], ys[1] - ys[0]
    assert len(boxes) == 7
    for bw, bh in boxes:
        assert abs(bw - (strip_w + 2)) < 0.1 and abs(bh - (strip_h + 2)) < 0.1
    runs = [r for r in text_positions(whole)[i] if ys[0] * mm < r.y < ys[-1] * mm]
    assert runs
    face = resolve(load_pack(str(PACK / "pack.yaml"))[0].font).face()
    for r in runs:
        w = width1(r.text.strip(), face) * r.size
        centre = (r.x + w / 2) / mm
        assert abs(centre - (xs[0] + xs[-1]) / 2) < 1.0, r.text
        assert r.x / mm >= xs[0] + 3 - 0.1 and (r.x + w) / mm <= xs[-1] - 3 + 0.1
        below = max(y for y in ys if y * mm < r.y)
        above = min(y for y in ys if y * mm > r.y)
        assert (r.y / mm - below) >= 3 - 0.1 and (above - r.y / mm) >= 3 - 0.1


# ---- 6. named copies that stay together -----------------------------------------------------------


LONG = "Maria-Fernanda Guadalupe de los Ángeles Rodríguez-Villanueva"


def test_named_copies_carry_name_and_class_on_every_page(tmp_path):
    """With `--students` each page of a pupil's copy (continuation pages too) shows their name and
    the class (`--class` over the pack's); a long name wraps at 9 pt or more instead of shrinking."""
    cls = write(tmp_path / "class.txt", f"Ana López\n{LONG}\n")
    p = pack_copy(
        tmp_path,
        "  - layout: quiz\n    style: multiple-choice\n    topics: [spanish]\n    answer_key: none\n",
    )
    out = tmp_path / "class.pdf"
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out), "--students", str(cls),
                        "--class", "9Z"], capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    pages = pdf_pages_text(out)[1:]
    positions = text_positions(out)[1:]
    owner = None
    seen_continued = 0
    for text, runs in zip(pages, positions, strict=True):
        if "left blank" in text:
            continue
        flat = " ".join(text.split())
        if "(continued)" not in flat:
            owner = "Ana López" if "Ana López" in flat else LONG
        else:
            seen_continued += 1
        words = owner.split()
        assert all(w in flat for w in words), (owner, flat[:200])
        assert "9Z" in flat and "9B" not in flat.replace("Year 9", "")
        for r_ in runs:
            if any(w in r_.text for w in ("Guadalupe", "Villanueva", "López")):
                assert r_.size >= 9 - 0.01
    assert seen_continued >= 2


def test_named_copies_drawn_once_and_repeated_are_the_same_as_drawn_afresh(tmp_path):
    """A class's copies repeat what they share (drawn once) and add each name: the same text at
    the same places as the plain drawing path, and the same bytes with one process or two."""
    import os

    cls = write(tmp_path / "class.txt", "".join(f"Pupil {i:02d}\n" for i in range(40)))
    p = pack_copy(tmp_path, "  - layout: quiz\n    style: multiple-choice\n    versions: 2\n"
                  "  - layout: timeline\n    topics: [history]\n")  # fmt: skip
    outs = {}
    for name, env, jobs in (("fast", "", "1"), ("plain", "1", "1"), ("two", "", "2")):
        out = tmp_path / f"{name}.pdf"
        r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out), "--students", str(cls),
                            "-j", jobs], env={**os.environ, "STUDYPACK_PLAIN_PDF": env}, capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 0, r.stderr
        outs[name] = out
    assert outs["fast"].read_bytes() == outs["two"].read_bytes()
    fast, plain = text_positions(outs["fast"]), text_positions(outs["plain"])
    assert len(fast) == len(plain) >= 160
    key = lambda r: (round(r.x, 2), round(r.y, 2), r.text.strip(), round(r.size, 2))  # noqa: E731
    for a, b in zip(fast, plain, strict=True):
        assert sorted(map(key, a)) == sorted(map(key, b))


def test_bad_group_or_support_is_a_located_error(tmp_path):
    """`support: maybe` and `group: subjects` are errors at their lines, saying what is allowed."""
    p = pack_copy(tmp_path, "  - layout: quiz\n    support: maybe\n    group: subjects\n")
    r = subprocess.run([sys.executable, "-m", "studypack", "check", str(p)], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "pack.yaml:7:14: quiz option 'support': expected yes, no or a list of pupils' names" in r.stderr
    assert "pack.yaml:8:12: quiz option 'group': expected one of subject, topic, none" in r.stderr
