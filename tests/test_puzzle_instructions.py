"""The crossword's and word search's instructions say only what their own sheet needs: the blank in
a clue explained only where some clue has one, and the directions the grid's words really take."""

from helpers import build_pdf, make_pack, pdf_pages_text
from studypack.layouts.wordsearch.grid import Hidden, WordSearch
from studypack.layouts.wordsearch.render import directions_used

TERMS = """topic: Cells
subject: Biology
key_terms:
  - term: Nucleus
    definition: Controls the activities of the cell
  - term: Vacuole
    definition: Filled with cell sap to keep the cell firm
  - term: Ribosome
    definition: Where proteins are made
  - term: Chloroplast
    definition: Absorbs light for photosynthesis
  - term: Cytoplasm
    definition: Jelly where most reactions happen
"""


def _sheet(tmp_path, topic: str, section: str) -> str:
    p = make_pack(tmp_path, {"cells.yaml": topic}, f"  - layout: {section}\n    answer_key: none\n")
    return " ".join(" ".join(pdf_pages_text(build_pdf(p))).split())


def test_crossword_explains_the_blank_only_when_a_clue_has_one(tmp_path):
    """No clue names its own term: the instruction says nothing of a ____; once a clue does
    ('the nucleus holds the DNA' for Nucleus), the sentence is there and so is the blank."""
    text = _sheet(tmp_path / "none", TERMS, "crossword")
    assert "The number in brackets gives the letters in each word of the answer." in text
    assert "stands for a word" not in text and "____" not in text.split("Across", 1)[1]
    blanked = TERMS.replace(
        "Controls the activities of the cell", "Controls the cell; the nucleus holds the DNA"
    )
    text = _sheet(tmp_path / "one", blanked, "crossword")
    assert "a ____ in a clue stands for a word of its answer" in text
    assert "the ____ holds the DNA" in text


def test_word_search_says_only_the_directions_its_grid_uses(tmp_path):
    """An easy grid reads across and down and says nothing of diagonals; the words said come from
    the grid's own words: across alone, a diagonal, backwards, forwards or backwards."""
    text = _sheet(tmp_path, TERMS, "wordsearch\n    directions: easy")
    assert "they read across and down." in text and "diagonal" not in text

    def grid(*steps: tuple[int, int]) -> WordSearch:
        return WordSearch(
            5, ("AAAAA",) * 5, tuple(Hidden(i, 2, 2, dr, dc) for i, (dr, dc) in enumerate(steps)), ()
        )

    assert directions_used(grid((0, 1))) == "across"
    assert directions_used(grid((0, 1), (1, 0))) == "across and down"
    assert directions_used(grid((1, 0), (1, 1))) == "down and diagonally"
    assert directions_used(grid((0, 1), (1, 0), (-1, 1))) == "across, down and diagonally"
    assert directions_used(grid((0, 1), (0, -1))) == "across, forwards or backwards"
    assert directions_used(grid((0, -1), (-1, 0))) == "across and down, backwards"
