import signal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="re-make tests/golden/ from the current output (review the diff before committing)",
    )


def pytest_configure(config):  # type: ignore[no-untyped-def]
    """The picture cache goes to a folder of this run, not the user's (subprocesses inherit it)."""
    import os
    import tempfile

    os.environ.setdefault("STUDYPACK_CACHE_DIR", tempfile.mkdtemp(prefix="studypack-test-cache-"))


@pytest.fixture
def bounded():
    """A hang fails the test after two minutes (SIGALRM) instead of hanging the run."""

    def late(signum, frame):
        raise TimeoutError("the build hung")

    old = signal.signal(signal.SIGALRM, late)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)
