"""Page furniture of revision and flashcard sites: lines that are not notes, dropped on import.

Only a whole line is ever furniture: "Created by: susana96" is, but a bullet that begins "Created on
Khrushchev's orders, ..." is a note and is kept. Each pattern is anchored at both ends.
"""

from __future__ import annotations

import re

_WHOLE = [
    # revision sites: author and date stamps, page counters, comment and "similar" footers
    r"•?\s*Created (?:by|on):.*",
    r"•?\s*Created on \d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:\s+\d{1,2}:\d{2})?",
    r"(?:Card\s+)?\d+\s*(?:of|/)\s*\d+",
    r"Cards\s*\(\d+\)",
    r"No comments have yet been made",
    r"Similar\b.*\bresources:?",
    r"(?:See all\b.*?»\s*)+",
    # flashcard sites: the self-rating row, counters, buttons and keyboard help
    r"How well did you know this\??(?:\s*1?\s*Not at all(?:\s*\d)*\s*(?:Perfectly)?)?",
    r"(?:\d\s+)?Not at all(?:\s+\d)*(?:\s+Perfectly)?",
    r"(?:\d\s+)*Perfectly",
    r"Toggle\s+On\s*/\s*Off",
    r"(?:Shuffle|Flip|Flip card|Show answer|Hide answer|Reveal answer|Next card|Previous card"
    r"|Start over|Restart|Full ?screen|Keyboard shortcuts|Track progress|Still learning|Got it"
    r"|Study again|Add to folder|Report this set|Share|Embed|Print|Options|Settings)",
    r"(?:Press|Use|Hit)\s+(?:the\s+)?(?:space(?:\s*bar)?|spacebar|enter|arrow keys?|[←→↑↓]+)\b.{0,60}",
    r"(?:Space|Spacebar|[←→]|[←→]\s*[←→])\s*(?:to\s+)?(?:flip|next|previous|back)?",
    r"Terms in this set\s*\(\d+\)",
]
LINES = [re.compile(rf"^\s*(?:{p})\s*$", re.I) for p in _WHOLE]
# furniture glued onto the end of a line of notes ("...economic growth• Created by: susana96")
TAIL = re.compile(r"\s*•\s*Created by:.*$", re.I)


def is_furniture(line: str) -> bool:
    return any(rx.match(line) for rx in LINES)


def strip(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines with furniture removed, and what was removed."""
    kept, dropped = [], []
    for line in lines:
        if is_furniture(line):
            dropped.append(line.strip())
            continue
        m = TAIL.search(line)
        if m:
            dropped.append(line[m.start() :].strip())
            line = line[: m.start()]
        kept.append(line)
    return kept, dropped
