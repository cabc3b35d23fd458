"""The mends `check --fix` makes, as text in, text out: each for one kind of problem the loader
reports, on the lines it reports, and only where the mend is sure.

Tabs in the indentation (as 4, 2 or 8 columns: whichever reads best), curly quotes used as YAML's
quotes, '- ' lines folded into the point above, colons still ambiguous, keys in the wrong case, keys
indented deeper than the key above them, and words YAML would drop after ' #'.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from studypack.errors import Problem
from studypack.load.colons import value_start
from studypack.load.yamlread import TYPOGRAPHIC_QUOTES, quoted

TAB_WIDTHS = (4, 2, 8)  # what a tab in the indentation may stand for; the one that reads best wins
_CURLY_PAIRS = {"“": "”", "‘": "’", "„": "“", "«": "»", "‚": "‘"}


@dataclass(frozen=True)
class Change:
    """One mend: the line it was made on (from 1, in the file as it was) and what was done."""

    line: int
    what: str


Edit = tuple[int, int, list[str], str]  # first line, end line (exclusive), new lines, what was done


def mend_text(
    text: str, problems: list[Problem], problems_of: Callable[[str], list[Problem]]
) -> tuple[str, list[Change]]:
    """The text with its problems mended where a mend is sure, and the changes made."""
    changes: list[Change] = []
    if any(p.message == "tab character in the indentation" for p in problems):
        text, tabs = _without_tabs(text, problems_of)
        changes += tabs
        problems = problems_of(text)
    for _ in range(3):  # a mend may let YAML read further and find the next
        edits = _edits(text.split("\n"), problems)
        if not edits:
            break
        text, done = _apply(text, edits)
        changes += done
        problems = problems_of(text)
    return text, sorted(changes, key=lambda c: c.line)


# ---- tabs -----------------------------------------------------------------------------------

_LEAD = re.compile(r"^[ \t]*")


def _without_tabs(text: str, problems_of: Callable[[str], list[Problem]]) -> tuple[str, list[Change]]:
    """Tabs in the indentation as spaces: a tab as 4, 2 or 8 columns, whichever gives the file the
    fewest problems (the first of them on a tie)."""
    best: tuple[tuple[int, int], str, int] | None = None
    for width in TAB_WIDTHS:
        candidate = "\n".join(_expand_lead(ln, width) for ln in text.split("\n"))
        ps = problems_of(candidate)
        score = (sum(not p.warning for p in ps), sum(p.warning for p in ps))
        if best is None or score < best[0]:
            best = (score, candidate, width)
    assert best is not None
    _, new, width = best
    tabbed = [
        n
        for n, line in enumerate(text.split("\n"), 1)
        if "\t" in _LEAD.match(line).group(0)  # type: ignore[union-attr]
    ]
    changes = []
    for first, last in _runs(tabbed):
        lines = f"line {first}" if first == last else f"lines {first}-{last}"
        changes.append(Change(first, f"tabs in the indentation of {lines} are now spaces (a tab is {width})"))
    return new, changes


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """[3, 4, 5, 9] -> [(3, 5), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _expand_lead(line: str, width: int) -> str:
    lead = _LEAD.match(line).group(0)  # type: ignore[union-attr]
    return lead.expandtabs(width) + line[len(lead) :] if "\t" in lead else line


# ---- one line at a time ----------------------------------------------------------------------

_KEY_CASE = re.compile(r"^(?:key|layout) '(.+)' is read as '(.+)'$")
_AMBIGUOUS = re.compile(r"^'(.+):' in a list of points")
_DROPPED = re.compile(r"^'(.+)' is dropped: YAML reads ' #'")
_FOLDED = "this '- ' line is joined to the text above it"
_MISPLACED = re.compile(
    r"^'(.+):' is read as more of the text of .* it starts in column (\d+), deeper than .*\(column (\d+)\)$"
)
# Problems a value in curly quotes can cause: YAML read the quotes as text, not as quotes.
_QUOTE_TROUBLE = ("YAML", "this text contains", "a text cannot start", "a quote is opened")


def _edits(lines: list[str], problems: list[Problem]) -> list[Edit]:
    """The mends for these problems, at most one per line (the next round takes the rest)."""
    edits: list[Edit] = []
    taken: set[int] = set()
    folded: dict[int, list[int]] = {}
    for p in problems:
        n = p.line - 1
        if not 0 <= n < len(lines) or n in taken:
            continue
        if p.message.startswith(_FOLDED):
            owner = _owner(lines, n)
            if owner is not None:
                folded.setdefault(owner, []).append(n)
            continue
        moved = _MISPLACED.match(p.message)
        if moved:
            edit = _moved_key(lines, n, moved.group(1), int(moved.group(2)) - 1, int(moved.group(3)) - 1)
            if edit and not taken & set(range(edit[0], edit[1])):
                edits.append(edit)
                taken.update(range(edit[0], edit[1]))
            continue
        new = _mend_line(lines[n], p)
        if new is not None and new[0] != lines[n]:
            edits.append((n, n + 1, [new[0]], new[1]))
            taken.add(n)
    for owner, _ in sorted(folded.items()):
        edit = _unfold(lines, owner)
        if edit and not taken & set(range(edit[0], edit[1])):
            edits.append(edit)
            taken.update(range(edit[0], edit[1]))
    return edits


def _apply(text: str, edits: list[Edit]) -> tuple[str, list[Change]]:
    lines = text.split("\n")
    for start, end, new, _ in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[start:end] = new
    return "\n".join(lines), [Change(start + 1, what) for start, _, _, what in edits]


def _mend_line(line: str, p: Problem) -> tuple[str, str] | None:
    """The line mended for problem `p`, and what was done; None when it is not one to mend."""
    if _DROPPED.match(p.message) or p.message.startswith(_QUOTE_TROUBLE):
        curly = _curly_mended(line)
        if curly:
            return curly
    m = _KEY_CASE.match(p.message)
    if m:
        old, new = m.groups()
        at = p.col - 1
        if line[at : at + len(old)] == old:
            return line[:at] + new + line[at + len(old) :], f"'{old}' is now '{new}'"
        return None
    if _AMBIGUOUS.match(p.message):
        dash = re.match(r"^( *- +)(.*?)\s*$", line)
        if dash and " #" not in dash.group(2):
            return dash.group(1) + quoted(dash.group(2)), "the point is in quotes, so its ':' is text"
        return None
    m = _DROPPED.match(p.message)
    if m:
        return _quote_value(line, "the text is in quotes, so ' #' and what follows it print")
    return None


def _curly_mended(line: str) -> tuple[str, str] | None:
    """A value wrapped in curly quotes (pasted from a word processor) put in straight ones."""
    start, value = value_start(line)
    if not value:
        return None
    value = value.rstrip()
    first, last = value[:1], value[-1:]
    if first not in _CURLY_PAIRS or last != _CURLY_PAIRS[first] or len(value) < 2:
        return None
    inner = value[1:-1]
    if any(q in inner for q in (first, last)):
        return None  # quotes inside quotes: which pair is YAML's is not certain
    return line[:start] + quoted(inner), f"the curly quotes {first}{last} are now YAML's straight quotes"


def _quote_value(line: str, what: str) -> tuple[str, str] | None:
    """The line with its text in quotes: the value after a key of the format, or the whole point
    (`- Term: a #2` is one text, `- "Term: a #2"`)."""
    dash = re.match(r"^( *- +)", line)
    start, value = value_start(line)
    if not value or value[:1] in "\"'" + TYPOGRAPHIC_QUOTES:
        return None
    key = line[dash.end() if dash else 0 : start].strip().rstrip(":").strip()
    if dash and key and key.lower() not in ("text", "title", "front", "back", "event", "term", "definition"):
        start = dash.end()  # a point written `- Term: ...`: quote all of it
    return line[:start] + quoted(line[start:].rstrip()), what


def _moved_key(lines: list[str], n: int, key: str, at: int, to: int) -> Edit | None:
    """`points:` indented deeper than the `title:` above it: the key, and the lines under it, moved
    left to the column of the key above."""
    line = lines[n]
    if line[at : at + len(key) + 1] != key + ":" or line[:at].strip(" -") or to >= at:
        return None
    indent = _indent(line)
    shift = at - to
    end = n + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        end += 1
    while end > n + 1 and not lines[end - 1].strip():
        end -= 1
    if any(ln.strip() and _indent(ln) < shift for ln in lines[n:end]):
        return None
    new = [ln[shift:] if ln.strip() else ln for ln in lines[n:end]]
    return n, end, new, f"'{key}:' and the lines under it moved to column {to + 1}, beside the key above"


# ---- folded bullets --------------------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _owner(lines: list[str], n: int) -> int | None:
    """The point whose text a folded '- ' line at `n` was joined to: the nearest '- ' line above
    that starts further left, all the lines between being deeper than it."""
    col = _indent(lines[n])
    for k in range(n - 1, -1, -1):
        line = lines[k]
        if not line.strip():
            return None
        ind = _indent(line)
        if ind < col and line.lstrip().startswith("- "):
            return k
        if ind < col:
            return None
    return None


def _unfold(lines: list[str], owner: int) -> Edit | None:
    """The '- ' lines folded into the point at `owner`, made points of their own: sub-points when
    they were indented two columns or more deeper (as a teacher indents a sub-point), else points
    beside it (a one-column slip)."""
    d = _indent(lines[owner])
    end = owner + 1
    while end < len(lines) and lines[end].strip() and _indent(lines[end]) > d:
        end += 1
    body = lines[owner + 1 : end]
    dashes = [i for i, ln in enumerate(body) if ln.lstrip().startswith("- ") or ln.strip() == "-"]
    if not dashes:
        return None
    first = min(_indent(body[i]) for i in dashes)
    start, value = value_start(lines[owner])
    plain_point = value is not None and start == d + 2 and value[:1] not in "\"'"
    if first - d >= 2 and plain_point:
        new = [lines[owner][: d + 2] + "text: " + lines[owner][d + 2 :]]
        new += [" " * (d + 4) + ln.strip() for ln in body[: dashes[0]]]
        new.append(" " * (d + 2) + "points:")
        new += _relaid(body[dashes[0] :], d + 4)
        return owner, end, new, f"the deeper '- ' lines under line {owner + 1} are its sub-points"
    new = [lines[owner]] + body[: dashes[0]] + _relaid(body[dashes[0] :], d)
    return owner, end, new, f"the '- ' lines joined to line {owner + 1} are points of their own"


def _relaid(body: list[str], col: int) -> list[str]:
    """'- ' lines at `col`, the text lines that follow each two columns further in."""
    return [" " * (col if ln.lstrip().startswith("-") else col + 2) + ln.strip() for ln in body]
