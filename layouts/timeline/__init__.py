"""The fill-in timeline worksheet: the scale, the labels, the blanks and the pages."""

from . import render  # noqa: F401  (registers the layout)
