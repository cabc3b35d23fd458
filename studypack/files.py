"""Read and write files the way any other program would: only regular files are read (a device,
a FIFO or /dev/zero is refused instead of read for ever), and nothing is written half-way.

Every file studypack writes (the PDF, the calibration sheet, imported topics) goes to a temporary file
beside the target and is renamed over it only when complete, so a failed or killed build leaves the
previous file as it was. The result gets the user's umask (like a file made by their editor), or the
replaced file's own mode; `-o` naming a symlink writes through to its target.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from typing import IO, TypeVar

from studypack.errors import BuildError, StudypackError, UsageError

MAX_BYTES = 20 * 1024 * 1024  # far above any notes or topic file; a bound on time and memory


class FileProblem(StudypackError):
    """A file that cannot be read: the message says why, the hint what to do."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def inside(path: str, root: str) -> bool:
    """Whether `path` (symlinks resolved) lies in the folder `root`."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, top]) == top
    except ValueError:  # another drive
        return False


def cache_dir() -> str | None:
    """Where studypack remembers what it worked out in earlier runs (checked pictures, parsed
    fonts, drawn SVGs): $STUDYPACK_CACHE_DIR, else $XDG_CACHE_HOME/studypack, else
    $HOME/.cache/studypack. A relative XDG_CACHE_HOME is ignored, as the XDG spec says; with no
    absolute HOME either there is no cache (None), never one in whatever folder the build runs in.
    Everything in it is plain data, checked when read, and can be deleted at any time: it only
    costs speed. A folder that cannot be made or written means building without it."""
    explicit = os.environ.get("STUDYPACK_CACHE_DIR", "")
    if explicit:
        return os.path.abspath(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "studypack")
    home = os.environ.get("HOME", "")
    return os.path.join(home, ".cache", "studypack") if os.path.isabs(home) else None


def cache_path(*parts: str) -> str | None:
    """A file in the cache folder (not made yet), or None when there is no cache."""
    root = cache_dir()
    return os.path.join(root, *parts) if root else None


def read_cache(path: str | None, limit: int) -> bytes | None:
    """A cache file's bytes, or None when it is missing, not a regular file or over `limit`."""
    if not path:
        return None
    try:
        return read_bytes(path, "a cache file", limit)
    except FileProblem:
        return None


def write_cache(path: str | None, data: bytes) -> bool:
    """Keep `data` in the cache file `path`, atomically (a temporary file beside it, then renamed:
    two builds sharing the cache never see half a file). Best effort: a cache folder that cannot
    be made or written (read-only, a file in its place) only costs speed. True when kept."""
    if not path:
        return False
    folder = os.path.dirname(path)
    tmp = ""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        import tempfile  # not at import: `check` writes nothing

        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp:
            _remove(tmp)
        return False


def read_bytes(path: str, expect: str = "a .yaml file", limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them; anything else raises FileProblem (`expect`
    names what to give). The one way studypack reads a file it is given: the file is opened
    without waiting (a FIFO cannot block) and what was opened is checked to be a regular file
    before a byte is read (a device such as /dev/zero is never read), so a path swapped between a
    check and the read cannot slip past."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise FileProblem("file not found", "check the name and folder") from None
    except IsADirectoryError:
        raise FileProblem("is a folder, not a file", f"name {expect}") from None
    except OSError as e:
        raise FileProblem(f"cannot read the file: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileProblem("is a folder, not a file", f"name {expect}")
        if not stat.S_ISREG(st.st_mode):
            raise FileProblem("is not a regular file (a device or pipe)", f"name {expect}")
        if st.st_size > limit:
            raise FileProblem(f"is {_size(st.st_size)}, too large", "split it into several files")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise FileProblem(f"cannot read the file: {e.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise FileProblem(f"is more than {_size(limit)}, too large", "split it into several files")
    return data


def read_head(path: str, size: int) -> bytes:
    """Up to `size` bytes from the start of a regular file (to tell what kind of file it is);
    FileProblem for anything else (opened without waiting, checked before reading, as
    `read_bytes`)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise FileProblem(f"cannot read the file: {e.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileProblem("is not a regular file (a device or pipe)")
        return os.read(fd, size)
    except OSError as e:
        raise FileProblem(f"cannot read the file: {e.strerror}") from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"


T = TypeVar("T")
TEMP_PREFIX = ".studypack-"
# .studypack-<pid>-<random><suffix>.tmp: the pid tells a stale temporary file (its process is gone)
# from one that a build running now is writing.
_TEMP_NAME = re.compile(r"^\.studypack-(\d+)-[^/]*\.tmp$")


def check_target(path: str, what: str = "-o") -> str:
    """The real file to replace: symlinks followed; a folder, device or FIFO is a usage error."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real
    except OSError as e:
        raise UsageError(f"{what} {path}: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(
            f"{what} {path}: is a folder; name a file in it, e.g. {os.path.join(path, 'pack.pdf')}"
        )
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file"  # fmt: skip
        raise UsageError(f"{what} {path}: is {kind}; name an ordinary file")
    return real


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def final_mode(real: str) -> int:
    """The replaced file's mode, or what the user's umask gives a new file."""
    try:
        return stat.S_IMODE(os.stat(real).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def remove_stale_temps(folder: str) -> list[str]:
    """Remove our own temporary files left in `folder` by builds that were killed; returns them."""
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TEMP_NAME.match(name)
        if m and not _alive(int(m.group(1))):
            try:
                os.remove(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def write_atomic(output: str, produce: Callable[[IO[bytes]], T], suffix: str = ".pdf") -> T:
    """Call `produce` with a binary file that becomes `output` only if it returns; returns its result."""
    real = check_target(output)
    folder = os.path.dirname(real)
    try:
        os.makedirs(folder, exist_ok=True)
        remove_stale_temps(folder)
        import tempfile  # not at import: `check` writes nothing

        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=f"{suffix}.tmp", dir=folder)
    except OSError as e:
        raise BuildError(f"cannot write to {folder}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            result = produce(f)
        os.chmod(tmp, final_mode(real))
        os.replace(tmp, real)
    except StudypackError:
        _remove(tmp)
        raise
    except OSError as e:
        _remove(tmp)
        raise BuildError(f"cannot write {output}: {e.strerror}") from None
    except BaseException:
        _remove(tmp)
        raise
    return result


def write_all_atomic(files: list[tuple[str, bytes]]) -> None:
    """Several files, all or none: each written to a temporary file first, then all renamed."""
    temps: list[tuple[str, str]] = []
    try:
        for target, data in files:
            real = check_target(target, "cannot write")
            folder = os.path.dirname(real)
            os.makedirs(folder, exist_ok=True)
            remove_stale_temps(folder)
            import tempfile  # not at import: `check` writes nothing

            fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".yaml.tmp", dir=folder)
            temps.append((tmp, real))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, final_mode(real))
        for tmp, real in temps:
            os.replace(tmp, real)
    except OSError as e:
        for tmp, _ in temps:
            _remove(tmp)
        raise BuildError(f"cannot write the files: {e.strerror}") from None
    except BaseException:
        for tmp, _ in temps:
            _remove(tmp)
        raise


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file: symlinks, hard links and `./x` spellings included."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def refuse_inputs(outputs: list[tuple[str, str]], inputs: list[tuple[str, str]]) -> None:
    """A usage error, before anything is written, when an output (flag, path) is one of the
    command's inputs (what, path) or another of its outputs: writing it would destroy the input."""
    for i, (flag, out) in enumerate(outputs):
        for other, path in outputs[:i]:
            if same_file(out, path):
                raise UsageError(f"{flag} {out}: is the file {other} names too; give each its own file")
        if not os.path.lexists(out):
            continue
        for what, path in inputs:
            if same_file(out, path):
                raise UsageError(
                    f"{flag} {out}: is {what} this command reads ({path}); writing it would destroy "
                    "it, so nothing was written (name another file)"
                )


# What a file of each kind starts with, and its name's ending: an output replaces an existing file
# only when it is a file of the kind it writes (by its content or its name), or empty, so a
# mistyped `-o pack.yaml` never destroys the teacher's notes.
MAGIC = {"PDF": (b"%PDF-", ".pdf"), "Anki package": (b"PK\x03\x04", ".apkg")}
# Files a text output (a TSV, a report, a schema) never replaces: the teacher's sources and
# studypack's own binary outputs.
KEPT_SUFFIXES = (".yaml", ".yml", ".pdf", ".apkg", ".colpkg", ".docx", ".pptx", ".png", ".jpg",
                 ".jpeg", ".svg", ".ttf", ".otf")  # fmt: skip


def refuse_foreign(path: str, flag: str, kind: str = "") -> None:
    """A usage error when `path` exists and is not a file this output may replace: for a binary
    `kind` (a key of MAGIC), a non-empty file that neither starts nor is named as one; for a text
    output, a file with one of KEPT_SUFFIXES."""
    try:
        st = os.stat(path)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_size == 0:
        return
    if kind:
        magic, suffix = MAGIC[kind]
        if path.lower().endswith(suffix):
            return
        try:
            with open(path, "rb") as f:
                head = f.read(len(magic))
        except OSError:
            return
        if head != magic:
            raise UsageError(
                f"{flag} {path}: exists and is not a {kind}, so it was left as it is (name a new file, "
                "or delete this one first if it is really to be replaced)"
            )
    elif path.lower().endswith(KEPT_SUFFIXES):
        raise UsageError(
            f"{flag} {path}: exists and is not a text file studypack writes, so it was left as it is "
            "(name a new file, e.g. one ending in .txt)"
        )
