"""The command line. Heavy modules (reportlab, yaml) are imported inside commands so that
`studypack --version` and `--help` answer at once."""

from __future__ import annotations

import argparse
import os
import sys
import time

from . import __version__

DEFAULT_PACK = os.path.join("content", "pack.yaml")


def _common(p: argparse.ArgumentParser, top: bool) -> None:
    # --debug and --version work before or after the subcommand
    d = None if top else argparse.SUPPRESS
    p.add_argument("--debug", action="store_true", default=d or False, help="show tracebacks")
    p.add_argument("--version", action="version", version=f"studypack {__version__}")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="studypack", description="Turn revision notes in YAML into one printable study pack."
    )
    _common(ap, True)
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    b = sub.add_parser("build", help="build the pack's PDF")
    _common(b, False)
    b.add_argument("pack", nargs="?", default=DEFAULT_PACK, help=f"manifest (default {DEFAULT_PACK})")
    b.add_argument("-o", "--output", help="PDF to write (default output/<slug of title>.pdf)")
    b.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="build only this section (repeatable)"
    )
    b.add_argument("--term", help="override the manifest's term")
    b.add_argument("--class", dest="klass", metavar="CLASS", help="override the manifest's class")
    b.add_argument("--paper", help="A4 or Letter (overrides the manifest)")
    c = sub.add_parser("check", help="validate a manifest and its topics, or one topic file")
    _common(c, False)
    c.add_argument("path", help="a pack manifest or a topic file")
    n = sub.add_parser("new", help="write a starter pack that builds as it is")
    _common(n, False)
    n.add_argument("dir", help="folder for the new pack")
    im = sub.add_parser(
        "import", help="turn notes (revision-site text, Markdown, Quizlet/Anki exports) into topic files"
    )
    _common(im, False)
    im.add_argument("files", nargs="+", metavar="FILE", help="notes files")
    im.add_argument("-o", "--output", metavar="DIR", help="folder for the topic files")
    im.add_argument(
        "--format",
        choices=("revision-cards", "revision-cards-paged", "markdown", "tsv", "csv"),
        help="the notes' format (default: detected from the text)",
    )
    im.add_argument("--force", action="store_true", help="overwrite topic files that exist")
    im.add_argument("--dry-run", action="store_true", help="print what was found per card; write nothing")
    im.add_argument("--topic", help="the topic's title (default: from the notes or the file name)")
    im.add_argument("--subject", help="the topic's subject")
    cal = sub.add_parser("calibrate", help="print the duplex calibration sheet")
    _common(cal, False)
    cal.add_argument("--paper", default="A4", help="A4 or Letter (default A4)")
    cal.add_argument("-o", "--output", help="PDF to write (default output/calibration-<paper>.pdf)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return 2
    from .errors import StudypackError

    try:
        return {
            "build": cmd_build,
            "check": cmd_check,
            "new": cmd_new,
            "calibrate": cmd_calibrate,
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


def _print_warnings(problems) -> None:  # type: ignore[no-untyped-def]
    for p in problems:
        if p.warning:
            print(str(p), file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build, default_output
    from .errors import UsageError
    from .manifest import load_pack, with_overrides

    t0 = time.perf_counter()
    pack, warnings = load_pack(args.pack)
    try:
        pack = with_overrides(pack, args.term, args.klass, args.paper)
    except ValueError as e:
        raise UsageError(f"--paper: {e} (expected A4 or Letter)") from None
    _print_warnings(warnings)
    out = args.output or default_output(pack, args.only)
    result = build(pack, out, args.only, os.path.dirname(args.pack), progress=print)
    _print_warnings(result.warnings)
    for name, lines in result.notices.items():
        print(f"note: {name}: {len(lines)} to look at (trim them to keep the normal size):", file=sys.stderr)
        for line in lines:
            print(f"  - {line}", file=sys.stderr)
    print(f"wrote {result.path}: {result.pages} pages in {time.perf_counter() - t0:.2f} s")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .loader import is_manifest, load_topic
    from .manifest import load_pack

    if is_manifest(args.path):
        pack, warnings = load_pack(args.path)
        what = f"pack '{pack.title}': {len(pack.topics)} topics, {sum(len(t.cards) for t in pack.topics)} cards, sections {', '.join(s.name for s in pack.sections)}"
    else:
        topic, warnings = load_topic(args.path)
        what = f"topic '{topic.topic}': {len(topic.cards)} cards, {len(topic.timeline)} events, {len(topic.key_terms)} key terms"
    _print_warnings(warnings)
    n = sum(p.warning for p in warnings)
    print(f"ok: {what}" + (f" ({n} warnings)" if n else ""))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .starter import write_starter

    for path in write_starter(args.dir):
        print(f"wrote {path}")
    print(f"build it with: studypack build {os.path.join(args.dir, 'pack.yaml')}")
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from .calibrate import write_calibration
    from .errors import UsageError
    from .fonts import resolve
    from .model import FontChoice, Paper

    try:
        paper = Paper.parse(args.paper)
    except ValueError as e:
        raise UsageError(f"--paper: {e} (expected A4 or Letter)") from None
    out = args.output or os.path.join("output", f"calibration-{paper.label.lower()}.pdf")
    write_calibration(paper, out, resolve(FontChoice()))
    print(f"wrote {out}: print it double-sided at 100%, then follow the instructions on it")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .errors import UsageError
    from .importer.run import describe, import_files, write_all

    if not args.output and not args.dry_run:
        raise UsageError("import: say where the topic files go with -o DIR (or use --dry-run)")
    done = import_files(args.files, args.output or ".", args.format, args.force, args.topic, args.subject)
    for d in done:
        for w in d.warnings:
            print(w, file=sys.stderr)
    if args.dry_run:
        for d in done:
            print("\n".join(describe(d)))
        return 0
    write_all(done)
    for d in done:
        n = d.notes
        review = sum(bool(c.review) for c in n.cards) + len(n.timeline)
        print(
            f"wrote {d.target}: {len(n.cards)} cards, {len(n.timeline)} proposed events "
            f"({d.fmt}; {review} items to review: studypack check {d.target})"
        )
    return 0
