"""The install and the command line behave like a well-made tool's: every package installed, files
made like any other program's, one file per class and term, helpful words, no file contents echoed."""

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import tomllib
from helpers import CONTENT, REPO, make_pack, pdf_pages_text, write

from studypack.cli import Progress

TOPIC = "topic: T\ncards:\n  - title: A\n    points: [x]\n"


def run(*args: str, cwd: Path | None = None, umask: int | None = None) -> subprocess.CompletedProcess:
    def pre() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "studypack", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=pre,
    )  # fmt: skip


def small_pack(tmp: Path, topic: str = TOPIC, sections: str = "") -> Path:
    return make_pack(tmp, {"t.yaml": topic}, sections)


# ---- the install ---------------------------------------------------------------------------------


def test_every_package_folder_is_installed():
    """setup.py discovers every package under studypack/ and layouts/ (layouts/ as studypack.layouts),
    so a new subpackage can never be left out of a plain `pip install .` again."""
    found = set(
        subprocess.run(
            [sys.executable, "-c", "import runpy, setuptools; setuptools.setup = lambda **k: print(*k['packages'], sep='\\n'); runpy.run_path('setup.py')"],
            cwd=REPO, capture_output=True, text=True, check=True,
        ).stdout.split()
    )  # fmt: skip
    on_disk = set()
    for top, name in (("studypack", "studypack"), ("layouts", "studypack.layouts")):
        for folder, _, files in os.walk(REPO / top):
            if "__init__.py" in files and "__pycache__" not in folder:
                rel = Path(folder).relative_to(REPO / top).parts
                on_disk.add(".".join((name, *rel)))
    assert "studypack.importer" in on_disk
    assert found == on_disk


def test_package_data_globs_match_real_files():
    """Each package-data glob in pyproject.toml names files that exist; pypdf is a test extra, since
    only the tests read PDFs back (the build draws on one canvas and never imports it)."""
    meta = tomllib.loads((REPO / "pyproject.toml").read_text())
    for package, globs in meta["tool"]["setuptools"]["package-data"].items():
        for glob in globs:
            assert list((REPO / package).glob(glob)), f"{package}/{glob} matches nothing"
    assert not any(d.startswith("pypdf") for d in meta["project"]["dependencies"])
    assert any(d.startswith("pypdf") for d in meta["project"]["optional-dependencies"]["test"])
    code = "\n".join(p.read_text() for p in (REPO / "studypack").rglob("*.py"))
    code += "\n".join(p.read_text() for p in (REPO / "layouts").rglob("*.py"))
    assert not re.search(r"^\s*(import pypdf|from pypdf)", code, re.MULTILINE)


# ---- files like any other program's ---------------------------------------------------------------


def test_pdf_and_imported_yaml_follow_the_umask(tmp_path):
    """Under umask 022 the PDF and imported topics are 0644; under 077, 0600."""
    pack = small_pack(tmp_path)
    notes = write(tmp_path / "n.md", "# Notes\n## Card\n- a point\n")
    for mask, mode in ((0o022, 0o644), (0o077, 0o600)):
        out = tmp_path / f"p{mask:o}.pdf"
        assert run("build", str(pack), "-o", str(out), umask=mask).returncode == 0
        assert stat.S_IMODE(out.stat().st_mode) == mode
        folder = tmp_path / f"imp{mask:o}"
        assert run("import", str(notes), "-o", str(folder), umask=mask).returncode == 0
        assert stat.S_IMODE((folder / "notes.yaml").stat().st_mode) == mode


def test_replacing_a_file_keeps_its_mode_and_a_symlink_writes_through(tmp_path):
    """A rebuilt PDF keeps the mode it had; -o naming a symlink replaces the link's target."""
    pack = small_pack(tmp_path)
    out = tmp_path / "p.pdf"
    assert run("build", str(pack), "-o", str(out)).returncode == 0
    out.chmod(0o640)
    assert run("build", str(pack), "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    real = tmp_path / "shared" / "real.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert run("build", str(pack), "-o", str(link)).returncode == 0
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF")


def test_output_that_is_not_a_file_is_a_usage_error(tmp_path):
    """-o naming a folder, a FIFO or a device: exit 2, a clear message, nothing written."""
    pack = small_pack(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target, says in ((tmp_path, "is a folder"), (fifo, "is a FIFO"), (Path("/dev/null"), "is a device")):
        r = run("build", str(pack), "-o", str(target))
        assert r.returncode == 2, r.stderr
        assert f"-o {target}: {says}" in r.stderr and "Traceback" not in r.stderr
    r = run("calibrate", "-o", str(tmp_path))
    assert r.returncode == 2 and "is a folder" in r.stderr


def test_stale_temporary_files_of_killed_builds_are_removed(tmp_path):
    """Temporary files are named .studypack-<pid>-...tmp; a build removes those whose process is gone
    and leaves a live process's file alone."""
    pack = small_pack(tmp_path)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = write(tmp_path / "out" / f".studypack-{gone.pid}-x1y2.pdf.tmp", "half a PDF")
    live = write(tmp_path / "out" / f".studypack-{os.getpid()}-a1b2.pdf.tmp", "being written")
    assert run("build", str(pack), "-o", str(tmp_path / "out" / "p.pdf")).returncode == 0
    assert not stale.exists() and live.exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [live.name, "p.pdf"]


def test_zero_pages_writes_nothing_and_says_why(tmp_path):
    """--only cards-key (cards have no keys) and --only timeline on a pack without dates: exit 2 with
    the reason, and no file."""
    pack = small_pack(tmp_path)
    r = run("build", str(pack), "--only", "cards-key", cwd=tmp_path)
    assert r.returncode == 2
    assert "--only cards-key: the pack has no section 'cards-key'" in r.stderr
    assert "it has: cards, summary, organiser, timeline, timeline-key" in r.stderr
    r = run("build", str(pack), "--only", "timeline", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == (
        "studypack: nothing to print, so nothing was written: section 'timeline' has no pages: "
        "no dated events in the chosen topics"
    )
    r = run("build", str(pack), "--only", "timeline-key", cwd=tmp_path)
    assert r.returncode == 2 and "section 'timeline' has no pages" in r.stderr
    assert not (tmp_path / "output").exists() or not list((tmp_path / "output").iterdir())


# ---- one file per class and term -----------------------------------------------------------------


def test_class_and_term_from_the_command_line_name_the_file(tmp_path):
    """--class 10C then --class 10D leaves both PDFs; the manifest's own class does not change the name."""
    pack = small_pack(tmp_path)
    for k in ("10C", "10D"):
        assert run("build", str(pack), "--class", k, cwd=tmp_path).returncode == 0
    assert run("build", str(pack), "--term", "Autumn 2027", cwd=tmp_path).returncode == 0
    assert run("build", str(pack), cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [
        "test-pack-10c.pdf", "test-pack-10d.pdf", "test-pack-autumn-2027.pdf", "test-pack.pdf",
    ]  # fmt: skip


def test_cyrillic_and_greek_titles_get_readable_slugs(tmp_path):
    """A title in Cyrillic or Greek names the file by its transliteration, not `pack.pdf`."""
    for title, name in (
        ("История России", "istoriia-rossii.pdf"),
        ("Ιστορία της Ελλάδας", "istoria-tes-elladas.pdf"),
    ):
        pack = make_pack(tmp_path / name, {"t.yaml": TOPIC}, title=title)
        r = run("build", str(pack), cwd=tmp_path / name)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / name / "output" / name).exists()


# ---- talks like a good CLI -------------------------------------------------------------------------


def test_unknown_only_lists_the_names_and_help_shows_them():
    """An unknown --only suggests the nearest name and lists all; `build --help` lists them too."""
    r = run("build", str(CONTENT / "pack.yaml"), "--only", "timline")
    assert r.returncode == 2
    assert r.stderr.strip() == (
        "studypack: --only timline: the pack has no section 'timline' (did you mean 'timeline'? "
        "it has: cards, summary, timeline, timeline-key, matching, matching-key, cloze, cloze-key, quiz, quiz-key, "
        "sequence, sequence-key, retrieval, retrieval-key, crossword, crossword-key, wordsearch, wordsearch-key, organiser, worksheets, keys)"
    )
    h = " ".join(run("build", "--help", cwd=REPO).stdout.split())
    assert "by default its layout's: cards, summary, organiser, timeline" in h
    assert "content/pack.yaml has: cards, summary, timeline, timeline-key" in h


def test_every_subcommand_help_has_an_example():
    """Each subcommand's --help ends with at least one example command line."""
    for cmd in ("build", "check", "new", "import", "calibrate", "watch", "export", "schema"):
        h = run(cmd, "--help").stdout
        assert re.search(r"^examples?:\n  studypack " + cmd, h, re.MULTILINE), cmd


def test_counts_are_grammatical(tmp_path):
    """ "1 topic", "1 card", "1 page"... never "1 topics"."""
    pack = small_pack(tmp_path)
    r = run("check", str(pack))
    assert r.stdout.startswith("ok: pack 'Test pack': 1 topic, 1 card, sections")
    r = run("check", str(tmp_path / "t.yaml"))
    assert r.stdout.strip() == "ok: topic 'T': 1 card, 0 events, 0 key terms"
    r = run("build", str(pack), "--only", "summary", "-o", str(tmp_path / "s.pdf"))
    assert re.search(r"^wrote .*s\.pdf: 1 page in [\d.]+ s$", r.stdout, re.MULTILINE), r.stdout


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_after_a_second():
    """The bar draws on a terminal once a build has run a second, clears itself, and draws nothing
    when output is piped or the build is quick."""
    import time

    slow, tty = Progress(time.perf_counter() - 2, _Tty()), _Tty()
    slow.stream = tty
    slow.live = True
    for n in range(1, 17):
        slow(n, 16)
    slow.end()
    assert "drawing pages [" in tty.getvalue() and "16/16" in tty.getvalue()
    assert tty.getvalue().endswith("\r\033[K")
    quick = Progress(time.perf_counter(), _Tty())
    quick(1, 2)
    quick.end()
    assert quick.stream.getvalue() == ""
    piped = Progress(time.perf_counter() - 5, io.StringIO())
    piped(1, 2)
    assert piped.stream.getvalue() == ""


def _long_cards_pack(tmp: Path, n: int) -> Path:
    words = " ".join(f"word{i}" for i in range(260))
    cards = "".join(f"  - title: Card {i}\n    text: {words}\n" for i in range(n))
    return small_pack(tmp, f"topic: Long\ncards:\n{cards}", "- layout: cards\n")


def test_report_is_a_count_and_ten_lines_with_the_rest_under_v_or_report(tmp_path):
    """After a build, cards set small or continued: a count and the first 10; -v lists all, and
    --report FILE writes all to FILE; --quiet prints nothing on success."""
    pack = _long_cards_pack(tmp_path, 12)
    r = run("build", str(pack), "-o", str(tmp_path / "a.pdf"))
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[0] == "note: cards: 12 to look at:"
    assert len([ln for ln in lines if ln.startswith("  - ")]) == 10
    assert lines[-1] == "  ... and 2 more (with -v, or in a file with --report FILE)"
    r = run("build", str(pack), "-o", str(tmp_path / "a.pdf"), "-v")
    assert len([ln for ln in r.stderr.splitlines() if ln.startswith("  - ")]) == 12
    r = run("build", str(pack), "-o", str(tmp_path / "a.pdf"), "--report", str(tmp_path / "r.txt"))
    assert len((tmp_path / "r.txt").read_text().splitlines()) == 12
    assert f"in {tmp_path / 'r.txt'})" in r.stderr
    r = run("build", str(pack), "-o", str(tmp_path / "a.pdf"), "--quiet")
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""


def test_quiet_still_prints_errors(tmp_path):
    """--quiet keeps errors: a bad pack still says what is wrong."""
    r = run("build", str(tmp_path / "none.yaml"), "--quiet")
    assert r.returncode == 2 and "none.yaml: file not found" in r.stderr


def test_import_without_o_says_what_to_add_and_dry_run_works_over_existing_files(tmp_path):
    """`import` without -o names the flag with an example; --dry-run works when the target exists."""
    notes = write(tmp_path / "n.md", "# Notes\n## Card\n- a point\n")
    r = run("import", str(notes))
    assert r.returncode == 2
    assert f"add -o DIR, e.g. `studypack import {notes} -o content/`" in r.stderr
    assert run("import", str(notes), "-o", str(tmp_path / "o")).returncode == 0
    before = (tmp_path / "o" / "notes.yaml").read_text()
    r = run("import", str(notes), "-o", str(tmp_path / "o"), "--dry-run")
    assert r.returncode == 0 and "card 1: 'Card': 1 point" in r.stdout
    r = run("import", str(notes), "-o", str(tmp_path / "o"))
    assert r.returncode == 2 and "use --force to replace" in r.stderr
    assert (tmp_path / "o" / "notes.yaml").read_text() == before


# ---- error messages never print file contents --------------------------------------------------------


def test_a_file_that_is_not_a_topic_is_named_not_printed(tmp_path):
    """/etc/passwd as a pack or a topic: a message about the file, none of its lines."""
    secret = write(tmp_path / "secrets.txt", "root:x:0:0:root:/root:/bin/bash\nkey = s3cr3t-value\n")
    pack = write(tmp_path / "p.yaml", f"title: P\ntopics: [{secret}]\n")
    for args in (("check", str(secret)), ("build", str(secret)), ("build", str(pack))):
        r = run(*args, "-o", str(tmp_path / "x.pdf")) if args[0] == "build" else run(*args)
        assert r.returncode == 2
        assert "is not a topic file or pack manifest" in r.stderr
        assert "s3cr3t" not in r.stderr and "root:x" not in r.stderr


def test_a_font_that_is_not_a_font_says_so_without_its_bytes(tmp_path):
    """font: naming a text file or random bytes: exit 2, the file named, none of its bytes shown."""
    pack = small_pack(tmp_path)
    (tmp_path / "f.ttf").write_bytes(b"hello, I am not a font at all")
    pack.write_text(pack.read_text() + "font: f.ttf\n")
    r = run("build", str(pack), "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == (
        f"studypack: the font file {tmp_path / 'f.ttf'} is not a TrueType font this tool can embed "
        "(use a .ttf file, or a family name such as `font: DejaVu Sans`)"
    )
    assert "0x" not in r.stderr and "hello" not in r.stderr


def test_the_readme_commands_print_only_what_they_say(tmp_path):
    """The new starter builds from another folder into output/ and every page has text."""
    assert run("new", "s", cwd=tmp_path).returncode == 0
    r = run("build", "s/pack.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert all(pdf_pages_text(tmp_path / "output" / "my-revision-pack.pdf"))
