"""Continued cards read as one card: breaks between bullets or sentences, one size throughout,
'continued' at the foot of a part and the top of the next; key-term cards say so; tiny cards drop
their label line rather than overprint it."""

from helpers import build_pdf, make_pack, pdf_pages_text, text_positions
from studypack.layouts.cards.grid import make_grid
from studypack.layouts.cards.render import CardsOptions, plan_cards

from studypack.load.manifest import load_pack
from studypack.text.fonts import resolve


def sentence(i: int, n: int = 14) -> str:
    return " ".join(f"s{i}w{j}" for j in range(n)) + "."


def bullets(k: int, sentences: int = 2) -> str:
    return "".join(f"      - {' '.join(sentence(i * 10 + s) for s in range(sentences))}\n" for i in range(k))


def cards_of(tmp_path, topic: str, sides: str = "duplex-long-edge"):  # type: ignore[no-untyped-def]
    pack, _ = load_pack(str(make_pack(tmp_path, {"t.yaml": topic}, f"- layout: cards\n  sides: {sides}\n")))
    opts = pack.sections[0].options
    assert isinstance(opts, CardsOptions)
    grid = make_grid(pack.paper.value, (74, 105))
    cards, _ = plan_cards(pack, opts, grid, resolve(pack.font), sides == "single")
    return cards


def test_parts_break_between_bullets_at_one_size(tmp_path):
    """A card of 14 bullets too long for one back: each part ends where a bullet ends, every part is
    set at the same size, the first parts say they continue."""
    cards = cards_of(tmp_path, "topic: T\ncards:\n  - title: Long\n    points:\n" + bullets(14))
    assert len(cards) > 2
    sizes = {pc.back.size for pc in cards if pc.back}
    assert len(sizes) == 1
    for pc in cards[:-1]:
        face = pc.back
        last = face.fit.lines[-1]
        para = face.paras[last.para]
        assert last.b == len(para.words) and not last.segs, "a part ends mid-bullet"
        assert pc.continues
    assert not cards[-1].continues


def test_a_bullet_longer_than_a_card_breaks_at_a_sentence(tmp_path):
    """One bullet of 30 sentences, longer than a card: it breaks after a full stop, never mid-sentence."""
    long = " ".join(sentence(i, 14) for i in range(30))
    cards = cards_of(tmp_path, f"topic: T\ncards:\n  - title: Long\n    points:\n      - {long}\n")
    assert len(cards) >= 2
    for pc in cards[:-1]:
        last = pc.back.fit.lines[-1]
        assert pc.back.paras[last.para].texts[last.b - 1].endswith(".")


def test_continued_is_said_at_the_foot_and_the_top(tmp_path):
    """The back of a part that goes on says 'continued ›' by its number; the next back opens with
    '(continued)'; its front repeats the title with '(cont.)'."""
    pack = make_pack(tmp_path, {"t.yaml": "topic: T\ncards:\n  - title: Long\n    points:\n" + bullets(14)},
                     "- layout: cards\n")  # fmt: skip
    pages = text_positions(build_pdf(pack))
    backs = " ".join(r.text for r in pages[3])
    fronts = " ".join(r.text for r in pages[2])
    assert "1 of" in backs and "continued ›" in backs and "(continued)" in backs
    assert "Long (cont.)" in fronts


def test_key_term_cards_say_so_on_the_front(tmp_path):
    """A key-term card's band reads 'Key term · <topic>', a topic card's just the topic."""
    topic = "topic: Cells\ncards:\n  - title: Nucleus\n    points: [holds DNA]\nkey_terms:\n  - term: Osmosis\n    definition: water moving\n"
    pack = make_pack(tmp_path, {"t.yaml": topic}, "- layout: cards\n  include: [cards, key_terms]\n")
    fronts = pdf_pages_text(build_pdf(pack))[2]
    assert "Key term · Cells" in fronts and fronts.count("Key term") == 1


def test_tiny_cards_never_overprint_their_label_line(tmp_path):
    """On 30 x 40 mm cards the label line would not fit beside the number: it is left out, and
    nothing printed crosses the card's cut lines."""
    topic = "topic: A topic with a long name\ncards:\n" + "".join(
        f"  - title: C{i}\n    points: [p{i}]\n" for i in range(4)
    )
    pack = make_pack(tmp_path, {"t.yaml": topic}, "- layout: cards\n  size: [30, 40]\n  sides: single\n")
    pdf = build_pdf(pack)
    text = pdf_pages_text(pdf)[1]  # after the cover (single-sided: no blank page)
    assert "A topic with" not in text and "1 of 4" not in text and "C0" in text
    grid = make_grid((210, 297), (30, 40))
    mm = 72 / 25.4
    for run in text_positions(pdf)[1]:
        slots = [grid.slot(k) for k in range(grid.per_sheet)]
        assert any(s.x * mm <= run.x and run.y <= (s.y + s.h) * mm and run.y >= s.y * mm for s in slots)


def test_a_heading_too_big_for_its_card_never_loops(tmp_path):
    """Large print on 30 x 40 mm single-sided cards: a title that fills the card is not repeated on
    every continuation (that never ended); the build finishes and keeps every word."""
    from helpers import all_texts, missing_words

    topic = (
        "topic: Plant biology\ncards:\n  - title: Photosynthesis in the chloroplasts of green plants\n"
        "    points: [light is absorbed by chlorophyll, water is split, oxygen is released]\n"
        "key_terms:\n  - term: Chlorophyll\n    definition: the green pigment that absorbs light\n"
    )
    pack = make_pack(
        tmp_path,
        {"t.yaml": topic},
        "- layout: cards\n  size: [30, 40]\n  sides: single\n  include: [cards, key_terms]\n",
        preset="large-print",
    )
    pdf = build_pdf(pack)
    assert missing_words(pdf, all_texts(pack)) == []


def test_a_continued_back_always_moves_its_text_on(tmp_path):
    """Large print on 30 x 40 mm duplex cards (Letter): '(continued)' fits on a back but not the two
    lines a paragraph keeps together after it; that back came back for ever. Each back now takes
    some of the text, the build finishes and every word is printed."""
    from helpers import all_texts, missing_words

    topic = (
        "topic: Plant biology\ncards:\n  - title: Photosynthesis\n    points:\n"
        "      - 6CO~2~ + 6H~2~O → C~6~H~12~O~6~ + 6O~2~\n"
        "      - happens in the **chloroplasts**, mostly in *leaves*\n"
        "      - text: limiting factors\n        points: [light intensity, CO~2~ concentration, temperature]\n"
        "  - title: Enzymes\n    text: |\n"
        "      Enzymes are biological catalysts. They speed up reactions without being used up.\n\n"
        "      Each enzyme has an active site with a specific shape (the lock and key model).\n"
    )
    for sides in ("duplex-long-edge", "duplex-short-edge", "single"):
        pack = make_pack(
            tmp_path,
            {"t.yaml": topic},
            f"- layout: cards\n  size: [30, 40]\n  sides: {sides}\n",
            preset="large-print",
            paper="Letter",
        )
        pdf = build_pdf(pack)
        assert missing_words(pdf, all_texts(pack)) == [], sides
