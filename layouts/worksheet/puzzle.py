"""What the two grid puzzles (crossword, word search) share: how a printed term becomes the letters
of a grid, its letter pattern, which words a clue must not show, and the terms of each group.

A grid holds letters and digits only, in capitals as puzzles print them: spaces, hyphens,
apostrophes and other marks are skipped (`Marxism-Leninism` is MARXISMLENINISM), accents are kept
as the term prints them (`Perestroïka` keeps its Ï, `Año` its Ñ), and the pattern shows where the
words were: `(7-8)` for a hyphen, `(4,2,11)` for spaces. Each group of topics (subject by default)
makes its own puzzle, handed out one group after another."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple

from studypack.layouts.worksheet.flow import Handed, hand_out
from studypack.layouts.worksheet.kinds import AnswerKey

from studypack.layout_api.pages import Page
from studypack.model import Topic
from studypack.text.markup import plain

HIDDEN = "____"  # what stands in a clue for a word of its own answer
# short joining words that are no give-away when a clue shares them with its answer
_JOINERS = frozenset(
    "a an and as at by de del der des di du el en et for in la le les los of on or the to und van von y".split()
)


class Entry(NamedTuple):
    """One word for a grid: its letters (capitals, no spaces), the term as printed, its clue (the
    definition, or the question), and where it came from (for notices)."""

    letters: str
    term: str
    clue: str
    topic: str


def capital(ch: str) -> str:
    """A letter in capitals, one character for one ('ß' has no one-character capital: kept)."""
    up = ch.upper()
    return up if len(up) == 1 else ch


def grid_letters(term: str) -> str:
    """The letters and digits of a printed term, in capitals, for the squares of a grid."""
    text = unicodedata.normalize("NFC", plain(term))
    return "".join(capital(ch) for ch in text if ch.isalnum())


def pattern(term: str) -> str:
    """The answer's letter pattern as crosswords print it: '(6)', '(6,6)', '(7-8)', '(4-5,10)'."""
    text = unicodedata.normalize("NFC", plain(term)).strip()
    out, run = [], 0
    for ch in text:
        if ch.isalnum():
            run += 1
        elif ch in "-‐‑–" or ch.isspace():
            if run:
                out.append(str(run))
                out.append("-" if not ch.isspace() else ",")
            run = 0
    if run:
        out.append(str(run))
    while out and out[-1] in ",-":
        out.pop()
    return "(" + "".join(out) + ")"


def answer_words(term: str) -> list[str]:
    """The words of an answer a clue must not show: the whole term, and each of its words (split at
    spaces and hyphens) but for short joining words ('of', 'for', 'the')."""
    text = " ".join(plain(term).split())
    parts = [w for w in re.split(r"[\s\-‐‑–]+", text) if w]
    words = [text] + [w for w in parts if len(w) >= 2 and w.casefold() not in _JOINERS]
    return sorted(set(words), key=len, reverse=True)


def hide_answer(clue: str, term: str) -> str:
    """The clue with its own answer blanked as ____: the whole term and each of its words (with a
    plural or possessive ending), whole words only, in any case."""
    out = clue
    for w in answer_words(term):
        rx = re.compile(rf"(?<!\w){re.escape(w)}(?:e?s|'s|’s)?(?!\w)", re.I)
        out = rx.sub(HIDDEN, out)
    return out


def unique_entries(entries: Sequence[Entry], min_letters: int = 2) -> tuple[list[Entry], list[str]]:
    """Entries with two letters or more, each spelling once (the first kept); and notices for the
    ones left out."""
    seen: dict[str, str] = {}
    out, notices = [], []
    for e in entries:
        printed = " ".join(plain(e.term).split())
        if len(e.letters) < min_letters:
            notices.append(f"'{printed}' ({e.topic}) has too few letters for a grid: left out")
        elif e.letters in seen:
            if seen[e.letters].casefold() != printed.casefold():  # the same term twice needs no word
                notices.append(
                    f"'{printed}' ({e.topic}) spells the same letters as '{seen[e.letters]}': used once"
                )
        else:
            seen[e.letters] = printed
            out.append(e)
    return out, notices


def key_term_entries(topics: Sequence[Topic]) -> list[Entry]:
    """Every key term of the topics as an entry, its definition the clue."""
    return [Entry(grid_letters(k.term), k.term, k.definition, t.topic) for t in topics for k in t.key_terms]


def short_answer_entries(topics: Sequence[Topic], max_words: int = 2) -> list[Entry]:
    """Question/answer cards whose answer is a word or two (letters, hyphens and apostrophes, a
    full stop at the end at most; a leading 'the', 'a' or 'an' dropped): the question is the clue,
    the answer the entry."""
    out = []
    for t in topics:
        for c in t.cards:
            if not c.question or c.points:
                continue
            answer = " ".join(plain(c.text).split()).rstrip(".")
            # 'The ribosome' is entered as RIBOSOME: an English article is no part of the answer
            answer = re.sub(r"^(?:the|a|an)\s+(?=\S)", "", answer, flags=re.I)
            words = answer.split()
            if not 1 <= len(words) <= max_words or not all(re.fullmatch(r"[\w'’\-]+", w) for w in words):
                continue
            if any(ch.isdigit() for ch in answer) or "_" in answer:
                continue
            out.append(Entry(grid_letters(answer), answer, c.front, t.topic))
    return out


def hide_answers(entries: Sequence[Entry]) -> list[str]:
    """Each entry's clue with its own answer blanked (whole term and its words), and any other
    entry's whole term too: no answer shows anywhere on the pupil's sheet."""
    out = []
    for e in entries:
        clue = hide_answer(e.clue, e.term)
        for other in entries:
            if other is not e and len(other.letters) >= 3:
                whole = " ".join(plain(other.term).split())
                clue = re.sub(rf"(?<!\w){re.escape(whole)}(?:e?s|'s|’s)?(?!\w)", HIDDEN, clue, flags=re.I)
        out.append(clue)
    return out


def group_title(given: str, kind: str, label: str, pack_title: str, groups: int) -> str:
    """A puzzle's title: the teacher's (with the group's label when there are several groups), or
    'Crossword: Biology', 'Crossword: <pack title>'."""
    if given:
        return f"{given}: {label}" if label and groups > 1 else given
    return f"{kind}: {label or pack_title}"


def hand_out_groups(
    labels: Sequence[str], versions: int, letters: list[str], pages_for: Callable[[int, int, str, bool], list],
    answer_key: AnswerKey, students: tuple[str, ...],
) -> Handed:  # fmt: skip
    """`hand_out` for each group in turn (pages_for(group, version, pupil, key)), one after the
    other: each group's copies (and keys, with `after`) before the next group's. With several
    groups every bookmark starts with its group's label, so the outline reads 'Biology: Worksheet'."""
    parts: list[list[Page]] = [[], [], []]  # the section's pages, the end of the pack's, every key
    roster: tuple[tuple[str, str], ...] = ()
    for g, label in enumerate(labels):
        got = hand_out(versions, letters, lambda v, p, k, g=g: pages_for(g, v, p, k), answer_key, students)
        for k in range(3):
            for pg in got[k]:
                if len(labels) > 1 and label:
                    pg = replace(pg, bookmarks=tuple((f"{label}: {t}", lv) for t, lv in pg.bookmarks))
                parts[k].append(pg)
        roster = roster or got[3]  # every group rotates versions the same way
    return tuple(parts[0]), tuple(parts[1]), tuple(parts[2]), roster
