"""Load and validate: YAML files -> the content model, reporting every problem at once.

The loader walks the composed node tree (see yamlread) so each value is the text as typed and each
problem can point at its line and column.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import yaml

from studypack.errors import ContentError, Problem, sort_problems
from studypack.load.dates import DateError, parse_date
from studypack.load.yamlread import (
    PLAIN_TAGS,
    TYPOGRAPHIC_QUOTES,
    compose,
    quoted,
    quoted_line,
    read_text,
    starts_with_curly_quote,
)
from studypack.model import BulletPoint, Card, KeyTerm, Source, TimelineEvent, Topic

TOPIC_KEYS = ("topic", "subject", "cards", "timeline", "key_terms")
CARD_KEYS = ("title", "front", "points", "text", "back", "review")
POINT_KEYS = ("text", "points")
EVENT_KEYS = ("date", "event", "review")
TERM_KEYS = ("term", "definition", "review")
PACK_KEYS = (
    "title", "term", "class", "teacher", "paper", "font", "topics", "sections", "strict", "date_order",
)  # fmt: skip
FONT_KEYS = ("family", "regular", "bold", "italic", "bold_italic")
MAX_DEPTH = 4  # nested points deeper than this do not print legibly on a card


@dataclass
class Walker:
    """Reads one file's node tree, collecting problems instead of stopping at the first."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the source, for what YAML itself cannot tell
    date_order: str | None = None  # the pack's `date_order`, if it says
    suggested: set[str] = field(default_factory=set)  # keys the last mapping's misspellings stand for

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
            self.err(node, f"expected {what} (a mapping of keys), found {_kind(node)}")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        suggested: set[str] = set()  # keys a misspelling stands for: not reported missing as well
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.err(k, f"a key must be a plain word, found {_kind(k)}", "write e.g. `title:`")
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
        if not isinstance(node, yaml.ScalarNode):
            self.err(node, f"expected text for {what}, found {_kind(node)}", self.quote_hint(node))
            return ""
        value = node.value.rstrip() if node.style in ("|", ">") else node.value
        if required and not value.strip():
            comment = self._comment_only(node)
            if comment:  # `event: #2 Berlin`: the whole text became a comment
                self.err(node, f"{what} is empty: YAML reads '{comment}' as a comment, since '#' after a "
                         "space starts one", f"put the text in quotes: {quoted_line(self._line(node))}")  # fmt: skip
                return ""
            self.err(
                node, f"{what} is empty", empty_hint or "write the text after the colon, or remove the key"
            )
        if not node.style and self.lines:  # plain (libyaml says '', PyYAML None)
            self.check_plain(node)
        return value

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

    def quote_hint(self, node: yaml.Node) -> str:
        """For "- Note: remember this", read by YAML as a mapping: the fix is quoting the line."""
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            k, v = node.value[0]
            if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode):
                line = self._line(k)
                return f"YAML read ': ' as a key; put the whole text in quotes: {quoted_line(line)}"
        return ""

    def _comment_only(self, node: yaml.ScalarNode) -> str:
        """The comment that took the place of an empty plain value (`event: #2 Berlin`)."""
        m = node.start_mark
        if node.style or m.line >= len(self.lines):
            return ""
        rest = self.lines[m.line][m.column :].strip()
        return rest if rest.startswith("#") else ""

    def _line(self, node: yaml.Node) -> str:
        n = node.start_mark.line
        return self.lines[n].strip() if n < len(self.lines) else ""

    def seq(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if self.tagged(node):
            return []
        if isinstance(node, yaml.ScalarNode) and node.value == "":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.err(node, f"expected a list for {what} (lines starting '- '), found {_kind(node)}")
            return []
        return list(node.value)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if not node.value:
        return "nothing"
    shown = node.value if len(node.value) <= 60 else node.value[:57].rstrip() + "..."
    return f"the text {quoted(shown)}"


_COMMENT = re.compile(r"\s+(#.*)$")


def _meant_as_comment(value: str, gap: str, comment: str) -> bool:
    """Whether ' #...' after an unquoted text is a comment the teacher meant: two spaces or more and
    '# ' is how comments are written. One space (`- elections #2`), no space after the '#', or a
    closing curly quote in it (`- “Stalin  # note”`) mean the words were meant as text."""
    closes_quote = starts_with_curly_quote(value) and any(q in comment for q in TYPOGRAPHIC_QUOTES)
    return len(gap) >= 2 and comment.startswith("# ") and not closes_quote


def did_you_mean(name: str, keys: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(name, keys, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + ", ".join(keys)


# ---- topic files -------------------------------------------------------------------------------


def _points(w: Walker, node: yaml.Node, depth: int) -> tuple[BulletPoint, ...]:
    out = []
    for item in w.seq(node, "points"):
        if isinstance(item, yaml.MappingNode):
            single = len(item.value) == 1 and str(item.value[0][0].value).lower() not in POINT_KEYS
            if single:
                _colon_in_point(w, item)
                continue
            m = w.mapping(item, "a point", POINT_KEYS, ("text",))
            if m is None:
                continue
            text = w.text(m["text"][1], "the point's text") if "text" in m else ""
            subs: tuple[BulletPoint, ...] = ()
            if "points" in m:
                if depth >= MAX_DEPTH:
                    w.err(m["points"][0], f"points nest deeper than {MAX_DEPTH} levels")
                else:
                    subs = _points(w, m["points"][1], depth + 1)
            out.append(BulletPoint(text, subs))
        elif isinstance(item, yaml.SequenceNode):
            w.err(item, "this point holds a list of its own: the '- ' lines here are indented deeper "
                  "than the point above them",
                  "start them in the same column as the other points, or give the point sub-points: "
                  "`- text: ...` with `points:` under it")  # fmt: skip
        else:
            if isinstance(item, yaml.ScalarNode) and not item.value.strip() and not w.tagged(item):
                comment = w._comment_only(item)
                if comment:
                    w.err_at_dash(item, f"this bullet point is empty: YAML reads '{comment}' as a comment, "
                                  "since '#' after a space starts one",
                                  f"put the text in quotes: {quoted_line(w._line(item))}")  # fmt: skip
                else:
                    w.err_at_dash(item, "this bullet point is empty: a '-' with nothing after it",
                                  "write the point after the '-', or delete the line")  # fmt: skip
                continue
            text = w.text(item, "a bullet point")
            if text.strip():
                out.append(BulletPoint(text))
    return tuple(out)


def _colon_in_point(w: Walker, item: yaml.MappingNode) -> None:
    """A point YAML read as `key: value` because of a colon in it."""
    k, _ = item.value[0]
    line = w._line(k)
    text = re.sub(r"^-\s*", "", line)
    if text.startswith("?"):
        w.err(item, "YAML reads a '?' at the start of a text as the sign of a key",
              f"put the text in quotes: {quoted_line(line)}")  # fmt: skip
        return
    if isinstance(k, yaml.ScalarNode) and starts_with_curly_quote(k.value):
        w.err(
            item,
            f"YAML only knows straight quotes (\" and '): to it {k.value[0]} is text, so the ': ' "
            "inside reads as a key and value",
            f"put straight quotes outside and keep yours as text: {quoted_line(line)}",
        )
        return
    w.err(
        item,
        "this point has ': ' in it, which YAML reads as a key and value (it is the colon, not the indentation)",
        f"put the whole point in quotes: {quoted_line(line)}",
    )


def _card(w: Walker, node: yaml.Node) -> Card | None:
    if isinstance(node, yaml.ScalarNode) and not node.value.strip() and not w.tagged(node):
        w.err_at_dash(node, "this card is empty: a '-' with nothing after it",
                      "write `- title: ...` with its `points:` under it, or delete the line")  # fmt: skip
        return None
    if isinstance(node, yaml.ScalarNode) and not w.tagged(node):
        w.err(
            node,
            "a card is a mapping with a title and points, found plain text",
            f"write: - title: ...  then  points: [...]  (or `text: {quoted(node.value)[:40]}`)",
        )
        return None
    m = w.mapping(node, "a card", CARD_KEYS)
    if m is None:
        return None
    if "title" in m and "front" in m:
        w.err(m["front"][0], "a card has a title or a front, not both", "keep one of them")
    head = m.get("title") or m.get("front")
    if head is None:
        if not w.suggested & {"title", "front"}:  # a misspelt `title:` was reported already
            w.err(node, "a card has no 'title' (or 'front')", "add `title:` with the card's front")
        return None
    front = w.text(head[1], "the card's " + ("title" if "title" in m else "front"))
    errors_before = sum(not p.warning for p in w.problems)
    points = _points(w, m["points"][1], 1) if "points" in m else ()
    refused = sum(not p.warning for p in w.problems) > errors_before  # its points have errors of their own
    text = w.text(m["text"][1], "the card's text") if "text" in m else ""
    back = w.text(m["back"][1], "the card's back") if "back" in m else ""
    review = w.text(m["review"][1], "review") if "review" in m else ""
    body = "\n\n".join(t for t in (back, text) if t)
    card = Card(front, points, body, "front" in m, review, w.at(node))
    if not points and not body.strip() and not refused:
        hint = "add `back:` with the answer" if "front" in m else "add `points:` or `text:`"
        w.err(node, f"card '{front}' has nothing on its back", hint, True)
    if review:
        w.err(node, f"card '{front}' needs review: {review}", "remove `review:` when done", True)
    return card


def _event(w: Walker, node: yaml.Node) -> TimelineEvent | None:
    m = w.mapping(node, "a timeline event", EVENT_KEYS, ("date", "event"))
    if m is None or "date" not in m or "event" not in m:
        return None
    date_text = w.text(m["date"][1], "the date")
    text = w.text(m["event"][1], "the event")
    review = w.text(m["review"][1], "review") if "review" in m else ""
    if not date_text.strip():
        return None
    try:
        date, warning = parse_date(date_text, w.date_order)
    except DateError as e:
        w.err(m["date"][1], e.message, e.hint)
        return None
    if warning:
        w.err(m["date"][1], warning, "", True)
    if review:
        w.err(node, f"event '{text}' needs review: {review}", "remove `review:` when done", True)
    return TimelineEvent(date, text, review, w.at(node))


def _term(w: Walker, node: yaml.Node) -> KeyTerm | None:
    m = w.mapping(node, "a key term", TERM_KEYS, ("term", "definition"))
    if m is None or "term" not in m or "definition" not in m:
        return None
    review = w.text(m["review"][1], "review") if "review" in m else ""
    k = KeyTerm(
        w.text(m["term"][1], "the term"),
        w.text(m["definition"][1], "the definition"),
        review,
        w.at(node),
    )
    if review:
        w.err(node, f"key term '{k.term}' needs review: {review}", "", True)
    return k


def topic_from_node(w: Walker, root: yaml.Node) -> Topic | None:
    m = w.mapping(root, "a topic file", TOPIC_KEYS, ("topic",))
    if m is None:
        return None
    title = w.text(m["topic"][1], "the topic") if "topic" in m else ""
    subject = w.text(m["subject"][1], "the subject", False) if "subject" in m else ""

    def items(key: str, fn):  # type: ignore[no-untyped-def]
        if key not in m:
            return ()
        return tuple(x for x in (fn(w, n) for n in w.seq(m[key][1], key)) if x is not None)

    cards = items("cards", _card)
    timeline = tuple(sorted(items("timeline", _event), key=lambda e: e.date.sort_key))
    terms = items("key_terms", _term)
    if not (cards or timeline or terms) and not any(not p.warning for p in w.problems):
        w.err(root, f"topic '{title}' has no cards, timeline or key terms", "add `cards:`", True)
    return Topic(title, subject, cards, timeline, terms, w.at(root))


# A line any topic file or manifest has at its top level (any case: issue of `Topic:` is a warning).
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


def load_topic(path: str, fs_path: str | None = None) -> tuple[Topic, list[Problem]]:
    """A topic file as a Topic and its warnings; raises ContentError listing every problem."""
    w = Walker(path)
    root = file_root(w, fs_path or path)
    topic = topic_from_node(w, root) if root is not None else None
    problems = sort_problems(w.problems)
    if any(not p.warning for p in problems):
        raise ContentError(problems)
    assert topic is not None
    return topic, problems


def is_manifest(path: str) -> bool:
    """Whether a file is a pack manifest (it has `topics:` or `sections:`) rather than a topic."""
    root = file_root(Walker(path), path)
    if not isinstance(root, yaml.MappingNode):
        return False
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    return bool(keys & {"topics", "sections"}) and "topic" not in keys
