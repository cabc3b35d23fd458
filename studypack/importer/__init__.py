"""`studypack import`: revision notes teachers already have -> topic files studypack checks and prints.

Each format is one module that turns a file into a `Notes` (topic, cards, points, paragraphs, key
terms, events): Markdown, CSV/TSV exports, revision sites' text, Word (word.py), PowerPoint
(slides.py) and Anki packages (anki.py); plain text is read by its shape (alternating lines,
separators found from the text, dated lines, quotations, outlines, headings, blocks). This package
reads the files (decode.py: UTF-8, UTF-16, Windows-1252, line by line when mixed), detects the
format and shape, proposes timeline events, and writes block-style YAML, all files or none.
"""

from __future__ import annotations

# the formats `--format` names (each is detected from the text when not given); nothing else is
# imported here, so the command line can list them without loading the importer
FORMATS = ("text", "markdown", "revision-cards", "revision-cards-paged", "tsv", "csv")
# how plain text is laid out (`--shape`; found from the text when not given): see shapes.py
SHAPES = ("lines", "pairs", "separator", "headings", "outline", "blocks", "dated", "quotes")
