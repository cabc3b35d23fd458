"""A pack's later sections laid out and drawn by a helper process (`build` on two cores): the same
PDF byte for byte as one process makes, the progress and notes in pack order, the first error in
pack order, and a helper that fails, dies or is stopped costing time only."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import CONTENT, make_pack

from studypack import shared_sections
from studypack.build import build
from studypack.errors import ContentError, Problem
from studypack.layout_api import helpers, registry
from studypack.load.manifest import load_pack
from studypack.model import Section


def _build(manifest: Path, out: Path, jobs: int, **kw) -> tuple[bytes, list[str], object]:
    pack, _ = load_pack(str(manifest))
    said: list[str] = []
    result = build(pack, str(out), None, str(manifest.parent), progress=said.append, jobs=jobs, **kw)
    return out.read_bytes(), said, result


@pytest.fixture
def example(tmp_path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path / "content" / "pack.yaml"


def _sections(*layouts: str) -> list[Section]:
    return [Section(name=f"s{i}", layout=name, options=None) for i, name in enumerate(layouts)]


def test_which_sections_may_be_shared():
    """The helper may take any section but a deck of cards (which may fork helpers of their own);
    a pack is shared from three sections, two of them shareable, and few characters to foresee."""
    names = lambda ss: [s.layout for s in ss]  # noqa: E731
    assert names(shared_sections.shareable(_sections("cards", "summary", "quiz", "cards"))) == [
        "summary",
        "quiz",
    ]
    assert not shared_sections.eligible(_sections("cards", "cards", "quiz"), "")  # one to share
    assert not shared_sections.eligible(_sections("quiz", "cloze"), "")  # too few sections
    assert shared_sections.eligible(_sections("cards", "quiz", "cloze"), "é–")
    many = "".join(chr(0x4E00 + i) for i in range(shared_sections.MAX_FORESEEN + 1))
    assert not shared_sections.eligible(_sections("cards", "summary", "quiz", "cloze"), many)


def test_the_two_processes_take_sections_from_either_end_until_they_meet():
    """The claims both processes share: the parent takes from the front in order, the helper from
    the back, each section exactly once, and neither after they meet; a helper that is gone
    (killed while it held the token, say) leaves every section to the parent, within seconds."""
    claims = shared_sections._Claims(5)
    assert claims.take_back() == 4 and claims.take_back() == 3
    assert claims.take_front(0, lambda: True) and claims.take_front(1, lambda: True)
    assert claims.take_back() == 2
    assert not claims.take_front(2, lambda: True)  # the helper has it
    assert claims.take_back() is None
    gone = shared_sections._Claims(3)
    assert gone.take_back() == 2
    os.read(gone.r, 1)  # the token, never given back
    t0 = time.monotonic()
    assert gone.take_front(0, lambda: False) and gone.take_front(2, lambda: False)
    assert time.monotonic() - t0 < 5


def test_example_pack_same_bytes_on_one_core_or_two(example, tmp_path, bounded):
    """The example (eleven sections, an SVG on cards and organisers): the helper lays out its half
    and draws every page of it, footers included; the file is byte for byte what one process
    writes, and the progress lines come in pack order either way."""
    one, said_one, r1 = _build(example, tmp_path / "one.pdf", 1)
    two, said_two, r2 = _build(example, tmp_path / "two.pdf", 2)
    assert two == one
    pack, _ = load_pack(str(example))
    last = shared_sections.last
    assert 2 <= last["sections"] < len(pack.sections) - 1  # each process took several
    assert last["replayed"] >= 2 * last["sections"] and last["redrawn"] == 0
    strip = lambda lines: [s.rsplit(" (", 1)[0] for s in lines]  # noqa: E731 - the seconds differ
    assert strip(said_two) == strip(said_one)
    assert [s.split(":")[0] for s in said_two] == [s.name for s in pack.sections]
    assert r2.notices == r1.notices and list(r2.notices) == list(r1.notices)
    assert r2.warnings == r1.warnings
    assert not helpers._live


@pytest.mark.parametrize("hook", ["kill:1", "kill:2", "kill:3", "stop:1", "stop:2"])
def test_a_helper_killed_or_stopped_costs_time_only(example, tmp_path, monkeypatch, bounded, hook):
    """The helper sends itself SIGKILL or SIGSTOP before its answer (kill:1, stop:1: the parent
    lays its sections out too), before its first pages (kill:2, stop:2) or after some of them
    (kill:3): the same bytes as one process, every page it did not hand back drawn by the parent,
    and no helper left behind."""
    monkeypatch.setattr(helpers, "STOP_GRACE", 0.5)
    one, _, _ = _build(example, tmp_path / "one.pdf", 1)
    monkeypatch.setenv(helpers.TEST_HOOK, hook)
    t0 = time.monotonic()
    two, _, _ = _build(example, tmp_path / "two.pdf", 2)
    assert time.monotonic() - t0 < 60
    assert two == one
    assert not helpers._live
    last = shared_sections.last
    if hook.endswith(":1"):
        assert last["sections"] == 0 and last["replayed"] == 0
    else:
        assert last["sections"] > 0 and last["redrawn"] > 0
    if hook == "kill:3":
        assert last["replayed"] == shared_sections.CHUNK


def _failing(monkeypatch, names: dict[str, str]) -> None:
    """Sections of these layouts fail as they are laid out, in whichever process, with a message."""
    for layout_name, message in names.items():
        layout = registry.get(layout_name)
        assert layout is not None

        def render(pack, section, ctx, message=message):
            raise ContentError([Problem(section.name, 1, 1, message)])

        monkeypatch.setitem(registry._LAYOUTS, layout.name, replace(layout, render=render))


def test_the_first_error_in_pack_order_is_the_one_reported(tmp_path, monkeypatch, bounded):
    """A section that fails (cloze: the helper's, as the last it may take from the back) before
    one only the parent lays out that fails too (cards, after it in the pack): the build reports
    the cloze's error, as one process would; a failing section of the helper's alone likewise."""
    topic = {"t.yaml": "topic: T\ncards:\n  - title: A card\n    text: Some [[notes]] on it.\n"}
    manifest = make_pack(tmp_path, topic,
                         "- layout: summary\n- layout: quiz\n- layout: matching\n- layout: cloze\n- layout: cards\n")  # fmt: skip
    pack, _ = load_pack(str(manifest))
    _failing(monkeypatch, {"cloze": "cloze went wrong", "cards": "cards went wrong"})
    for jobs in (1, 2):
        with pytest.raises(ContentError, match="cloze went wrong"):
            build(pack, str(tmp_path / "o.pdf"), None, str(manifest.parent), jobs=jobs)
        assert not helpers._live
    monkeypatch.undo()
    _failing(monkeypatch, {"matching": "matching went wrong"})
    with pytest.raises(ContentError, match="matching went wrong"):
        build(pack, str(tmp_path / "o.pdf"), None, str(manifest.parent), jobs=2)
    assert not (tmp_path / "o.pdf").exists()


def test_parts_reprints_and_class_lists_stay_in_one_process(example, tmp_path, bounded):
    """`--only`, `--cards` and `--students` builds are laid out by the parent alone (their parts
    are chosen from whole sections), and a plain build afterwards still shares."""
    pack, _ = load_pack(str(example))
    shared_sections.last.clear()
    build(pack, str(tmp_path / "a.pdf"), ["worksheets"], str(example.parent), jobs=2)
    build(pack, str(tmp_path / "b.pdf"), None, str(example.parent), jobs=2, students=("Ann Lee", "Bo Chan"))
    assert shared_sections.last == {}
    build(pack, str(tmp_path / "c.pdf"), None, str(example.parent), jobs=2)
    assert shared_sections.last["sections"] > 0
