"""Small helpers for what studypack says to people."""

from __future__ import annotations


def plural(n: int, word: str, words: str = "") -> str:
    """'1 page', '2 pages', '0 pages'; `words` for an irregular plural ('1 copy', '2 copies')."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six")


def sides_a_topic(sides: list[int]) -> str:
    """How many sides each topic of a sheet takes, as the cover says it: 'one topic a side', 'two
    sides a topic', or 'one topic a side, two when it must (1 of 3 topics)'."""

    def word(n: int) -> str:
        return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)

    most = max(sides, default=1)
    if most <= 1:
        return "one topic a side"
    if min(sides) == most:
        return f"{word(most)} sides a topic"
    longer = sum(1 for n in sides if n > 1)
    up_to = word(most) if all(n in (1, most) for n in sides) else f"up to {word(most)}"
    return f"one topic a side, {up_to} when it must ({longer} of {plural(len(sides), 'topic')})"
