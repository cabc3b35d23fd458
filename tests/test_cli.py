"""The command line as the design says: subcommands, exit codes 0/1/2, clean errors, safe output."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CONTENT, pdf_pages_text, write

from studypack import __version__


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_version_before_and_after_the_subcommand():
    """--version works on its own and after a subcommand."""
    for args in (["--version"], ["build", "--version"], ["check", "--version"]):
        r = run(*args)
        assert r.returncode == 0 and r.stdout.strip() == f"studypack {__version__}"


def test_build_writes_output_folder_with_progress(tmp_path):
    """`studypack build PACK` writes output/<slug>.pdf under the current folder, one line per section
    and a closing line with path, pages and seconds."""
    r = run("build", str(CONTENT / "pack.yaml"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "output" / "khrushchev-revision-pack.pdf"
    assert out.exists()
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith("cards: ")
    assert lines[-1].startswith(f"wrote {os.path.join('output', 'khrushchev-revision-pack.pdf')}: ")
    assert lines[-1].endswith(" s") and " pages in " in lines[-1]


def test_content_error_exits_2_without_traceback_and_keeps_old_pdf(tmp_path):
    """Bad content: exit 2, located messages on stderr, no traceback, the previous PDF untouched."""
    pack = write(tmp_path / "pack.yaml", "title: P\ntopics: [t.yaml]\n")
    topic = write(tmp_path / "t.yaml", "topic: T\ncards:\n  - title: A\n    points: [x]\n")
    assert run("build", "pack.yaml", "-o", "p.pdf", cwd=tmp_path).returncode == 0
    before = (tmp_path / "p.pdf").read_bytes()
    topic.write_text("topic: T\ncards:\n  - title: A\n    pionts: [x]\n")
    r = run("build", "pack.yaml", "-o", "p.pdf", cwd=tmp_path)
    assert r.returncode == 2
    assert "t.yaml:4:5: unknown key 'pionts' in a card (did you mean 'points'?)" in r.stderr
    assert "Traceback" not in r.stderr
    assert (tmp_path / "p.pdf").read_bytes() == before
    assert pack.exists()


def test_debug_shows_the_traceback(tmp_path):
    """--debug (before or after the subcommand) lets the traceback through."""
    r = run("--debug", "build", str(tmp_path / "missing.yaml"))
    assert r.returncode != 0 and "Traceback" in r.stderr
    r = run("build", str(tmp_path / "missing.yaml"))
    assert r.returncode == 2 and "missing.yaml: file not found" in r.stderr and "Traceback" not in r.stderr


def test_usage_errors_exit_2(tmp_path):
    """Unknown sections, papers and subcommands are usage errors: exit 2, a clean message."""
    r = run("build", str(CONTENT / "pack.yaml"), "--only", "nope", "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "the pack has no section 'nope'" in r.stderr
    r = run("build", str(CONTENT / "pack.yaml"), "--paper", "A5", "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "expected A4, Letter or A3" in r.stderr
    assert run("frobnicate").returncode == 2
    assert not (tmp_path / "x.pdf").exists()


def test_overrides_and_only(tmp_path):
    """--term, --class and --paper override the manifest; --only, --class and --term name the file."""
    r = run("build", str(CONTENT / "pack.yaml"), "--only", "cards", "--term", "Autumn 2031",
            "--class", "13B", cwd=tmp_path)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [
        "khrushchev-revision-pack-cards-13b-autumn-2031.pdf"
    ]


def test_check_manifest_and_topic():
    """`check` accepts a manifest or one topic file and writes nothing."""
    r = run("check", str(CONTENT / "pack.yaml"))
    assert r.returncode == 0 and r.stdout.startswith("ok: pack 'Khrushchev revision pack'")
    r = run("check", str(CONTENT / "khrushchev-leader.yaml"))
    assert r.returncode == 0 and r.stdout.startswith("ok: topic 'Khrushchev: how he emerged as leader'")


def test_new_pack_builds_as_it_is(tmp_path):
    """`new DIR` writes a starter pack that checks and builds; it refuses to overwrite it."""
    assert run("new", "starter", cwd=tmp_path).returncode == 0
    r = run("check", "starter/pack.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run("build", "starter/pack.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = "\n".join(pdf_pages_text(tmp_path / "output" / "my-revision-pack.pdf"))
    assert "A point on its back" in text
    again = run("new", "starter", cwd=tmp_path)
    assert again.returncode == 2 and "exists already" in again.stderr


def test_print_only_worksheets_or_only_keys(tmp_path):
    """The README's two commands: --only timeline has no answer key in it; --only timeline-key is
    only the keys; each goes to its own file."""
    assert run("build", str(CONTENT / "pack.yaml"), "--only", "timeline", cwd=tmp_path).returncode == 0
    assert run("build", str(CONTENT / "pack.yaml"), "--only", "timeline-key", cwd=tmp_path).returncode == 0
    sheets = "\n".join(pdf_pages_text(tmp_path / "output" / "khrushchev-revision-pack-timeline.pdf"))
    keys = pdf_pages_text(tmp_path / "output" / "khrushchev-revision-pack-timeline-key.pdf")
    assert "Name" in sheets and "Answer key" not in sheets
    assert keys and all("Answer key" in t for t in keys)


def test_the_command_runs_without_the_collector_and_leaves_once_its_exit_handlers_ran(monkeypatch, capsys):
    """`studypack` (cli.run): the command runs with the cyclic collector off, then the handlers
    registered to run at exit run (the picture cache is saved by one), the output is flushed and
    the process leaves with the command's code."""
    import atexit
    import gc

    from studypack import cli

    seen: dict[str, object] = {}

    def fake_main() -> int:
        seen["collector on"] = gc.isenabled()
        print("said")
        return 2

    def leave(code: int) -> None:
        seen["code"] = code
        raise SystemExit(code)

    was = gc.isenabled()
    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(cli.os, "_exit", leave)
    # this test process's own exit handlers are not to be run: the call is what is checked
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: seen.setdefault("exit handler ran", True))
    try:
        with pytest.raises(SystemExit):
            cli.run()
    finally:
        if was:
            gc.enable()
    assert seen == {"collector on": False, "exit handler ran": True, "code": 2}
    assert capsys.readouterr().out == "said\n"


def test_watch_switches_the_collector_back_on(monkeypatch, tmp_path):
    """`watch` runs for hours: it builds with the cyclic collector on between builds, whatever the
    command line left it at."""
    import gc

    from studypack import cli, watch

    seen = []
    monkeypatch.setattr(watch, "watch", lambda *a, **k: seen.append(gc.isenabled()))
    monkeypatch.setattr(cli, "_refuse_before_watching", lambda args: None)
    was = gc.isenabled()
    gc.disable()
    try:
        args = cli.parser().parse_args(["watch", str(CONTENT / "pack.yaml"), "-o", str(tmp_path / "w.pdf")])
        assert cli.cmd_watch(args) == 0
    finally:
        if not was:
            gc.disable()
        else:
            gc.enable()
    assert seen == [True]
