"""Page furniture of revision sites: lines that are not notes, dropped on import."""

from __future__ import annotations

import re

LINES = [
    re.compile(r"^\s*•?\s*Created (by|on)\b.*$", re.I),
    re.compile(r"^\s*\d+\s+of\s+\d+\s*$"),
    re.compile(r"^\s*Cards\s*\(\d+\)\s*$", re.I),
    re.compile(r"^\s*No comments have yet been made\s*$", re.I),
    re.compile(r"^\s*Similar\b.*\bresources:?\s*$", re.I),
    re.compile(r"^\s*(See all\b.*?»\s*)+$", re.I),
]
# furniture glued onto the end of a line of notes ("...economic growth• Created by: susana96")
TAIL = re.compile(r"\s*•\s*Created by:.*$", re.I)


def strip(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines with furniture removed, and what was removed."""
    kept, dropped = [], []
    for line in lines:
        if any(rx.match(line) for rx in LINES):
            dropped.append(line.strip())
            continue
        m = TAIL.search(line)
        if m:
            dropped.append(line[m.start() :].strip())
            line = line[: m.start()]
        kept.append(line)
    return kept, dropped
