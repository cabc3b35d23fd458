"""`build --jobs N`: pages drawn by worker processes and put into the document by the parent make
the same PDF, byte for byte, as one process drawing them all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CONTENT, make_pack

from studypack import build as build_module
from studypack.build import build
from studypack.load.manifest import load_pack
from studypack.load.students import load_students
from studypack.pdf import parallel


@pytest.fixture
def small_ranges(monkeypatch):
    """Share out even a small pack, in ranges of 3 pages, so every path of the hand-back runs."""
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
    assert stats["replayed"] > 0


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
