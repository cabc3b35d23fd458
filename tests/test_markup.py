"""Inline markup parses once into styled runs; markup characters that are not markup print as typed."""

import pytest

from studypack.text.markup import SUB, SUP, Run, parse, plain, words


@pytest.mark.parametrize(
    "text, runs",
    [
        ("**bold** and *it*", [Run("bold", True), Run(" and "), Run("it", italic=True)]),
        ("H~2~O", [Run("H"), Run("2", script=SUB), Run("O")]),
        ("x^2^", [Run("x"), Run("2", script=SUP)]),
        ("5 * 3 = 15", [Run("5 * 3 = 15")]),
        ("2 ** 3", [Run("2 ** 3")]),
        ("a \\*star\\* and \\~ \\^ \\\\", [Run("a *star* and ~ ^ \\")]),
        ("~50 people, 3^ and ~", [Run("~50 people, 3^ and ~")]),
        ("**unclosed", [Run("**unclosed")]),
        ("<b>&amp;</b>", [Run("<b>&amp;</b>")]),
        ("***both***", [Run("both", True, True)]),
        ("*a **b** c*", [Run("a ", italic=True), Run("b", True, True), Run(" c", italic=True)]),
    ],
)
def test_parse(text, runs):
    """Each markup form gives the expected runs; escapes and lone markers stay literal."""
    assert list(parse(text)) == runs


def test_words_are_what_the_reader_sees():
    """Words are counted after markup: H~2~O is the word H2O, bold markers vanish."""
    assert words("**Stalin**'s H~2~O, 44%") == ["Stalin", "s", "H2O", "44"]
    assert plain("x^2^ + *y*") == "x2 + y"
