"""Supported copies (`support:`): the same worksheet with a step up for pupils who need one (a word
bank where there was none, first letters, sentence starters), marked only by a small symbol so
that no one across the table can tell.

`support: yes` prints a supported copy of each version after its ordinary one; with a class list
(`build --students`) it prints one spare supported copy of each version after the pupils' copies.
`support: [Ana Lopez, Ben Hall]` gives those pupils of the class list the supported copy of the
version their turn gives them, in place of the ordinary one (the cover lists who has which).
This module is what every worksheet shares of it: the option, the symbol, the hints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from studypack.layout_api import options as o

SYMBOL_R = 2.2  # points: the mark's radius (a small circled plus, drawn, so no font needs a glyph)
MARK_NAME = "a small circled plus"  # how the cover names the mark


@dataclass(frozen=True)
class Support:
    """`support:` as the teacher wrote it: off, on, or on for the pupils named."""

    on: bool = False
    pupils: tuple[str, ...] = ()

    def for_pupil(self, name: str) -> bool:
        return self.on and _norm(name) in {_norm(p) for p in self.pupils}


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def _parse(v: Any) -> Support:
    if isinstance(v, list):
        names = o.text_list(v)
        return Support(bool(names), tuple(" ".join(n.split()) for n in names if n.strip()))
    try:
        return Support(o.boolean(v))
    except o.OptionError:
        raise o.OptionError(
            f"expected yes, no or a list of pupils' names; found {v!r}",
            "support: yes, or support: [Ana Lopez, Ben Hall]",
        ) from None


option_parser = o.Parser(
    _parse,
    "yes | no | list of pupils' names",
    {
        "anyOf": [
            *o.boolean.schema["anyOf"],
            {"type": "array", "items": {"type": "string"}},
        ]
    },
)


def support_option() -> Any:
    """The `support:` field every worksheet layout's options share."""
    return o.option(
        Support(),
        "a supported copy of each version (a word bank, first letters or sentence starters): "
        "yes, or the names of the pupils of the class list who get it",
        option_parser,
    )


def draw_mark(c: Any, x: float, y: float, r: float = SYMBOL_R) -> None:
    """The supported copy's mark, centred at (x, y): a circled plus, in black line (reads on a copy)."""
    c.saveState()
    c.setLineWidth(0.6)
    c.setStrokeGray(0)
    c.circle(x, y, r, stroke=1, fill=0)
    c.line(x - r * 0.55, y, x + r * 0.55, y)
    c.line(x, y - r * 0.55, x, y + r * 0.55)
    c.restoreState()


def first_letters(answer: str) -> str:
    """Each word's first letter and a line for the rest: 'active transport' -> 'a_____ t________'.
    Digits and a date's short words stay whole (a first digit says little; '28 June' is a date)."""
    out = []
    for w in answer.split():
        m = re.match(r"^(\W*)(\w)(\w*)(\W*)$", w)
        if not m or m.group(2).isdigit() or len(m.group(3)) == 0:
            out.append(w)
        else:
            out.append(m.group(1) + m.group(2) + "_" * len(m.group(3)) + m.group(4))
    return " ".join(out)


def sentence_starter(answer: str, words: int = 3) -> str:
    """The answer's opening words and an ellipsis, for a written answer of a sentence or more; ''
    for a short answer (its first letters help more)."""
    parts = answer.split()
    if len(parts) <= words + 2:
        return ""
    return " ".join(parts[:words]) + " …"
