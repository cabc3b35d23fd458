"""Arbitrary notes-like text imports without a crash, and every word of it is in the topic file
(hypothesis)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studypack.importer.run import ImportProblem, import_files
from studypack.load.topic import load_topic
from studypack.text.markup import words

WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzÉéüßЖжΩω0123456789"), min_size=1, max_size=10)
PHRASE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
LINE = st.one_of(
    PHRASE,
    PHRASE.map(lambda p: f"# {p}"),
    PHRASE.map(lambda p: f"## {p}"),
    PHRASE.map(lambda p: f"- {p}"),
    PHRASE.map(lambda p: f"    - {p}"),
    PHRASE.map(lambda p: f"1. {p}"),
    PHRASE.map(lambda p: f"> {p}"),
    PHRASE.map(lambda p: f"  • {p}"),
    PHRASE.map(lambda p: f"{p}, in 19{len(p) % 90 + 10} it changed"),
    st.just(""),
)


def imported_words(tmp_path, src):  # type: ignore[no-untyped-def]
    """The words of `src`'s topic file once imported and loaded, or None for a clean 'no notes'."""
    try:
        done = import_files([str(src)], str(tmp_path / "out"))
    except ImportProblem as e:
        assert "found no notes" in str(e) or "is empty" in str(e)
        return None
    (tmp_path / "t.yaml").write_text(done[0].yaml, encoding="utf-8")
    topic, problems = load_topic(str(tmp_path / "t.yaml"))
    assert not [p for p in problems if not p.warning]
    return {w for _, _, t in topic.texts() for w in words(t)} | {
        w for k in topic.key_terms for w in words(k.term) + words(k.definition)
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINE, min_size=1, max_size=25), st.sampled_from([".md", ".txt"]))
def test_arbitrary_notes_import_and_keep_every_word(tmp_path, lines, ext):
    """No crash; a clean 'no notes' error or a topic file that loads and holds every word."""
    src = tmp_path / f"notes{ext}"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = imported_words(tmp_path, src)
    if got is None:
        return
    want = set(words(src.read_text(encoding="utf-8")))
    assert want - got == set()


SHAPED = st.one_of(
    PHRASE.map(lambda p: f"{p}?"),
    st.tuples(PHRASE, PHRASE).map(lambda t: f"{t[0]} - {t[1]}"),
    st.tuples(PHRASE, PHRASE).map(lambda t: f"{t[0]}: {t[1]}"),
    st.tuples(PHRASE, PHRASE).map(lambda t: f"{t[0]} | {t[1]}"),
    st.tuples(PHRASE, PHRASE).map(lambda t: f"{t[0]}\t{t[1]}"),
    st.tuples(st.integers(1, 9), st.integers(1, 9), PHRASE).map(lambda t: f"{t[0]}.{t[1]} {t[2]}"),
    PHRASE.map(lambda p: f"\t{p}"),
    PHRASE.map(lambda p: f"Q: {p}"),
    PHRASE.map(lambda p: f"A: {p}"),
    PHRASE.map(lambda p: f"{p}."),
    PHRASE,
    st.just(""),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SHAPED, min_size=1, max_size=25))
def test_mixed_shapes_import_and_keep_every_word(tmp_path, lines):
    """Plain text mixing every shape's lines (questions, separators, outlines, indents, Q/A
    markers, sentences, blank lines): whatever shape is found, the topic file loads and holds
    every word (the Q and A markers aside)."""
    src = tmp_path / "mixed.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = imported_words(tmp_path, src)
    if got is None:
        return
    want = set(words(src.read_text(encoding="utf-8"))) - {"Q", "A"}
    assert want - got == set()
