"""Text runs of Word and PowerPoint paragraphs as studypack text, and the "Term: definition" line
both kinds of document use for a glossary."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .textutil import clean, literal

# (text, bold, italic, subscript, superscript) of one run, as the document's library reports it
Run = tuple[str, bool, bool, bool, bool]
_MARKS = ((1, "**"), (2, "*"), (3, "~"), (4, "^"))


def markup(runs: Iterable[Run]) -> str:
    """Runs as one line of studypack text: bold `**`, italic `*`, sub `~`, sup `^`; other markup
    characters escaped. Runs of the same format are joined first, and spaces kept outside marks."""
    merged: list[list] = []
    for text, *fmt in runs:
        if not text:
            continue
        if merged and merged[-1][1:] == fmt:
            merged[-1][0] += text
        else:
            merged.append([text, *fmt])
    out = []
    for text, *fmt in merged:
        body = literal(text.replace("\t", " ").replace("\n", " "))
        core = body.strip()
        if not core:
            out.append(body)
            continue
        lead, tail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()) :]
        for i, mark in _MARKS:
            if fmt[i - 1] and not (mark in "~^" and " " in core):  # H~2~O: a sub/superscript has no space
                core = f"{mark}{core}{mark}"
        out.append(lead + core + tail)
    return clean("".join(out))


def unbold(text: str) -> str:
    """A heading's text without the bold that wraps all of it (a heading is bold anyway)."""
    if text.startswith("**") and text.endswith("**") and text.count("**") == 2 and len(text) > 4:
        return text[2:-2].strip()
    return text


_TERM = re.compile(r"^(?P<t>.+?)\s*(?:(?<!\s):|\s[-–—]|[–—])\s+(?P<d>\S.*)$")


def term_line(text: str) -> tuple[str, str] | None:
    """(term, definition) of a paragraph written `Term: definition` or `Term – definition` (the
    term a few words, bold or not), else None."""
    m = _TERM.match(text)
    if not m:
        return None
    term, definition = m.group("t").strip(), m.group("d").strip()
    if term.startswith("**") and term.endswith("**") and term.count("**") == 2:
        term = term[2:-2].strip()
    elif term.startswith("**") and definition.startswith("**"):
        return None
    if term.endswith(":**"):  # "**Nucleus:** ..." (the colon inside the bold)
        term = term[2:-3].strip() if term.startswith("**") else term
    if not term or len(term.split()) > 6 or len(term) > 60 or term[-1] in ".?!,;" or "**" in term:
        return None
    return term, definition
