"""studypack: revision notes in YAML -> one printable study pack (cards, summary sheets, worksheets)."""

__version__ = "0.1.0"
