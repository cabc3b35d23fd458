"""Notes as block-style YAML a teacher can edit: stable key order, quotes only where YAML needs
them, long text folded over lines, paragraphs as literal blocks.

A small writer of its own: PyYAML's pure-Python emitter took 2.7 s for 1,000 cards, and libyaml's
cannot indent lists under their key as people write them. `run.import_files` loads what this
writes back with the loader and compares, so a quoting mistake can never reach a teacher's file.
"""

from __future__ import annotations

import json

import yaml

from .model import Notes, Point

WIDTH = 96
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_resolver = yaml.resolver.Resolver()


def plain_ok(v: str) -> bool:
    """Whether `v` can be written unquoted and read back as the same text by any YAML reader."""
    if not v or v != v.strip() or v[0] in _INDICATORS or v.endswith(":"):
        return False
    if ": " in v or " #" in v or not v.isprintable():
        return False
    if v[0].isalpha() and " " in v:
        return True  # no YAML boolean, null, number or date starts with a letter and has a space
    return _resolver.resolve(yaml.ScalarNode, v, (True, False)) == "tag:yaml.org,2002:str"


def scalar(v: str, indent: int, used: int) -> list[str]:
    """The lines of a scalar whose first line starts at column `used`; later lines at `indent`."""
    if "\n" in v:
        return ["|-"] + [(" " * indent + line) if line else "" for line in v.split("\n")]
    if not plain_ok(v):
        return [json.dumps(v, ensure_ascii=False)]
    if used + len(v) <= WIDTH:
        return [v]
    out, cur, width = [], "", WIDTH - used
    for word in v.split(" "):
        # break only before a word that cannot start anything else in YAML
        if cur and len(cur) + 1 + len(word) > width and word[:1].isalnum():
            out.append(cur)
            cur, width = word, WIDTH - indent
        else:
            cur = f"{cur} {word}" if cur else word
    out.append(cur)
    return [out[0]] + [" " * indent + line for line in out[1:]]


def _map(d: dict, ind: int) -> list[str]:
    lines = []
    for k, v in d.items():
        head = " " * ind + f"{k}:"
        if isinstance(v, list):
            lines.append(head)
            lines += _seq(v, ind + 2)
        else:
            first, *rest = scalar(v, ind + 2, len(head) + 1)
            lines += [f"{head} {first}", *rest]
    return lines


def _seq(items: list, ind: int) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, dict):
            sub = _map(item, ind + 2)
            lines += [" " * ind + "- " + sub[0][ind + 2 :], *sub[1:]]
        else:
            first, *rest = scalar(item, ind + 2, ind + 2)
            lines += [" " * ind + "- " + first, *rest]
    return lines


def _points(points: list[Point]) -> list:
    return [{"text": p.text, "points": _points(p.points)} if p.points else p.text for p in points]


def as_data(notes: Notes) -> dict:
    data: dict = {"topic": notes.topic}
    if notes.subject:
        data["subject"] = notes.subject
    cards = []
    for c in notes.cards:
        body = "\n\n".join(c.paragraphs)
        card: dict
        if c.question:
            card = {"front": c.title, **({"back": body} if body else {})}
        else:
            card = {"title": c.title}
            if c.points:
                card["points"] = _points(c.points)
            if body:
                card["text"] = body
        if c.front_image:
            card["front_image"] = c.front_image
        if c.image:
            card["image"] = c.image
        if c.review:
            card["review"] = c.review
        cards.append(card)
    if cards:
        data["cards"] = cards
    if notes.key_terms:
        data["key_terms"] = [
            {"term": t.term, "definition": t.definition, **({"review": t.review} if t.review else {})}
            for t in notes.key_terms
        ]
    if notes.timeline:
        data["timeline"] = [
            {"date": e.date, "event": e.event, **({"review": e.review} if e.review else {})}
            for e in notes.timeline
        ]
    return data


def dump(notes: Notes, source: str) -> str:
    head = f"# Imported by studypack from {source}; check the `review:` notes, then delete them."
    return "\n".join([head, *_map(as_data(notes), 0)]) + "\n"
