"""The fixed choices every worksheet layout's options share, in a module of their own so that
reading options (`check`, the schema) never imports the drawing code."""

from __future__ import annotations

from typing import Literal

AnswerKey = Literal["after", "end", "none"]  # the key after each worksheet, at the end of the pack, or none
Group = Literal["subject", "topic", "none"]  # one worksheet per subject (default), per topic, or one for all
