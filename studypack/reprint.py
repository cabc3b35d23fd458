"""`build --cards 3,7`: which cards to reprint, by the numbers printed on them ("3 of 19"), counted
per topic. In a pack of several topics each number names its topic file (without `.yaml`):
`khrushchev-leader:3-5,8` (a topic applies to the numbers after it, until the next one)."""

from __future__ import annotations

import os
import re

from studypack.errors import UsageError
from studypack.model import Pack, Topic

Pick = tuple[tuple[str, int], ...]  # (topic key, card number), in the order asked for
_ITEM = re.compile(r"\s*(?:(?P<topic>[^:,]+?)\s*:)?\s*(?P<a>\d+)\s*(?:-\s*(?P<b>\d+))?\s*")


def topic_key(topic: Topic) -> str:
    """The name `--cards` knows a topic by: its file's name without `.yaml`/`.yml`."""
    name = os.path.basename(topic.src.path)
    for ext in (".yaml", ".yml"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return name


def parse_cards(specs: list[str], pack: Pack) -> Pick:
    """The cards the `--cards` values name, each once; a usage error naming the pack's topics for
    an unknown topic, a topic left unsaid in a pack of several, or a value that is not a list."""
    keys = [topic_key(t) for t in pack.topics]
    out: list[tuple[str, int]] = []
    for spec in specs:
        topic = keys[0] if len(keys) == 1 else ""
        for item in spec.split(","):
            m = _ITEM.fullmatch(item)
            if not m:
                raise UsageError(f"--cards {spec}: '{item.strip()}' is not a card number or range "
                                 "(e.g. --cards 3,7 or --cards 3-5)")  # fmt: skip
            if m["topic"]:
                topic = _known(m["topic"], keys, spec)
            if not topic:
                raise UsageError(f"--cards {spec}: the pack has {len(keys)} topics, so say whose cards, "
                                 f"e.g. --cards {keys[0]}:{m['a']} (topics: {', '.join(keys)})")  # fmt: skip
            a, b = int(m["a"]), int(m["b"] or m["a"])
            if b < a:
                raise UsageError(f"--cards {spec}: the range {a}-{b} runs backwards (write {b}-{a})")
            out += [(topic, n) for n in range(a, b + 1) if (topic, n) not in out]
    return tuple(out)


def _known(name: str, keys: list[str], spec: str) -> str:
    if name in keys:
        return name
    folded = {k.lower(): k for k in keys}
    if name.lower() in folded:
        return folded[name.lower()]
    raise UsageError(f"--cards {spec}: the pack has no topic '{name}' (its topics: {', '.join(keys)})")


def check_numbers(pick: Pick, numbered: dict[str, int], section: str) -> None:
    """A usage error for a card number the section does not print, saying what it has."""
    missing = [(t, n) for t, n in pick if not 1 <= n <= numbered.get(t, 0)]
    if missing:
        t, n = missing[0]
        has = (
            f"cards 1-{numbered[t]}"
            if numbered.get(t, 0) > 1
            else "card 1"
            if numbered.get(t)
            else "no cards"
        )
        raise UsageError(f"--cards: section '{section}' has no card {n} of topic '{t}' (it has {has} "
                         "of that topic: the numbers printed on the cards)")  # fmt: skip
