"""Paper is not wasted and is counted: no blank page in a single-sided part or pack, a blank only
where a double-sided part must start on a front (never in a single-sided range the cover gives),
and the cover's sheet counts per copy, per pupil, for the class and in all."""

import re
import subprocess
import sys

import pytest
from helpers import CONTENT, make_pack, pdf_pages_text

from studypack.pdf.assemble import BLANK_NOTE

EXAMPLE = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}
WORKSHEETS = (
    "- layout: timeline\n  hide: 4\n- layout: matching\n- layout: cloze\n- layout: quiz\n- layout: sequence\n"
)


def build(tmp_path, sections: str, *extra: str) -> list[str]:
    p = make_pack(tmp_path, EXAMPLE, sections)
    out = tmp_path / "out.pdf"
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out), "-q", *extra],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    return pdf_pages_text(out)


def flat(text: str) -> str:
    return " ".join(text.split())


def ranges(text: str) -> list[int]:
    """'pages 1, 3-5' -> [1, 3, 4, 5]."""
    out: list[int] = []
    for a, b in re.findall(r"(\d+)(?:-(\d+))?", text):
        out += range(int(a), int(b or a) + 1)
    return out


def test_five_single_sided_worksheets_have_no_blank_page(tmp_path):
    """Five worksheets with their keys: not one blank page; the whole pack prints single-sided in
    one go; every page is a sheet, and the cover's total says so."""
    texts = build(tmp_path, WORKSHEETS)
    assert not any(BLANK_NOTE in t for t in texts)
    cover = flat(texts[0])
    assert "The whole pack can be printed single-sided in one go." in cover
    assert "front page" not in cover  # nothing to start on a front: no such promise
    assert f"Paper in all: {len(texts)} sheets for one print of this PDF" in cover


@pytest.mark.parametrize(
    "sections",
    [
        "- layout: summary\n- layout: cards\n- layout: matching\n- layout: cards\n  name: more\n  size: A6\n",
        "- layout: cards\n  sides: duplex-short-edge\n- layout: quiz\n- layout: cards\n  name: again\n",
        "- layout: matching\n- layout: cards\n  sides: fold\n- layout: cards\n  name: two\n- layout: cloze\n",
    ],
)
def test_in_a_mixed_pack_a_blank_page_only_fronts_a_double_sided_part(tmp_path, sections):
    """Every blank page is followed by the first page of a double-sided part, which starts on an odd
    page; the cover's single-sided ranges (which hold the cover itself) never include a blank."""
    texts = build(tmp_path, sections)
    blanks = [i + 1 for i, t in enumerate(texts) if BLANK_NOTE in t]
    cover = flat(texts[0])
    ways = re.search(r"send them separately: (.*?)\. Paper in all", cover).group(1)
    by_way = {w.split(": ")[0]: ranges(w.split(": ", 1)[1].removeprefix("pages ").removeprefix("page "))
              for w in ways.split("; ")}  # fmt: skip
    single = by_way["single-sided"]
    duplex = sorted(n for w, ns in by_way.items() if w != "single-sided" for n in ns)
    assert 1 in single and not set(blanks) & set(single) and not set(blanks) & set(duplex)
    assert sorted(single + duplex + blanks) == list(range(1, len(texts) + 1))  # every page in one place
    for n in blanks:
        assert n + 1 in duplex and (n + 1) % 2 == 1


def test_named_copies_count_sheets_per_pupil_and_for_the_class(tmp_path):
    """30 pupils' named copies of two worksheets: the cover counts each one's sheets a pupil and for
    the class (what the PDF holds), the keys apart, and the total of the PDF."""
    names = [f"Pupil Number{i}" for i in range(30)]
    (tmp_path / "class.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    texts = build(
        tmp_path, "- layout: matching\n- layout: cloze\n", "--students", str(tmp_path / "class.txt")
    )
    cover = flat(texts[0])
    cloze_pages = sum(1 for t in texts if "Pupil Number0" in t and "Fill the gaps" in t)
    assert cloze_pages >= 2
    assert "Paper: 1 sheet a pupil, 30 for the class; answer keys 1 sheet." in cover
    assert f"Paper: {cloze_pages} sheets a pupil, {30 * cloze_pages} for the class" in cover
    assert f"Paper in all: {len(texts)} sheets for one print of this PDF, the cover included and the " \
           "named copies for 30 pupils." in cover  # fmt: skip
    assert not any(BLANK_NOTE in t for t in texts)


def test_double_sided_cards_count_two_pages_a_sheet(tmp_path):
    """Duplex cards: the part's sheets are half its pages; a pack that prints in one go counts its
    sheets across the cover and its blank back."""
    texts = build(tmp_path, "- layout: cards\n")
    cover = flat(texts[0])
    pages = len(texts) - 2  # the cover and the blank behind it
    assert f"Paper: {pages // 2} sheets a copy." in cover
    assert f"Paper in all: {len(texts) // 2} sheets for one print of this PDF" in cover
