"""Read a YAML file into a node tree that keeps each scalar's text as typed and its position.

Only composing is done (no constructing), with libyaml's safe loader when present, so no tag can build
an object and `No`, `1956-02-25` or `3.10` stay exactly what the teacher wrote.
"""

from __future__ import annotations

import json
import re

import yaml

from studypack.errors import Problem
from studypack.files import FileProblem, read_bytes

# libyaml is about 10x faster than the pure-Python loader
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Tags YAML gives plain nodes by itself; anything else was written by the teacher (e.g. `!!python/...`).
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
}
# Keys of the content format, to tell "- title: x: y" (a key) from "- Note: x: y" (a text).
KNOWN_KEYS = {
    "topic", "subject", "cards", "title", "points", "text", "front", "back", "review", "timeline",
    "date", "event", "key_terms", "term", "definition", "class", "teacher", "paper", "font",
    "topics", "sections", "layout", "name", "strict", "date_order", "preset",
}  # fmt: skip
_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)
TYPOGRAPHIC_QUOTES = "“”‘’„«»"


def starts_with_curly_quote(text: str) -> bool:
    return bool(text) and text[0] in TYPOGRAPHIC_QUOTES


MAX_DEPTH = 100  # nesting beyond this is no topic file, and libyaml's recursion would crash on it
MAX_EXPANSION = 10  # aliases may not make a file more than 10x its own text


def read_text(path: str, fs_path: str, problems: list[Problem]) -> str | None:
    """The file's text as UTF-8, or None with a problem recorded. Only regular files are read, so a
    device, FIFO or /dev/zero named as a topic is refused instead of read for ever."""
    try:
        data = read_bytes(fs_path)
    except FileProblem as e:
        problems.append(Problem(path, 0, 0, e.message, e.hint))
        return None
    if b"\x00" in data[:8192]:
        problems.append(
            Problem(path, 0, 0, "is not a text file", "topic files are YAML text, saved as UTF-8")
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        problems.append(
            Problem(
                path,
                line,
                col,
                f"the file is not UTF-8 (byte 0x{data[e.start]:02x})",
                "save it as UTF-8 in your editor ('Save as' > Encoding: UTF-8)",
            )
        )
        return None
    return text


def compose(path: str, text: str, problems: list[Problem]) -> yaml.Node | None:
    """The document's node tree, or None with every problem found recorded."""
    if _UNPRINTABLE.search(text):
        problems += unprintable(path, text)
        return None
    tabs = [m for m in _TAB_INDENT.finditer(text)]
    if tabs:
        for m in tabs:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(
                Problem(
                    path,
                    line,
                    len(m.group(1)) + 1,
                    "tab character in the indentation",
                    "YAML indents with spaces only; replace the tab with spaces",
                )
            )
        return None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.append(Problem(path, 1, 1, "the file is empty", "a topic starts with `topic:`"))
        return None
    deep = _too_deep(text)
    if deep:
        line, col = deep
        problems.append(Problem(path, line, col, f"lists or mappings nest more than {MAX_DEPTH} levels deep",
                                "no topic needs this; check for stray '[' or '{' characters"))  # fmt: skip
        return None
    try:
        node = _compose_text(text)
    except yaml.MarkedYAMLError as e:
        # `title: Cells: the basics`, `- Kennedy: "Ich bin" in 1963`: colons and quotes as text
        # (imported here: a file that parses, as most do, never needs it, and `check` stays quick)
        from studypack.load.colons import recover

        node, left = recover(text, e, _compose_text)
        if left is not None:
            problems.append(_syntax_problem(path, text, left))
            return None
    except yaml.YAMLError as e:  # pragma: no cover - every libyaml error carries a mark
        problems.append(Problem(path, 1, 1, f"YAML error: {e}"))
        return None
    except RecursionError:  # pragma: no cover - _too_deep bounds nesting first
        problems.append(Problem(path, 1, 1, "the file nests too deeply to read"))
        return None
    if node is not None and "*" in text:
        grown = _expanded_size(node)
        if grown > MAX_EXPANSION * max(len(text), 100):
            at = _first_alias(text)
            problems.append(Problem(path, at[0], at[1],
                f"YAML aliases (*name) repeat text until the file is {grown // max(len(text), 1)}x its size",
                "write the text out, or use fewer aliases"))  # fmt: skip
            return None
    return node


def _compose_text(text: str) -> yaml.Node | None:
    # bytes: libyaml reads UTF-8 itself, a third faster than handing it a str
    return yaml.compose(text.encode("utf-8"), Loader=_Loader)


_FLOW_OPEN, _FLOW_CLOSE = "[{", "]}"
_LEAD = re.compile(r"^[ ?:-]*", re.MULTILINE)


def _too_deep(text: str) -> tuple[int, int] | None:
    """(line, col) where nesting first passes MAX_DEPTH, from a scan of the text: flow brackets
    outside quotes and comments, plus block levels by indentation and compact '- ' entries. An upper
    bound of what libyaml would recurse into, so the composer is never handed a file that crashes it."""
    # The quick answer for nearly every file: each level takes at least one more character of a
    # line's indentation or its run of '- ', and each flow bracket one more, so a file whose longest
    # such run plus its bracket count stays under the limit cannot be too deep.
    longest = max(map(len, _LEAD.findall(text)), default=0)
    if longest + 1 + text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    indents: list[int] = []
    flow = 0
    for n, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if flow == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = len(re.match(r"(?:[-?:] +)*", stripped).group(0).split())  # type: ignore[union-attr]
            if len(indents) + dashes > MAX_DEPTH:
                return n + 1, indent + 1
        if flow == 0 and "[" not in line and "{" not in line:
            continue  # the usual line: no flow brackets to count
        quote = ""
        for i, ch in enumerate(line):
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and (i == 0 or not line[i - 1].isalnum()):
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            elif ch in _FLOW_OPEN:
                flow += 1
                if len(indents) + flow > MAX_DEPTH:
                    return n + 1, i + 1
            elif ch in _FLOW_CLOSE and flow:
                flow -= 1
    return None


def _expanded_size(root: yaml.Node) -> int:
    """Characters the tree would hold with every alias written out (each shared node counted once
    per use), computed without expanding anything."""
    memo: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in memo:
            continue
        if isinstance(node, yaml.ScalarNode):
            memo[id(node)] = len(node.value) + 1
            continue
        children = (
            [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
        )
        if done:
            memo[id(node)] = 1 + sum(memo[id(c)] for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in memo)
    return memo[id(root)]


def _first_alias(text: str) -> tuple[int, int]:
    for n, line in enumerate(text.split("\n")):
        m = re.search(r"(?:^|[\s\[{,])(\*[^\s,\]}]+)", line)
        if m:
            return n + 1, m.start(1) + 1
    return 1, 1


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar (JSON strings are valid YAML); single quotes when the
    text has double quotes of its own and no single ones, as easier to read."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def quoted_line(line: str) -> str:
    """A source line with its text quoted: `- Kennedy: "Ich bin"` -> `- 'Kennedy: "Ich bin"'`."""
    head, value = _split_item(line.strip())
    return f"{head}{quoted(value)}"


def _syntax_problem(path: str, text: str, e: yaml.MarkedYAMLError) -> Problem:
    mark = e.problem_mark or e.context_mark
    if "quoted scalar" in (e.context or "") and e.context_mark:
        mark = e.context_mark  # point at the quote that was opened, not the end of the file
    line_no, col = (mark.line, mark.column) if mark else (0, 0)
    lines = text.splitlines()
    line = lines[line_no] if line_no < len(lines) else ""
    message = f"YAML syntax error: {e.problem or e.context}"
    hint = ""
    from studypack.load.colons import misplaced_key

    key, value = _split_item(line)
    misplaced = misplaced_key(lines, line_no, col) if "mapping values" in (e.problem or "") else None
    if misplaced:
        message, hint = misplaced
    elif "mapping values are not allowed" in (e.problem or "") and starts_with_curly_quote(value):
        message = (
            f"YAML only knows straight quotes (\" and '): to it {value[0]} is text, so the ': ' "
            "inside reads as a new key"
        )
        hint = f"put straight quotes outside and keep yours as text: {key}{quoted(value)}"
    elif "mapping values are not allowed" in (e.problem or "") and value:
        message = "this text contains ': ', which YAML reads as a new key"
        hint = f"put the text in double quotes: {key}{quoted(value)}"
    elif value[:1] in ("*", "&", "!", "%", "@", "`", "[", "]", "{", "}", "|", ">", "-", ",", ":", "?"):
        message = f"a text cannot start with '{value[0]}' unquoted in YAML"
        hint = f"put the text in double quotes: {key}{quoted(value)}"
    elif "found unexpected end of stream" in (e.problem or "") or "quoted scalar" in (e.context or ""):
        message = "a quote is opened but never closed"
        hint = "close the quote on the same text, or remove it"
    elif "expected <block end>" in (e.problem or "") or "did not find expected" in (e.problem or ""):
        message, hint = _indent_problem(lines, line_no) or (
            message,
            "check the indentation of this line against the lines above it",
        )
    return Problem(path, line_no + 1, col + 1, message, hint)


def _indent_problem(lines: list[str], line_no: int) -> tuple[str, str] | None:
    """For a '- ' line YAML refuses: the point above it that starts in another column."""
    if line_no >= len(lines):
        return None
    line = lines[line_no]
    stripped = line.lstrip(" ")
    if not stripped.startswith("-"):
        return None
    col = len(line) - len(stripped)
    for k in range(line_no - 1, -1, -1):
        above = lines[k].lstrip(" ")
        if not above or above.startswith("#"):
            continue
        above_col = len(lines[k]) - len(above)
        if not above.startswith("-") or above_col == col:
            return None
        return (
            f"this point's '-' is in column {col + 1}, but the point above it (line {k + 1}) "
            f"starts in column {above_col + 1}",
            "points of one list start in the same column; for sub-points write `- text: ...` "
            "with `points:` under it",
        )
    return None


def _split_item(line: str) -> tuple[str, str]:
    """Split '  - key: value' into the part to keep ('- key: ') and the value."""
    m = re.match(r"^(\s*(?:-\s+)?(?:[\w ]+:\s+)?)(.*)$", line)
    if not m:
        return "", line.strip()
    head, value = m.group(1).lstrip(), m.group(2).strip()
    key = head.lstrip("- ").rstrip(": ")
    if head.startswith("-") and key and key.lower() not in KNOWN_KEYS:
        # "- Note: a: b" is one point whose text has colons, not a key "Note"
        return "- ", line.strip()[1:].strip()
    return head, value


# Characters a topic cannot hold: C0 and C1 controls (BEL, ESC, ...) and DEL print nothing and YAML
# refuses them; NEL, U+2028 and U+2029 are line breaks to YAML but not to an editor (the error YAML
# gives is about a line the teacher cannot see); U+FFFE, U+FFFF and U+FDD0-U+FDEF are not characters.
# Each is a located error with the hint to remove it, rather than a guess at what was meant.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]")
_BREAKS = {
    "\x0b": "a vertical tab (U+000B), as Word writes for a line break inside a paragraph",
    "\x0c": "a form feed (U+000C), a page break from another program",
    "\x85": "a 'next line' character (NEL, U+0085), which YAML reads as a line break",
    "\u2028": "a line separator (U+2028), which YAML reads as a line break",
    "\u2029": "a paragraph separator (U+2029), which YAML reads as a line break",
}
MAX_UNPRINTABLE = 10  # reported per file: a file full of them is shown by the first few


def unprintable(path: str, text: str) -> list[Problem]:
    """A located error per character that cannot be printed (see _UNPRINTABLE), the first few."""
    import unicodedata

    out: list[Problem] = []
    for m in _UNPRINTABLE.finditer(text):
        if len(out) == MAX_UNPRINTABLE:
            break
        c = m.group()
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        code = f"U+{ord(c):04X}"
        if c in _BREAKS:
            what, hint = _BREAKS[c], "replace it with an ordinary line break or a space"
        elif unicodedata.category(c) == "Cn":
            what, hint = f"{code}, which is not a character", "remove it"
        else:
            what = f"a control character ({code}) that cannot be printed"
            hint = "remove it; it often comes with text copied from another program"
        out.append(Problem(path, line, col, what, hint))
    return out
