"""Shared measures and tones, in points from ReportLab's mm. Tones are greys: nothing relies on colour."""

from __future__ import annotations

mm = 72 / 25.4  # one millimetre in points (ReportLab's reportlab.lib.units.mm, without the import)

SAFE_MM = 5.0  # nothing is drawn closer than this to the paper's edge (millimetres)
SAFE = SAFE_MM * mm
FURNITURE_SIZE = 7.5  # header and footer text
FURNITURE_BAND = 10 * mm  # what sheets with furniture keep clear at top and bottom
GREY = 0.35  # small print, set in dark grey that still reads when photocopied
GUIDE_GREY = 0.25  # cut guides: dark grey, so they survive a black-and-white photocopy (tested at 50%)
GUIDE_WIDTH = 0.5  # points; thinner lines vanish on many printers and copiers
CARD_MIN_SIZE = 7.0
SHEET_MIN_SIZE = 8.0
