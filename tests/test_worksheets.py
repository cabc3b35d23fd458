"""The four worksheets (matching, cloze, quiz, sequence) and the per-pupil copies: what each shows,
that no answer shows on the student copy, that the key has every answer, versions and seeds, and
the geometry a teacher relies on (15 pairs on a side, room to write, strips in the safe area)."""

import re
import subprocess
import sys
from collections import Counter

import pytest
from helpers import CONTENT, build_pdf, make_pack, missing_words, pdf_pages_text, text_positions, write

from studypack.layout_api import registry
from studypack.layout_api.pages import RenderContext
from studypack.layout_api.styles import mm
from studypack.load.manifest import load_pack
from studypack.text.fonts import resolve
from studypack.text.markup import plain

EXAMPLE = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}


def flat(pdf) -> str:
    return " ".join(" ".join(t.split()) for t in pdf_pages_text(pdf))


def rendered(tmp_path, topics: dict, section: str, students=()):
    p = make_pack(tmp_path, topics, section)
    pack, _ = load_pack(str(p))
    ctx = RenderContext(pack, pack.paper, resolve(pack.font), students=tuple(students))
    s = pack.sections[0]
    return pack, registry.get(s.layout).render(pack, s, ctx), p


def glossary(n: int, seed: int = 0) -> str:
    words = ["river", "mountain", "glacier", "delta", "estuary", "meander", "tributary", "watershed", "levee",
             "floodplain", "oxbow", "gorge", "plateau", "canyon", "moraine", "drumlin", "cirque", "arete"]  # fmt: skip
    lines = ["topic: Rivers", "key_terms:"]
    for i in range(n):
        term = f"{words[i % len(words)].capitalize()} {i}"
        lines += [f"  - term: {term}", f"    definition: A landform number {i} shaped by water over a long time, "
                  f"not to be confused with the {term} itself or with others like it"]  # fmt: skip
    return "\n".join(lines) + "\n"


# ---- matching -------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_fifteen_pairs_fit_one_side_at_10_pt(tmp_path, paper):
    """15 pairs with two-line definitions: one page for the sheet and one for the key, at 10 pt."""
    p = make_pack(tmp_path, {"g.yaml": glossary(15)}, "- layout: matching\n", paper=paper)
    pdf = build_pdf(p, only=["matching"])
    pages = text_positions(pdf)
    assert len(pages) == 1
    sizes = {round(r.size, 1) for r in pages[0] if "landform" in r.text}
    assert sizes and min(sizes) >= 10


def test_matching_hides_the_term_and_the_key_pairs_each_term_with_its_definition(tmp_path):
    """A definition's own term is blanked; no definition is level with its own term; the key's
    letter for term i is the letter of i's definition."""
    from studypack.layouts.matching.render import choose, hide_term, terms_of

    assert hide_term("Rivers carry a river's load", "river") == "_____ carry a _____'s load"
    pack, sp, p = rendered(tmp_path, {"g.yaml": glossary(12)}, "- layout: matching\n  seed: 4\n")
    order, places, spares = choose(terms_of(pack, pack.sections[0].options), pack.sections[0].options, 0)
    assert all(places[i] != i for i in range(len(order)))
    # two definitions are spare (held back from the 12 pairs): lettered, in no box
    assert len(order) == 10 and len(spares) == 2
    assert sorted(places + [at for _, at in spares]) == list(range(12))
    sheet = flat(build_pdf(p, only=["matching"]))
    for k in order:
        assert plain(k.term) in sheet  # the term in its column
        assert f"not to be confused with the {k.term} itself" not in sheet  # ...but not in its definition
    key = text_positions(build_pdf(p, tmp_path / "k.pdf", only=["matching-key"]))[0]
    numbers = {r.text.strip(): r.y for r in key if re.fullmatch(r"\d+\.", r.text.strip())}
    letters_big = [r for r in key if re.fullmatch(r"[A-Z]", r.text.strip()) and r.size > 12]
    for i, _k in enumerate(order):
        y = numbers[f"{i + 1}."]
        box = min(letters_big, key=lambda r: abs(r.y - y))  # the key's letter in row i's box
        assert box.text.strip() == "ABCDEFGHIJKL"[places[i]]


# ---- cloze ---------------------------------------------------------------------------------------


CLOZE = """topic: Cells
cards:
  - title: Organelles
    points:
      - The [[nucleus]] holds the cell's DNA.
      - Energy is released by [[mitochondria]] in respiration.
  - title: Transport
    text: Water moves by [[osmosis]], across a [[partially permeable membrane]], from dilute to concentrated.
"""
OTHER = """topic: Plants
cards:
  - title: Leaves
    points:
      - Light is absorbed by [[chlorophyll]] in the [[chloroplasts]].
"""


def test_cloze_blanks_gaps_with_room_and_a_bank_with_distractors(tmp_path):
    """Each [[gap]] is a numbered line at least 3 mm a character; the answers are not on the
    sheet but are in its bank and its key; distractors come from the pack's other gaps."""
    from studypack.layouts.cloze.render import gap_words
    from studypack.layouts.worksheet.furniture import HAND

    p = make_pack(tmp_path, {"c.yaml": CLOZE, "o.yaml": OTHER},
                  "- layout: cloze\n  topics: [Cells]\n  distractors: 2\n")  # fmt: skip
    sheet = flat(build_pdf(p, only=["cloze"]))
    body = sheet.split("Organelles", 1)[1]  # after the word bank
    for answer in ("nucleus", "mitochondria", "osmosis", "partially permeable membrane"):
        assert answer not in body and answer in sheet  # in the bank, never in the text
    assert "chlorophyll" in sheet and "chloroplasts" in sheet  # both distractors
    assert "(1)___" in sheet.replace(" ", "") and "(4)" in sheet
    key = flat(build_pdf(p, tmp_path / "k.pdf", only=["cloze-key"]))
    assert "(3)osmosis" in key.replace(" ", "") and "partially permeable membrane" in key
    fonts = resolve(load_pack(str(p))[0].font)
    for answer in ("nucleus", "partially permeable membrane", "x"):
        s, k = gap_words(3, answer, ",", fonts, 10)
        line = sum(pc.w1 for w in s for pc in w.pieces if pc.text.startswith("_")) * 10
        assert line >= min(len(answer) * HAND, 70 * mm * len(s)) - 1
        assert [w.w1 for w in s] == [w.w1 for w in k]  # the key breaks its lines where the sheet does


def test_cloze_without_gaps_blanks_key_terms_and_says_so(tmp_path):
    topic = "topic: T\ncards:\n  - title: C\n    text: The Cold War began after 1945 and Détente came later.\nkey_terms:\n" \
            "  - term: Détente\n    definition: easing of tension\n"  # fmt: skip
    pack, sp, p = rendered(tmp_path, {"t.yaml": topic}, "- layout: cloze\n  word_bank: no\n")
    assert any("marks no [[gaps]]: its key terms are blanked" in n for n in sp.notices)
    sheet = flat(build_pdf(p, only=["cloze"]))
    assert "Détente" not in sheet and "The Cold War began" in sheet


def test_gaps_print_plainly_everywhere_else(tmp_path):
    """On cards and summaries `[[words]]` shows as the words, without brackets."""
    p = make_pack(tmp_path, {"c.yaml": CLOZE}, "- layout: cards\n  sides: single\n- layout: summary\n")
    text = flat(build_pdf(p))
    assert "[[" not in text and "]]" not in text and "partially permeable membrane" in text


# ---- quiz ----------------------------------------------------------------------------------------


def qa_topic(name: str, n: int, words: int = 4) -> str:
    lines = [f"topic: {name}", "cards:"]
    for i in range(n):
        lines += [
            f"  - front: {name} question {i}?",
            f"    back: {name} answer {i} " + " ".join(["word"] * (i % words)),
        ]
    return "\n".join(lines) + "\n"


def test_multiple_choice_options_are_fair(tmp_path):
    """Four distinct options per question, the right answer once, the wrong ones from the same
    topic, the right letter spread evenly over A-D."""
    from studypack.layouts.quiz.render import options_for, questions_of, right_letters

    pack, sp, p = rendered(tmp_path, {"a.yaml": qa_topic("Alpha", 12), "b.yaml": qa_topic("Beta", 12)},
                           "- layout: quiz\n  style: multiple-choice\n  seed: 9\n")  # fmt: skip
    pool = questions_of(pack, pack.sections[0].options)
    for q in pool:
        wrong = options_for(q, pool, 9, 0)
        assert len(wrong) == 3 and q.answer not in wrong and len(set(wrong)) == 3
        assert all(w.startswith(q.topic) for w in wrong)
    counts = Counter(right_letters(24, 9, 0))
    assert max(counts.values()) - min(counts.values()) <= 1 and len(counts) == 4
    key = flat(build_pdf(p, only=["quiz-key"]))
    sheet = flat(build_pdf(p, tmp_path / "s.pdf", only=["quiz"]))
    assert "Ring the letter" in sheet and "The right letter is filled in" in key


def test_written_quiz_has_room_and_hides_answers(tmp_path):
    """Written answers: lines long enough for 3 mm a character; the sheet shows no answer, the key
    shows every answer."""
    topic = "topic: T\ncards:\n" + "".join(
        f"  - front: Why did thing {i} happen?\n    back: Because of reason number {i} "
        + "and more detail " * i
        + "\n"
        for i in range(5)
    )
    pack, sp, p = rendered(tmp_path, {"t.yaml": topic}, "- layout: quiz\n")
    sheet = flat(build_pdf(p, only=["quiz"]))
    assert "reason number" not in sheet and "Why did thing 4 happen?" in sheet
    key = tmp_path / "k.pdf"
    build_pdf(p, key, only=["quiz-key"])
    assert missing_words(key, [c.text for c in pack.topics[0].cards]) == []
    from studypack.layouts.quiz.render import questions_of, written_blocks
    from studypack.layouts.worksheet.furniture import HAND, Sizes

    z = Sizes(10)
    width = 190 * mm
    for q, b in zip(
        questions_of(pack, pack.sections[0].options),
        written_blocks(questions_of(pack, pack.sections[0].options), width, z, resolve(pack.font)),
        strict=True,
    ):
        rows = round((b.height - 1 * mm) // z.row)
        assert rows * (width - 9 * mm) >= len(plain(q.answer)) * HAND - 1


# ---- sequence ------------------------------------------------------------------------------------


EVENTS = (
    "topic: T\ntimeline:\n"
    + "".join(
        f"  - date: {1900 + 7 * i}\n    event: In {1900 + 7 * i} event number {i} happened somewhere\n"
        for i in range(9)
    )
    + "  - date: 1990\n    event: A proposal to check\n    review: proposed\n"
)


def test_sequence_strips_hide_dates_and_stay_in_the_safe_area(tmp_path):
    """The strips show no date, are shuffled, stay 5 mm from every edge; the grid's boxes are the
    strips' size; the key lists the events in order with their dates; unreviewed events stay out."""
    pack, sp, p = rendered(tmp_path, {"t.yaml": EVENTS}, "- layout: sequence\n")
    pdf = build_pdf(p, only=["sequence"])
    pages = text_positions(pdf)
    strips = pages[1]
    text = " ".join(r.text for r in strips)
    assert not re.search(r"\b19\d\d\b", text) and "A proposal" not in text
    shown = [int(m) for m in re.findall(r"event number (\d)", text)]
    assert sorted(shown) == list(range(9)) and shown != sorted(shown)
    W, H = 210 * mm, 297 * mm
    for page in pages:
        for r in page:
            assert 5 * mm <= r.x <= W - 5 * mm and 5 * mm <= r.y <= H - 5 * mm
    key = flat(build_pdf(p, tmp_path / "k.pdf", only=["sequence-key"]))
    order = [int(m) for m in re.findall(r"event number (\d)", key)]
    assert order == list(range(9)) and "1907" in key
    assert any("left off 1 event still marked" in n for n in sp.notices)


# ---- common to all four ----------------------------------------------------------------------------

ALL = {"matching": "", "cloze": "", "quiz": "  style: multiple-choice\n", "sequence": ""}


@pytest.mark.parametrize("layout", list(ALL))
def test_versions_differ_seeds_repeat_and_keys_go_where_asked(tmp_path, layout):
    """Two versions differ; the same seed gives the same bytes; answer_key after/end/none put the
    keys after each sheet, at the end of the pack, or nowhere."""
    sec = f"- layout: {layout}\n  versions: 2\n{ALL[layout]}"
    pack, sp, p = rendered(tmp_path, EXAMPLE, sec)
    assert len(sp.pages) > 0 and len(sp.keys) > 0
    a = build_pdf(p, tmp_path / "a.pdf", only=[layout])
    texts = pdf_pages_text(a)
    half = len(texts) // 2
    assert texts[:half] != texts[half:] or layout == "cloze"  # cloze: the same text, other gaps
    b = build_pdf(p, tmp_path / "b.pdf", only=[layout])
    assert a.read_bytes() == b.read_bytes()
    for where, in_section, at_end in (("after", True, False), ("end", False, True), ("none", False, False)):
        pack, sp, _ = rendered(tmp_path / where, EXAMPLE, sec + f"  answer_key: {where}\n")
        assert any(pg.role == "key" for pg in sp.pages) is in_section
        assert bool(sp.end_pages) is at_end


@pytest.mark.parametrize("layout", list(ALL))
def test_large_print_preset_raises_the_text(tmp_path, layout):
    p = make_pack(tmp_path, EXAMPLE, f"- layout: {layout}\n{ALL[layout]}", preset="large-print")
    pages = text_positions(build_pdf(p, only=[layout]))
    H = 297 * mm  # the pack's own header and footer lines (outside the layout) left aside
    body = [
        r.size for page in pages for r in page if len(r.text.strip()) > 12 and 15 * mm < r.y < H - 15 * mm
    ]
    assert body and min(body) >= 12


def test_every_worksheet_keeps_the_example_words_in_its_key(tmp_path):
    """The keys of the example's worksheets hold every answer they hide."""
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    out = tmp_path / "keys.pdf"
    from studypack.build import build

    build(pack, str(out), ["matching-key", "quiz-key", "sequence-key", "cloze-key"], str(CONTENT))
    texts = [k.term for t in pack.topics for k in t.key_terms]
    texts += [c.text for t in pack.topics for c in t.cards if c.question]
    assert missing_words(out, texts) == []


# ---- per pupil ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["lines", "csv"])
def test_a_named_copy_per_pupil_with_versions_in_turn(tmp_path, kind):
    """`--students`: each pupil's name on their copy, in class-list order, versions A, B, C in
    turn; the cover says who has which; keys once per version."""
    names = ["Ada Lovelace", "Ben Okri", "Chloé Zhao", "Dev Patel", "Eun-ji Kim"]
    cls = write(tmp_path / ("class.txt" if kind == "lines" else "class.csv"),
                "\n".join(names) + "\n" if kind == "lines" else "name,group\n" + "\n".join(f"{n},7A" for n in names) + "\n")  # fmt: skip
    p = make_pack(tmp_path, EXAMPLE, "- layout: quiz\n  versions: 3\n- layout: matching\n  versions: 2\n")
    out = tmp_path / "class.pdf"
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out), "--students", str(cls)],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    pages = pdf_pages_text(out)
    cover = " ".join(pages[0].split())
    assert "One named copy per pupil (5)" in cover
    assert "Versions: A: Ada Lovelace, Dev Patel; B: Ben Okri, Eun-ji Kim; C: Chloé Zhao." in cover
    quiz = [t for t in pages if t.startswith("Quiz: Test pack")]
    named = [next(n for n in names if n in t) for t in quiz]
    assert named == names
    assert [re.search(r"Version ([ABC])", t).group(1) for t in quiz] == ["A", "B", "C", "A", "B"]
    keys = [t for t in pages if "Answer key: Quiz" in t]
    assert len(keys) == 3 and not any(n in t for t in keys for n in names)


def test_a_bad_class_list_is_a_clear_error(tmp_path):
    p = make_pack(tmp_path, EXAMPLE, "- layout: quiz\n")
    (tmp_path / "empty.txt").write_text("\n\n")
    for bad, msg in (("missing.txt", "not found"), ("empty.txt", "the class list is empty")):
        r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(tmp_path / "x.pdf"),
                            "--students", str(tmp_path / bad)], capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 2 and msg in r.stderr and "Traceback" not in r.stderr
        assert not (tmp_path / "x.pdf").exists()


def test_long_notes_flow_over_pages_without_loss(tmp_path):
    """A card of 1,500 words with gaps in a cloze, and an answer of 1,500 words in a written quiz:
    the sheets and keys flow over pages, nothing below the margin, every word in the key."""
    long_text = " ".join(f"w{i}" + (" [[gapword]]" if i % 100 == 0 else "") for i in range(1500))
    topic = (f"topic: Long\ncards:\n  - title: Long card\n    text: {long_text}\n"
             f"  - front: Explain everything?\n    back: {' '.join(f'a{i}' for i in range(1500))}\n")  # fmt: skip
    p = make_pack(tmp_path, {"l.yaml": topic}, "- layout: cloze\n- layout: quiz\n")
    for only in ("cloze", "cloze-key", "quiz", "quiz-key"):
        out = build_pdf(p, tmp_path / f"{only}.pdf", only=[only])
        pages = text_positions(out)
        assert len(pages) > 2
        for page in pages:
            assert all(r.y >= 5 * mm for r in page), only
    pack, _ = load_pack(str(p))
    assert missing_words(tmp_path / "cloze-key.pdf", [c.text for c in pack.topics[0].cards[:1]]) == []
    assert missing_words(tmp_path / "quiz-key.pdf", [pack.topics[0].cards[1].text]) == []
