"""The one walker over a file's YAML node tree: it reads values as typed, checks what YAML itself
cannot tell (words dropped as comments, points folded into the one above, keys in the wrong case)
and collects every problem with its line and column instead of stopping at the first.

Topic files (topic.py) and pack manifests (manifest.py) are both read through it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import yaml

from studypack.errors import Problem
from studypack.load.yamlread import (
    PLAIN_TAGS,
    TYPOGRAPHIC_QUOTES,
    compose,
    quoted,
    quoted_line,
    read_text,
    starts_with_curly_quote,
)
from studypack.model import Source


@dataclass
class Walker:
    """Reads one file's node tree, collecting problems instead of stopping at the first."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the source, for what YAML itself cannot tell
    date_order: str | None = None  # the pack's `date_order`, if it says
    suggested: set[str] = field(default_factory=set)  # keys the last mapping's misspellings stand for
    base: str = ""  # the file's folder on disk: pictures' paths are read from it
    root: str = ""  # the pack's folder (the manifest's): what an SVG may refer to (svgsafe)

    def at(self, node: yaml.Node) -> Source:
        m = node.start_mark
        return Source(self.path, m.line + 1, m.column + 1)

    def err(self, node: yaml.Node, message: str, hint: str = "", warning: bool = False) -> None:
        s = self.at(node)
        self.problems.append(Problem(self.path, s.line, s.col, message, hint, warning))

    def tagged(self, node: yaml.Node) -> bool:
        if node.tag not in PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.err(node, f"YAML tag '{tag}' is not allowed", "remove the tag; write plain text")
            return True
        return False

    def mapping(
        self, node: yaml.Node, what: str, keys: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The mapping's entries by key; unknown, duplicate and missing keys are reported."""
        if self.tagged(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.err(node, f"expected {what} (a mapping of keys), found {kind_of(node)}")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        suggested: set[str] = set()  # keys a misspelling stands for: not reported missing as well
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.err(k, f"a key must be a plain word, found {kind_of(k)}", "write e.g. `title:`")
                continue
            name = self.key_name(k, keys)
            if name in out:
                first = out[name][0].start_mark.line + 1
                self.err(
                    k,
                    f"duplicate key '{k.value}' (first at line {first})",
                    "YAML would keep only the last one and lose the other; merge or rename them",
                )
                continue
            if name not in keys:
                hint = did_you_mean(name, keys)
                import difflib  # only for a name that is not known

                suggested.update(difflib.get_close_matches(name, keys, n=1, cutoff=0.6))
                self.err(k, f"unknown key '{name}' in {what}", hint)
                continue
            out[name] = (k, v)
        self.suggested = suggested
        for r in required:
            if r not in out and r not in suggested:
                self.err(node, f"{what} has no '{r}'", f"add `{r}:`")
        return out

    def err_at_dash(self, node: yaml.Node, message: str, hint: str) -> None:
        """A problem with an empty list item, pointed at its '-' rather than the nothing after it."""
        m = node.start_mark
        line = self.lines[m.line] if m.line < len(self.lines) else ""
        dash = line.rfind("-", 0, m.column + 1)
        col = dash + 1 if dash >= 0 else m.column + 1
        self.problems.append(Problem(self.path, m.line + 1, col, message, hint))

    def key_name(self, k: yaml.ScalarNode, keys: tuple[str, ...] | list[str]) -> str:
        """The key as the format spells it: `Points:` is read as `points:`, with a warning."""
        name = k.value
        if name not in keys and name.strip().lower() in keys:
            fixed = name.strip().lower()
            self.err(k, f"key '{name}' is read as '{fixed}'", f"keys are lower case: write `{fixed}:`", True)
            return fixed
        return name

    def text(self, node: yaml.Node, what: str, required: bool = True, empty_hint: str = "") -> str:
        """A scalar's text as typed (block scalars lose their final newline)."""
        if self.tagged(node):
            return ""
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            typed = self.typed_pair(node)  # `title:` with `Cells: the basics` on the line under it
            if typed is not None:
                return typed
        gap = self.gap_text(node)  # `event: [[Sputnik]]`: a cloze gap, not a list in a list
        if gap is not None:
            return gap
        if not isinstance(node, yaml.ScalarNode):
            self.err(node, f"expected text for {what}, found {kind_of(node)}", self.quote_hint(node))
            return ""
        value = node.value.rstrip() if node.style in ("|", ">") else node.value
        if required and not value.strip():
            comment = self.comment_only(node)
            if comment:  # `event: #2 Berlin`: the whole text became a comment
                self.err(node, f"{what} is empty: YAML reads '{comment}' as a comment, since '#' after a "
                         "space starts one", f"put the text in quotes: {quoted_line(self.source_line(node))}")  # fmt: skip
                return ""
            self.err(
                node, f"{what} is empty", empty_hint or "write the text after the colon, or remove the key"
            )
        if not node.style and self.lines:  # plain (libyaml says '', PyYAML None)
            self.check_plain(node)
        if "$" in value:
            self.check_maths(node, value)
        return value

    def check_maths(self, node: yaml.ScalarNode, value: str) -> None:
        """Each formula (`$...$`) in the text is laid out now: one that does not parse is a warning
        at its place, and prints as typed."""
        from studypack.text import maths

        for a, b, _display in maths.spans(value):
            f = maths.layout(*maths.source(value[a:b]))
            if f.error:
                line, col = self.place_of(node, value[a:b])
                self.problems.append(Problem(
                    self.path, line, col, f"the formula {value[a:b]} cannot be set: {f.error}",
                    "it is printed as typed; check the LaTeX, or write \\$ for a dollar sign", True,
                ))  # fmt: skip

    def place_of(self, node: yaml.Node, piece: str) -> tuple[int, int]:
        """Line and column (from 1) of `piece` within a text as typed, else of the text itself."""
        m, end = node.start_mark, node.end_mark
        for n in range(m.line, min(end.line, len(self.lines) - 1) + 1):
            k = self.lines[n].find(piece, m.column if n == m.line else 0)
            if k >= 0:
                return n + 1, k + 1
        return m.line + 1, m.column + 1

    def check_plain(self, node: yaml.ScalarNode) -> None:
        """Words YAML drops or joins without a sign, in an unquoted text."""
        start, end = node.start_mark, node.end_mark
        for n in range(start.line + 1, min(end.line, len(self.lines) - 1) + 1):
            line = self.lines[n]
            if line.lstrip().startswith("- ") or line.strip() == "-":
                col = len(line) - len(line.lstrip()) + 1
                self.problems.append(Problem(
                    self.path, n + 1, col,
                    "this '- ' line is joined to the text above it, not read as a point of its own: "
                    "it is indented deeper than the points around it",
                    "start its '-' in the same column as the other points', or make it a sub-point "
                    "with `- text: ...` and `points:` under it",
                    True,
                ))  # fmt: skip
        if end.line < len(self.lines):
            line = self.lines[end.line]
            m = _COMMENT.match(line, end.column)
            if m and not _meant_as_comment(node.value, line[end.column : m.start(1)], m.group(1)):
                lost = m.group(1).rstrip()
                whole = line[: m.start(1)] + lost
                self.problems.append(Problem(
                    self.path, end.line + 1, m.start(1) + 1,
                    f"'{lost}' is dropped: YAML reads ' #' as the start of a comment",
                    f"to keep it, put the text in quotes: {quoted_line(whole)}; if it is a note to "
                    "yourself, put two spaces before '# '",
                    True,
                ))  # fmt: skip

    def typed_pair(self, node: yaml.MappingNode) -> str | None:
        """A one-key mapping that YAML made of a text with ': ' in it, as the text typed; None
        when it is not plain text (a tag, a list, keys of its own)."""
        k, v = node.value[0]
        if not (isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)):
            return None
        if k.tag not in PLAIN_TAGS or v.tag not in PLAIN_TAGS or k.start_mark.line >= len(self.lines):
            return None
        line = self.lines[k.start_mark.line]
        value = v.value.rstrip() if v.style in ("|", ">") else v.value
        if not v.style:
            self.check_plain(v)
        return typed_key(line, k) + typed_rest(line, k, v, value)

    def gap_text(self, node: yaml.Node) -> str | None:
        """`[[words]]` as typed, where YAML read a list holding a list: a whole text that is one
        cloze gap. None for anything else."""
        if not isinstance(node, yaml.SequenceNode) or not node.flow_style:
            return None
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or start.line >= len(self.lines):
            return None
        raw = self.lines[start.line][start.column : end.column]
        return raw if _WHOLE_GAP.fullmatch(raw) else None

    def quote_hint(self, node: yaml.Node) -> str:
        """For "- Note: remember this", read by YAML as a mapping: the fix is quoting the line."""
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            k, v = node.value[0]
            if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode):
                line = self.source_line(k)
                return f"YAML read ': ' as a key; put the whole text in quotes: {quoted_line(line)}"
        return ""

    def comment_only(self, node: yaml.ScalarNode) -> str:
        """The comment that took the place of an empty plain value (`event: #2 Berlin`)."""
        m = node.start_mark
        if node.style or m.line >= len(self.lines):
            return ""
        rest = self.lines[m.line][m.column :].strip()
        return rest if rest.startswith("#") else ""

    def source_line(self, node: yaml.Node) -> str:
        n = node.start_mark.line
        return self.lines[n].strip() if n < len(self.lines) else ""

    def seq(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if self.tagged(node):
            return []
        if isinstance(node, yaml.ScalarNode) and node.value == "":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.err(node, f"expected a list for {what} (lines starting '- '), found {kind_of(node)}")
            return []
        return list(node.value)


def typed_key(line: str, k: yaml.ScalarNode) -> str:
    """The key as typed, quotes and all, with its colon: `Nucleus:`."""
    start, end = k.start_mark, k.end_mark
    if end.line == start.line:
        colon = line.find(":", end.column)
        if colon >= 0 and not line[end.column : colon].strip():
            return line[start.column : colon + 1]
    return f"{k.value}:"


def typed_rest(line: str, k: yaml.ScalarNode, v: yaml.ScalarNode, value: str) -> str:
    """What follows the key's colon as typed: the value from the source line when it is on the
    key's line (quotes kept), else YAML's reading of it."""
    if not value.strip():
        return ""
    start, end = v.start_mark, v.end_mark
    if start.line == end.line == k.start_mark.line and v.style not in ("|", ">"):
        colon = line.find(":", k.end_mark.column)
        return line[colon + 1 : end.column]
    return " " + value


def kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if not node.value:
        return "nothing"
    shown = node.value if len(node.value) <= 60 else node.value[:57].rstrip() + "..."
    return f"the text {quoted(shown)}"


_COMMENT = re.compile(r"\s+(#.*)$")
_WHOLE_GAP = re.compile(r"\[\[[^\[\]]+\]\]")


def _meant_as_comment(value: str, gap: str, comment: str) -> bool:
    """Whether ' #...' after an unquoted text is a comment the teacher meant: two spaces or more and
    '# ' is how comments are written. One space (`- elections #2`), no space after the '#', or a
    closing curly quote in it (`- “Stalin  # note”`) mean the words were meant as text."""
    closes_quote = starts_with_curly_quote(value) and any(q in comment for q in TYPOGRAPHIC_QUOTES)
    return len(gap) >= 2 and comment.startswith("# ") and not closes_quote


def did_you_mean(name: str, keys: tuple[str, ...] | list[str]) -> str:
    import difflib  # only for a name that is not known

    close = difflib.get_close_matches(name, keys, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + ", ".join(keys)


# ---- topic files -------------------------------------------------------------------------------


_OUR_LINE = re.compile(
    r"^(?:- +)?[\"']?(?:topic|title|topics|cards|sections|subject|timeline|key_terms|front)[\"']? *:",
    re.IGNORECASE | re.MULTILINE,
)


def file_root(w: Walker, fs_path: str) -> yaml.Node | None:
    """The node tree of `w`'s file (read from `fs_path`), keeping its lines for `w`'s checks."""
    text = read_text(w.path, fs_path, w.problems)
    if text is None:
        return None
    w.lines = text.splitlines()
    w.base = os.path.dirname(os.path.abspath(fs_path))
    return _compose_ours(w.path, text, w.problems)


def _compose_ours(path: str, text: str, problems: list[Problem]) -> yaml.Node | None:
    has_content = any(ln.strip() and not ln.lstrip().startswith("#") for ln in text.splitlines())
    if has_content and not _OUR_LINE.search(text):
        # Not ours (say /etc/passwd, or a notes file to import): say so, and never echo its lines.
        problems.append(
            Problem(
                path,
                0,
                0,
                "is not a topic file or pack manifest: no line starts with `topic:` or `title:`",
                "a topic file starts with `topic: ...`, a pack with `title: ...`; "
                "to turn notes into a topic file, use `studypack import FILE -o DIR`",
            )  # fmt: skip
        )
        return None
    return compose(path, text, problems)
