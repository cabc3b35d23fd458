"""Which parts of which timeline events a worksheet hides, chosen reproducibly from a seed."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Literal

from studypack.layout_api.options import OptionError, Parser

Blanks = Literal["event", "date", "both", "mixed"]


@dataclass(frozen=True)
class Hidden:
    """What one version hides: per event index, 'date', 'event' or 'both' (blanks are numbered
    later, in date order, by the timeline's items)."""

    parts: dict[int, str]


def _parse_hide(v: object) -> str:
    """`all`, a whole number of events, or a fraction of them (0.5), kept as text for `how_many`."""
    text = str(v).strip().lower() if isinstance(v, str) else ""
    if text == "all":
        return text
    try:
        x = float(text)
        if not math.isfinite(x):
            raise ValueError
    except ValueError:
        raise OptionError(
            f"expected all, a number of events or a fraction such as 0.5; found {v!r}"
        ) from None
    if x <= 0 or (x >= 1 and x != int(x)):
        raise OptionError(f"expected all, a whole number of events or a fraction below 1; found {v!r}")
    return text


parse_hide = Parser(
    _parse_hide,
    "all | N | fraction",
    {"anyOf": [{"type": "string"}, {"type": "number", "exclusiveMinimum": 0}]},
)


def how_many(hide: str, n: int) -> int:
    if hide == "all":
        return n
    x = float(hide)
    return min(n, int(x)) if x >= 1 else max(1, round(x * n)) if n else 0


def choose(
    n_events: int, blanks: str, hide: str, seed: int, version: int, groups: list[list[int]] | None = None
) -> Hidden:
    """Version `version` (0-based) hides `how_many` events; versions hide different ones where
    they can (taking turns through one seeded order) and, with `mixed` or `hide: all`, different parts.
    With `mixed`, events of one date (`groups`) hide the same part: a date hidden for one and shown
    for another would give it away, and an event whose date and text were both hidden could not be
    answered."""
    rng = random.Random(f"studypack-timeline-{seed}")
    order = list(range(n_events))
    rng.shuffle(order)
    k = how_many(hide, n_events)
    start = (version * k) % n_events if n_events else 0
    picked = sorted((order + order)[start : start + k]) if k < n_events else list(range(n_events))
    parts: dict[int, str] = {}
    coin = random.Random(f"studypack-mixed-{seed}")  # the same tosses for every version...
    tosses = [coin.random() < 0.5 for _ in range(n_events)]
    for group in groups or []:
        for i in group[1:]:
            tosses[i] = tosses[group[0]]
    for i in picked:
        if blanks == "mixed":  # ...so version B hides the other part of each event than version A
            parts[i] = ("date", "event")[tosses[i] ^ (version % 2 == 1)]
        else:
            parts[i] = blanks
    return Hidden(parts)
