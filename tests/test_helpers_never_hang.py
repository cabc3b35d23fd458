"""Helpers never hang or outlive a build: a helper that is killed or stopped is noticed within
seconds and its work done by the parent (the same bytes as one process), and a signal to the parent
ends every helper and closes the build's output pipe. Real processes throughout, each bounded by a
timeout so that a hang fails the test instead of hanging the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import make_pack

from studypack.build import build
from studypack.layout_api import helpers
from studypack.load.manifest import load_pack
from studypack.pdf import parallel


def _deck(n: int) -> dict[str, str]:
    cards = "".join(
        f"  - title: Card {i}\n    text: Notes on card {i}, a few words long.\n" for i in range(n)
    )
    return {"deck.yaml": f"topic: Deck\ncards:\n{cards}"}


def _bytes(manifest: Path, out: Path, jobs: int) -> bytes:
    pack, _ = load_pack(str(manifest))
    build(pack, str(out), None, str(manifest.parent), jobs=jobs)
    return out.read_bytes()


@pytest.fixture
def shared_small(monkeypatch):
    """Share out small decks and small packs, so helpers and writer workers both run."""
    from studypack.layouts.cards import shared

    monkeypatch.setattr(shared, "MIN_CARDS", 2)
    monkeypatch.setattr(shared, "CHUNK", 3)
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel, "RANGE", 3)
    monkeypatch.setattr(helpers, "STOP_GRACE", 0.5)
    return shared


def _no_children_left() -> list[int]:
    """This process's children still alive or not yet waited for (zombies count: a helper the
    build did not reap would pile up in a long `watch`)."""
    return _children(os.getpid())


@pytest.mark.parametrize("hook", ["kill:1", "kill:2", "stop:1", "stop:2"])
def test_a_killed_or_stopped_helper_is_noticed_and_its_pages_drawn_here(
    tmp_path, shared_small, monkeypatch, bounded, hook
):
    """Every helper sends itself SIGKILL or SIGSTOP before its first answer or its first pages:
    the build finishes within seconds, with the bytes one process writes, and no helper is left
    (a stopped one is ended, not left stopped for ever)."""
    manifest = make_pack(tmp_path, _deck(40), "- layout: cards\n- layout: summary\n")
    one = _bytes(manifest, tmp_path / "one.pdf", 1)
    monkeypatch.setenv(helpers.TEST_HOOK, hook)
    t0 = time.monotonic()
    two = _bytes(manifest, tmp_path / "two.pdf", 2)
    assert time.monotonic() - t0 < 60, "the build waited on a helper that would never answer"
    assert two == one
    assert not helpers._live and not _no_children_left()
    if hook.endswith(":2"):
        assert shared_small.last["redrawn"] > 0 or parallel.last["handed_back"] > 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux's /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
def test_a_signal_to_the_parent_ends_every_helper_and_closes_the_pipe(tmp_path, sig):
    """`studypack build -j 2` of a deck big enough for helpers, its output piped: a signal sent while
    helpers run ends the parent and every helper, and the pipe reaches its end (so `| tee log`
    ends); even SIGKILL, which the parent cannot catch, leaves no helper behind for long."""
    manifest = make_pack(tmp_path, _deck(3000), "- layout: cards\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "studypack", "build", str(manifest), "-o", str(tmp_path / "o.pdf"), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path,
    )  # fmt: skip
    try:
        kids: list[int] = []
        deadline = time.monotonic() + 60
        while not kids and proc.poll() is None and time.monotonic() < deadline:
            kids = _children(proc.pid)
            time.sleep(0.01)
        assert kids, "no helper was started (the deck is too small to share?)"
        proc.send_signal(sig)
        out, _ = proc.communicate(timeout=30)  # the pipe closed: every writer is gone
        assert proc.returncode != 0
        if sig != signal.SIGKILL:
            assert b"interrupted" in out and b"Traceback" not in out
        deadline = time.monotonic() + 10
        while any(_alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [k for k in kids if _alive(k)], "a helper outlived the build"
        assert not (tmp_path / "o.pdf").exists()
        if sig != signal.SIGKILL:  # a killed parent cannot tidy up (the next build does)
            assert not list(tmp_path.glob("**/.studypack-*"))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
