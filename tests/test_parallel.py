"""`build --jobs N`: pages drawn by worker processes and put into the document by the parent make
the same PDF, byte for byte, as one process drawing them all."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import CONTENT, make_pack

from studypack import build as build_module
from studypack import shared_sections
from studypack.build import build
from studypack.load.manifest import load_pack
from studypack.load.students import load_students
from studypack.pdf import parallel


@pytest.fixture
def small_ranges(monkeypatch):
    """Share out even a small pack, in ranges of 3 pages, so every path of the hand-back runs (its
    sections all laid out by the parent: pages a helper drew are not shared out again)."""
    monkeypatch.setattr(shared_sections, "eligible", lambda sections, foreseen: False)
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel, "RANGE", 3)


def _built(manifest: Path, out: Path, jobs: int, students: tuple[str, ...] = ()) -> bytes:
    pack, _ = load_pack(str(manifest))
    build(pack, str(out), None, str(manifest.parent), students=students, jobs=jobs)
    return out.read_bytes()


def _same_any_jobs(manifest: Path, tmp: Path, students: tuple[str, ...] = ()) -> dict[str, int]:
    one = _built(manifest, tmp / "one.pdf", 1, students)
    for jobs in (2, 3):
        many = _built(manifest, tmp / f"jobs{jobs}.pdf", jobs, students)
        assert many == one, f"--jobs {jobs} wrote other bytes than --jobs 1"
    return dict(parallel.last)


def test_example_pack_all_layouts_and_a_picture(tmp_path, small_ranges):
    """The example (seven layouts, an SVG diagram on a card): same bytes with 1, 2 and 3 processes,
    most pages drawn by workers."""
    pack_dir = tmp_path / "content"
    shutil.copytree(CONTENT, pack_dir)
    stats = _same_any_jobs(pack_dir / "pack.yaml", tmp_path)
    assert stats["replayed"] > stats["parent"] > 0
    assert stats["handed_back"] == 0


def test_large_print_raised_picture_labels(tmp_path, small_ranges):
    """The example under large print, its diagram's labels raised to 12 pt in a form per scale
    (card, summary sheet, organiser): same bytes with 1, 2 and 3 processes, every worker's page
    replayed (each raised form's name was known before the pages were shared out)."""
    pack_dir = tmp_path / "content"
    shutil.copytree(CONTENT, pack_dir)
    manifest = pack_dir / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "preset: large-print\n", encoding="utf-8")
    stats = _same_any_jobs(manifest, tmp_path)
    assert stats["replayed"] > stats["parent"] > 0
    assert stats["handed_back"] == 0
    assert (tmp_path / "one.pdf").read_bytes().count(b"/Subtype /Form") >= 2  # raised at two scales


def test_other_scripts_many_cards_and_bitmaps(tmp_path, small_ranges):
    """Cyrillic, Greek and accented titles on 120 cards, PNG pictures on some of them, in every
    side mode: the characters' codes and the pictures' forms come out the same however the pages
    are shared out."""
    from PIL import Image

    for i in range(3):
        Image.new("RGB", (60 + i, 40), (i * 80, 20, 200)).save(tmp_path / f"p{i}.png")
    cards = []
    for i in range(120):
        cards.append(f"  - title: Карточка {i} · Ἱστορία {i} · Zoë {i}")
        if i % 7 == 0:
            cards.append(f"    image: p{i % 3}.png")
        cards.append(f"    text: Пётр I — «реформы» {i}; μέτρα · café")
    topic = "topic: Разные письмена\ncards:\n" + "\n".join(cards) + "\n"
    for sides in ("duplex-long-edge", "single", "fold"):
        manifest = make_pack(tmp_path, {"t.yaml": topic}, f"- layout: cards\n  sides: {sides}\n")
        stats = _same_any_jobs(manifest, tmp_path)
        assert stats["replayed"] > 0


def test_named_copies_for_a_class(tmp_path, small_ranges):
    """Per-pupil worksheets with names in other scripts (printed on each copy and the cover)."""
    pack_dir = tmp_path / "content"
    shutil.copytree(CONTENT, pack_dir)
    roster = tmp_path / "class.txt"
    roster.write_text("Ана Петрова\nSiobhán Ó Súilleabháin\nΝίκος\nZoë Ng\n", encoding="utf-8")
    students = load_students(str(roster))
    stats = _same_any_jobs(pack_dir / "pack.yaml", tmp_path, tuple(students))
    assert stats["replayed"] > 0 and stats["handed_back"] == 0


def test_a_character_nobody_foresaw_is_drawn_by_the_parent(tmp_path, small_ranges, monkeypatch):
    """With studypack's own typography left out of the foreseen characters, every worker meets a
    new one (the header's middle dot) and hands its pages back: the parent draws them, and the
    file is still the one a single process writes."""
    monkeypatch.setattr(build_module, "DRAWN_CHARS", "")
    manifest = make_pack(
        tmp_path,
        {"t.yaml": "topic: T\ncards:\n" + "".join(f"  - title: Card {i}\n    text: x\n" for i in range(40))},
        "- layout: cards\n- layout: summary\n",
    )
    stats = _same_any_jobs(manifest, tmp_path)
    assert stats["handed_back"] > 0


def test_small_packs_stay_in_one_process(tmp_path):
    """Below MIN_PAGES nothing is forked (it would cost more than it saves)."""
    assert not parallel.worth_it(parallel.MIN_PAGES - 1, 2)
    assert not parallel.worth_it(1000, 1)


def test_jobs_option_is_checked(tmp_path):
    """`--jobs 0` and `--jobs two` are usage errors (exit 2, no traceback); `-j 2` builds."""
    manifest = make_pack(tmp_path, {"t.yaml": "topic: T\ncards:\n  - title: A\n    text: b\n"})
    for bad in ("0", "two", "-1"):
        r = subprocess.run([sys.executable, "-m", "studypack", "build", str(manifest), "--jobs", bad],
                           capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
        assert r.returncode == 2, r.stderr
        assert "1 or more" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(manifest), "-j", "2", "-q"],
                       capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
    assert r.returncode == 0, r.stderr


# ---- a big deck fitted and drawn by helper processes (layouts/cards/shared.py) ------------------


@pytest.fixture
def small_decks_shared(monkeypatch):
    """Share out even a small deck, handing pages back a few at a time."""
    from studypack.layouts.cards import shared

    monkeypatch.setattr(shared, "MIN_CARDS", 2)
    monkeypatch.setattr(shared, "CHUNK", 3)
    return shared


def _deck(n: int, long_every: int = 5) -> dict[str, str]:
    """n cards over three topics (so numbering restarts), every `long_every`th long enough to
    continue on further cards, and key terms in a topic of their own."""
    topics = {}
    for t in range(3):
        lines = [f"topic: Тема {t} — «{t}»", "cards:"]
        for i in range(n // 3):
            lines.append(f"  - title: Card {t}.{i} · Ἱστορία")
            text = " ".join(f"word{k}" for k in range(400 if i % long_every == 0 else 12))
            lines.append(f"    text: {text}")
        topics[f"t{t}.yaml"] = "\n".join(lines) + "\n"
    topics["terms.yaml"] = "topic: Terms\nkey_terms:\n" + "".join(
        f"  - term: Term {i}\n    definition: What term {i} means, in a few words.\n" for i in range(9)
    )
    return topics


def _build_result(manifest: Path, out: Path, jobs: int):
    pack, _ = load_pack(str(manifest))
    result = build(pack, str(out), None, str(manifest.parent), jobs=jobs)
    return out.read_bytes(), result.notices, [str(w) for w in result.warnings]


@pytest.mark.parametrize("sides", ["duplex-long-edge", "duplex-short-edge", "single", "fold"])
@pytest.mark.parametrize("size", ["a7", "a6"])
def test_shared_deck_same_bytes_notes_and_numbers(tmp_path, small_decks_shared, sides, size):
    """61 cards (continuations, three topics, key terms) in every side mode and two sizes: 1, 2 and
    3 processes write the same bytes and the same notes on cards set small or continued, and the
    helpers' pages were replayed, not drawn again."""
    manifest = make_pack(tmp_path, _deck(52), f"- layout: cards\n  sides: {sides}\n  size: {size}\n"
                         "  include: [cards, key_terms]\n")  # fmt: skip
    one = _build_result(manifest, tmp_path / "one.pdf", 1)
    for jobs in (2, 3):
        many = _build_result(manifest, tmp_path / f"j{jobs}.pdf", jobs)
        assert many[1] == one[1] and many[2] == one[2]
        assert many[0] == one[0], f"--jobs {jobs} wrote other bytes"
        assert small_decks_shared.last["replayed"] > 0 and small_decks_shared.last["redrawn"] == 0


def test_shared_deck_with_pictures(tmp_path, small_decks_shared):
    """PNGs and the example's SVG on cards in every part of the deck, one of them small enough to
    warn of: same bytes, same warnings (given once), whichever process placed them; under large
    print too, where the SVG's labels are raised in a form of its own."""
    from PIL import Image

    Image.new("RGB", (40, 30), (0, 0, 0)).save(tmp_path / "tiny.png")
    Image.new("RGB", (900, 600), (30, 90, 200)).save(tmp_path / "big.png")
    lines = ["topic: Pictures", "cards:"]
    for i in range(40):
        lines.append(f"  - title: Card {i}")
        if i % 3 == 0:
            lines.append(f"    image: {['tiny.png', 'big.png', 'pictures/party-structure.svg'][i % 9 // 3]}")
        lines.append(f"    text: Notes on card {i}.")
    manifest = make_pack(tmp_path, {"p.yaml": "\n".join(lines) + "\n"}, "- layout: cards\n")
    one = _build_result(manifest, tmp_path / "one.pdf", 1)
    two = _build_result(manifest, tmp_path / "two.pdf", 2)
    assert two == one
    assert small_decks_shared.last["replayed"] > 0
    # under large print the SVG's labels are raised, in a form the parent makes from its name
    pack, _ = load_pack(str(manifest))
    lp = replace(pack, preset="large-print")
    one_lp = build(lp, str(tmp_path / "one-lp.pdf"), None, str(tmp_path), jobs=1)
    two_lp = build(lp, str(tmp_path / "two-lp.pdf"), None, str(tmp_path), jobs=2)
    assert (tmp_path / "two-lp.pdf").read_bytes() == (tmp_path / "one-lp.pdf").read_bytes()
    assert re.search(rb"/FormXob\.pic[0-9a-f]{16}L\d+ ", (tmp_path / "one-lp.pdf").read_bytes())  # raised
    assert [str(w) for w in two_lp.warnings] == [str(w) for w in one_lp.warnings]
    assert small_decks_shared.last["redrawn"] == 0  # the helpers' pages with raised forms replayed
    tiny = [w for w in one[2] if "tiny.png" in w]
    assert len(tiny) == len(set(tiny)) and any("dpi" in w for w in tiny)
    assert small_decks_shared.last["replayed"] > 0


def test_shared_deck_a_character_nobody_foresaw(tmp_path, small_decks_shared, monkeypatch):
    """With studypack's own typography not foreseen, the helpers' pages with '›' or '·' cannot be
    handed back: the parent fits and draws them itself, and the bytes are still the same."""
    monkeypatch.setattr(build_module, "DRAWN_CHARS", "")
    manifest = make_pack(
        tmp_path, _deck(30, long_every=2), "- layout: cards\n  include: [cards, key_terms]\n"
    )
    one = _build_result(manifest, tmp_path / "one.pdf", 1)
    assert _build_result(manifest, tmp_path / "two.pdf", 2) == one
    assert small_decks_shared.last["redrawn"] > 0


def test_shared_deck_a_helper_that_fails(tmp_path, small_decks_shared, monkeypatch):
    """A helper that dies before answering: the parent lays the whole deck out itself."""

    def broken(k):
        def run(conn):
            raise RuntimeError("out of memory, say")

        return run

    monkeypatch.setattr(small_decks_shared, "_helper_for", broken)
    manifest = make_pack(tmp_path, _deck(30), "- layout: cards\n")
    one = _build_result(manifest, tmp_path / "one.pdf", 1)
    assert _build_result(manifest, tmp_path / "two.pdf", 2) == one
    from studypack.layout_api import helpers

    assert not helpers._live, "a helper was left running"


def test_a_face_first_used_by_a_worker_is_registered_here(tmp_path, small_ranges):
    """Later pages use a face nobody registered before the workers forked: each worker says which
    file it came from, the parent registers the same file under the same name, and the PDF is the
    one a single process writes (built second, when the face is registered everywhere)."""
    from reportlab.pdfbase import pdfmetrics

    from studypack.layout_api.pages import Page
    from studypack.pdf.assemble import Plan
    from studypack.pdf.writer import write
    from studypack.reportlab_fast import preassigned, text_line, ttfont_class
    from studypack.text.fonts import resolve

    manifest = make_pack(tmp_path, {"t.yaml": "topic: T\ncards:\n  - title: A\n    text: b\n"})
    pack, _ = load_pack(str(manifest))
    fonts = resolve(pack.font)
    face = f"Late-{tmp_path.name}"  # new to this process
    assert face not in pdfmetrics.getRegisteredFontNames()

    def draw(c, i):
        if i >= 12 and face not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(ttfont_class()(face, fonts.files["regular"]))
        text_line(c, face if i >= 12 else fonts.face(), 12, 72, 700, f"page {i} · Ωmega")

    out = {}
    for jobs in (2, 1):
        plan = Plan(pages=[Page(595, 842, lambda c, i=i: draw(c, i)) for i in range(24)])
        with preassigned("·Ω"):
            write(pack, plan, fonts, str(tmp_path / f"{jobs}.pdf"), jobs=jobs)
        out[jobs] = (tmp_path / f"{jobs}.pdf").read_bytes()
        if jobs == 2:
            assert parallel.last["replayed"] > 0 and parallel.last["handed_back"] == 0
    assert out[2] == out[1]


def test_shared_deck_a_helper_that_dies_while_drawing(tmp_path, small_decks_shared, monkeypatch):
    """A helper that hands back its first pages and then fails: the parent draws the rest of its
    sheets itself, and the file is the one a single process writes."""
    from studypack.pdf import parallel as par

    real = par.draw_captured
    calls = []

    def dies_second_time(*a, **k):
        calls.append(1)
        if len(calls) > 1:
            raise MemoryError("the machine ran out")
        return real(*a, **k)

    monkeypatch.setattr(par, "draw_captured", dies_second_time)
    manifest = make_pack(tmp_path, _deck(40), "- layout: cards\n")
    two = _build_result(manifest, tmp_path / "two.pdf", 2)
    assert small_decks_shared.last["replayed"] > 0 and small_decks_shared.last["redrawn"] > 0
    monkeypatch.setattr(par, "draw_captured", real)
    assert _build_result(manifest, tmp_path / "one.pdf", 1) == two


def _faces_with(pdf: Path, hexcode: bytes) -> dict[str, bool]:
    """Each embedded face: whether its subset maps a code to the character `hexcode` (ToUnicode)."""
    from pypdf import PdfReader

    out: dict[str, bool] = {}
    for page in PdfReader(str(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            cmap = font.get("/ToUnicode")
            if cmap is not None:
                name = str(font["/BaseFont"]).split("+")[-1]
                out[name] = out.get(name, False) or hexcode in cmap.get_object().get_data()
    return out


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
    reason="needs fonts-dejavu-core (installed by .ci/run)",
)
def test_a_small_pack_embeds_in_each_face_only_what_it_draws(tmp_path, monkeypatch):
    """Below the sharing thresholds nothing is given codes in advance: Cyrillic only in a card's
    text is in the regular face's subset and not the bold one's (a Chinese font would otherwise put
    every character in every face). A deck big enough to share gives them to every face it uses,
    with --jobs 1 too, so that its PDF does not depend on the number of processes."""
    from studypack.layouts.cards import shared

    topic = "topic: T\ncards:\n  - title: Plain title\n    text: Пётр I — «реформы»\n"
    manifest = make_pack(tmp_path, {"t.yaml": topic}, "- layout: cards\n")
    small = _built(manifest, tmp_path / "small.pdf", 1)
    assert small and _faces_with(tmp_path / "small.pdf", b"041F") == {
        "DejaVuSans": True,
        "DejaVuSans-Bold": False,
    }
    monkeypatch.setattr(shared, "MIN_CARDS", 1)
    _built(manifest, tmp_path / "big.pdf", 1)
    assert _faces_with(tmp_path / "big.pdf", b"041F") == {"DejaVuSans": True, "DejaVuSans-Bold": True}
