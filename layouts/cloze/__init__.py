"""The cloze worksheet: the notes as running text with numbered gaps."""

from . import render  # noqa: F401  (registers the layout)
