"""Small text helpers shared by the importers."""

from __future__ import annotations

import re

from studypack.text.markup import plain

BULLETS = "•◦▪‣●○■·-*+"
_BULLET = re.compile(r"^(\s*)([•◦▪‣●○■·]|[-*+](?=\s))\s*(.*)$")


def clean(text: str) -> str:
    """Runs of whitespace as one space, ends trimmed."""
    return " ".join(text.split())


def bullet(line: str, tab: int = 4) -> tuple[int, str] | None:
    """(indent, text) when the line is a bullet item, else None."""
    m = _BULLET.match(line.expandtabs(tab))
    if not m:
        return None
    return len(m.group(1)), m.group(3)


def indent_of(line: str, tab: int = 4) -> int:
    s = line.expandtabs(tab)
    return len(s) - len(s.lstrip())


def literal(text: str) -> str:
    """Plain text as studypack text: markup characters that would act as markup get a backslash.
    A formula (`$...$`, as Obsidian and Anki notes write them) is kept as typed, and so is `\\$`."""
    if plain(text) == text and "\\" not in text:
        return text
    if "$" not in text:
        return re.sub(r"([\\*~^])", r"\\\1", text)
    from studypack.text.maths import spans

    out, pos = [], 0
    for a, b, _display in [*spans(text), (len(text), len(text), False)]:
        out.append(
            _ESCAPE.sub(lambda m: m.group(0) if m.group(1) is None else "\\" + m.group(1), text[pos:a])
        )
        out.append(text[a:b])
        pos = b
    return "".join(out)


_ESCAPE = re.compile(r"\\\$|([\\*~^])")
