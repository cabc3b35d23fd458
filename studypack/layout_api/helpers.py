"""Helper processes a layout may fork to share out its work (the cards layout does, for big decks).

A helper is forked with everything the parent has laid out so far (nothing is copied or pickled on
the way in) and talks to the parent over a pipe. What it sends back after its first answer is read
by a thread of the parent as it comes, so the helper never waits for the parent to ask. Helpers are
daemons, and the build ends every one still running when it finishes or fails (`close_all`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

_live: list[Helper] = []


class HelperGone(Exception):
    """The helper stopped before it said all it had to say (it failed, or was ended)."""


class Helper:
    def __init__(self, target: Callable[[Any], None]) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_run, args=(target, child), daemon=True)
        self.proc.start()
        child.close()
        self._got: list[Any] = []
        self._done = False
        self._cv = threading.Condition()
        self._reader: threading.Thread | None = None
        _live.append(self)

    def ask(self, message: Any) -> None:
        self.conn.send(message)

    def answer(self) -> Any:
        """The helper's next message, waiting for it (before `stream`)."""
        try:
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
        """The k-th item the helper streamed back, waiting for it."""
        with self._cv:
            while len(self._got) <= k and not self._done:
                self._cv.wait()
            if len(self._got) <= k:
                raise HelperGone(f"the helper ended after {len(self._got)} items")
            value = self._got[k]
            self._got[k] = None  # taken once: the parent keeps no second copy
            return value

    def close(self) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join(timeout=5)
        self.conn.close()
        if self in _live:
            _live.remove(self)


class _Failed:
    def __init__(self, why: str) -> None:
        self.why = why


def _run(target: Callable[[Any], None], conn: Any) -> None:
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
