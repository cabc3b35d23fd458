"""The puzzles' pure parts, without drawing: how a term becomes grid letters and a pattern, clues
with their answers blanked, the crossword's interlocking and numbering, the word search's hiding and
filler."""

import random

import pytest
from studypack.layouts.crossword import grid as cw
from studypack.layouts.wordsearch import grid as ws
from studypack.layouts.worksheet.puzzle import (
    Entry,
    grid_letters,
    hide_answer,
    hide_answers,
    pattern,
    unique_entries,
)

BIOLOGY = ["PHOTOSYNTHESIS", "CHLOROPHYLL", "STOMATA", "GLUCOSE", "OSMOSIS", "DIFFUSION", "MITOCHONDRIA",
           "NUCLEUS", "RIBOSOME", "ENZYME", "ALVEOLI", "CAPILLARY", "ARTERY", "VEIN", "PLASMA", "PLATELET",
           "ANTIBODY", "VACCINE", "PATHOGEN", "HORMONE"]  # fmt: skip


def test_terms_become_capital_letters_and_patterns() -> None:
    """Spaces, hyphens and apostrophes are skipped and shown in the pattern; accents and other
    scripts are kept, in capitals; markup never reaches the grid."""
    assert grid_letters("Secret speech") == "SECRETSPEECH" and pattern("Secret speech") == "(6,6)"
    assert grid_letters("Marxism-Leninism") == "MARXISMLENINISM" and pattern("Marxism-Leninism") == "(7-8)"
    assert pattern("Anti-Party conspiracy") == "(4-5,10)"
    assert grid_letters("Stalin's purges") == "STALINSPURGES" and pattern("Stalin's purges") == "(7,6)"
    assert grid_letters("el año") == "ELAÑO" and pattern("el año") == "(2,3)"
    assert grid_letters("перестройка") == "ПЕРЕСТРОЙКА"
    assert grid_letters("φωτοσύνθεση") == "ΦΩΤΟΣΎΝΘΕΣΗ"
    assert grid_letters("*Glasnost*") == "GLASNOST" and pattern("  *Glasnost* ") == "(8)"
    assert grid_letters("Straße") == "STRAßE"  # one square a letter: ß has no one-letter capital


def test_a_clue_never_shows_its_own_answer() -> None:
    """The whole term and each of its words (plurals and possessives too) are blanked, joining
    words are not; another answer written out whole is blanked as well."""
    assert hide_answer("Opposition within the party to reforms", "Anti-Party conspiracy") == (
        "Opposition within the ____ to reforms"
    )
    assert hide_answer("Speeches like the secret speech's", "Secret speech") == "____ like the ____"
    assert hide_answer("Jobs kept for life", "Jobs for life") == "____ kept for ____"
    entries = [Entry("GOSPLAN", "Gosplan", "The planning agency", "t"),
               Entry("SOVNARKHOZY", "Sovnarkhozy", "Councils that took over from Gosplan", "t")]  # fmt: skip
    assert hide_answers(entries)[1] == "Councils that took over from ____"


def test_the_same_letters_twice_are_used_once_and_said_when_spelt_differently() -> None:
    """A term repeated in two topics is used once without fuss; two spellings of the same letters
    ('Co-op', 'Coop') and a one-letter term are named in a notice."""
    entries = [Entry("COOP", "Co-op", "a", "T1"), Entry("COOP", "co-op", "b", "T2"),
               Entry("COOP", "Coop", "c", "T3"), Entry("X", "X", "d", "T1")]  # fmt: skip
    kept, notices = unique_entries(entries)
    assert [e.term for e in kept] == ["Co-op"]
    assert len(notices) == 2 and "'Coop'" in notices[0] and "'X'" in notices[1]


def _check_crossword(words: list[str], built: cw.Crossword) -> None:
    letters = built.letters(words)
    runs = cw.runs(letters)
    # every run of two or more letters in the grid is one of the placed words, at its place
    assert sorted((r, c, d, w) for r, c, d, w in runs) == sorted(
        (p.row, p.col, p.direction, words[p.word]) for p in built.placed
    )
    assert all(0 <= r < built.rows and 0 <= c < built.cols for r, c in letters)
    # numbered in reading order, each word's first square numbered
    starts = sorted({(p.row, p.col) for p in built.placed})
    assert [built.numbers[s] for s in starts] == list(range(1, len(starts) + 1))
    # one piece: every word reached from the first through crossings
    seen, todo = {built.placed[0]}, [built.placed[0]]
    cells = {p: set(_squares(p, words)) for p in built.placed}
    while todo:
        p = todo.pop()
        for q in built.placed:
            if q not in seen and cells[p] & cells[q]:
                seen.add(q)
                todo.append(q)
    assert len(seen) == len(built.placed)


def _squares(p: cw.Placed, words: list[str]) -> list[tuple[int, int]]:
    dr, dc = cw.STEP[p.direction]
    return [(p.row + dr * i, p.col + dc * i) for i in range(len(words[p.word]))]


@pytest.mark.parametrize("seed", [1, 2, 3, 99])
def test_crossword_interlocks_every_word_in_a_compact_numbered_grid(seed: int) -> None:
    """20 biology words all placed in one connected grid within the bounds, every run a word, the
    starts numbered 1, 2, 3... in reading order, with many crossings and a compact area."""
    built = cw.build(BIOLOGY, seed, 24, 22)
    assert built.left_out == ()
    assert built.rows <= 24 and built.cols <= 22
    _check_crossword(BIOLOGY, built)
    crossings = sum(len(_squares(p, BIOLOGY)) for p in built.placed) - len(built.letters(BIOLOGY))
    assert crossings >= len(BIOLOGY) - 1
    assert built.rows * built.cols <= 2.2 * sum(map(len, BIOLOGY)) * 2


def test_crossword_names_what_it_cannot_place_and_respects_its_bounds() -> None:
    """A word sharing no letter with the rest, and a word longer than the grid may be, are left
    out (their index reported), never dropped silently."""
    words = ["CAT", "ACT", "TACT", "FJORD", "CATASTROPHICALLY"]
    built = cw.build(words, 1, 10, 10)
    assert set(built.left_out) == {3, 4}
    _check_crossword(words, built)
    assert cw.build(words, 1, 10, 10) == built  # the same seed, the same grid


def test_crossword_seeds_give_other_grids_and_random_word_lists_hold() -> None:
    """Other seeds give other grids; random word lists (short and long words, repeats of letters)
    always make a valid grid."""
    assert cw.build(BIOLOGY, 1, 24, 22).placed != cw.build(BIOLOGY, 2, 24, 22).placed
    rng = random.Random(5)
    for _ in range(12):
        words = sorted(
            {"".join(rng.choice("ABCDEIOST") for _ in range(rng.randint(2, 12))) for _ in range(15)}
        )
        built = cw.build(words, rng.randint(0, 99), 15, 15)
        if built.placed:
            _check_crossword(words, built)


@pytest.mark.parametrize("directions", ["easy", "medium", "hard"])
def test_word_search_hides_every_word_in_the_chosen_directions(directions: str) -> None:
    """Every word reads in the grid at its recorded place, only in the directions allowed; the
    hard grid reads some words backwards; the grid is square and as large as asked."""
    words = BIOLOGY[:12]
    n = ws.default_size(words, directions)  # type: ignore[arg-type]
    assert n >= max(map(len, words)) + 1
    built = ws.build(words, n, directions, 7)  # type: ignore[arg-type]
    assert built.left_out == () and len(built.rows) == n and all(len(r) == n for r in built.rows)
    allowed = set(ws.STEPS[directions])
    for h in built.hidden:
        assert (h.dr, h.dc) in allowed
        assert "".join(built.rows[r][c] for r, c in h.squares(len(words[h.word]))) == words[h.word]
    for w in words:
        assert ws.find(built.rows, w, ws.STEPS[directions])
    backwards = [h for h in built.hidden if h.dr < 0 or h.dc < 0]
    if directions == "hard":
        assert any(h.dc < 0 or (h.dr < 0 and h.dc <= 0) for h in backwards)
    if directions == "easy":
        assert not backwards


def test_word_search_filler_comes_from_the_words_own_alphabet() -> None:
    """Cyrillic words are filled with Cyrillic letters (no Latin), Spanish ones keep their Ñ."""
    words = ["ПЕРЕСТРОЙКА", "ГЛАСНОСТЬ", "КОЛХОЗ", "СОВНАРХОЗ"]
    built = ws.build(words, 12, "hard", 3)
    assert set("".join(built.rows)) <= set("".join(words))
    spanish = ws.build(["AÑO", "MAÑANA", "CORAZÓN", "ÁRBOL"], 10, "medium", 3)
    assert set("".join(spanish.rows)) <= set("AÑOMAÑANACORAZÓNÁRBOL")


def test_word_search_too_small_reports_the_words_without_room() -> None:
    """Fourteen six-letter words in a 6 x 6 grid read across and down: those without room are
    reported, the rest hidden; the same seed gives the same grid."""
    words = ["ENZYME", "ARTERY", "PLASMA", "VACUUM", "NEURON", "TISSUE", "FUNGUS", "PHLOEM", "XYLEMS",
             "GAMETE", "ZYGOTE", "EMBRYO", "OVULES", "POLLEN"]  # fmt: skip
    built = ws.build(words, 6, "easy", 1)
    assert built.left_out and len(built.hidden) + len(built.left_out) == len(words)
    assert ws.build(words, 6, "easy", 1) == built


def test_word_search_spells_each_word_once() -> None:
    """Filler never spells a hidden word again (a pupil would find two), even for short words over
    a five-letter alphabet: every reading of a word lies on hidden words' squares only (DECADE read
    backwards holds ACE: that reading is the words' own)."""
    words = ["ABA", "BAD", "CAB", "ACE", "DECADE"]
    for seed in range(10):
        built = ws.build(words, 7, "hard", seed)
        assert built.left_out == ()
        own = {sq for h in built.hidden for sq in h.squares(len(words[h.word]))}
        for w in words:
            for reading in ws.find(built.rows, w):
                assert set(reading.squares(len(w))) <= own, (w, built.rows)
