"""The crossword and word search worksheets as printed: the grid read back from the PDF (each letter
by its position) holds every term; the pupil's crossword shows no answer; groups, versions, seeds,
named copies, keys, other scripts, large print, both papers and the 5 mm margin."""

import re
import subprocess
import sys

import pytest
from helpers import build_pdf, make_pack, missing_words, pdf_pages_text, text_positions, write
from pagedump import graphics
from pypdf import PdfReader
from studypack.layouts.wordsearch.grid import EASY, HARD, MEDIUM
from studypack.layouts.worksheet.puzzle import grid_letters

from studypack.layout_api import registry
from studypack.layout_api.pages import RenderContext
from studypack.layout_api.styles import PRESETS, mm
from studypack.load.manifest import load_pack
from studypack.text.fonts import resolve

BIOLOGY = """topic: Cells
subject: Biology
key_terms:
  - term: Nucleus
    definition: Controls the cell; the nucleus holds the DNA
  - term: Cell membrane
    definition: Controls what enters and leaves; every membrane is partly permeable
  - term: Mitochondria
    definition: Where aerobic respiration releases energy
  - term: Ribosome
    definition: Where proteins are made
  - term: Chloroplast
    definition: Absorbs light for photosynthesis
  - term: Cell wall
    definition: Made of cellulose; strengthens the cell
  - term: Vacuole
    definition: Filled with cell sap to keep the cell turgid
  - term: Cross-section
    definition: A thin slice seen under the microscope
cards:
  - front: Which organelle is the site of protein synthesis?
    back: The ribosome
  - front: What do plant cells store starch as?
    back: Granules.
  - front: What does the nucleus contain?
    back: Genetic material in the form of chromosomes, made of DNA
"""
SPANISH = """topic: La casa y el tiempo
subject: Spanish
key_terms:
  - term: el año
    definition: the year
  - term: la mañana
    definition: the morning
  - term: el corazón
    definition: the heart
  - term: el árbol
    definition: the tree
  - term: la ciudad
    definition: the city
"""
RUSSIAN = """topic: Reform in the USSR
subject: Russian
key_terms:
  - term: перестройка
    definition: restructuring of the Soviet economy
  - term: гласность
    definition: openness in public debate
  - term: колхоз
    definition: a collective farm
  - term: совнархоз
    definition: a regional economic council
"""


def rendered(tmp_path, topics: dict, section: str, students=()):
    p = make_pack(tmp_path, topics, section)
    pack, _ = load_pack(str(p))
    ctx = RenderContext(pack, pack.paper, resolve(pack.font), students=tuple(students))
    s = pack.sections[0]
    return registry.get(s.layout).render(pack, s, ctx), p


def grid_of(runs, least: float) -> list[str]:
    """The grid on a page, read from the single letters printed at `least` pt or more: rows by
    their baseline, columns by position in squares (the step between rows), '.' for no letter."""
    cells = [r for r in runs if len(r.text.strip()) == 1 and r.text.strip().isalpha() and r.size >= least]
    assert cells, "no grid letters on the page"
    ys = sorted({round(r.y, 1) for r in cells}, reverse=True)
    step = min(a - b for a, b in zip(ys, ys[1:], strict=False)) if len(ys) > 1 else 20.0
    x0 = min(r.x for r in cells)
    grid: dict[tuple[int, int], str] = {}
    for r in cells:
        row = round((ys[0] - round(r.y, 1)) / step)
        col = round((r.x - x0) / step)
        assert (row, col) not in grid, "two letters in one square"
        grid[(row, col)] = r.text.strip()
    rows, cols = max(k[0] for k in grid) + 1, max(k[1] for k in grid) + 1
    return ["".join(grid.get((i, j), ".") for j in range(cols)) for i in range(rows)]


def reads(grid: list[str], word: str, steps) -> bool:
    n, m = len(grid), len(grid[0])
    for r in range(n):
        for c in range(m):
            for dr, dc in steps:
                if all(
                    0 <= r + dr * i < n and 0 <= c + dc * i < m and grid[r + dr * i][c + dc * i] == ch
                    for i, ch in enumerate(word)
                ):
                    return True
    return False


def page_of(pdf, needle: str) -> list[int]:
    return [i for i, t in enumerate(pdf_pages_text(pdf)) if needle in t]


# ---- crossword ------------------------------------------------------------------------------------


def test_crossword_key_grid_holds_every_term_and_the_sheet_no_answer(tmp_path):
    """Read back from the key, the grid's runs of letters are exactly the terms (capitals, spaces
    and hyphens skipped), across or down; the pupil's sheet has squares and numbers but no letter
    in them, no term, and no clue containing its own answer; patterns show the words."""
    sp, p = rendered(tmp_path, {"bio.yaml": BIOLOGY}, "- layout: crossword\n")
    assert not sp.notices, sp.notices
    pdf = build_pdf(p, only=["crossword", "crossword-key"])
    runs = text_positions(pdf)
    texts = pdf_pages_text(pdf)
    key = page_of(pdf, "Answer key: Crossword")[0]
    grid = grid_of(runs[key], 9)
    terms = ["Nucleus", "Cell membrane", "Mitochondria", "Ribosome", "Chloroplast", "Cell wall", "Vacuole",
             "Cross-section"]  # fmt: skip
    found = _runs(grid)
    assert sorted(found) == sorted(grid_letters(t) for t in terms)
    sheet = "\n".join(texts[:key])
    assert not [
        r for page in runs[:key] for r in page if len(r.text.strip()) == 1 and r.text.strip().isalpha()
    ]
    flat = " ".join(sheet.split()).casefold()
    for t in terms:
        assert t.casefold() not in flat and grid_letters(t).casefold() not in flat.replace(" ", "")
    assert "nucleus" not in flat and "membrane" not in flat  # each clue's own words blanked
    assert "(4,8)" in flat and "(5-7)" in flat and "(7)" in flat
    assert "across" in flat and "down" in flat
    # the key has every word of the definitions, and the answers
    assert missing_words(pdf, [t for t in terms] + ["Controls the cell; the nucleus holds the DNA"]) == []


def _runs(grid: list[str]) -> list[str]:
    out = []
    for lines in (grid, ["".join(col) for col in zip(*grid, strict=True)]):
        for line in lines:
            out += [w for w in line.split(".") if len(w) >= 2]
    return out


def test_crossword_numbers_and_clues_agree(tmp_path):
    """Every number in the grid has a clue under Across or Down, and every clue's number is in the
    grid; the crossword's notice names a word it cannot place."""
    sp, p = rendered(tmp_path, {"bio.yaml": BIOLOGY}, "- layout: crossword\n")
    pdf = build_pdf(p, only=["crossword", "crossword-key"])
    runs = text_positions(pdf)[0]
    numbers = sorted(int(r.text) for r in runs if r.text.strip().isdigit() and not r.bold)
    clue_numbers = sorted(int(r.text) for r in runs if r.text.strip().isdigit() and r.bold)
    assert numbers and sorted(set(numbers)) == sorted(set(clue_numbers))
    loose = write(tmp_path / "l" / "t.yaml", "topic: T\nkey_terms:\n  - term: Cat\n    definition: a pet\n"
                  "  - term: Act\n    definition: a deed\n  - term: Fjord\n    definition: a sea inlet\n")  # fmt: skip
    sp, _ = rendered(tmp_path / "l", {"t.yaml": loose.read_text()}, "- layout: crossword\n")
    assert any("'Fjord' could not be placed" in n for n in sp.notices)


def test_crossword_short_answers_of_question_cards_when_asked(tmp_path):
    """`questions: yes` adds the question cards answered in a word or two (the question the clue,
    its answer blanked in it, a leading 'the' dropped, a key term's repeat used once); longer
    answers stay out."""
    sp, p = rendered(tmp_path, {"bio.yaml": BIOLOGY}, "- layout: crossword\n  questions: yes\n")
    pdf = build_pdf(p, only=["crossword", "crossword-key"])
    texts = pdf_pages_text(pdf)
    key = page_of(pdf, "Answer key: Crossword")[0]
    found = _runs(grid_of(text_positions(pdf)[key], 9))
    assert "GRANULES" in found and "GENETICMATERIAL" not in "".join(found)
    assert found.count("RIBOSOME") == 1 and "THERIBOSOME" not in found  # 'The ribosome' is the key term
    flat = " ".join(" ".join(texts[:key]).split())
    assert "What do plant cells store starch as? (8)" in flat


# ---- word search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("directions, steps", [("easy", EASY), ("medium", MEDIUM), ("hard", HARD)])
def test_word_search_grid_hides_every_term_in_its_directions(tmp_path, directions, steps):
    """Read back from the pupil's sheet, the square grid holds every term in the allowed
    directions (and not only backwards ones for easy/medium); the word list shows the terms as
    printed; the key draws one outline per word."""
    sp, p = rendered(tmp_path, {"bio.yaml": BIOLOGY}, f"- layout: wordsearch\n  directions: {directions}\n")
    assert not sp.notices, sp.notices
    pdf = build_pdf(p, only=["wordsearch", "wordsearch-key"])
    runs = text_positions(pdf)
    grid = grid_of(runs[0], 12.5)
    assert len(grid) == len(grid[0]) and "." not in "".join(grid)
    terms = ["Nucleus", "Cell membrane", "Mitochondria", "Ribosome", "Chloroplast", "Cell wall", "Vacuole",
             "Cross-section"]  # fmt: skip
    for t in terms:
        assert reads(grid, grid_letters(t), steps), t
    assert len(grid) >= len("MITOCHONDRIA")
    text = " ".join(pdf_pages_text(pdf)[0].split())
    assert all(t in text for t in terms)
    key = page_of(pdf, "Answer key: Word search")[0]
    assert grid_of(runs[key], 12.5) == grid
    reader = PdfReader(str(pdf))
    outlines = [g for g in graphics(reader, key) if g.startswith(("line", "rect")) and "w 1.1" in g]
    assert outlines  # the rings (round-ended outlines) are stroked at 1.1 pt


def test_word_search_filler_matches_the_script_and_accents(tmp_path):
    """Cyrillic terms get Cyrillic filler (no Latin letter in the grid), Spanish terms keep their
    accents and Ñ; each group has its own grid with only its own words."""
    p = make_pack(tmp_path, {"ru.yaml": RUSSIAN, "es.yaml": SPANISH}, "- layout: wordsearch\n")
    pdf = build_pdf(p, only=["wordsearch", "wordsearch-key"])
    runs = text_positions(pdf)
    texts = pdf_pages_text(pdf)
    ru = page_of(pdf, "Word search: Russian")[0]
    es = page_of(pdf, "Word search: Spanish")[0]
    g_ru, g_es = grid_of(runs[ru], 12.5), grid_of(runs[es], 12.5)
    assert set("".join(g_ru)) <= set("ПЕРЕСТРОЙКАГЛАСНОСТЬКОЛХОЗСОВНАРХОЗ")
    for t in ("перестройка", "гласность", "колхоз", "совнархоз"):
        assert reads(g_ru, grid_letters(t), MEDIUM) and t in texts[ru]
    for t in ("el año", "la mañana", "el corazón", "el árbol", "la ciudad"):
        assert reads(g_es, grid_letters(t), MEDIUM) and not reads(g_ru, grid_letters(t), HARD)
    assert "Ñ" in "".join(g_es) and "Ó" in "".join(g_es)


# ---- both -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["crossword", "wordsearch"])
def test_groups_versions_seeds_and_keys(tmp_path, layout):
    """One puzzle per subject (group: subject), one for all with group: none; two versions differ;
    the same seed gives the same bytes, another seed other bytes; keys after, at the end, or none."""
    topics = {"bio.yaml": BIOLOGY, "es.yaml": SPANISH}
    sp, _ = rendered(tmp_path / "g", topics, f"- layout: {layout}\n")
    kind = "Crossword" if layout == "crossword" else "Word search"
    marks = [b for pg in sp.pages for b, _ in pg.bookmarks]
    assert marks == ["Biology: Worksheet", "Biology: Answer key", "Spanish: Worksheet", "Spanish: Answer key"]
    sp, _ = rendered(tmp_path / "n", topics, f"- layout: {layout}\n  group: none\n")
    assert [b for pg in sp.pages for b, _ in pg.bookmarks] == ["Worksheet", "Answer key"]
    p = make_pack(tmp_path / "v", topics, f"- layout: {layout}\n  versions: 2\n  group: none\n")
    a = build_pdf(p, tmp_path / "a.pdf", only=[layout])
    texts = pdf_pages_text(a)
    sheets = [t for t in texts if t.startswith(f"{kind}: Test pack")]
    assert len(sheets) == 2 and sheets[0] != sheets[1]
    assert a.read_bytes() == build_pdf(p, tmp_path / "b.pdf", only=[layout]).read_bytes()
    p2 = make_pack(tmp_path / "s", topics, f"- layout: {layout}\n  versions: 2\n  group: none\n  seed: 5\n")
    assert build_pdf(p2, tmp_path / "c.pdf", only=[layout]).read_bytes() != a.read_bytes()
    for where, in_section, at_end in (("after", True, False), ("end", False, True), ("none", False, False)):
        sp, _ = rendered(tmp_path / where, topics, f"- layout: {layout}\n  answer_key: {where}\n")
        assert any(pg.role == "key" for pg in sp.pages) is in_section
        assert bool(sp.end_pages) is at_end and len(sp.keys) == 2


@pytest.mark.parametrize("layout", ["crossword", "wordsearch"])
def test_named_copies_and_only(tmp_path, layout):
    """`--students`: a copy per pupil with their name, versions in turn; `--only NAME` prints the
    sheets and `--only NAME-key` the keys alone."""
    names = ["Ada Lovelace", "Ben Okri", "Chloé Zhao"]
    cls = write(tmp_path / "class.txt", "\n".join(names) + "\n")
    p = make_pack(tmp_path, {"bio.yaml": BIOLOGY}, f"- layout: {layout}\n  versions: 2\n")
    out = tmp_path / "class.pdf"
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out), "--students", str(cls),
                        "--only", layout], capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    texts = pdf_pages_text(out)
    named = [next(n for n in names if n in t) for t in texts if any(n in t for n in names)]
    assert named == names
    assert [re.search(r"Version ([AB])", t).group(1) for t in texts if any(n in t for n in names)] == [
        "A",
        "B",
        "A",
    ]
    assert not any("Answer key" in t for t in texts)
    keys = tmp_path / "keys.pdf"
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(keys), "--only", f"{layout}-key"],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert all("Answer key" in t for t in pdf_pages_text(keys) if t.strip() and "left blank" not in t)


@pytest.mark.parametrize("layout", ["crossword", "wordsearch"])
def test_large_print_grids_and_text_scale(tmp_path, layout):
    """Large print: clue and list text at 14 pt or more, grid letters and numbers 12 pt or more
    (word search letters 16), nothing on the layout's pages under 12 pt; squares grow with them."""
    p = make_pack(tmp_path, {"bio.yaml": BIOLOGY}, f"- layout: {layout}\n", preset="large-print")
    pdf = build_pdf(p, only=[layout, f"{layout}-key"])
    pages = text_positions(pdf)
    H = 297 * mm
    inside = [r for page in pages if "left blank" not in "".join(r.text for r in page)
              for r in page if 15 * mm < r.y < H - 15 * mm]  # fmt: skip
    assert inside and min(r.size for r in inside) >= 12
    body = [r.size for r in inside if len(r.text.strip()) > 12]
    assert min(body) >= 14
    if layout == "wordsearch":
        letters = [r.size for r in pages[0] if len(r.text.strip()) == 1 and r.text.strip().isalpha()]
        assert letters and min(letters) >= 16
        assert reads(grid_of(pages[0], 16), "MITOCHONDRIA", MEDIUM)
    else:
        key = page_of(pdf, "Answer key")[0]
        found = _runs(grid_of(pages[key], 12))
        assert "MITOCHONDRIA" in found


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("layout", ["crossword", "wordsearch"])
def test_grids_stay_inside_the_margin(tmp_path, layout, paper):
    """Every square, outline and letter of both sheets keeps 5 mm from the paper's edge, on A4 and
    Letter, with 20 terms of up to 17 letters."""
    lines = ["topic: Long words", "key_terms:"]
    words = ["photosynthesis", "chlorophyll", "transpiration", "respiration", "mitochondria", "hydrochloric acid",
             "deoxyribonucleic", "electrolysis", "neutralisation", "precipitation", "chromatography", "distillation",
             "fermentation", "condensation", "evaporation", "sublimation", "crystallisation", "combustion",
             "oxidation", "reduction"]  # fmt: skip
    lines += [f"  - term: {w}\n    definition: the meaning of word {i}" for i, w in enumerate(words)]
    p = make_pack(tmp_path, {"long.yaml": "\n".join(lines) + "\n"}, f"- layout: {layout}\n", paper=paper)
    pdf = build_pdf(p, only=[layout, f"{layout}-key"])
    reader = PdfReader(str(pdf))
    edge = 5 * mm
    for i, page in enumerate(reader.pages):
        W, H = float(page.mediabox.width), float(page.mediabox.height)
        for g in graphics(reader, i):
            nums = [
                float(v) * 72 / 25.4 for v in re.findall(r"-?\d+\.\d", g.split(" w ")[0].split(" fill")[0])
            ]
            if g.startswith("rect"):
                x, y, w, h = nums[:4]
                assert edge <= x and x + w <= W - edge and edge <= y and y + h <= H - edge, g
        for r in text_positions(pdf)[i]:
            assert edge <= r.x <= W - edge and edge <= r.y <= H - edge, r


def test_a_group_without_enough_terms_is_said_and_bad_options_are_located(tmp_path):
    """A subject with one key term gets no crossword (a notice says why) while the others are
    made; a subject with none is named; a wrong `directions` is a located error with the choices."""
    one = "topic: Lone\nsubject: Art\nkey_terms:\n  - term: Chiaroscuro\n    definition: light and shade\n"
    none = "topic: Dates\nsubject: History\ntimeline:\n  - date: 1066\n    event: Hastings\n"
    sp, _ = rendered(
        tmp_path / "c", {"bio.yaml": BIOLOGY, "art.yaml": one, "h.yaml": none}, "- layout: crossword\n"
    )
    assert [b for pg in sp.pages for b, _ in pg.bookmarks] == ["Worksheet", "Answer key"]  # one group left
    assert "no crossword for Art: it needs two key terms or more" in sp.notices
    assert "no crossword for History: its topics have no key terms" in sp.notices
    sp, _ = rendered(tmp_path / "w", {"art.yaml": one, "h.yaml": none}, "- layout: wordsearch\n")
    assert [b for pg in sp.pages for b, _ in pg.bookmarks] == ["Worksheet", "Answer key"]
    assert "no word search for History: its topics have no key terms that fit a grid" in sp.notices
    p = make_pack(tmp_path / "bad", {"bio.yaml": BIOLOGY}, "- layout: wordsearch\n  directions: sideways\n")
    r = subprocess.run([sys.executable, "-m", "studypack", "check", str(p)], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert re.search(r"pack\.yaml:\d+:\d+: .*easy, medium, hard", r.stderr), r.stderr


def test_crossword_in_cyrillic_and_spanish_keeps_its_letters(tmp_path):
    """A Russian and a Spanish topic each get their own crossword; read back from each key, the
    grid's words are exactly the terms in capitals with their own letters (Ñ, Ó, Й, Ь kept), and
    the patterns show the Spanish articles as separate words."""
    p = make_pack(tmp_path, {"ru.yaml": RUSSIAN, "es.yaml": SPANISH}, "- layout: crossword\n")
    pdf = build_pdf(p, only=["crossword", "crossword-key"])
    runs = text_positions(pdf)
    for subject, terms in (("Russian", ["перестройка", "гласность", "колхоз", "совнархоз"]),
                           ("Spanish", ["el año", "la mañana", "el corazón", "el árbol", "la ciudad"])):  # fmt: skip
        key = page_of(pdf, f"Answer key: Crossword: {subject}")[0]
        assert sorted(_runs(grid_of(runs[key], 9))) == sorted(grid_letters(t) for t in terms)
        sheet = " ".join(pdf_pages_text(pdf)[page_of(pdf, f"Crossword: {subject}")[0]].split())
        assert not any(t in sheet for t in terms)
    spanish = " ".join(pdf_pages_text(pdf)[page_of(pdf, "Crossword: Spanish")[0]].split())
    assert "the heart (2,7)" in spanish and "the year (2,3)" in spanish


def test_word_search_terms_too_long_for_the_page_are_named(tmp_path):
    """In large print (about 19 squares across A4) a 21-letter term is named and left out, the
    others hidden; `size: 5` below the longest word is raised to it, and said."""
    topic = BIOLOGY.replace(
        "  - term: Nucleus", "  - term: Deoxyribonucleic acids\n    definition: DNA\n  - term: Nucleus"
    )
    p = make_pack(tmp_path, {"bio.yaml": topic}, "- layout: wordsearch\n  size: 5\n", preset="large-print")
    pack, _ = load_pack(str(p))
    ctx = RenderContext(pack, pack.paper, resolve(pack.font), preset=PRESETS[pack.preset])
    sp = registry.get("wordsearch").render(pack, pack.sections[0], ctx)
    assert any("'Deoxyribonucleic acids' has 21 letters" in n for n in sp.notices), sp.notices
    assert any("size 5 is smaller than the longest word: 12 used" in n for n in sp.notices), sp.notices
    pdf = build_pdf(p, only=["wordsearch"])
    grid = grid_of(text_positions(pdf)[0], 16)
    assert len(grid) == 12 and all(
        reads(grid, grid_letters(t), MEDIUM) for t in ("Mitochondria", "Cell wall")
    )
