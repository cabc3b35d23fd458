"""`studypack watch`: builds once, rebuilds on a save, keeps the last good PDF when a save breaks the
pack, picks up new topic files in a folder the manifest names, and stops cleanly on Ctrl-C."""

import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import pdf_pages_text, write

TOPIC = "topic: Cells\ncards:\n  - title: Membrane\n    points: [controls what enters]\n"


def wait_for(cond, what: str, log: Path, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}; output so far:\n{log.read_text()}")


def test_watch_rebuilds_keeps_the_good_pdf_and_stops_cleanly(tmp_path):
    """Edit -> rebuilt PDF with the new words; broken -> located error and the old PDF kept;
    fixed -> rebuilt; a new file in a topics folder -> rebuilt; Ctrl-C -> exit 0, 'stopped'."""
    write(tmp_path / "topics" / "cells.yaml", TOPIC)
    write(tmp_path / "pack.yaml", "title: Biology\ntopics: [topics]\nsections:\n  - layout: cards\n")
    out, log = tmp_path / "out.pdf", tmp_path / "watch.log"
    with open(log, "w") as f:
        proc = subprocess.Popen([sys.executable, "-m", "studypack", "watch", "pack.yaml", "-o", str(out)],
                                cwd=tmp_path, stdout=f, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        wait_for(lambda: "watching for changes" in log.read_text(), "the first build", log)
        assert out.exists()
        first = out.read_bytes()

        def rebuilt_with(word: str) -> bool:
            return out.read_bytes() != first and word in "".join(pdf_pages_text(out))

        time.sleep(0.3)
        write(tmp_path / "topics" / "cells.yaml", TOPIC + "  - title: Nucleus\n    points: [holds the DNA]\n")
        wait_for(
            lambda: out.read_bytes() != first and rebuilt_with("Nucleus"), "a rebuild after an edit", log
        )
        good = out.read_bytes()
        write(tmp_path / "topics" / "cells.yaml", "topic: Cells\ncards:\n  - titel: oops\n")
        wait_for(lambda: "build failed" in log.read_text(), "the failed build", log)
        assert (
            "topics/cells.yaml:3:5: unknown key 'titel' in a card (did you mean 'title'?)" in log.read_text()
        )
        assert out.read_bytes() == good
        write(tmp_path / "topics" / "cells.yaml", TOPIC.replace("Membrane", "Wall"))
        wait_for(lambda: "Wall" in "".join(pdf_pages_text(out)), "the rebuild after the fix", log)
        write(
            tmp_path / "topics" / "tissue.yaml",
            "topic: Tissue\ncards:\n  - title: Xylem\n    points: [water]\n",
        )
        wait_for(lambda: "Xylem" in "".join(pdf_pages_text(out)), "a new topic file picked up", log)
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
    text = log.read_text()
    assert code == 0 and "stopped" in text and "Traceback" not in text
    stamps = [ln for ln in text.splitlines() if ln[:2].isdigit() and ln[2] == ":"]
    assert len(stamps) >= 5 and all(" wrote " in s or " build failed" in s for s in stamps)
