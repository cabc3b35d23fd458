"""Topic files -> Topic: cards with points and paragraphs, timeline events, key terms.

Read through the walker (walker.py), so each value is the text as typed and each problem points at
its line and column; every problem in the file is reported at once.
"""

from __future__ import annotations

import os

import yaml

from studypack.errors import ContentError, Problem, sort_problems
from studypack.load.dates import DateError, parse_date
from studypack.load.walker import Walker, file_root, typed_key, typed_rest
from studypack.load.yamlread import TYPOGRAPHIC_QUOTES, quoted, quoted_line
from studypack.model import BulletPoint, Card, HistDate, KeyTerm, Person, Picture, TimelineEvent, Topic

TOPIC_KEYS = ("topic", "subject", "cards", "timeline", "key_terms", "people", "taught")
CARD_KEYS = ("title", "front", "points", "text", "back", "review", "image", "front_image")
POINT_KEYS = ("text", "points")
EVENT_KEYS = ("date", "event", "review", "image")
PICTURE_KEYS = ("file", "alt")
TERM_KEYS = ("term", "definition", "review")
PERSON_KEYS = ("name", "about")
MAX_DEPTH = 4  # nested points deeper than this do not print legibly on a card
# A point's one key that is a key of cards, events or key terms: perhaps a card in the wrong column.
AMBIGUOUS_IN_POINTS = frozenset(TOPIC_KEYS + CARD_KEYS + EVENT_KEYS + TERM_KEYS) - set(POINT_KEYS)


def _points(w: Walker, node: yaml.Node, depth: int) -> tuple[BulletPoint, ...]:
    out = []
    for item in w.seq(node, "points"):
        if isinstance(item, yaml.MappingNode):
            if len(item.value) == 1 and not _is_structure(item.value[0][0]):
                term_point = _term_point(w, item, depth)
                if term_point is not None:
                    out.append(term_point)
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
        elif w.gap_text(item) is not None:  # `- [[Sputnik]]`: a point that is one cloze gap
            out.append(BulletPoint(w.gap_text(item) or ""))
        elif isinstance(item, yaml.SequenceNode):
            w.err(item, "this point holds a list of its own: the '- ' lines here are indented deeper "
                  "than the point above them",
                  "start them in the same column as the other points, or give the point sub-points: "
                  "`- text: ...` with `points:` under it")  # fmt: skip
        else:
            if isinstance(item, yaml.ScalarNode) and not item.value.strip() and not w.tagged(item):
                comment = w.comment_only(item)
                if comment:
                    w.err_at_dash(item, f"this bullet point is empty: YAML reads '{comment}' as a comment, "
                                  "since '#' after a space starts one",
                                  f"put the text in quotes: {quoted_line(w.source_line(item))}")  # fmt: skip
                else:
                    w.err_at_dash(item, "this bullet point is empty: a '-' with nothing after it",
                                  "write the point after the '-', or delete the line")  # fmt: skip
                continue
            text = w.text(item, "a bullet point")
            if text.strip():
                out.append(BulletPoint(text))
    return tuple(out)


def _is_structure(key: yaml.Node) -> bool:
    """Whether a point's one key is the format's (`- text: ...`) rather than the first words of a
    point written `- Term: explanation` (`- Text: the novel's words` is a point)."""
    return not isinstance(key, yaml.ScalarNode) or key.value in POINT_KEYS


def _term_point(w: Walker, item: yaml.MappingNode, depth: int) -> BulletPoint | None:
    """`- Nucleus: contains the DNA`: YAML reads a one-key mapping; it is the point as typed, with
    the words before the colon in bold (the usual "term: explanation" of revision notes).
    `- Causes:` with '- ' lines under it is the point "Causes:" with those as its sub-points."""
    k, v = item.value[0]
    if w.tagged(k):
        return None
    line = w.lines[k.start_mark.line] if k.start_mark.line < len(w.lines) else ""
    key_as_typed = typed_key(line, k)
    if key_as_typed.startswith("?"):
        w.err(item, "YAML reads a '?' at the start of a text as the sign of a key",
              f"put the text in quotes: {quoted_line(w.source_line(k))}")  # fmt: skip
        return None
    if k.value in AMBIGUOUS_IN_POINTS:
        w.err(
            item,
            f"'{k.value}:' in a list of points: the '{k.value}:' of a card or topic, or a point whose "
            f"text starts '{k.value}:'?",
            f"for a point, put it in quotes so the colon is text: - {quoted(line[k.start_mark.column :].strip())}; "
            "for a card, start its '-' in the column of the other cards'",
        )
        return None
    subs: tuple[BulletPoint, ...] = ()
    gap = w.gap_text(v)  # `- Nucleus: [[controls the cell]]`
    if gap is not None:
        rest = " " + gap
    elif isinstance(v, yaml.SequenceNode):
        if depth >= MAX_DEPTH:
            w.err(v, f"points nest deeper than {MAX_DEPTH} levels")
        else:
            subs = _points(w, v, depth + 1)
        rest = ""
    elif isinstance(v, yaml.ScalarNode):
        value = w.text(v, "the point", required=False)
        rest = typed_rest(line, k, v, value)
    else:
        w.err(v, f"the point '{key_as_typed}' holds keys of its own",
              "write its sub-points under it as '- ' lines, or put the whole point in quotes: "
              + quoted_line(w.source_line(k)))  # fmt: skip
        return None
    return BulletPoint(_bold_term(key_as_typed) + rest, subs)


def _bold_term(typed_key: str) -> str:
    """`**Nucleus:**`; a key that is a quotation (it opens with a quote), has bold of its own, or
    holds a cloze `[[gap]]` (bold may not span a gap: the worksheet draws the gap apart) is left
    as typed."""
    if (
        typed_key[:1] in "\"'" + TYPOGRAPHIC_QUOTES
        or "**" in typed_key
        or "[[" in typed_key
        or not typed_key[:-1].strip()
    ):
        return typed_key
    return f"**{typed_key}**"


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
    image = picture(w, m["image"][1], "picture") if "image" in m else None
    front_image = picture(w, m["front_image"][1], "front picture") if "front_image" in m else None
    if head is None and front_image is None and "front_image" not in m:
        if not w.suggested & {"title", "front"}:  # a misspelt `title:` was reported already
            w.err(node, "a card has no 'title' (or 'front')", "add `title:` with the card's front")
        return None
    if head is None:  # a picture front with no title ("name this source"): known by its alt text
        if front_image is None:
            return None
        front = front_image.alt or front_image.name
    else:
        front = w.text(head[1], "the card's " + ("title" if "title" in m else "front"))
    errors_before = sum(not p.warning for p in w.problems)
    points = _points(w, m["points"][1], 1) if "points" in m else ()
    refused = sum(not p.warning for p in w.problems) > errors_before  # its points have errors of their own
    text = w.text(m["text"][1], "the card's text") if "text" in m else ""
    back = w.text(m["back"][1], "the card's back") if "back" in m else ""
    review = w.text(m["review"][1], "review") if "review" in m else ""
    body = "\n\n".join(t for t in (back, text) if t)
    card = Card(front, points, body, "front" in m, review, w.at(node), image, front_image, head is None)
    if not points and not body.strip() and not refused and image is None:
        hint = "add `back:` with the answer" if "front" in m else "add `points:` or `text:`"
        w.err(node, f"card '{front}' has nothing on its back", hint, True)
    if review:
        w.err(node, f"card '{front}' needs review: {review}", "remove `review:` when done", True)
    return card


def picture(w: Walker, node: yaml.Node, what: str) -> Picture | None:
    """`image: diagrams/heart.png` or `image: {file: ..., alt: ...}`: the file read from the topic
    file's folder and checked now (found, a PNG, JPEG or SVG, readable), so a bad picture is an
    error at its line before anything is drawn."""
    from studypack.pictures import PictureError, probe

    alt = ""
    if isinstance(node, yaml.MappingNode):
        m = w.mapping(node, what, PICTURE_KEYS, ("file",))
        if m is None or "file" not in m:
            return None
        file_node = m["file"][1]
        alt = w.text(m["alt"][1], "the picture's alt text", False) if "alt" in m else ""
    else:
        file_node = node
    file = w.text(file_node, f"the {what}'s file")
    if not file.strip():
        return None
    path = file if os.path.isabs(file) else os.path.join(w.base or ".", file)
    try:
        info = probe(path, w.root or w.base or None)
    except PictureError as e:
        w.err(file_node, f"picture '{file}' {e.message}", e.hint)
        return None
    for line, why in info.left_out:  # an SVG's references to files outside the pack, and the like
        where = f", line {line} of the SVG" if line else ""
        hint = "keep what the picture shows inside the pack's folder, or embed it in the SVG"
        w.err(file_node, f"picture '{file}'{where}: {why}", hint, warning=True)
    return Picture(file, path, alt, info.kind, w.at(file_node), info.root)


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
    image = picture(w, m["image"][1], "picture") if "image" in m else None
    return TimelineEvent(date, text, review, w.at(node), image)


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


def _person(w: Walker, node: yaml.Node) -> Person | None:
    """`- name: Nikita Khrushchev` with `about:` (who they were); a bare `- Nikita Khrushchev` too."""
    if isinstance(node, yaml.ScalarNode) and not w.tagged(node):
        name = w.text(node, "a person's name")
        return Person(name, "", w.at(node)) if name.strip() else None
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        k, v = node.value[0]
        if isinstance(k, yaml.ScalarNode) and k.value.strip().lower() not in PERSON_KEYS:
            # `- Nikita Khrushchev: First Secretary, 1953-64`: the name, then who they were
            about = w.text(v, "who the person was", False)
            return Person(w.text(k, "the person's name"), about, w.at(node))
    m = w.mapping(node, "a person", PERSON_KEYS, ("name",))
    if m is None or "name" not in m:
        return None
    about = w.text(m["about"][1], "who the person was", False) if "about" in m else ""
    return Person(w.text(m["name"][1], "the person's name"), about, w.at(node))


def topic_from_node(w: Walker, root: yaml.Node) -> Topic | None:
    m = w.mapping(root, "a topic file", TOPIC_KEYS, ("topic",))
    if m is None:
        return None
    title = w.text(m["topic"][1], "the topic") if "topic" in m else ""
    subject = w.text(m["subject"][1], "the subject", False) if "subject" in m else ""

    def items(key: str, fn):
        if key not in m:
            return ()
        return tuple(x for x in (fn(w, n) for n in w.seq(m[key][1], key)) if x is not None)

    cards = items("cards", _card)
    timeline = tuple(sorted(items("timeline", _event), key=lambda e: e.date.sort_key))
    terms = items("key_terms", _term)
    people = items("people", _person)
    if not (cards or timeline or terms) and not any(not p.warning for p in w.problems):
        w.err(root, f"topic '{title}' has no cards, timeline or key terms", "add `cards:`", True)
    taught = _taught(w, m["taught"][1]) if "taught" in m else None
    return Topic(title, subject, cards, timeline, terms, w.at(root), people=people, taught=taught)


def _taught(w: Walker, node: yaml.Node) -> HistDate | None:
    """`taught: 11 January 2027`: when the class had the topic (retrieval practice asks about it
    only in lessons after it); any date form, read with the pack's `date_order`."""
    text = w.text(node, "the date the topic was taught")
    if not text.strip():
        return None
    try:
        date, warning = parse_date(text, w.date_order)
    except DateError as e:
        w.err(node, e.message, e.hint)
        return None
    if warning:
        w.err(node, warning, "", True)
    return date


# A line any topic file or manifest has at its top level (any case: issue of `Topic:` is a warning).
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
