"""The build, top to bottom: load -> fonts -> each section's layout -> assemble -> safe write."""

from __future__ import annotations

import gc
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from . import registry
from .errors import BuildError, Problem, StudypackError, UsageError
from .fonts import coverage_problems, resolve
from .model import Pack
from .pages import RenderContext, SectionPages


@dataclass
class BuildResult:
    path: str
    pages: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)
    notices: dict[str, list[str]] = field(default_factory=dict)  # per section, for the teacher


def slug(text: str) -> str:
    """A file-name-safe form of a title: 'Khrushchev revision pack' -> 'khrushchev-revision-pack'."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return s or "pack"


def default_output(pack: Pack, only: list[str]) -> str:
    name = slug(pack.title) + ("-" + "-".join(slug(n) for n in only) if only else "")
    return os.path.join("output", f"{name}.pdf")


def build(
    pack: Pack,
    output: str,
    only: list[str] | None = None,
    base: str = ".",
    progress: Callable[[str], None] = lambda s: None,
) -> BuildResult:
    """Render the pack (or the `only` sections) to `output`; the old file survives any failure."""
    t0 = time.perf_counter()
    # The layout makes many small objects and no cycles worth chasing: without the cyclic
    # collector a 10,000-card deck builds a third faster.
    gc_was = gc.isenabled()
    gc.disable()
    try:
        return _build(pack, output, only or [], base, progress, t0)
    finally:
        if gc_was:
            gc.enable()


def _build(pack, output, only, base, progress, t0) -> BuildResult:  # type: ignore[no-untyped-def]
    names = [s.name for s in pack.sections]
    wanted: dict[str, set[str]] = {}  # section -> "sheets" and/or "keys"
    for n in only:
        if n in names:
            wanted.setdefault(n, set()).add("sheets")
        elif n.endswith("-key") and n[:-4] in names:
            wanted.setdefault(n[:-4], set()).add("keys")
        else:
            raise UsageError(f"--only {n}: the pack has no section '{n}' (it has: {', '.join(names)}; "
                             f"a section's answer keys are NAME-key)")  # fmt: skip
    chosen = [s for s in pack.sections if not only or s.name in wanted]
    fonts = resolve(pack.font, base)
    warnings = coverage_problems(fonts, pack.topics)
    ctx = RenderContext(pack, pack.paper, fonts)
    rendered: list[tuple[str, SectionPages]] = []
    notices: dict[str, list[str]] = {}
    for section in chosen:
        t = time.perf_counter()
        layout = registry.get(section.layout)
        assert layout is not None  # the loader checked it
        sp = layout.render(pack, section, ctx)
        if only:
            sp = _only_parts(sp, wanted[section.name])
        rendered.append((section.name, sp))
        if sp.notices:
            notices[section.name] = sp.notices
        n_pages = len(sp.pages) + len(sp.end_pages)
        progress(f"{section.name}: {sp.summary or f'{n_pages} pages'} ({time.perf_counter() - t:.2f} s)")
    from .assemble import plan, write

    p = plan(pack, rendered, fonts, cover=not only)
    total = _safe_write(output, lambda f: write(pack, p, fonts, f))
    return BuildResult(output, total, time.perf_counter() - t0, warnings, notices)


def _only_parts(sp: SectionPages, parts: set[str]) -> SectionPages:
    """The section's worksheets without answer keys, or only its keys, or both (keys after)."""
    from dataclasses import replace

    pages = [p for p in sp.pages + sp.end_pages if p.role != "key"] if "sheets" in parts else []
    if "keys" in parts:
        pages += sp.keys
    return replace(sp, pages=pages, end_pages=[])


def _safe_write(output: str, produce: Callable[[object], int]) -> int:
    """Write to a temporary file beside the target, then rename: a failure leaves the old PDF."""
    folder = os.path.dirname(os.path.abspath(output))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".studypack-", suffix=".pdf.tmp", dir=folder)
    except OSError as e:
        raise BuildError(f"cannot write to {folder}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            total = produce(f)
        os.replace(tmp, output)
    except StudypackError:
        _remove(tmp)
        raise
    except OSError as e:
        _remove(tmp)
        raise BuildError(f"cannot write {output}: {e.strerror}") from None
    except BaseException:
        _remove(tmp)
        raise
    return total


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def warn(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)
