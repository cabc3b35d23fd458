"""Small helpers for what studypack says to people."""

from __future__ import annotations


def plural(n: int, word: str, words: str = "") -> str:
    """'1 page', '2 pages', '0 pages'; `words` for an irregular plural ('1 copy', '2 copies')."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
