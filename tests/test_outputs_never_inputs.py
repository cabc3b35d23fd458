"""No input is ever an output: every command that writes refuses, before writing anything, an output
that is one of its inputs (however it is spelt: `./x`, a symlink, a hard link) or a file of another
kind; `import` of two notes files that would make one topic file keeps both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_pack

PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>'


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    (tmp_path / "pic.svg").write_bytes(PICTURE)
    (tmp_path / "class.txt").write_text("Ann Lee\nBo Chan\n", encoding="utf-8")
    topic = "topic: T\ncards:\n  - title: A\n    text: b\n    image: pic.svg\n"
    return make_pack(tmp_path, {"t.yaml": topic}, "- layout: cards\n- layout: quiz\n")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


CASES = [
    ("build", "pack.yaml", "-o", "pack.yaml"),
    ("build", "pack.yaml", "-o", "./t.yaml"),
    ("build", "pack.yaml", "-o", "sub/../pic.svg"),
    ("build", "pack.yaml", "-o", "link.pdf"),  # a symlink to the topic
    ("build", "pack.yaml", "-o", "hard.pdf"),  # a hard link to the manifest
    ("build", "pack.yaml", "--students", "class.txt", "-o", "class.txt"),
    ("build", "pack.yaml", "-o", "r.pdf", "--report", "r.pdf"),
    ("build", "pack.yaml", "--report", "./t.yaml"),
    ("build", "pack.yaml", "-o", "notes.yaml"),  # not an input, but not a PDF either
    ("watch", "pack.yaml", "-o", "t.yaml"),
    ("calibrate", "-o", "t.yaml"),
    ("calibrate", "-o", "notes.yaml"),
    ("export", "anki", "pack.yaml", "-o", "t.yaml"),
    ("export", "tsv", "pack.yaml", "-o", "pack.yaml"),
    ("export", "tsv", "pack.yaml", "-o", "notes.yaml"),
    ("export", "anki", "pack.yaml", "-o", "notes.yaml"),
    ("schema", "-o", "notes.yaml"),
    ("import", "notes.yaml", "-o", ".", "--force"),
    ("new", "."),  # a starter pack never replaces a pack that is there
]


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c) for c in CASES])
def test_an_output_that_is_an_input_is_a_usage_error(pack: Path, case: tuple[str, ...]):
    """Exit 2 with a plain message naming the flag, no traceback, and every file as it was."""
    folder = pack.parent
    (folder / "sub").mkdir()
    (folder / "notes.yaml").write_text("Q: what?\nA: that\n", encoding="utf-8")
    (folder / "link.pdf").symlink_to("t.yaml")
    os.link(folder / "pack.yaml", folder / "hard.pdf")
    before = _snapshot(folder)
    r = run(*case, cwd=folder)
    assert r.returncode == 2, r.stderr + r.stdout
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    flag = "--report" if case[-2] == "--report" else "-o" if case[0] != "new" else ""
    assert f"studypack: {flag} " in r.stderr if flag else "exists already" in r.stderr, r.stderr
    assert _snapshot(folder) == before


def test_outputs_of_their_own_kind_are_still_replaced(pack: Path):
    """A PDF, a report and a TSV written before are replaced by the next build or export."""
    folder = pack.parent
    for _ in range(2):
        assert run("build", "pack.yaml", "-o", "o.pdf", "--report", "r.txt", "-q", cwd=folder).returncode == 0
        assert run("export", "tsv", "pack.yaml", "-o", "o.tsv", cwd=folder).returncode == 0
        assert run("export", "anki", "pack.yaml", "-o", "o.apkg", cwd=folder).returncode == 0
        assert run("calibrate", "-o", "c.pdf", cwd=folder).returncode == 0
    (folder / "empty.pdf").write_bytes(b"")
    assert run("build", "pack.yaml", "-o", "empty.pdf", "-q", cwd=folder).returncode == 0


def test_import_of_two_notes_files_of_one_name_keeps_both(tmp_path: Path):
    """a/notes.txt and b/notes.txt become notes.yaml and notes-2.yaml, each with its own words."""
    for d, word in (("a", "mitochondria"), ("b", "ribosome")):
        (tmp_path / d).mkdir()
        (tmp_path / d / "notes.txt").write_text(
            f"{word}: part of a cell\nnucleus: control\n", encoding="utf-8"
        )
    r = run("import", "a/notes.txt", "b/notes.txt", "-o", "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes-2.yaml", "notes.yaml"]
    assert "mitochondria" in (tmp_path / "out" / "notes.yaml").read_text(encoding="utf-8")
    assert "ribosome" in (tmp_path / "out" / "notes-2.yaml").read_text(encoding="utf-8")
