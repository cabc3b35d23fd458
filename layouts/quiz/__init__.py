"""The quiz worksheet: numbered questions from question/answer cards, written or multiple choice."""

from . import render  # noqa: F401  (registers the layout)
