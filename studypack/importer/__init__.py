"""`studypack import`: revision notes teachers already have -> topic files studypack checks and prints.

Each format is one module that turns text into a `Notes` (topic, cards, points, paragraphs, key
terms); plain text is read by its shape (alternating lines, separators, outlines, headings,
blocks). This package reads the files (UTF-8, or Windows-1252 with a warning), detects the format
and shape, proposes timeline events, and writes block-style YAML, all files or none.
"""

from __future__ import annotations

# the formats `--format` names (each is detected from the text when not given); nothing else is
# imported here, so the command line can list them without loading the importer
FORMATS = ("text", "markdown", "revision-cards", "revision-cards-paged", "tsv", "csv")
# how plain text is laid out (`--shape`; found from the text when not given): see shapes.py
SHAPES = ("lines", "pairs", "separator", "headings", "outline", "blocks")
