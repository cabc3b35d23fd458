"""Read a YAML file into a node tree that keeps each scalar's text as typed and its position.

Only composing is done (no constructing), with libyaml's safe loader when present, so no tag can build
an object and `No`, `1956-02-25` or `3.10` stay exactly what the teacher wrote.
"""

from __future__ import annotations

import json
import re

import yaml

from .errors import Problem

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
    "topics", "sections", "layout", "name",
}  # fmt: skip
_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)


def read_text(path: str, fs_path: str, problems: list[Problem]) -> str | None:
    """The file's text as UTF-8, or None with a problem recorded."""
    try:
        with open(fs_path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        problems.append(Problem(path, 0, 0, "file not found", "check the name and folder"))
        return None
    except IsADirectoryError:
        problems.append(Problem(path, 0, 0, "is a folder, not a file", "name a .yaml file"))
        return None
    except OSError as e:
        problems.append(Problem(path, 0, 0, f"cannot read the file: {e.strerror}"))
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
    try:
        # bytes: libyaml reads UTF-8 itself, a third faster than handing it a str
        node = yaml.compose(text.encode("utf-8"), Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        problems.append(_syntax_problem(path, text, e))
        return None
    except yaml.YAMLError as e:  # pragma: no cover - every libyaml error carries a mark
        problems.append(Problem(path, 1, 1, f"YAML error: {e}"))
        return None
    return node


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _syntax_problem(path: str, text: str, e: yaml.MarkedYAMLError) -> Problem:
    mark = e.problem_mark or e.context_mark
    if "quoted scalar" in (e.context or "") and e.context_mark:
        mark = e.context_mark  # point at the quote that was opened, not the end of the file
    line_no, col = (mark.line, mark.column) if mark else (0, 0)
    lines = text.splitlines()
    line = lines[line_no] if line_no < len(lines) else ""
    message = f"YAML syntax error: {e.problem or e.context}"
    hint = ""
    key, value = _split_item(line)
    if "mapping values are not allowed" in (e.problem or "") and value:
        message = "this text contains ': ', which YAML reads as a new key"
        hint = f"put the text in double quotes: {key}{quoted(value)}"
    elif value[:1] in ("*", "&", "!", "%", "@", "`"):
        message = f"a text cannot start with '{value[0]}' unquoted in YAML"
        hint = f"put the text in double quotes: {key}{quoted(value)}"
    elif "found unexpected end of stream" in (e.problem or "") or "quoted scalar" in (e.context or ""):
        message = "a quote is opened but never closed"
        hint = "close the quote on the same text, or remove it"
    elif "expected <block end>" in (e.problem or "") or "did not find expected" in (e.problem or ""):
        hint = "check the indentation of this line against the lines above it"
    return Problem(path, line_no + 1, col + 1, message, hint)


def _split_item(line: str) -> tuple[str, str]:
    """Split '  - key: value' into the part to keep ('- key: ') and the value."""
    m = re.match(r"^(\s*(?:-\s+)?(?:[\w ]+:\s+)?)(.*)$", line)
    if not m:
        return "", line.strip()
    head, value = m.group(1).lstrip(), m.group(2).strip()
    key = head.lstrip("- ").rstrip(": ")
    if head.startswith("-") and key and key not in KNOWN_KEYS:
        # "- Note: a: b" is one point whose text has colons, not a key "Note"
        return "- ", line.strip()[1:].strip()
    return head, value
