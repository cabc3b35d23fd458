"""`studypack import`: revision notes teachers already have -> topic files studypack checks and prints.

Each format is one module that turns text into a `Notes` (topic, cards, points, paragraphs); this
package reads the files (UTF-8, or Windows-1252 with a warning), detects the format, proposes
timeline events, and writes block-style YAML, all files or none.
"""

from __future__ import annotations

# the formats `--format` names (each is detected from the text when not given); nothing else is
# imported here, so the command line can list them without loading the importer
FORMATS = ("revision-cards", "revision-cards-paged", "markdown", "tsv", "csv")
