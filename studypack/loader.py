"""Load and validate: YAML files -> the content model, reporting every problem at once.

The loader walks the composed node tree (see yamlread) so each value is the text as typed and each
problem can point at its line and column.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import yaml

from .dates import DateError, parse_date
from .errors import ContentError, Problem
from .model import BulletPoint, Card, KeyTerm, Source, TimelineEvent, Topic
from .yamlread import PLAIN_TAGS, compose, quoted, read_text

TOPIC_KEYS = ("topic", "subject", "cards", "timeline", "key_terms")
CARD_KEYS = ("title", "front", "points", "text", "back", "review")
POINT_KEYS = ("text", "points")
EVENT_KEYS = ("date", "event", "review")
TERM_KEYS = ("term", "definition", "review")
PACK_KEYS = ("title", "term", "class", "teacher", "paper", "font", "topics", "sections")
FONT_KEYS = ("family", "regular", "bold", "italic", "bold_italic")
MAX_DEPTH = 4  # nested points deeper than this do not print legibly on a card


@dataclass
class Walker:
    """Reads one file's node tree, collecting problems instead of stopping at the first."""

    path: str
    problems: list[Problem] = field(default_factory=list)

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
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else ""
            if name in out:
                first = out[name][0].start_mark.line + 1
                self.err(
                    k,
                    f"duplicate key '{name}' (first at line {first})",
                    "YAML would keep only the last one and lose the other; merge or rename them",
                )
                continue
            if name not in keys:
                self.err(k, f"unknown key '{name}' in {what}", _did_you_mean(name, keys))
                continue
            out[name] = (k, v)
        for r in required:
            if r not in out:
                self.err(node, f"{what} has no '{r}'", f"add `{r}:`")
        return out

    def text(self, node: yaml.Node, what: str, required: bool = True) -> str:
        """A scalar's text as typed (block scalars lose their final newline)."""
        if self.tagged(node):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.err(node, f"expected text for {what}, found {_kind(node)}", _quote_hint(node))
            return ""
        value = node.value.rstrip() if node.style in ("|", ">") else node.value
        if required and not value.strip():
            self.err(node, f"{what} is empty", "write the text after the colon, or remove the key")
        return value

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


def _quote_hint(node: yaml.Node) -> str:
    # "- Note: remember this" reads as a mapping {Note: remember this}; the fix is quoting.
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        k, v = node.value[0]
        if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode):
            return f"YAML read ': ' as a key; put the text in quotes: {quoted(f'{k.value}: {v.value}')}"
    return ""


def _did_you_mean(name: str, keys: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(name, keys, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + ", ".join(keys)


# ---- topic files -------------------------------------------------------------------------------


def _points(w: Walker, node: yaml.Node, depth: int) -> tuple[BulletPoint, ...]:
    out = []
    for item in w.seq(node, "points"):
        if isinstance(item, yaml.MappingNode):
            single = len(item.value) == 1 and item.value[0][0].value not in POINT_KEYS
            if single:
                w.err(item, "a point reads as a key and value", _quote_hint(item))
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
        else:
            text = w.text(item, "a point")
            if text.strip():
                out.append(BulletPoint(text))
    return tuple(out)


def _card(w: Walker, node: yaml.Node) -> Card | None:
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
        w.err(node, "a card has no 'title' (or 'front')", "add `title:` with the card's front")
        return None
    front = w.text(head[1], "the card's " + ("title" if "title" in m else "front"))
    points = _points(w, m["points"][1], 1) if "points" in m else ()
    text = w.text(m["text"][1], "the card's text") if "text" in m else ""
    back = w.text(m["back"][1], "the card's back") if "back" in m else ""
    review = w.text(m["review"][1], "review") if "review" in m else ""
    body = "\n\n".join(t for t in (back, text) if t)
    card = Card(front, points, body, "front" in m, review, w.at(node))
    if not points and not body.strip():
        w.err(node, f"card '{front}' has nothing on its back", "add `points:` or `text:`", True)
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
        date, warning = parse_date(date_text)
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


def _file_root(path: str, fs_path: str, problems: list[Problem]) -> yaml.Node | None:
    text = read_text(path, fs_path, problems)
    if text is None:
        return None
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
    root = _file_root(path, fs_path or path, w.problems)
    topic = topic_from_node(w, root) if root is not None else None
    _raise_if_errors(w.problems)
    assert topic is not None
    return topic, w.problems


def _raise_if_errors(problems: list[Problem]) -> None:
    if any(not p.warning for p in problems):
        raise ContentError(problems)


def is_manifest(path: str) -> bool:
    """Whether a file is a pack manifest (it has `topics:` or `sections:`) rather than a topic."""
    problems: list[Problem] = []
    root = _file_root(path, path, problems)
    if not isinstance(root, yaml.MappingNode):
        return False
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    return bool(keys & {"topics", "sections"}) and "topic" not in keys
