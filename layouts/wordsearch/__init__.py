"""The word search worksheet: key terms hidden in a grid of letters, with the list to find."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import WordsearchOptions

register(
    Layout(
        "wordsearch", "key terms hidden in a grid of letters, with the word list and its answer key",
        WordsearchOptions, lazy_render(__name__), order=81, title="Word search",
    )
)  # fmt: skip
