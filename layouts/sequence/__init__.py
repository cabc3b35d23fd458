"""The sequencing worksheet: dated events as strips to cut out and put in order."""

from . import render  # noqa: F401  (registers the layout)
