"""One-page summary sheets per topic, in balanced columns."""

from . import render  # noqa: F401  (registers the layout)
