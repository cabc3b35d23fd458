"""Knowledge organisers: one side per topic, boxes that fill it, every word on the page, a self-quiz
copy with the answers blanked, A3 and the `organizer` spelling."""

import re

import pytest
from helpers import make_pack, missing_words, pdf_pages_text, text_positions
from pagedump import dump

from studypack.build import build
from studypack.layout_api.styles import FURNITURE_SIZE
from studypack.load.manifest import load_pack

MM = 72 / 25.4

PICTURE = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120" viewBox="0 0 200 120">
<rect x="10" y="10" width="180" height="100" fill="none" stroke="black" stroke-width="3"/>
<line x1="10" y1="60" x2="190" y2="60" stroke="black" stroke-width="2"/></svg>
"""

# A history topic with every part: key terms, dates, people, question/answer cards, notes, a picture.
HISTORY = """
topic: The Cold War begins
subject: History
cards:
  - title: The Iron Curtain
    image: {file: pics/europe.svg, alt: Europe divided}
    points:
      - Churchill's speech at Fulton, Missouri named the divide between East and West
      - Soviet satellite states formed a buffer zone in Eastern Europe
  - title: Containment
    text: The Truman Doctrine promised help to any free people resisting communism
  - front: What was the Marshall Plan?
    back: American economic aid to rebuild Western Europe, 13 billion dollars
  - front: Why did Stalin blockade Berlin?
    back: To force the Western allies out of West Berlin
timeline:
  - date: 1948-06
    event: Berlin Blockade begins
  - date: March 1946
    event: Iron Curtain speech at Fulton
  - date: 1947
    event: Truman Doctrine announced
  - date: 4 April 1949
    event: NATO founded
key_terms:
  - term: Containment
    definition: Stopping the spread of communism to further countries
  - term: Satellite state
    definition: A country under the control of another, stronger one
  - term: Superpower
    definition: A state with worldwide military and economic power
people:
  - name: Harry S. Truman
    about: American President 1945-53 who set out the Truman Doctrine
  - Joseph Stalin: Soviet leader who ordered the Berlin Blockade
"""

SHORT = """
topic: Tiny glossary
subject: French
key_terms:
  - term: le chat
    definition: the cat
  - term: le chien
    definition: the dog
"""


def many_terms(n: int) -> str:
    """A science topic with many terms, each a long definition: more than one side holds at 9 pt."""
    rows = "".join(
        f"  - term: Term{i} osmosis\n    definition: The movement of water molecules number{i} from a dilute "
        f"solution to a more concentrated one through a partially permeable membrane, word{i} by diffusion\n"
        for i in range(n)
    )
    return f"topic: Cells and transport\nsubject: Biology\nkey_terms:\n{rows}"


def _pack(tmp_path, topics: dict[str, str], section: str = "- layout: organiser\n", **fields: str):
    (tmp_path / "pics").mkdir(exist_ok=True)
    (tmp_path / "pics" / "europe.svg").write_text(PICTURE, encoding="utf-8")
    return make_pack(tmp_path, topics, section, **fields)


def _build(manifest, only=("organiser",)):
    pack, _ = load_pack(str(manifest))
    out = manifest.parent / "out.pdf"
    res = build(pack, str(out), list(only), str(manifest.parent))
    return pack, out, res


def _body_sizes(pdf) -> list[list[float]]:
    return [[r.size for r in runs if abs(r.size - FURNITURE_SIZE) > 1e-6] for runs in text_positions(pdf)]


def _frames(pdf, page: int) -> list[tuple[float, float, float, float]]:
    """The boxes' frames on a page (x, y, w, h in mm): the 0.8 pt stroked rectangles."""
    out = []
    for line in dump(pdf, page).splitlines():
        m = re.match(r"rect ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+) w 0.8 ", line)
        if m:
            out.append(tuple(float(v) for v in m.groups()))
    return out


def test_a_topic_with_every_part_fills_one_side_with_every_word(tmp_path):
    """The topic fits one side; every word of its terms, dates, people, cards and the picture's alt
    text is on it; its boxes (one per part) reach the foot of the page in every column."""
    pack, out, res = _build(_pack(tmp_path, {"cold-war.yaml": HISTORY}))
    assert res.pages == 1 and not res.notices
    texts = [t for _, what, t in pack.topics[0].texts() if what != "subject"]
    assert missing_words(out, texts) == []
    text = pdf_pages_text(out)[0]
    for title in ("Key terms", "Key dates", "Key people", "Key questions", "What you need to know"):
        assert text.count(title) == 1, title  # one box each, none split
    assert "Europe divided" in text and "(continued)" not in text
    frames = _frames(out, 0)
    assert len(frames) == 6
    bottoms = {round(y, 1) for x, y, w, h in frames}
    lefts = {round(x, 1) for x, y, w, h in frames}
    assert min(bottoms) == pytest.approx(10.0, abs=0.2)  # the furniture band, nothing lower
    for x in lefts:  # every column ends level at the foot: the page is filled
        assert min(y for fx, y, w, h in frames if round(fx, 1) == x) == pytest.approx(10.0, abs=0.2)
    area = sum(w * h for x, y, w, h in frames)
    assert area / (190 * 255) > 0.9  # boxes cover the page under the header, gutters aside


def test_key_dates_are_in_date_order(tmp_path):
    """The key dates box lists the dates by what they mean, not as written in the file."""
    _, out, _ = _build(_pack(tmp_path, {"cold-war.yaml": HISTORY}))
    text = " ".join(pdf_pages_text(out)[0].split())
    order = [text.index(d) for d in ("March 1946", "1947", "1948-06", "4 April 1949")]
    assert order == sorted(order)


def test_a_short_topic_grows_to_the_readable_maximum(tmp_path):
    """Two key terms are not left at 10 pt in a corner: the body grows to the maximum (14 pt on A4)
    and the one box spans the page's width."""
    _, out, res = _build(_pack(tmp_path, {"tiny.yaml": SHORT}))
    sizes = _body_sizes(out)[0]
    definitions = [r for r in text_positions(out)[0] if r.text.strip() in ("the cat", "the dog")]
    assert definitions and all(r.size == pytest.approx(14.0) for r in definitions)
    assert max(sizes) >= 14.0
    frames = _frames(out, 0)
    assert len(frames) == 1 and frames[0][2] > 180  # one box: one column across, not half of it left empty
    assert frames[0][3] < 100  # at the largest size, its frame grows at most twice its height


def test_a_long_topic_goes_on_to_a_second_side_never_below_9pt(tmp_path):
    """A topic too long for one side at 9 pt takes two, the second marked continued; no text under
    9 pt; every word is on the pages."""
    pack, out, res = _build(_pack(tmp_path, {"cells.yaml": many_terms(40)}))
    assert res.pages >= 2 and "needs" in res.notices["organiser"][0]
    pages = pdf_pages_text(out)
    assert "(continued)" in pages[1] and "continued on the next side" in pages[0]
    assert min(min(s) for s in _body_sizes(out)) >= 8.0 - 1e-6  # box legends at 8 pt, body 9 and up
    body = [r.size for runs in text_positions(out) for r in runs if "number" in r.text or "word" in r.text]
    assert min(body) >= 9.0 - 1e-6
    texts = [t for _, _, t in pack.topics[0].texts()]
    assert missing_words(out, texts) == []


def test_self_quiz_copy_blanks_definitions_events_and_answers(tmp_path):
    """The self-quiz copy keeps the terms, dates, names and questions, blanks the definitions, the
    events and the answers with lines to write on, and says so in its heading."""
    _, out, res = _build(
        _pack(tmp_path, {"cold-war.yaml": HISTORY}, "- layout: organiser\n  self_quiz: yes\n")
    )
    assert res.pages == 2
    organiser, quiz = (" ".join(t.split()) for t in pdf_pages_text(out))
    assert "self-quiz" in quiz and "Name" in quiz
    for kept in (
        "Containment",
        "Satellite state",
        "March 1946",
        "Harry S. Truman",
        "What was the Marshall Plan?",
    ):
        assert kept in organiser and kept in quiz, kept
    for blanked in (
        "Stopping the spread",
        "Berlin Blockade begins",
        "13 billion dollars",
        "Doctrine announced",
    ):
        assert blanked in organiser and blanked not in quiz, blanked
    lines = [ln for ln in dump(out, 1).splitlines() if ln.startswith("line ") and " w 0.5 " in ln]
    assert len(lines) >= 3 + 4 + 2 + 2  # a writing line at least for every blanked item


def test_organizer_spelling_and_a3_section_in_an_a4_pack(tmp_path):
    """`layout: organizer` is the organiser; `paper: A3` on it prints it on A3 while the rest of the
    pack stays A4, and the cover says which pages are on A3 and its size."""
    section = "- layout: summary\n- layout: organizer\n  paper: A3\n"
    pack, out, _ = _build(_pack(tmp_path, {"cold-war.yaml": HISTORY}, section), only=())
    from pypdf import PdfReader

    sizes = [
        (round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
        for p in PdfReader(out).pages
    ]
    assert sizes[0] == (210, 297) and sizes[-1] == (297, 420)
    cover = " ".join(pdf_pages_text(out)[0].split())
    last = len(sizes)
    assert f"On A3 (297 × 420 mm): page {last}." in cover
    assert "single-sided on A3" in cover and "in one go" not in cover


def test_a3_pack_takes_three_columns_and_cards_tile_it(tmp_path):
    """On an A3 pack the organiser is set in three columns of boxes, and A7 cards tile it 16 a
    sheet, A6 8 a sheet."""
    section = "- layout: organiser\n- layout: cards\n- layout: cards\n  size: A6\n"
    _, out, res = _build(_pack(tmp_path, {"cells.yaml": many_terms(60)}, section, paper="A3"), only=())
    frames = _frames(out, 2)  # cover, blank, then the organiser
    assert len({round(x) for x, y, w, h in frames}) == 3
    from studypack.layouts.cards.grid import CARD_SIZES, make_grid

    assert make_grid((297.0, 420.0), CARD_SIZES["a7"], "auto").per_sheet == 16
    assert make_grid((297.0, 420.0), CARD_SIZES["a6"], "auto").per_sheet == 8


def test_large_print_keeps_the_organiser_at_14pt_or_more(tmp_path):
    """Under the large-print preset nothing on an organiser is under 12 pt and its body is 14 pt or more."""
    _, out, _ = _build(_pack(tmp_path, {"cold-war.yaml": HISTORY}, preset="large-print"))
    sizes = [s for page in _body_sizes(out) for s in page]
    assert min(sizes) >= 12.0 - 1e-6
    body = [r.size for runs in text_positions(out) for r in runs if "communism" in r.text]
    assert body and min(body) >= 14.0 - 1e-6


def test_people_load_in_both_forms_and_a_wrong_key_is_located(tmp_path):
    """`people:` takes `{name:, about:}` and the short `Name: who`; an unknown key is an error at its
    line with a hint."""
    from studypack.errors import ContentError
    from studypack.load.topic import load_topic

    topic, _ = load_topic(str(_pack(tmp_path, {"cold-war.yaml": HISTORY}).parent / "cold-war.yaml"))
    assert [(p.name, p.about) for p in topic.people] == [
        ("Harry S. Truman", "American President 1945-53 who set out the Truman Doctrine"),
        ("Joseph Stalin", "Soviet leader who ordered the Berlin Blockade"),
    ]
    bad = tmp_path / "bad.yaml"
    bad.write_text("topic: T\nkey_terms:\n  - {term: a, definition: b}\npeople:\n  - name: X\n    abuot: Y\n")
    with pytest.raises(ContentError) as e:
        load_topic(str(bad))
    assert "bad.yaml:6:5: unknown key 'abuot'" in str(e.value) and "about" in str(e.value)


def test_a_box_moves_elsewhere_only_when_the_columns_end_more_level():
    """Boxes keep the topic's order when that fills the columns; a short box moves to where the
    columns hold it (and end more level) when the order would not fit."""
    from studypack.layouts.organiser.packing import best, orders
    from studypack.layouts.summary.columns import Block

    assert orders(3)[0] == (0, 1, 2) and len(set(orders(3))) == len(orders(3))
    even = [Block((50.0,), whole=True), Block((50.0,), whole=True)]
    assert best(even, 50.0, 2)[0] == (0, 1)
    # 60, 90, 30 in that order need a third column; 60 + 30 in one and 90 in the other fit two
    blocks = [Block((60.0,), whole=True), Block((90.0,), whole=True), Block((30.0,), whole=True)]
    order, cols = best(blocks, 100.0, 2)
    assert order != (0, 1, 2) and len(cols) == 2


SAME_YEAR = """
topic: Khrushchev
subject: History
timeline:
  - date: 1956
    event: Secret speech to the Twentieth Party Congress
  - date: 1953
    event: Stalin dies
  - date: 1956
    event: Hungarian uprising crushed
key_terms:
  - term: Decentralisation
    definition: Moving decisions from central ministries to regional economic councils across the country
  - term: Thaw
    definition: The easing of repression and censorship after Stalin's death, with more contact with the West
"""


@pytest.fixture(scope="module")
def same_year_quiz(tmp_path_factory):  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("same-year")
    _, out, _ = _build(_pack(d, {"k.yaml": SAME_YEAR}, "- layout: organiser\n  self_quiz: yes\n"))
    return out


def test_self_quiz_says_what_to_write(same_year_quiz):
    """The self-quiz instruction names what to do with the writing lines (there are no blanks to
    fill), and the name line does not run into it."""
    text = " ".join(pdf_pages_text(same_year_quiz)[1].split())
    assert "Write each definition, event and answer on the lines" in text
    assert "Fill in the blanks" not in text
    runs = text_positions(same_year_quiz)[1]
    how = next(r for r in runs if r.text.startswith("Write each"))
    name = next(r for r in runs if r.text.startswith("Name"))
    from studypack.model import FontChoice
    from studypack.text.fit import width1
    from studypack.text.fonts import resolve

    end = how.x + width1(how.text, resolve(FontChoice()).face()) * how.size
    assert end < name.x or name.y < how.y - how.size


def test_two_events_in_one_year_get_a_cue_not_their_answer(same_year_quiz):
    """Two dates written the same ("1956") read "1956 (1 of 2)" and "1956 (2 of 2)" in the self-quiz
    copy, in the organiser's order; a unique date has no cue; no event text is given away; the
    organiser itself is unchanged."""
    organiser, quiz = (" ".join(t.split()) for t in pdf_pages_text(same_year_quiz))
    assert "1956 (1 of 2)" in quiz and "1956 (2 of 2)" in quiz
    assert "1953 (" not in quiz and "1953" in quiz
    assert "(1 of 2)" not in organiser
    for event in ("Secret speech", "Hungarian", "Stalin dies"):
        assert event in organiser and event not in quiz


def test_self_quiz_term_lines_run_the_width_below_the_term(same_year_quiz):
    """In the Key terms box of the self-quiz, the writing lines below the term start at the box's
    inner left edge (the term's own column), so they run the whole width the box has; the lines
    beside the term start right of it; the key dates' lines stay right of the timeline."""
    frames = _frames(same_year_quiz, 1)
    terms = min(frames, key=lambda f: f[0])  # the left column's box
    lines = []
    for ln in dump(same_year_quiz, 1).splitlines():
        m = re.match(r"line ([\d.]+),([\d.]+) -> ([\d.]+),([\d.]+) w 0.5 ", ln)
        if m:
            x1, y1, x2, _ = (float(v) for v in m.groups())
            if terms[0] <= x1 <= terms[0] + terms[2] and terms[1] <= y1 <= terms[1] + terms[3]:
                lines.append((x1, x2))
    inner = terms[2] - 2 * 2.2  # the box's width inside its padding
    full = [x2 - x1 for x1, x2 in lines if x2 - x1 >= 0.95 * inner]
    beside = [x2 - x1 for x1, x2 in lines if x2 - x1 < 0.95 * inner]
    assert len(full) >= 3 and beside  # most lines below a term; the first beside it
    assert all(w <= 0.75 * inner for w in beside)


def test_a_broken_term_carries_four_letters_or_more():
    """A long word broken in a narrow first column never leaves three letters or fewer on the next
    line ("Decentralisa-tion", never "Decentralisat-ion"), and every letter is kept."""
    from studypack.model import FontChoice
    from studypack.text.fit import cell_lines, width1
    from studypack.text.fonts import resolve

    bold = resolve(FontChoice()).face(True)
    for word in ("Decentralisation", "Collectivisation", "Industrialisation", "Superpower"):
        for ems in (3.0, 4.0, 5.0, 6.0, 7.0):
            lines = cell_lines(word, bold, ems, width1(" ", bold))
            assert "".join(ln.rstrip("-") for ln in lines) == word
            if len(lines) > 1:
                assert all(len(ln) >= 4 for ln in lines[1:]), lines


def test_the_print_advice_says_how_many_sides_a_topic_takes(tmp_path):
    """The cover's advice for organisers and summaries is true: 'one topic a side' only when every
    topic fits one side; with a long topic beside a short one it says so and counts them."""
    from studypack.layouts.organiser.render import render as organiser
    from studypack.layouts.summary.render import render as summary

    from studypack.layout_api.pages import RenderContext
    from studypack.text.fonts import resolve
    from studypack.wording import sides_a_topic

    sections = "- layout: organiser\n- layout: summary\n"
    pack, _ = load_pack(str(_pack(tmp_path, {"t.yaml": SHORT, "c.yaml": many_terms(40)}, sections)))
    ctx = RenderContext(pack, pack.paper, resolve(pack.font))
    org = organiser(pack, pack.sections[0], ctx)
    assert "one topic a side, two when it must (1 of 2 topics)" in org.advice.text("A4")
    summ = summary(pack, pack.sections[1], ctx)
    n = len(summ.pages) - 1  # the long topic's sides
    assert sides_a_topic([1, n]) in summ.advice.text("A4")
    assert sides_a_topic([1, 1]) == "one topic a side"
    assert sides_a_topic([2, 2, 2]) == "two sides a topic"
    assert sides_a_topic([1, 2, 3]) == "one topic a side, up to three when it must (2 of 3 topics)"


def test_the_last_side_of_a_long_topic_is_about_as_full_as_the_first(tmp_path):
    """A topic on three sides shares its boxes over all the sides' columns: every column of the
    last side reaches at least 85% of the way down, as the first side's do (it was 81%)."""
    _, out, res = _build(_pack(tmp_path, {"c.yaml": many_terms(70)}))
    assert res.pages == 3
    fills = []
    for runs in text_positions(out):
        body = [r for r in runs if abs(r.size - FURNITURE_SIZE) > 1e-6 and r.size > 7]
        top = max(r.y for r in body)
        cols = [[r.y for r in body if (r.x < 105 * MM) == left] for left in (True, False)]
        fills.append([(top - min(ys)) / (top - 14 * MM) for ys in cols])
    assert min(fills[-1]) >= 0.85, fills
    assert min(fills[0]) >= 0.85, fills


def test_self_quiz_rows_have_no_hairline_under_their_writing_lines(same_year_quiz):
    """Rows of writing lines are set apart by space, not by a hairline a millimetre under the last
    writing line (the two read as one doubled line): no row hairline on the self-quiz side, while
    the organiser keeps its hairlines between rows."""
    quiz = [ln for ln in dump(same_year_quiz, 1).splitlines() if ln.startswith("line ") and " w 0.3 " in ln]
    organiser = [
        ln for ln in dump(same_year_quiz, 0).splitlines() if ln.startswith("line ") and " w 0.3 " in ln
    ]
    assert organiser and not quiz


def test_a_self_quiz_side_that_continues_names_its_pupil_but_says_what_to_do_once(tmp_path):
    """A self-quiz copy of a topic on several sides: every side has the pupil's name line; what to
    write on the lines is said on the first side only (a side that continues may hold none)."""
    from studypack.layouts.organiser.render import QUIZ_HOW

    _, out, _ = _build(
        _pack(tmp_path, {"cells.yaml": many_terms(40)}, "- layout: organiser\n  self_quiz: yes\n")
    )
    quiz = [p for p in pdf_pages_text(out) if "self-quiz" in p]
    assert len(quiz) >= 2
    assert all("Name ____" in p for p in quiz)
    assert QUIZ_HOW in quiz[0] and not any(QUIZ_HOW in p for p in quiz[1:])


@pytest.mark.parametrize("preset", ["standard", "large-print"])
def test_boxes_end_clear_of_the_page_number_at_any_size(tmp_path, preset):
    """The organiser's boxes end 1.5 mm or more above the top of the page number at the foot (12 pt
    under large print, where the standard 10 mm band would let a box's border touch it); nothing of
    the body is printed lower."""
    from studypack.layouts.organiser import render

    from studypack.layout_api.styles import FURNITURE_BAND, PRESETS, SAFE

    p = PRESETS[preset]
    number_top = SAFE + 1.5 * MM + 0.75 * p.furniture  # the figures' height: about 0.73 of the size
    assert p.foot_band - number_top >= 1.5 * MM - 1e-6
    assert p.foot_band == FURNITURE_BAND if preset == "standard" else p.foot_band > FURNITURE_BAND
    pack, _ = load_pack(str(_pack(tmp_path, {"cells.yaml": many_terms(40)}, preset=preset)))
    fr = render._frame(pack, 2, 50.0, p.foot_band)
    assert fr.top - fr.col_h == pytest.approx(p.foot_band)
    _, out, _ = _build(_pack(tmp_path, {"cells.yaml": many_terms(40)}, preset=preset))
    for runs in text_positions(out):
        body = [r for r in runs if not r.text.startswith(("page ", "continued on the next side"))]
        assert min(r.y for r in body) >= p.foot_band - 1e-6


def test_a_last_side_its_boxes_leave_half_empty_is_laid_out_across_the_whole_width(tmp_path):
    """A topic whose last side holds a lone picture box (the example under large print): the box is
    laid out again across the page's whole width, its picture drawn larger, rather than half a
    sheet left blank beside it (a teacher's review of the rendered pages)."""
    from dataclasses import replace
    from pathlib import Path

    from helpers import CONTENT
    from pypdf import PdfReader
    from studypack.layouts.organiser.render import SIDE

    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    out = tmp_path / "lp.pdf"
    build(replace(pack, preset="large-print"), str(out), ["organiser"], str(CONTENT))
    width = 210 - 2 * SIDE / MM
    lone = []
    for i in range(len(PdfReader(str(out)).pages)):
        page = dump(Path(out), i)
        if "The party from the Praesidium" in page and "Key terms" not in page and "(continued)" in page:
            lone.append(page)
    assert lone, "no side holds the diagram's box alone"
    for page in lone:
        rects = [ln for ln in page.splitlines() if ln.startswith("rect ") and " w 0.8 " in ln]
        forms = [ln for ln in page.splitlines() if ln.startswith("form ")]
        assert any(f" {width:.1f}x" in r for r in rects), page
        assert forms and float(forms[0].split()[2].split("x")[0]) > 0.8 * width
