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
import signal
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
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_run, args=(target, child, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
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
