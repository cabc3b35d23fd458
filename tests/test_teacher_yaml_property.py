"""Topic files written the way teachers write them (hypothesis, from a grammar): unquoted text with
colons, hashes, typographic quotes, indentation slips, empty bullets and dates of every form.

Either every word of every line reaches the PDF, or the loader reported that line (a warning for a
word YAML drops or joins, an error that stops the build): no word is lost without a sign."""

import os
import re

from helpers import pdf_tokens, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studypack.build import build
from studypack.errors import ContentError
from studypack.load.manifest import load_pack

WORDS = ["Stalin", "elections", "Berlin", "zones", "reform", "1956", "NATO", "Kennedy", "Ich", "bin",
         "ein", "Berliner", "Khrushchev", "Hungary", "Sputnik", "wall", "écoles", "Хрущёв", "Ελλάδα"]  # fmt: skip
HAZARDS = [
    " #2", " # note", "  # for me", ": ", " - ", "“", "”", "‘", "’", "'", '"', "*", "&", "!", "%",
    " — ", "(", ")", "?", "...", ",", ":", "#", "[", "]", "{", "}", "`",
]  # fmt: skip
DATES = ["1956", "1956-02", "1956-02-25", "25 February 1956", "25th Feb 1956", "Feb 25 1956",
         "February 1956", "Sept 1948", "25/02/1956", "25.02.1956", "Spring 1948", "1953–1956",
         "1953-1956", "1953–56", "1953-56", "1948-9", "1953 to 1956", "c. 1960", "circa 1960", "c.1960",
         "1950s", "early 1950s", "mid-1950s", "late 1950s", "19th century", "44 BC", "AD 43", "753 BCE",
         "1910-11", "03/04/1960", "29 February 1957", "31/04/1960", "sometime"]  # fmt: skip

PIECE = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(HAZARDS)
)
TEXT = st.lists(PIECE, min_size=1, max_size=8).map(lambda ps: " ".join(ps).strip() or "x")


@st.composite
def value(draw) -> str:  # type: ignore[no-untyped-def]
    """A text as a teacher types it: mostly bare, sometimes quoted (straight or, wrongly, curly)."""
    text = draw(TEXT)
    how = draw(st.sampled_from(["bare", "bare", "bare", "double", "single", "curly"]))
    if how == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if how == "single":
        return "'" + text.replace("'", "''") + "'"
    if how == "curly":
        return "“" + text + "”"
    return text


@st.composite
def topic_file(draw) -> str:  # type: ignore[no-untyped-def]
    lines = ["topic: " + draw(value()), "cards:"]
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(["title", "title", "Title", "front"]))
        lines.append(f"  - {key}: " + draw(value()))
        if key == "front":
            lines.append("    back: " + draw(value()))
            continue
        lines.append("    " + draw(st.sampled_from(["points:", "points:", "Points:"])))
        for _ in range(draw(st.integers(1, 4))):
            indent = draw(st.sampled_from(["      ", "      ", "      ", "        "]))  # a slip
            item = "" if draw(st.integers(0, 9)) == 0 else draw(value())  # now and then an empty bullet
            lines.append(f"{indent}- {item}".rstrip())
    if draw(st.booleans()):
        lines.append("timeline:")
        for _ in range(draw(st.integers(1, 3))):
            lines.append("  - date: " + draw(st.sampled_from(DATES)))
            lines.append("    event: " + draw(value()))
    return "\n".join(lines) + "\n"


KEY = r"^\s*(?:-\s*)?(?:(?:topic|title|Title|front|back|points|Points|date|event|cards|timeline):)?\s*"


def line_words(line: str) -> list[str]:
    """The words a line holds as text: what follows '- ' and a key's colon, less a comment written as
    the format says comments are written (two spaces, then '# '; in a bare text that does not open
    with a quote YAML would honour, or with a curly quote that the comment closes)."""
    body = re.sub(KEY, "", line)
    comment = re.search(r"\s{2,}# .*$", body)
    if comment and body[:1] not in "\"'" and not (body[:1] in "“‘" and re.search("[”’“‘]", comment.group(0))):
        body = body[: comment.start()]
    return re.findall(r"\w+", body)


@settings(
    max_examples=int(os.environ.get("STUDYPACK_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=topic_file())
def test_every_word_printed_or_its_line_reported(tmp_path, text):
    """No word is lost without a sign: each line's words are in the PDF, or a problem names that line."""
    write(tmp_path / "t.yaml", text)
    write(tmp_path / "pack.yaml", "title: P\ntopics: [t.yaml]\nsections:\n  - layout: summary\n")
    try:
        pack, warnings = load_pack(str(tmp_path / "pack.yaml"))
    except ContentError as e:
        located = [p for p in e.errors if p.path.endswith("t.yaml")]
        assert located and all(p.line >= 1 for p in located), [str(p) for p in e.problems]
        return
    out = tmp_path / "p.pdf"
    build(pack, str(out), None, str(tmp_path))
    tokens = pdf_tokens(out)
    reported = {p.line for p in warnings if p.path.endswith("t.yaml")}
    for n, line in enumerate(text.splitlines(), 1):
        lost = [w for w in line_words(line) if w not in tokens]
        if lost and n not in reported:
            raise AssertionError(f"line {n} {line!r} lost {lost} without a warning\n{text}")
