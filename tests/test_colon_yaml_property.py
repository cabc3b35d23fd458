"""Colon-laden topic files as teachers write them (hypothesis, from a grammar): points written
`- Term: explanation`, titles, fronts, backs, texts, terms, definitions and events with ': ' inside,
quotes around some of their words, cloze gaps, Cyrillic, Greek and accents, all unquoted. Each loads without an
error or a warning, and every word reaches the PDF's text."""

import os
import re

from helpers import pdf_tokens, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studypack.build import build
from studypack.load.manifest import load_pack

WORDS = ["Nucleus", "membrane", "Kennedy", "Ich", "bin", "ein", "Berliner", "1963", "Stalin's", "NATO",
         "Хрущёв", "лидер", "Ελλάδα", "école", "élèves", "Ångström", "Title", "Causes", "Berlin", "10:30",
         "ATP", "naïve"]  # fmt: skip
QUOTABLE = [w for w in WORDS if "'" not in w]  # a word inside '...' has no apostrophe of its own
SEPARATORS = [" ", " ", " ", ": ", ": ", ", ", " – ", "; ", " - ", ": "]


@st.composite
def phrase(draw, first: bool = False) -> str:  # type: ignore[no-untyped-def]
    """A word, or a few words in straight or curly quotes (as a quotation is typed), or (not first:
    YAML reads a '[' there as a list) a word marked as a cloze gap."""
    how = draw(st.sampled_from(["word", "word", "word", "double", "single", "curly", "gap"]))
    if how == "word" or (how == "gap" and first):
        return draw(st.sampled_from(WORDS))
    if how == "gap":
        return f"[[{draw(st.sampled_from(QUOTABLE))}]]"
    inner = " ".join(draw(st.lists(st.sampled_from(QUOTABLE), min_size=1, max_size=3)))
    return {"double": f'"{inner}"', "single": f"'{inner}'", "curly": f"“{inner}”"}[how]


@st.composite
def colon_text(draw) -> str:  # type: ignore[no-untyped-def]
    """A text with at least one ': ' in it, perhaps a colon at its end."""
    parts = [draw(phrase(first=True))]
    for _ in range(draw(st.integers(1, 5))):
        parts += [draw(st.sampled_from(SEPARATORS)), draw(phrase())]
    if ": " not in parts:
        parts += [": ", draw(st.sampled_from(WORDS))]
    text = "".join(parts)
    return text + ":" if draw(st.integers(0, 7)) == 0 else text


@st.composite
def topic_file(draw) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """A topic file and every text in it (to find their words in the PDF)."""
    texts: list[str] = []

    def text() -> str:
        t = draw(colon_text())
        texts.append(t)
        return t

    lines = ["topic: " + text(), "cards:"]
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            lines += ["  - front: " + text(), "    back: " + text()]
            continue
        lines += ["  - title: " + text(), "    points:"]
        for _ in range(draw(st.integers(1, 4))):
            form = draw(st.sampled_from(["term", "term", "plain", "text", "sub"]))
            if form == "text":
                lines.append("      - text: " + text())
            elif form == "sub":  # `- Causes:` with its sub-points under it
                lines.append(f"      - {draw(st.sampled_from(WORDS))}:")
                texts.append(lines[-1])
                lines += ["          - " + text() for _ in range(draw(st.integers(1, 2)))]
            elif form == "term":
                lines.append(f"      - {draw(st.sampled_from(WORDS))}: " + text())
                texts.append(lines[-1])
            else:
                lines.append("      - " + text())
        if draw(st.booleans()):
            lines.append("    text: " + text())
    lines.append("timeline:")
    for year in draw(st.lists(st.integers(1900, 2000), min_size=1, max_size=3)):
        lines += [f"  - date: {year}", "    event: " + text()]
    lines.append("key_terms:")
    for _ in range(draw(st.integers(1, 2))):
        lines += ["  - term: " + text(), "    definition: " + text()]
    return "\n".join(lines) + "\n", texts


@settings(
    max_examples=int(os.environ.get("STUDYPACK_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=topic_file())
def test_colon_laden_yaml_loads_clean_and_prints_every_word(tmp_path, case):
    """No error, no warning, and every word of every text in the PDF."""
    text, texts = case
    write(tmp_path / "t.yaml", text)
    write(tmp_path / "pack.yaml", "title: P\ntopics: [t.yaml]\nsections:\n  - layout: cards\n"
          "  - layout: summary\n  - layout: timeline\n  - layout: cloze\n")  # fmt: skip
    pack, warnings = load_pack(str(tmp_path / "pack.yaml"))
    assert [str(w) for w in warnings] == [], text
    out = tmp_path / "p.pdf"
    build(pack, str(out), None, str(tmp_path))
    tokens = pdf_tokens(out)
    lost = sorted({w for t in texts for w in re.findall(r"\w+", t) if w not in tokens})
    assert lost == [], f"{lost}\n{text}"
