"""The matching worksheet: key terms and their definitions, shuffled, to pair up."""

from . import render  # noqa: F401  (registers the layout)
