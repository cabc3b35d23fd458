"""Helper processes that share out a build's work (the cards layout fits big decks with them, the
writer draws a big pack's pages with them).

A helper is forked with everything the parent has laid out so far (nothing is copied or pickled on
the way in) and talks to the parent over a pipe. What it sends back after its first answer is read
by a thread of the parent as it comes, so the helper never waits for the parent to ask.

A helper never hangs the build nor outlives it. The parent never waits on one for ever: it looks
every POLL seconds whether the helper is still there, and one that died, or has been stopped
(SIGSTOP, Ctrl-Z of the helper alone) for STOP_GRACE seconds, is ended and counts as gone, so its
work is done by the parent (`HelperGone`). The build ends every helper still running when it
finishes or fails (`close_all`), a signal to the parent included (the CLI turns SIGTERM and SIGHUP
into an interruption); and a helper whose parent is gone (killed outright) ends itself within a
second, so a pipe the build writes into (`studypack build | tee log`) is closed.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

POLL = 0.25  # seconds between looks at a helper the parent is waiting for
STOP_GRACE = 2.0  # a helper stopped this long is ended (a whole job stopped and resumed is not)
ORPHAN_CHECK = 0.5  # how often a helper looks whether its parent is still there
# For the tests: "kill:N" or "stop:N" makes every helper send itself SIGKILL or SIGSTOP just
# before its Nth message to the parent (1: its first answer; 2: the first pages it streams).
TEST_HOOK = "STUDYPACK_TEST_HELPER_SIGNAL"

_live: list[Helper] = []


class HelperGone(Exception):
    """The helper stopped before it said all it had to say (it failed, died, or was stopped)."""


class Helper:
    def __init__(self, target: Callable[[Any], None]) -> None:
        # Forked with os.fork and two pipes rather than multiprocessing's Process and Pipe: the same
        # fork and pickled messages, without importing multiprocessing and its socket module (some
        # 8 ms of a small pack's build, whose helper is forked before it lays anything out).
        down_r, down_w = os.pipe()  # parent -> helper
        up_r, up_w = os.pipe()  # helper -> parent
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the helper: runs `target`, then leaves without the parent's exit handlers
            try:
                os.close(down_w)
                os.close(up_r)
                _run(target, _Conn(down_r, up_w), parent)
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except (OSError, ValueError):
                        pass
                os._exit(0)
        os.close(down_r)
        os.close(up_w)
        self.conn = _Conn(up_r, down_w)
        self.proc = _Child(pid)
        self._got: list[Any] = []
        self._done = False
        self._cv = threading.Condition()
        self._reader: threading.Thread | None = None
        self._stopped_since: float | None = None
        _live.append(self)

    def ask(self, message: Any) -> None:
        try:
            self.conn.send(message)
        except OSError:
            raise HelperGone("the helper is gone") from None

    def answer(self) -> Any:
        """The helper's next message, waiting for it (before `stream`)."""
        try:
            while not self.conn.poll(POLL):
                self._check()
            msg = self.conn.recv()
        except (EOFError, OSError):
            raise HelperGone from None
        if isinstance(msg, _Failed):
            raise HelperGone(msg.why)
        return msg

    def stream(self) -> None:
        """From now on a thread gathers every message as it arrives (see `item`)."""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            while True:
                msg = self.conn.recv()
                if msg is None or isinstance(msg, _Failed):
                    break
                with self._cv:
                    self._got.extend(msg)
                    self._cv.notify_all()
        except (EOFError, OSError):
            pass
        with self._cv:
            self._done = True
            self._cv.notify_all()

    def item(self, k: int) -> Any:
        """The k-th item the helper streamed back, waiting for it (never for ever: see `_check`)."""
        with self._cv:
            while len(self._got) <= k and not self._done:
                if not self._cv.wait(POLL):
                    self._check()
            if len(self._got) <= k:
                raise HelperGone(f"the helper ended after {len(self._got)} items")
            value = self._got[k]
            self._got[k] = None  # taken once: the parent keeps no second copy
            return value

    def check(self) -> None:
        """Raise HelperGone if the helper died, or has been stopped for STOP_GRACE seconds."""
        self._check()

    def _check(self) -> None:
        """Raise HelperGone if the helper died, or has been stopped for STOP_GRACE seconds (then it
        is ended: a stopped process would keep the build's output pipe open for ever)."""
        if not self.proc.is_alive():
            raise HelperGone("the helper ended")
        if self.proc.pid is not None and _stopped(self.proc.pid):
            now = time.monotonic()
            if self._stopped_since is None:
                self._stopped_since = now
            elif now - self._stopped_since >= STOP_GRACE:
                self._end()
                raise HelperGone("the helper was stopped")
        else:
            self._stopped_since = None

    def _end(self) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(timeout=0.5)
        if self.proc.is_alive():  # stopped, or not listening: SIGKILL works on either
            self.proc.kill()
        self.proc.join(timeout=5)

    def close(self) -> None:
        self._end()
        self.conn.close()
        if self in _live:
            _live.remove(self)


def _stopped(pid: int) -> bool:
    """Whether the process is stopped (state T or t in /proc; elsewhere it is never known)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] in (b"T", b"t")


class _Conn:
    """One end of the two pipes between the parent and a helper: each message pickled, after its
    length. EOFError when the other end is gone before a whole message came; OSError (a broken
    pipe) when sending to an end that is gone."""

    def __init__(self, rfd: int, wfd: int) -> None:
        self.rfd, self.wfd = rfd, wfd

    def send(self, message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(self.wfd, struct.pack("!Q", len(data)))
        _write_all(self.wfd, data)

    def poll(self, timeout: float) -> bool:
        """Whether something (a message, or the other end closing) can be read within `timeout`."""
        return bool(select.select([self.rfd], [], [], timeout)[0])

    def recv(self) -> Any:
        (n,) = struct.unpack("!Q", _read_exact(self.rfd, 8))
        return pickle.loads(_read_exact(self.rfd, n))

    def close(self) -> None:
        for fd in (self.rfd, self.wfd):
            try:
                os.close(fd)
            except OSError:
                pass
        self.rfd = self.wfd = -1


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, n: int) -> bytes:
    if fd < 0:
        raise EOFError("closed")
    parts, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other end is gone")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


class _Child:
    """A forked helper process as the parent sees it: alive or not, signalled, waited for."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._ended = False

    def is_alive(self) -> bool:
        if self._ended:
            return False
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)  # a stopped helper is still alive
        except ChildProcessError:
            done = self.pid
        self._ended = done != 0
        return not self._ended

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def _signal(self, sig: int) -> None:
        if not self._ended:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.is_alive() and time.monotonic() < deadline:
            time.sleep(0.002)


class _Failed:
    def __init__(self, why: str) -> None:
        self.why = why


class _Hooked:
    """The helper's end of the pipe, signalling itself before its Nth message (TEST_HOOK)."""

    def __init__(self, conn: Any, how: str) -> None:
        what, _, n = how.partition(":")
        self.conn, self.sig, self.n = conn, {"kill": signal.SIGKILL, "stop": signal.SIGSTOP}[what], int(n)

    def send(self, msg: Any) -> None:
        self.n -= 1
        if self.n == 0:
            os.kill(os.getpid(), self.sig)
        self.conn.send(msg)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def _watch_parent(parent: int) -> None:
    """In a helper: end it as soon as its parent is gone (killed outright, say)."""
    while True:
        time.sleep(ORPHAN_CHECK)
        if os.getppid() != parent:
            os._exit(1)


def _run(target: Callable[[Any], None], conn: Any, parent: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.environ.get(TEST_HOOK):
        conn = _Hooked(conn, os.environ[TEST_HOOK])
    try:
        target(conn)
        conn.send(None)  # the end of the stream
    except BaseException as e:  # noqa: BLE001 - told to the parent, which carries on without us
        try:
            conn.send(_Failed(f"{type(e).__name__}: {e}"))
        except OSError:
            pass
    finally:
        conn.close()


def close_all() -> None:
    """End every helper still running (the build is over, or failed)."""
    for helper in list(_live):
        helper.close()
