"""`studypack check --fix`: mend what the loader reports and can be mended without a doubt
(the mends are in mends.py), in a topic file or a pack's manifest and its topics.

Only lines with a problem are touched; every word of the file is kept (checked before anything is
written); the original bytes are kept beside the file as FILE.bak. A file whose mending would not
leave it with fewer problems is left as it was.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from studypack.errors import BuildError, ContentError, Problem
from studypack.files import FileProblem, read_bytes, write_atomic
from studypack.load.mends import Change, mend_text

# Words a mend may add: `- four zones` with its folded lines under it becomes `- text:` + `points:`.
_ADDED_WORDS = {"text", "points"}


@dataclass(frozen=True)
class Mended:
    """A file `check --fix` rewrote: what it changed, and where the original is kept."""

    path: str  # as shown in messages
    changes: tuple[Change, ...]
    backup: str  # where the original bytes are


def mend_file(shown: str, fs_path: str, problems_of: Callable[[str], list[Problem]]) -> Mended | None:
    """Mend the file at `fs_path` (named `shown` in messages) if mending leaves it with fewer
    problems and every word; `problems_of(text)` checks a text of it. None when nothing was mended."""
    try:
        data = read_bytes(fs_path)
        original = data.decode("utf-8-sig")
    except (FileProblem, UnicodeDecodeError):
        return None  # not read as text: the check's own message says why
    crlf = "\r\n" in original  # a file saved on Windows keeps its line ends
    original = original.replace("\r\n", "\n") if crlf else original
    before = problems_of(original)
    text, changes = mend_text(original, before, problems_of)
    if not changes or not _better(problems_of(text), before) or not _same_words(original, text):
        return None
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    out = (bom + text).replace("\n", "\r\n") if crlf else bom + text
    try:
        backup = _backup(fs_path, data)
    except OSError as e:
        raise BuildError(
            f"cannot keep the original of {shown} beside it: {e.strerror}; nothing was changed"
        ) from None
    write_atomic(fs_path, lambda f: f.write(out.encode("utf-8")), suffix=".yaml")
    return Mended(shown, tuple(changes), backup)


def _better(after: list[Problem], before: list[Problem]) -> bool:
    def count(ps: list[Problem]) -> tuple[int, int]:
        return sum(not p.warning for p in ps), sum(p.warning for p in ps)

    return count(after) < count(before)


def _same_words(before: str, after: str) -> bool:
    """Every word of `before` is in `after`, and `after` adds none but the keys a mend adds."""
    a = Counter(w.casefold() for w in re.findall(r"\w+", before))
    b = Counter(w.casefold() for w in re.findall(r"\w+", after))
    return not (a - b) and set(b - a) <= _ADDED_WORDS


def _backup(fs_path: str, data: bytes) -> str:
    """Keep the original bytes as FILE.bak; an older FILE.bak is never overwritten (FILE.bak.2,
    .bak.3 ... are used), unless it holds these very bytes already."""
    n = 1
    while True:
        path = fs_path + (".bak" if n == 1 else f".bak.{n}")
        try:
            with open(path, "xb") as f:
                f.write(data)
            return path
        except FileExistsError:
            with open(path, "rb") as f:
                if f.read() == data:
                    return path
        n += 1


# ---- a pack and its topics ---------------------------------------------------------------------


def problems_reading(shown: str, fs_path: str, manifest: bool) -> Callable[[str], list[Problem]]:
    """A function giving the problems of a text of the file at `fs_path` as `shown`'s own (a pack's
    manifest is read with its topics; only the manifest's problems count)."""
    from studypack.load.manifest import _pack_from_node
    from studypack.load.topic import topic_from_node
    from studypack.load.walker import Walker, _compose_ours

    def problems_of(text: str) -> list[Problem]:
        w = Walker(shown)
        w.lines = text.splitlines()
        w.base = os.path.dirname(os.path.abspath(fs_path))
        root = _compose_ours(shown, text, w.problems)
        if root is not None:
            try:
                if manifest:
                    _pack_from_node(w, root, os.path.dirname(shown))
                else:
                    topic_from_node(w, root)
            except ContentError as e:  # pragma: no cover - the walkers collect rather than raise
                w.problems.extend(e.problems)
        return [p for p in w.problems if p.path == shown]

    return problems_of


def fix(path: str) -> list[Mended]:
    """Mend the file at `path` and, when it is a pack's manifest, each of its topic files that has
    a problem; the files mended."""
    from studypack.load.manifest import _looks_like_manifest, load_pack

    manifest = _looks_like_manifest(path)
    done = [m for m in [mend_file(path, path, problems_reading(path, path, manifest))] if m]
    if not manifest:
        return done
    try:
        _, problems = load_pack(path)
    except ContentError as e:
        problems = e.problems
    base = os.path.dirname(path)
    for shown in dict.fromkeys(p.path for p in problems if p.path != path):
        fs = os.path.normpath(os.path.join(base, shown))
        if os.path.isfile(fs):
            mended = mend_file(shown, fs, problems_reading(shown, fs, False))
            if mended:
                done.append(mended)
    return done
