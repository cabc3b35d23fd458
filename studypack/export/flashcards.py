"""The pack as flashcards, whatever app shows them: one per card and one per key term, with the
topic, the subject, and a key that stays the same while the card's topic file and front do."""

from __future__ import annotations

import hashlib
import html
import os
from collections.abc import Iterator
from dataclasses import dataclass

from studypack.errors import UsageError
from studypack.model import BulletPoint, Card, Pack, Picture, Topic
from studypack.text.markup import NORMAL, SUB, SUP, parse, plain


@dataclass(frozen=True)
class Flashcard:
    """One thing to learn: its front and back as HTML and as plain text, where it comes from."""

    topic: Topic
    kind: str  # "card" or "key term"
    key: tuple[str, ...]  # stable identity: topic file, kind, front (and a count for repeated fronts)
    front_html: str
    back_html: str
    front_text: str
    back_text: str
    pictures: tuple[Picture, ...] = ()  # files the HTML shows (Anki's media)


def chosen_topics(pack: Pack, only: list[str]) -> tuple[Topic, ...]:
    """The topics named by `--only` (title or file name), all when none; unknown names are a usage error."""
    topics = pack.topics_named(tuple(only))
    known = {t.topic for t in pack.topics} | {_stem(t.src.path) for t in pack.topics}
    unknown = [n for n in only if n not in known]
    if unknown:
        names = ", ".join(repr(t.topic) for t in pack.topics)
        raise UsageError(
            f"--only {unknown[0]}: the pack has no such topic (it has: {names}; a file name works too)"
        )
    return topics


def _stem(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def topic_key(topic: Topic, base: str) -> str:
    """The topic's identity for a flashcard app: its file's path from the pack's folder, with '/'
    (as the manifest names it). Two topics of one title are two files, and the path stays the same
    when the pack is rebuilt, moved as a whole, or exported from another folder."""
    path = topic.src.path
    if not path:
        return topic.topic
    if os.path.isabs(path):
        try:
            path = os.path.relpath(os.path.realpath(path), os.path.realpath(base or "."))
        except ValueError:  # another drive (Windows)
            pass
    return os.path.normpath(path).replace(os.sep, "/")


def flashcards(topics: tuple[Topic, ...], base: str = ".") -> Iterator[Flashcard]:
    """Every card and key term of the topics; `base`: the pack's folder (see `topic_key`)."""
    for topic in topics:
        seen: dict[tuple[str, ...], int] = {}
        tk = topic_key(topic, base)
        for card in topic.cards:
            yield _card(topic, tk, card, seen)
        for term in topic.key_terms:
            key = _unique((tk, "key term", plain(term.term)), seen)
            yield Flashcard(topic, "key term", key, to_html(term.term), to_html(term.definition),
                            plain(term.term), plain(term.definition))  # fmt: skip


def media_name(pic: Picture) -> str:
    """A picture's name in Anki's media folder: unique per file, so two 'map.png' never clash."""
    digest = hashlib.sha1(os.path.abspath(pic.path).encode("utf-8")).hexdigest()[:10]
    return f"studypack-{digest}-{pic.name}"


def _img(pic: Picture | None) -> str:
    if pic is None:
        return ""
    alt = html.escape(pic.alt or pic.name, quote=True)
    return f'<div><img src="{html.escape(media_name(pic), quote=True)}" alt="{alt}"></div>'


def _card(topic: Topic, tk: str, card: Card, seen: dict[tuple[str, ...], int]) -> Flashcard:
    key = _unique((tk, "card", plain(card.front)), seen)
    back = _points_html(card.points) + "".join(f"<p>{to_html(p)}</p>" for p in _paragraphs(card.text))
    points = " ".join(f"• {t}" for t in _flat(card.points))
    back_text = " / ".join(t for t in [points, *(plain(p) for p in _paragraphs(card.text))] if t)
    front = _img(card.front_image) + ("" if card.untitled else to_html(card.front))
    pics = tuple(p for p in (card.front_image, card.image) if p is not None)
    return Flashcard(topic, "card", key, front, back + _img(card.image), plain(card.front), back_text, pics)


def _unique(key: tuple[str, ...], seen: dict[tuple[str, ...], int]) -> tuple[str, ...]:
    """The second card of the same front in a topic gets its own key, so neither replaces the other."""
    n = seen.get(key, 0) + 1
    seen[key] = n
    return key if n == 1 else (*key, str(n))


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _points_html(points: tuple[BulletPoint, ...]) -> str:
    if not points:
        return ""
    items = "".join(f"<li>{to_html(p.text)}{_points_html(p.points)}</li>" for p in points)
    return f"<ul>{items}</ul>"


def _flat(points: tuple[BulletPoint, ...]) -> list[str]:
    out: list[str] = []
    for p in points:
        out.append(plain(p.text))
        out += _flat(p.points)
    return out


_TAGS = {SUB: "sub", SUP: "sup"}


def mathjax(formula: str) -> str:
    """A formula (`$...$` or `$$...$$` as typed) for Anki, which sets `\\(...\\)` and `\\[...\\]` with
    MathJax; its LaTeX HTML-escaped like any text. One that does not parse stays as typed."""
    from studypack.text import maths

    latex, display = maths.source(formula)
    if maths.layout(latex, display).error:
        return html.escape(formula, quote=False)
    return html.escape(f"\\[{latex}\\]" if display else f"\\({latex}\\)", quote=False)


def to_html(text: str) -> str:
    """studypack's markup as HTML: bold, italic, sub- and superscripts; everything else escaped.
    Tags open and close only where the style changes: '**H~2~O**' is '<b>H<sub>2</sub>O</b>'."""
    out: list[str] = []
    opened: tuple[str, ...] = ()
    for run in parse(" ".join(text.split())):
        script = (_TAGS[run.script],) if run.script != NORMAL else ()
        want = ("b",) * run.bold + ("i",) * run.italic + script
        keep = 0
        while keep < min(len(opened), len(want)) and opened[keep] == want[keep]:
            keep += 1
        out += [f"</{t}>" for t in reversed(opened[keep:])] + [f"<{t}>" for t in want[keep:]]
        out.append(mathjax(run.text) if run.math else html.escape(run.text, quote=False))
        opened = want
    out += [f"</{t}>" for t in reversed(opened)]
    return "".join(out)
