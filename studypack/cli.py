"""The command line. Heavy modules (reportlab, yaml) are imported inside commands so that
`studypack --version` and `--help` answer at once."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studypack.build import BuildResult

from . import __version__
from .wording import plural

DEFAULT_PACK = os.path.join("content", "pack.yaml")


class _Help(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout, with the terminal's width read as shutil reads it but without
    importing shutil (argparse makes a formatter for every option it is given, and shutil brings
    bz2 and lzma: a fiftieth of a `check`)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width=None) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )


def _columns() -> int:
    """The terminal's width: $COLUMNS, else the terminal's own, else 80."""
    try:
        if int(os.environ.get("COLUMNS", "0")) > 0:
            return int(os.environ["COLUMNS"])
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _common(p: argparse.ArgumentParser, top: bool) -> None:
    # --debug and --version work before or after the subcommand
    d = None if top else argparse.SUPPRESS
    p.add_argument("--debug", action="store_true", default=d or False, help="show tracebacks")
    p.add_argument("--version", action="version", version=f"studypack {__version__}")


EXAMPLES = {
    "build": """examples:
  studypack build                                  the whole pack in content/pack.yaml
  studypack build --only worksheets                every worksheet to hand out (no answers, no cards)
  studypack build --only keys                      every answer key
  studypack build --only timeline-key              only the timeline's answer keys
  studypack build --cards 3,7                      reprint cards 3 and 7 (TOPIC:3-5 in a pack of several topics)
  studypack build --class 10D --term "Autumn 2027"  output/<title>-10d-autumn-2027.pdf""",
    "check": """examples:
  studypack check content/pack.yaml       a pack and all its topics
  studypack check content/my-topic.yaml   one topic file
  studypack check --fix content/pack.yaml mend tabs, curly quotes, folded bullets, colons and
                                          keys' case in the pack's files (each kept as FILE.bak)""",
    "new": """example:
  studypack new my-pack && studypack build my-pack/pack.yaml""",
    "import": """examples:
  studypack import notes.txt -o content/          revision-site cards, Markdown, Quizlet/Anki text,
                                                  or plain text by its shape (printed)
  studypack import notes.md --dry-run             show what would be found, write nothing
  studypack import terms.txt --shape 'separator: - ' -o content/
                                                  one term a line, " - " before its definition
  studypack import glossary.tsv --as cards -o content/   key terms written as cards
  studypack import lesson.docx slides.pptx deck.apkg -o content/   Word, PowerPoint, Anki packages
  studypack import bank.csv --columns question,answer,notes -o content/   a CSV with no header row""",
    "watch": """examples:
  studypack watch                                  rebuild output/<title>.pdf on every save
  studypack watch --only cards -o cards.pdf        just the cards, into cards.pdf""",
    "export": """examples:
  studypack export anki -o khrushchev.apkg         Anki: File > Import the .apkg
  studypack export tsv --only khrushchev-leader    Quizlet: Import, paste, Tab / New line""",
    "schema": """examples:
  studypack schema > pack.schema.json             the manifest's schema, with every installed layout
  studypack schema topic -o topic.schema.json     the topic files' schema
then, at the top of a YAML file in VS Code (YAML extension):
  # yaml-language-server: $schema=pack.schema.json""",
    "calibrate": """example:
  studypack calibrate --paper Letter              writes output/calibration-letter.pdf""",
}


class _Parser(argparse.ArgumentParser):
    """`build --help` also lists what --only takes: the layouts, and the sections of the pack that
    `studypack build` would build from here (read only when help is asked for)."""

    def format_help(self) -> str:
        text = super().format_help()
        return text + "\n" + _only_help() + "\n" if self.prog.endswith(" build") else text


def _only_help() -> str:
    from studypack.layout_api import registry

    names = [lay.name for lay in registry.all_layouts()]
    import textwrap

    text = textwrap.fill(
        "--only NAME takes a section's name (by default its layout's: "
        + ", ".join(names)
        + "), NAME-key for only a worksheet's answer keys, `worksheets` for every worksheet to hand out "
        "(no keys, no cards) or `keys` for every answer key.",
        78,
    )
    if os.path.isfile(DEFAULT_PACK):
        try:
            from studypack.load.manifest import load_pack

            from .build import only_choices

            pack, _ = load_pack(DEFAULT_PACK)
            text += f"\n{DEFAULT_PACK} has: " + ", ".join(only_choices(pack))
        except Exception:  # help never fails because the pack has problems; `check` reports them
            pass
    return text


def _sub(sub, name: str, help: str) -> argparse.ArgumentParser:
    p = sub.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".", epilog=EXAMPLES[name],
        formatter_class=_Help,
    )  # fmt: skip
    _common(p, False)
    return p


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="studypack",
        description="Turn revision notes in YAML into one printable study pack.",
        epilog="example:\n  studypack new my-pack && studypack build my-pack/pack.yaml",
        formatter_class=_Help,
    )
    _common(ap, True)
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _build_args(_sub(sub, "build", "build the pack's PDF"))
    ck = _sub(sub, "check", "validate a manifest and its topics, or one topic file")
    ck.add_argument("path", help="a pack manifest or a topic file")
    ck.add_argument("--fix", action="store_true",
                    help="mend what can be mended (tabs, curly quotes, folded bullets, colons, keys' case), "
                    "keeping FILE.bak, then check again")  # fmt: skip
    _sub(sub, "new", "write a starter pack that builds as it is").add_argument(
        "dir", help="folder for the new pack"
    )
    _import_args(
        _sub(
            sub, "import", "turn notes (revision-site text, Markdown, Quizlet/Anki exports) into topic files"
        )
    )
    _build_args(
        _sub(sub, "watch", "build, then rebuild whenever a file of the pack is saved (Ctrl-C stops)"),
        watch=True,
    )
    ex = _sub(sub, "export", "the pack's cards and key terms for Anki (.apkg) or Quizlet (.tsv)")
    ex.add_argument(
        "format", choices=("anki", "tsv"), help="anki: an .apkg package; tsv: term TAB definition"
    )
    ex.add_argument("pack", nargs="?", default=DEFAULT_PACK, help=f"manifest (default {DEFAULT_PACK})")
    ex.add_argument(
        "-o", "--output", metavar="FILE", help="file to write (default output/<slug of title>.apkg or .tsv)"
    )
    ex.add_argument("--only", action="append", default=[], metavar="TOPIC",
                    help="only this topic (its title or file name; repeatable)")  # fmt: skip
    sc = _sub(sub, "schema", "print the JSON Schema of packs or topics, for a YAML editor")
    sc.add_argument(
        "kind", nargs="?", choices=("pack", "topic"), default="pack", help="which schema (default pack)"
    )
    sc.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of printing it")
    cal = _sub(sub, "calibrate", "print the duplex calibration sheet")
    cal.add_argument("--paper", default="A4", help="A4, Letter or A3 (default A4)")
    cal.add_argument("-o", "--output", help="PDF to write (default output/calibration-<paper>.pdf)")
    return ap


def _build_args(b: argparse.ArgumentParser, watch: bool = False) -> None:
    b.add_argument("pack", nargs="?", default=DEFAULT_PACK, help=f"manifest (default {DEFAULT_PACK})")
    b.add_argument("-o", "--output", help="PDF to write (default output/<slug of title>.pdf)")
    b.add_argument("--only", action="append", default=[], metavar="NAME",
                   help="build only this section, or NAME-key for its answer keys (repeatable; see below)")  # fmt: skip
    b.add_argument("--cards", action="append", default=[], metavar="NUMBERS",
                   help="reprint only these cards, by the numbers printed on them: 3,7 or 3-5; in a pack of "
                   "several topics TOPIC:3-5, TOPIC being the topic file's name without .yaml (repeatable)")  # fmt: skip
    b.add_argument("--term", help="override the manifest's term (and add it to the file name)")
    b.add_argument("--class", dest="klass", metavar="CLASS",
                   help="override the manifest's class (and add it to the file name)")  # fmt: skip
    b.add_argument("--paper", help="A4, Letter or A3 (overrides the manifest and every section)")
    b.add_argument("--preset", help="standard, large-print or dyslexia-friendly (overrides the manifest)")
    b.add_argument(
        "--students",
        metavar="FILE",
        help="class list (one name a line, 'Surname, First name' lines, or a CSV/TSV/semicolon file with a "
        "name column or first- and last-name columns): a named copy of each worksheet per pupil, versions in turn",
    )
    b.add_argument(
        "-j", "--jobs", type=_jobs, metavar="N",
        help="processes that draw a big pack's pages (default: the machine's cores; 1: one process); "
        "the PDF is the same for any N",
    )  # fmt: skip
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.add_argument("-v", "--verbose", action="store_true", help="list every card set small or continued")
    b.add_argument(
        "--report", metavar="FILE", help="write the full list of cards set small or continued to FILE"
    )
    if watch:
        b.add_argument(
            "--poll", action="store_true", help="poll for changes (for network or container folders)"
        )


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, not '{text}'")
    return n


def _import_args(im: argparse.ArgumentParser) -> None:
    from studypack.importer import FORMATS

    im.add_argument("files", nargs="+", metavar="FILE", help="notes files")
    im.add_argument("-o", "--output", metavar="DIR", help="folder for the topic files")
    im.add_argument("--format", choices=FORMATS, help="the notes' format (default: detected from the text)")
    im.add_argument(
        "--shape",
        metavar="SHAPE",
        help='how plain-text notes are laid out: lines, pairs, separator:" - ", headings, outline, blocks, '
        "dated or quotes (default: found from the text, and printed)",
    )
    im.add_argument(
        "--as", dest="as_", choices=("cards",), help="write a glossary's terms as cards instead of key terms"
    )
    im.add_argument(
        "--columns",
        metavar="ROLES",
        help="a CSV/TSV's columns when it has no header row, e.g. front,back,notes (also question, answer, "
        "term, definition, category, skip)",
    )
    im.add_argument("--force", action="store_true", help="overwrite topic files that exist")
    im.add_argument("--dry-run", action="store_true", help="print what was found per card; write nothing")
    im.add_argument("--topic", help="the topic's title (default: from the notes or the file name)")
    im.add_argument("--subject", help="the topic's subject")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return 2
    from .errors import StudypackError

    _interrupt_on_signals()
    try:
        return {
            "build": cmd_build,
            "check": cmd_check,
            "new": cmd_new,
            "calibrate": cmd_calibrate,
            "schema": cmd_schema,
            "export": cmd_export,
            "watch": cmd_watch,
            "import": cmd_import,
        }[args.command](args)
    except StudypackError as e:
        if args.debug:
            raise
        from .errors import ContentError

        if isinstance(e, ContentError):  # one line per problem, in the editor-friendly form
            *lines, last = str(e).split("\n")
            print("\n".join(lines), file=sys.stderr)
            print(f"studypack: {last}", file=sys.stderr)
        else:
            print(f"studypack: {e}" if str(e) else "studypack: failed", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("studypack: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # a bug: say so plainly, the traceback only with --debug
        if args.debug:
            raise
        print(f"studypack: internal error: {type(e).__name__}: {e} (rerun with --debug)", file=sys.stderr)
        return 1


def run() -> None:
    """The `studypack` command: `main`, then out of the process at once. A build leaves some 50 MB
    of small objects (laid-out pages, parsed fonts) that Python would free one by one on its way
    out, a thirtieth of building the example; by the time `main` returns every file a command
    writes is closed and every helper process ended, so what is left to do is what was registered
    to run at exit (the picture cache is saved then) and flushing the output streams."""
    import atexit
    import gc

    # A command runs once and leaves: while it imports some 300 modules (making a few thousand
    # classes and functions) the collector's scans of the growing heap find nothing to free and
    # cost a twentieth of building the example; reference counting still frees everything else.
    # `watch`, which runs for hours, switches it back on (and loads and builds with it paused, as
    # every build does: gcpause).
    gc.disable()
    code = main()
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that stopped reading, a stream already closed
        pass
    os._exit(int(code or 0))


def _interrupt_on_signals() -> None:
    """SIGTERM and SIGHUP (a closed terminal, a killed job) end a command as Ctrl-C does: through
    every `finally`, so helper processes are ended and no half-written file is left."""
    import signal

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupted)


def _print_warnings(problems) -> None:
    for p in problems:
        if p.warning:
            print(str(p), file=sys.stderr)


NOTICE_LINES = 10  # shown after a build; the rest with -v or --report FILE


class Progress:
    """A one-line progress bar on stderr, for a terminal only and only once a build has taken a
    second: piped output and quick builds get nothing extra."""

    def __init__(self, t0: float, stream=sys.stderr) -> None:
        self.t0, self.stream, self.shown = t0, stream, False
        self.live = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.live or (not self.shown and time.perf_counter() - self.t0 < 1.0):
            return
        if self.shown and done != total and done % 8:
            return  # a terminal redraw per page would cost more than the page
        self.shown = True
        width = 30
        full = width * done // max(total, 1)
        self.stream.write(f"\rdrawing pages [{'#' * full}{'.' * (width - full)}] {done}/{total}")
        self.stream.flush()

    def end(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def cmd_build(args: argparse.Namespace) -> int:
    from studypack.files import check_target

    for flag, path in (("-o", args.output), ("--report", args.report)):
        if path:
            check_target(path, flag)
    say = (lambda s: None) if args.quiet else print
    result, seconds = run_build(args, say)
    say(f"wrote {result.path}: {plural(result.pages, 'page')} in {seconds:.2f} s")
    return 0


def run_build(args: argparse.Namespace, say: Callable[[str], None]) -> tuple[BuildResult, float]:
    """Load, apply the command line's overrides, build; warnings and notes printed as asked."""
    from studypack.build import build, default_output
    from studypack.errors import UsageError
    from studypack.load.manifest import load_pack, with_overrides

    t0 = time.perf_counter()
    pack, warnings = load_pack(args.pack)
    try:
        pack = with_overrides(pack, args.term, args.klass, args.paper, args.preset)
    except ValueError as e:
        flag = "--preset" if "preset" in str(e) else "--paper"
        hint = "" if flag == "--preset" else " (expected A4, Letter or A3)"
        raise UsageError(f"{flag}: {e}{hint}") from None
    if not args.quiet:
        _print_warnings(warnings)
    students: tuple[str, ...] = ()
    if getattr(args, "students", None):
        from studypack.load.students import load_students

        found: list = []
        students = load_students(args.students, found)
        if not args.quiet:
            _print_warnings(found)
    cards = getattr(args, "cards", None) or []
    picked: tuple[tuple[str, int], ...] = ()
    if cards:
        from studypack.reprint import parse_cards

        picked = parse_cards(cards, pack)
    # output/<title>-cards-3-7.pdf: never the whole pack's file ("3,7" would slug to "37")
    named = args.only + ["cards-" + "-".join(re.sub(r"[,:]", "-", c) for c in cards)] if cards else args.only
    out = args.output or default_output(pack, named, args.klass, args.term)
    _refuse_overwriting_inputs(args, pack, out)
    bar = Progress(t0)
    try:
        result = build(
            pack, out, args.only, os.path.dirname(args.pack), progress=say, on_page=bar, students=students,
            jobs=args.jobs or _default_jobs(), cards=picked,
        )  # fmt: skip
    finally:
        bar.end()
    if not args.quiet:
        _print_warnings(result.warnings)
    _report(result.notices, args)
    return result, time.perf_counter() - t0


def _refuse_overwriting_inputs(args: argparse.Namespace, pack, out: str) -> None:
    """No output of a build is one of its inputs, or a file that is not a PDF (or report) already."""
    from studypack.files import refuse_foreign, refuse_inputs
    from studypack.load.inputs import pack_inputs

    inputs = pack_inputs(pack, args.pack)
    if getattr(args, "students", None):
        inputs.append(("the class list", args.students))
    outputs = [("-o", out)] + ([("--report", args.report)] if args.report else [])
    refuse_inputs(outputs, inputs)
    refuse_foreign(out, "-o", "PDF")
    if args.report:
        refuse_foreign(args.report, "--report")


def _report(notices: dict[str, list[str]], args: argparse.Namespace) -> None:
    """What to look at after a build: a count and the first lines; every line with -v or in --report."""
    if args.report:
        from studypack.files import write_atomic

        text = "".join(f"{name}: {line}\n" for name, lines in notices.items() for line in lines)
        write_atomic(args.report, lambda f: f.write(text.encode("utf-8")), suffix=".txt")
    if args.quiet:
        return
    for name, lines in notices.items():
        print(f"note: {name}: {len(lines)} to look at:", file=sys.stderr)
        shown = lines if args.verbose else lines[:NOTICE_LINES]
        for line in shown:
            print(f"  - {line}", file=sys.stderr)
        if len(shown) < len(lines):
            where = f"in {args.report}" if args.report else "with -v, or in a file with --report FILE"
            print(f"  ... and {len(lines) - len(shown)} more ({where})", file=sys.stderr)
    if args.report and not args.quiet:
        print(f"wrote {args.report}: the full list to look at", file=sys.stderr)


def _default_jobs() -> int:
    from studypack.pdf.parallel import default_jobs

    return default_jobs()


def cmd_check(args: argparse.Namespace) -> int:
    from studypack.load.manifest import is_manifest, load_pack
    from studypack.load.topic import load_topic
    from studypack.text.fonts import coverage_problems, font_problems, pack_texts, resolve

    from .model import FontChoice

    if getattr(args, "fix", False):
        from studypack.load.fix import fix

        for mended in fix(args.path):
            for change in mended.changes:
                print(f"{mended.path}:{change.line}: {change.what}")
            print(f"mended {mended.path} (the original is kept as {mended.backup})")
    if is_manifest(args.path):
        pack, warnings = load_pack(args.path)
        fonts = resolve(pack.font, os.path.dirname(args.path))
        covered = font_problems(fonts, pack.field_src.get("font", pack.src))
        covered += coverage_problems(fonts, pack_texts(pack))
        if pack.strict and covered:
            from .errors import ContentError, strictly

            raise ContentError(strictly(covered))
        warnings = warnings + covered
        cards = sum(len(t.cards) for t in pack.topics)
        what = (f"pack '{pack.title}': {plural(len(pack.topics), 'topic')}, {plural(cards, 'card')}, "
                f"sections {', '.join(s.name for s in pack.sections)}")  # fmt: skip
    else:
        topic, warnings = load_topic(args.path)
        warnings = warnings + coverage_problems(resolve(FontChoice()), topic.texts())
        what = (f"topic '{topic.topic}': {plural(len(topic.cards), 'card')}, "
                f"{plural(len(topic.timeline), 'event')}, {plural(len(topic.key_terms), 'key term')}")  # fmt: skip
    _print_warnings(warnings)
    n = sum(p.warning for p in warnings)
    print(f"ok: {what}" + (f" ({plural(n, 'warning')})" if n else ""))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .starter import write_starter

    for path in write_starter(args.dir):
        print(f"wrote {path}")
    print(f"build it with: studypack build {os.path.join(args.dir, 'pack.yaml')}")
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from studypack.pdf.calibrate import write_calibration
    from studypack.text.fonts import resolve

    from .errors import UsageError
    from .model import FontChoice, Paper

    try:
        paper = Paper.parse(args.paper)
    except ValueError as e:
        raise UsageError(f"--paper: {e} (expected A4, Letter or A3)") from None
    from studypack.files import check_target

    if args.output:
        check_target(args.output)
    out = args.output or os.path.join("output", f"calibration-{paper.label.lower()}.pdf")
    from studypack.files import refuse_foreign

    refuse_foreign(out, "-o", "PDF")
    write_calibration(paper, out, resolve(FontChoice()))
    print(f"wrote {out}: print it double-sided at 100%, then follow the instructions on it")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .errors import UsageError
    from .importer.run import describe, import_files, write_all

    if not args.output and not args.dry_run:
        first = args.files[0] if args.files else "notes.txt"
        raise UsageError(
            "import: say which folder the topic files go to: add -o DIR, e.g. "
            f"`studypack import {first} -o content/` (or --dry-run to see what would be found)"
        )
    done = import_files(
        args.files,
        args.output or ".",
        args.format,
        args.topic,
        args.subject,
        args.shape,
        args.as_,
        args.columns,
    )
    for d in done:
        for w in d.warnings:
            print(w, file=sys.stderr)
    if args.dry_run:
        for d in done:
            print("\n".join(describe(d)))
        return 0
    write_all(done, args.force)
    for d in done:
        n = d.notes
        review = (
            sum(bool(c.review) for c in n.cards) + sum(bool(t.review) for t in n.key_terms) + len(n.timeline)
        )
        print(
            f"wrote {d.target}: {n.shape}, {plural(len(n.timeline), 'proposed event')} "
            f"({plural(review, 'item')} to review: studypack check {d.target})"
        )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """The JSON Schema of the layouts installed now, third-party ones included."""
    from studypack.files import write_atomic
    from studypack.load.schema import rendered

    text = rendered()[f"{args.kind}.schema.json"]
    if args.output:
        from studypack.files import refuse_foreign

        refuse_foreign(args.output, "-o")
        write_atomic(args.output, lambda f: f.write(text.encode("utf-8")), suffix=".json")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """The pack's cards and key terms as an Anki package or a Quizlet TSV."""
    from studypack.build import slug
    from studypack.export.flashcards import chosen_topics, flashcards
    from studypack.files import check_target, write_atomic
    from studypack.load.manifest import load_pack

    if args.output:
        check_target(args.output)
    pack, warnings = load_pack(args.pack)
    _print_warnings(warnings)
    topics = chosen_topics(pack, args.only)
    cards = list(flashcards(topics, os.path.dirname(args.pack)))
    if not cards:
        from .errors import UsageError

        which = "the chosen topics have" if args.only else "the pack has"
        raise UsageError(f"export: {which} no cards or key terms, so nothing was written")
    ext = "apkg" if args.format == "anki" else "tsv"
    out = args.output or os.path.join("output", f"{slug(pack.title)}.{ext}")
    from studypack.files import refuse_foreign, refuse_inputs
    from studypack.load.inputs import pack_inputs

    refuse_inputs([("-o", out)], pack_inputs(pack, args.pack))
    refuse_foreign(out, "-o", "Anki package" if args.format == "anki" else "")
    if args.format == "anki":
        from studypack.export.anki import write_apkg

        write_atomic(out, lambda f: write_apkg(pack, topics, cards, f), suffix=".apkg")
    else:
        from studypack.export.tsv import tsv

        write_atomic(out, lambda f: f.write(tsv(cards).encode("utf-8")), suffix=".tsv")
    kinds = sum(c.kind == "key term" for c in cards)
    print(f"wrote {out}: {plural(len(cards) - kinds, 'card')} and {plural(kinds, 'key term')} "
          f"from {plural(len(topics), 'topic')}")  # fmt: skip
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Build, then rebuild on every save until Ctrl-C."""
    import gc

    from studypack.files import check_target
    from studypack.watch import watch

    gc.enable()  # `run` left it off for a command that ends at once; this one runs for hours
    if args.output:
        check_target(args.output)
    # One process unless asked: the file watcher runs a thread of its own, and forking a process
    # with other threads is best left to those who want it (a pack being edited is rarely big).
    args.jobs = args.jobs or 1
    _refuse_before_watching(args)
    watch(args.pack, lambda: _watch_build(args), poll=args.poll)
    return 0


def _refuse_before_watching(args: argparse.Namespace) -> None:
    """An output that is an input stops `watch` at once (later builds check again, as files change);
    a pack with problems is `watch`'s own to report, as it waits for the fix."""
    from studypack.build import default_output
    from studypack.errors import ContentError
    from studypack.load.manifest import load_pack

    try:
        pack, _ = load_pack(args.pack)
    except ContentError:
        return
    _refuse_overwriting_inputs(
        args, pack, args.output or default_output(pack, args.only, args.klass, args.term)
    )


def _watch_build(args: argparse.Namespace) -> None:
    """One build for `watch`: a line with the time and the result, or the located errors."""
    from studypack.errors import ContentError, StudypackError

    stamp = time.strftime("%H:%M:%S")
    try:
        result, seconds = run_build(args, lambda s: None)
    except ContentError as e:
        print("\n".join(str(p) for p in e.problems), file=sys.stderr)
        print(
            f"{stamp} build failed: {plural(len(e.errors), 'problem')}; the last good PDF is kept", flush=True
        )
        return
    except StudypackError as e:
        print(f"{stamp} build failed: {e}; the last good PDF is kept", flush=True)
        return
    print(f"{stamp} wrote {result.path}: {plural(result.pages, 'page')} in {seconds:.2f} s", flush=True)
