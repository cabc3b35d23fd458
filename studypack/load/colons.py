"""Colons and quotes in text, read as typed where YAML would refuse the line.

`title: Cells: the basics`, `- Nucleus: controls: the cell`, `- Kennedy: "Ich bin ein Berliner" in
1963` and `- Nucleus: [[controls]] the cell` are errors to YAML (a second ': ' on a line, text after a
closing quote or bracket), yet each can only mean one thing. When a file does not parse, the characters YAML refuses are swapped for private-use
stand-ins of the same length (so every line and column stays true for later messages), the text is
composed again, and the stand-ins are turned back into the teacher's characters in the node tree.

Only what YAML itself refuses is changed, so a file that parses is never touched and a colon can
never turn a key the teacher meant into text: a refused colon right after a key of the format at the
start of a line (`points:` indented under a title) is left for the indentation message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

# Private-use stand-ins: one character for one, so marks keep their line and column.
COLON, DQUOTE, SQUOTE, HASH, BRACKET = "\uf8f1", "\uf8f2", "\uf8f3", "\uf8f4", "\uf8f5"
_BACK = str.maketrans({COLON: ":", DQUOTE: '"', SQUOTE: "'", HASH: "#", BRACKET: "["})
_STAND_INS = (COLON, DQUOTE, SQUOTE, HASH, BRACKET)
_GAP_FIRST = re.compile(r"\[\[[^\[\]]+\]\](?!\s*(?:#.*)?$)")  # a cloze gap with more text after it
_ANY_STAND_IN = re.compile(f"[{''.join(_STAND_INS)}]")
_FOR_QUOTE = {'"': DQUOTE, "'": SQUOTE}

# Keys of the content format: a refused colon right after one of these at a line's start is
# structure in the wrong column, not text (see the module's docstring).
FORMAT_KEYS = frozenset({
    "topic", "subject", "cards", "title", "points", "text", "front", "back", "review", "timeline",
    "date", "event", "key_terms", "term", "definition", "image", "front_image", "file", "alt",
    "class", "teacher", "paper", "font", "topics", "sections", "layout", "name", "strict",
    "date_order", "preset",
})  # fmt: skip
MAX_RETRIES = 200  # re-reads after the first pass; each is a whole parse of the file,
RETRY_BUDGET = 4_000_000  # so a big file gets fewer: at most this many characters parsed again

_KEY_END = re.compile(r":(?=\s|$)")
_LINE_HEAD = re.compile(r"^( *)((?:- +)*)")
_REFUSED_KEY = re.compile(r"^ *(?:- +)*([\w-]+) *$")


def recover(
    text: str, error: yaml.MarkedYAMLError, compose: Callable[[str], yaml.Node | None]
) -> tuple[yaml.Node | None, yaml.MarkedYAMLError | None]:
    """The node tree of `text` with refused colons and quotes read as text, or the error that
    remains. `error` is what the plain parse of `text` raised; `compose(text)` parses again."""
    if any(c in text for c in _STAND_INS):
        return None, error  # the stand-ins are the teacher's own characters: nothing to recover with
    lines = text.split("\n")
    changed = _first_pass(lines)
    for _ in range(min(MAX_RETRIES, RETRY_BUDGET // max(len(text), 1)) + 1):
        if changed:
            try:
                node = compose("\n".join(lines))
            except yaml.MarkedYAMLError as e:
                error = e
            else:
                restore(node)
                return node, None
        changed = _at_error(lines, error)
        if not changed:
            break
    return None, error


def restore(root: yaml.Node | None) -> None:
    """Turn the stand-ins back into the characters they stand for, in every scalar of the tree."""
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if _ANY_STAND_IN.search(node.value):
                node.value = node.value.translate(_BACK)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(c for pair in node.value for c in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _first_pass(lines: list[str]) -> bool:
    """Every line's value at once: `key: text: more` and `- "quoted" more` made plain text, and
    so is a line that goes on with a plain text from the line above (`- a long point that` /
    `  goes on: here`). A file with a bracketed list or mapping over several lines is left to the
    error-driven pass, where a colon may be a key of its own."""
    changed = False
    skip_deeper: int | None = None  # the body of a `|` or `>` block is text already
    goes_on: int | None = None  # a plain text's next lines are deeper than this column
    for n, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if skip_deeper is not None:
            if not line.strip() or indent > skip_deeper:
                continue
            skip_deeper = None
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            goes_on = None  # a comment line ends a plain text
            continue
        if goes_on is not None and indent > goes_on:
            new = _continued(line)
            if new != line:
                lines[n] = new
                changed = True
            continue
        start, value = value_start(line)
        goes_on = None
        if value is None:
            continue
        if value[:1] in "[{" and _brackets(value) != 0:
            return False
        if value[:1] in "|>":
            head = _LINE_HEAD.match(line)
            skip_deeper = head.end() if head else 0  # the block's lines are deeper than its key
            continue
        if value[:1] in "\"'" and _closing_quote(line, start) is None:
            return False  # a quoted text over several lines: its lines are not values
        new = _as_text(line, start)
        if new != line:
            lines[n] = new
            changed = True
        if new[start] not in "\"'[{&*!|>%@`":
            goes_on = _parent_column(line, start)
    return changed


def _parent_column(line: str, start: int) -> int:
    """The column a plain text's next lines must be deeper than: its key's, or its '-''s."""
    head = _LINE_HEAD.match(line)
    after_dashes = head.end() if head else 0
    if start > after_dashes:  # a key before the text
        return after_dashes
    return line.rfind("-", 0, after_dashes) if after_dashes else 0


def _continued(line: str) -> str:
    """A line that goes on with the plain text above: all its colons are text (but a key of the
    format at its start, which is structure in the wrong column: left for its message)."""
    key = _KEY_END.search(line)
    if key and _REFUSED_KEY.match(line[: key.start()]):
        word = _REFUSED_KEY.match(line[: key.start()]).group(1)  # type: ignore[union-attr]
        if word.lower() in FORMAT_KEYS:
            return line
    chars = list(line)
    for i, c in enumerate(line):
        if c == "#" and i > 0 and line[i - 1] in " \t":
            break
        if c == ":" and (i + 1 == len(line) or line[i + 1] in " \t\r"):
            chars[i] = COLON
    return "".join(chars)


def value_start(line: str) -> tuple[int, str | None]:
    """Where the text after a line's '- ' marks and first key starts, and that text (None for a
    line with nothing to read: blank, a comment, or a key with its value below)."""
    head = _LINE_HEAD.match(line)
    i = head.end() if head else 0
    rest = line[i:]
    if not rest.strip() or rest.lstrip().startswith("#"):
        return i, None
    if rest[0] in "\"'":
        close = _closing_quote(line, i)
        if close is None or not line.startswith(":", close + 1):
            return i, rest  # a quoted text, not a quoted key
        i = close + 1
    elif rest[0] not in "[{&*!|>%@`":
        m = _KEY_END.search(rest)
        if m is None or " #" in rest[: m.start()]:
            return i, rest
        i += m.start()
    else:
        return i, rest
    i += 1  # the key's colon
    while i < len(line) and line[i] == " ":
        i += 1
    value = line[i:]
    return i, (value if value.strip() and not value.startswith("#") else None)


def _as_text(line: str, start: int) -> str:
    """The line with its value from `start` made plain text: a quote that closes before more text
    becomes a stand-in (with any '#' inside it), and so does every ':' YAML would read as a key."""
    chars = list(line)
    i = start
    if line[start] in "\"'":
        close = _closing_quote(line, start)
        if close is None:
            return line
        tail = line[close + 1 :]
        if not tail.strip() or re.match(r"\s+#", tail):
            return line  # a quoted text as YAML means it, perhaps with a comment after it
        chars[start] = _FOR_QUOTE[line[start]]
        for j in range(start + 1, close + 1):
            if line[j] == "#":
                chars[j] = HASH
        i = close + 1
    elif _GAP_FIRST.match(line, start):
        chars[start] = BRACKET  # `- Nucleus: [[controls]] the cell`: a gap, not a list of lists
    elif line[start] in "[{&*!|>%@`":
        return line
    while i < len(line):
        c = line[i]
        if c == "#" and i > 0 and line[i - 1] in " \t":
            break  # a comment: YAML drops it, and the walker says so
        if c == ":" and (i + 1 == len(line) or line[i + 1] in " \t\r"):
            chars[i] = COLON
        i += 1
    return "".join(chars)


def _closing_quote(line: str, start: int) -> int | None:
    """The index of the quote that closes the one at `start` on the same line, or None."""
    q = line[start]
    i = start + 1
    while i < len(line):
        c = line[i]
        if q == '"' and c == "\\":
            i += 2
            continue
        if c == q:
            if q == "'" and line.startswith("''", i):
                i += 2
                continue
            return i
        i += 1
    return None


def _brackets(value: str) -> int:
    depth = 0
    quote = ""
    for c in value:
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
    return depth


def _at_error(lines: list[str], e: yaml.MarkedYAMLError) -> bool:
    """Mend the one place YAML stopped at, if it is a colon or a quote read as text: whether the
    line changed."""
    mark = e.problem_mark
    if mark is None or mark.line >= len(lines):
        return False
    line, col = lines[mark.line], mark.column
    problem = e.problem or ""
    if "mapping values are not allowed" in problem and line[col : col + 1] == ":":
        key = _REFUSED_KEY.match(line[:col])
        if key and key.group(1).lower() in FORMAT_KEYS:
            return False  # `points:` in the wrong column: structure, for the indentation message
        lines[mark.line] = line[:col] + COLON + line[col + 1 :]
        return True
    if "expected" in problem:
        start, value = value_start(line)
        if value and _GAP_FIRST.match(line, start):
            lines[mark.line] = _as_text(line, start)
            return lines[mark.line] != line
        return _quote_before(lines, mark.line, col)
    return False


def _quote_before(lines: list[str], n: int, col: int) -> bool:
    """`- "Ich bin ein Berliner" in 1963`: the quoted text that closes just before `col`, where
    YAML expected the line to end, becomes text with its quotes."""
    line = lines[n]
    for start, c in enumerate(line[:col]):
        if c not in "\"'" or (start and line[start - 1] not in " -:"):
            continue
        close = _closing_quote(line, start)
        if close is not None and close < col and not line[close + 1 : col].strip():
            new = _as_text(line, start)
            if new != line:
                lines[n] = new
                return True
            return False
    return False


def misplaced_key(lines: list[str], n: int, col: int) -> tuple[str, str] | None:
    """For a colon YAML refused right after a key of the format (`points:` indented under a
    title): the message and hint that name the key and the column it belongs in."""
    line = lines[n] if n < len(lines) else ""
    m = _REFUSED_KEY.match(line[:col])
    if not m or m.group(1).lower() not in FORMAT_KEYS or line[col : col + 1] != ":":
        return None
    key, at = m.group(1), m.start(1)
    for k in range(n - 1, -1, -1):
        above = lines[k]
        head = _LINE_HEAD.match(above)
        above_col = head.end() if head else 0
        if not above.strip() or above.lstrip().startswith("#") or above_col > at:
            continue
        above_key = _KEY_END.search(above, above_col)
        name = above[above_col : above_key.start()] if above_key else ""
        if not name or " " in name.strip() or above_col == at:
            break  # the text above is not a key's: no column to name
        return (
            f"'{key}:' is read as more of the text of '{name}:' on line {k + 1}: it starts in column "
            f"{at + 1}, deeper than '{name}:' (column {above_col + 1})",
            f"keys of one card or topic start in the same column: move `{key}:` to column {above_col + 1}",
        )
    return (
        f"'{key}:' is read as more of the text above it: it is indented deeper than that text's start",
        f"start `{key}:` in the column of the keys it belongs with",
    )
