"""Assembly: rendered pages -> one PDF (cover, blank pages, outline, labels, metadata, writing)."""
