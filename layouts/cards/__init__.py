"""Cut-out revision cards: the grid on the sheet, fitting, fronts and mirrored backs."""

from . import render  # noqa: F401  (registers the layout)
