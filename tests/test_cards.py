"""The cards layout, checked on the built PDF: backs behind fronts, text inside cards, no word lost."""

import pytest
from helpers import all_texts, build_pdf, make_pack, missing_words, pdf_pages_text, text_positions
from studypack.layouts.cards.grid import CARD_SIZES, fold_grid, make_grid

from studypack.load.manifest import load_pack
from studypack.model import FontChoice
from studypack.text.fonts import coverage_problems, pack_texts, resolve

MM = 72 / 25.4
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}


def deck(n: int, back=lambda k: f"Back{k} text") -> str:
    cards = "".join(f'  - title: Front{k}\n    points: ["{back(k)}"]\n' for k in range(1, n + 1))
    return f"topic: Deck\ncards:\n{cards}"


def find(runs, word):
    hits = [(x, y) for x, y, t, *_ in runs if word in t.split()]
    assert len(hits) == 1, (word, hits)
    return hits[0]


SIZES = [*CARD_SIZES, "[60, 90]"]


def dims(size: str) -> tuple[float, float]:
    return CARD_SIZES[size] if size in CARD_SIZES else (60.0, 90.0)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("sides", ["duplex-long-edge", "duplex-short-edge"])
def test_duplex_backs_print_behind_their_fronts(tmp_path, paper, size, sides):
    """In the built PDF, each card's back text, once the sheet is turned over, lies inside the same
    card rectangle as its front title, on full and partial last sheets."""
    grid = make_grid(PAPERS[paper], dims(size))
    n = grid.per_sheet + 3  # one full sheet and a partial one
    p = make_pack(tmp_path, {"d.yaml": deck(n)}, f"- layout: cards\n  size: {size}\n  sides: {sides}\n",
                  paper=paper)  # fmt: skip
    pages = text_positions(build_pdf(p))[2:]  # after cover and blank
    W, H = PAPERS[paper][0] * MM, PAPERS[paper][1] * MM
    for k in range(1, n + 1):
        sheet = (k - 1) // grid.per_sheet
        fx, fy = find(pages[2 * sheet], f"Front{k}")
        bx, by = find(pages[2 * sheet + 1], f"Back{k}")
        seen = (W - bx, by) if sides == "duplex-long-edge" else (bx, H - by)
        slot = grid.slot((k - 1) % grid.per_sheet)
        for x, y in ((fx, fy), seen):
            assert slot.x * MM - 1 <= x <= (slot.x + slot.w) * MM + 1, (k, x)
            assert slot.y * MM - 1 <= y <= (slot.y + slot.h) * MM + 1, (k, y)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("sides", ["single", "fold"])
def test_one_sided_modes_keep_each_card_in_its_slot(tmp_path, paper, size, sides):
    """single: each card's title and notes lie in its slot; fold: the front on the unit's front face
    and the back on its back face, so folding puts the back behind the front."""
    w, h = dims(size)
    folds = fold_grid(PAPERS[paper], (w, h)) if sides == "fold" else None
    grid = folds.grid if folds else make_grid(PAPERS[paper], (w, h))
    n = grid.per_sheet + 1
    p = make_pack(tmp_path, {"d.yaml": deck(n)}, f"- layout: cards\n  size: {size}\n  sides: {sides}\n",
                  paper=paper)  # fmt: skip
    pages = text_positions(build_pdf(p))[1:]  # after the cover: single-sided, so no blank page
    assert len(pages) == 2
    for k in range(1, n + 1):
        runs = pages[(k - 1) // grid.per_sheet]
        slot = grid.slot((k - 1) % grid.per_sheet)
        faces = {"Front": slot, "Back": slot}
        if folds:
            faces = dict(zip(("Front", "Back"), folds.faces((k - 1) % grid.per_sheet), strict=True))
        for word, r in faces.items():
            x, y = find(runs, f"{word}{k}")
            assert r.x * MM + 5 * MM - 1 <= x <= (r.x + r.w) * MM - 5 * MM, (k, word, x)
            assert r.y * MM + 5 * MM - 1 <= y <= (r.y + r.h) * MM - 5 * MM, (k, word, y)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("size", SIZES)
def test_fold_faces_keep_the_cards_size(paper, size):
    """fold: every face is exactly the card's size (turned at most), front and back share the fold
    line, never strips (A7 on A4: 74 x 105 per face, never 52.5 x 148), all inside the sheet."""
    w, h = dims(size)
    folds = fold_grid(PAPERS[paper], (w, h))
    assert folds.grid.per_sheet >= 1
    pw, ph = PAPERS[paper]
    for k in range(folds.grid.per_sheet):
        front, back = folds.faces(k)
        for face in (front, back):
            assert sorted((round(face.w, 6), round(face.h, 6))) == sorted((round(w, 6), round(h, 6)))
            assert (
                0 <= face.x and face.x + face.w <= pw + 1e-9 and 0 <= face.y and face.y + face.h <= ph + 1e-9
            )
        x1, y1, x2, y2 = folds.fold_line(k)
        if folds.stacked:  # front above back, folded across
            assert (back.x, back.y + back.h) == pytest.approx((front.x, front.y)) and y1 == y2 == front.y
        else:  # side by side, folded down the middle
            assert (front.x + front.w, front.y) == pytest.approx((back.x, back.y)) and x1 == x2 == back.x
    if (paper, size) == ("A4", "a7"):
        assert folds.grid.per_sheet == 4 and sorted(folds.face) == [74.0, 105.0]
    if size == "index-3x5":
        assert sorted(folds.face) == pytest.approx([76.2, 127.0])


def test_back_offset_shifts_backs(tmp_path):
    """back_offset_mm: [2, 1] moves every back 2 mm right and 1 mm up on the backs sheet."""
    texts = {}
    for off in ("[0, 0]", "[2, 1]"):
        p = make_pack(tmp_path / off[1], {"d.yaml": deck(3)}, f"- layout: cards\n  back_offset_mm: {off}\n")
        texts[off] = text_positions(build_pdf(p))[3]
    # card 1's back is away from the paper's left edge (where text keeps a little extra room)
    a, b = find(texts["[0, 0]"], "Back1"), find(texts["[2, 1]"], "Back1")
    assert (b[0] - a[0], b[1] - a[1]) == pytest.approx((2 * MM, 1 * MM), abs=0.01)


def test_fold_puts_front_and_back_side_by_side(tmp_path):
    """fold: each card's back sits right of its front on the same page, a folded card's width apart."""
    p = make_pack(tmp_path, {"d.yaml": deck(4)}, "- layout: cards\n  sides: fold\n")
    runs = text_positions(build_pdf(p))[1]
    assert len(pdf_pages_text(build_pdf(p))) == 2  # cover and one sheet: no blank page
    fx, fy = find(runs, "Front1")
    bx, by = find(runs, "Back1")
    assert bx > fx


@pytest.mark.parametrize("sides", ["single", "duplex-long-edge", "fold"])
def test_600_word_card_and_100_one_word_cards_lose_nothing(tmp_path, sides):
    """A 600-word card continues over cards marked (cont.), numbered with the continuations,
    and every word of it and of 100 one-word cards is in the extracted text."""
    long = " ".join(f"word{i}" for i in range(600))
    topic = "topic: Big\ncards:\n  - title: Long card\n    text: " + long + "\n"
    topic += "".join(f"  - title: T{i}\n    points: [w{i}]\n" for i in range(100))
    p = make_pack(tmp_path, {"b.yaml": topic}, f"- layout: cards\n  sides: {sides}\n")
    pdf = build_pdf(p)
    assert missing_words(pdf, all_texts(p)) == []
    text = "\n".join(pdf_pages_text(pdf))
    assert "(cont.)" in text
    pages = text_positions(pdf)
    sizes = [r.size for runs in pages[2:] for r in runs]
    assert min(sizes) >= 7 - 1e-6
    total = [r.text.strip() for runs in pages for r in runs if r.text.strip().startswith("1 of ")][0]
    assert int(total.split()[2]) > 101  # the continuations are counted


def test_text_keeps_5mm_inside_the_paper_and_readable(tmp_path):
    """Every piece of text of the example pack is at least 5 mm from the paper edge and at least 7 pt."""
    from helpers import CONTENT
    from pypdf import PdfReader

    pdf = build_pdf(CONTENT / "pack.yaml", tmp_path / "p.pdf")
    boxes = [p.mediabox for p in PdfReader(str(pdf)).pages]
    for runs, box in zip(text_positions(pdf)[2:], boxes[2:], strict=True):
        W, H = float(box.width), float(box.height)
        for x, y, t, s, _ in runs:
            assert 5 * MM - 0.5 <= x <= W - 5 * MM and 5 * MM - 0.5 <= y <= H - 5 * MM, (t, x, y)
            assert s >= 7 - 1e-6, (t, s)


def test_scripts_print_without_missing_glyphs(tmp_path):
    """Cyrillic, Greek (polytonic too), chemistry notation and typographic quotes have glyphs in the
    font found on this machine and reach the PDF."""
    topic = """
    topic: "Scripts: Русский, Ελληνικά"
    cards:
      - title: Хрущёв и «оттепель»
        points: ["Никита Сергеевич Хрущёв — первый секретарь ЦК КПСС"]
      - title: Ἀθῆναι
        points: ["ἐν ἀρχῇ ἦν ὁ λόγος", "Σωκράτης και Πλάτων"]
      - title: Haber process
        points: ["N~2~ + 3H~2~ ⇌ 2NH~3~, ΔH = −92 kJ mol^−1^ → “yield” ‘rises’"]
    """
    p = make_pack(tmp_path, {"s.yaml": topic}, "- layout: cards\n")
    pack, _ = load_pack(str(p))
    assert coverage_problems(resolve(FontChoice()), pack_texts(pack)) == []
    assert missing_words(build_pdf(p), all_texts(p)) == []


def test_missing_glyphs_are_reported_by_file_card_and_character(tmp_path):
    """A character the font cannot show is named with its file, card and code point."""
    p = make_pack(tmp_path, {"j.yaml": "topic: J\ncards:\n  - title: Kanji\n    points: [漢字]\n"})
    pack, _ = load_pack(str(p))
    shown = [str(w) for w in coverage_problems(resolve(FontChoice()), pack_texts(pack))]
    assert shown and shown[0].startswith("j.yaml:3:5: warning: card 'Kanji': the font")
    assert "'漢' (U+6F22)" in shown[0]


def test_key_terms_become_cards_and_shrunk_cards_are_listed(tmp_path):
    """include: [cards, key_terms] adds a card per key term; cards set below normal are reported."""
    from studypack.build import build

    words = " ".join(["crowded"] * 140)
    topic = f"topic: K\ncards:\n  - title: Dense\n    text: {words}\nkey_terms:\n  - term: Thaw\n    definition: Relaxation\n"
    p = make_pack(tmp_path, {"k.yaml": topic}, "- layout: cards\n  include: [cards, key_terms]\n")
    pack, _ = load_pack(str(p))
    res = build(pack, str(tmp_path / "k.pdf"), base=str(tmp_path))
    text = "\n".join(pdf_pages_text(tmp_path / "k.pdf"))
    assert "Thaw" in text and "Relaxation" in text and "2 of 2" in text
    assert any("'K' › 'Dense' set at" in n for n in res.notices["cards"])
