"""Reprints and parts with one command each: `build --cards 3,7` (the numbers printed on the cards,
TOPIC:3-5 in a pack of several topics; fronts and backs in place), `--only worksheets` (every pupil
sheet, no keys, no cards) and `--only keys` (every answer key); none overwrites the whole pack."""

import subprocess
import sys

import pytest
from helpers import CONTENT, make_pack, pdf_pages_text, text_positions
from studypack.layouts.cards.grid import make_grid

MM = 72 / 25.4
EXAMPLE = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}


def deck(name: str, n: int) -> str:
    cards = "".join(
        f'  - title: {name}Front{k}\n    points: ["{name}Back{k} text"]\n' for k in range(1, n + 1)
    )
    return f"topic: {name} deck\ncards:\n{cards}"


def run(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studypack", "build", *args], cwd=cwd,
                          capture_output=True, text=True)  # fmt: skip


def words(runs) -> dict[str, tuple[float, float]]:
    return {r.text.split()[0]: (r.x, r.y) for r in runs if r.text.split()}


@pytest.mark.parametrize("sides", ["duplex-long-edge", "duplex-short-edge", "single", "fold"])
def test_cards_3_and_7_are_reprinted_alone_backs_behind_fronts(tmp_path, sides):
    """`--cards 3,7` on a deck of 12: one sheet holding cards 3 and 7 (numbered as on the whole
    deck), nothing else; in duplex each back lies behind its front once the sheet is turned; the
    file is output/<title>-cards-3-7.pdf beside the whole pack's, which is left alone."""
    p = make_pack(tmp_path, {"d.yaml": deck("D", 12)}, f"- layout: cards\n  sides: {sides}\n")
    assert run(tmp_path, str(p), "-q").returncode == 0
    whole = tmp_path / "output" / "test-pack.pdf"
    before = whole.read_bytes()
    r = run(tmp_path, str(p), "--cards", "3,7", "-q")
    assert r.returncode == 0, r.stderr
    assert whole.read_bytes() == before
    out = tmp_path / "output" / "test-pack-cards-3-7.pdf"
    texts = pdf_pages_text(out)
    flat = " ".join(texts)
    assert "What is in this pack" not in flat  # a reprint has no cover
    assert {w for w in flat.split() if w.startswith("DFront")} == {"DFront3", "DFront7"}
    assert {w for w in flat.split() if w.startswith("DBack")} == {"DBack3", "DBack7"}
    assert "3 of 12" in flat and "7 of 12" in flat
    assert len(texts) == (2 if sides.startswith("duplex") else 1)
    if sides.startswith("duplex"):
        grid = make_grid((210.0, 297.0), (74.0, 105.0))
        fronts, backs = (words(runs) for runs in text_positions(out))
        for k, slot in ((3, grid.slot(0)), (7, grid.slot(1))):
            fx, fy = fronts[f"DFront{k}"]
            bx, by = backs[f"DBack{k}"]
            seen = (210 * MM - bx, by) if sides == "duplex-long-edge" else (bx, 297 * MM - by)
            for x, y in ((fx, fy), seen):
                assert slot.x * MM - 1 <= x <= (slot.x + slot.w) * MM + 1, (k, x)
                assert slot.y * MM - 1 <= y <= (slot.y + slot.h) * MM + 1, (k, y)


def test_topic_ranges_in_a_pack_of_several_topics(tmp_path):
    """`--cards b:3-5 --cards a:2` in a pack of topic files a.yaml and b.yaml: those four cards."""
    p = make_pack(tmp_path, {"a.yaml": deck("A", 6), "b.yaml": deck("B", 8)}, "- layout: cards\n")
    r = run(tmp_path, str(p), "--cards", "b:3-5", "--cards", "a:2", "-q")
    assert r.returncode == 0, r.stderr
    flat = " ".join(pdf_pages_text(tmp_path / "output" / "test-pack-cards-b-3-5-a-2.pdf"))
    fronts = {w for w in flat.split() if "Front" in w}
    assert fronts == {"AFront2", "BFront3", "BFront4", "BFront5"}
    assert "2 of 6" in flat and "5 of 8" in flat


@pytest.mark.parametrize(
    "spec, said",
    [
        ("a:9", "has no card 9 of topic 'a' (it has cards 1-6"),
        ("c:1", "the pack has no topic 'c' (its topics: a, b)"),
        ("3", "the pack has 2 topics, so say whose cards, e.g. --cards a:3"),
        ("3-x", "'3-x' is not a card number or range"),
        ("b:5-2", "the range 5-2 runs backwards"),
    ],
)
def test_a_card_that_is_not_there_is_a_usage_error(tmp_path, spec, said):
    """An unknown number, topic or form: exit 2, what exists named, no traceback, nothing written."""
    p = make_pack(tmp_path, {"a.yaml": deck("A", 6), "b.yaml": deck("B", 8)}, "- layout: cards\n")
    r = run(tmp_path, str(p), "--cards", spec)
    assert r.returncode == 2 and said in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


def test_cards_without_a_cards_section_is_a_usage_error(tmp_path):
    """`--cards` on a pack of worksheets only: exit 2, said plainly."""
    p = make_pack(tmp_path, EXAMPLE, "- layout: quiz\n")
    r = run(tmp_path, str(p), "--cards", "khrushchev-leader:1")
    assert r.returncode == 2 and "no cards section" in r.stderr


def test_only_worksheets_and_only_keys(tmp_path):
    """`--only worksheets`: every pupil sheet of every worksheet, no key, no card, no summary;
    `--only keys`: every answer key and nothing else; between them, each worksheet page once."""
    sections = ("- layout: cards\n- layout: summary\n- layout: timeline\n  hide: 4\n  answer_key: end\n"
                "- layout: matching\n- layout: quiz\n  versions: 2\n")  # fmt: skip
    p = make_pack(tmp_path, EXAMPLE, sections)
    assert run(tmp_path, str(p), "-q").returncode == 0
    whole = pdf_pages_text(tmp_path / "output" / "test-pack.pdf")
    for only in ("worksheets", "keys"):
        r = run(tmp_path, str(p), "--only", only, "-q")
        assert r.returncode == 0, r.stderr
    sheets = pdf_pages_text(tmp_path / "output" / "test-pack-worksheets.pdf")
    keys = pdf_pages_text(tmp_path / "output" / "test-pack-keys.pdf")
    assert sheets and keys
    assert not any("Answer key" in t for t in sheets)
    assert all("Answer key" in t for t in keys)
    flat = " ".join(sheets)
    assert "Timeline: Test pack" in flat and "Match the key terms" in flat
    assert "Version A" in flat and "Version B" in flat  # both versions of the quiz
    # each page is one of the whole pack's (but for its "page N of M" line), and together with the
    # cards, the summaries, the cover and its blank back they make up the whole pack
    body = lambda t: "\n".join(ln for ln in t.splitlines() if not ln.startswith("page "))  # noqa: E731
    assert {body(t) for t in sheets + keys} <= {body(t) for t in whole}
    others = 0
    for only in ("cards", "summary"):
        assert run(tmp_path, str(p), "--only", only, "-q").returncode == 0
        others += len(pdf_pages_text(tmp_path / "output" / f"test-pack-{only}.pdf"))
    assert len(whole) == 2 + others + len(sheets) + len(keys)


def test_only_keys_on_a_pack_without_worksheets_is_a_usage_error(tmp_path):
    """`--only keys` where no section makes keys: exit 2, the pack's choices listed."""
    p = make_pack(tmp_path, EXAMPLE, "- layout: cards\n- layout: summary\n")
    r = run(tmp_path, str(p), "--only", "keys")
    assert r.returncode == 2 and "it has: cards, summary" in r.stderr
