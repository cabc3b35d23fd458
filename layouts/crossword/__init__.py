"""The crossword worksheet: key terms interlocked in a numbered grid, the definitions as clues."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import CrosswordOptions

register(
    Layout(
        "crossword", "key terms in a numbered grid, the definitions as clues, with its answer key",
        CrosswordOptions, lazy_render(__name__), order=80, title="Crossword",
    )
)  # fmt: skip
