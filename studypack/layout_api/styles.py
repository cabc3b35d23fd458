"""Shared measures and tones, in points from ReportLab's mm. Tones are greys: nothing relies on colour."""

from __future__ import annotations

from dataclasses import dataclass

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
LARGE_PRINT_FLOOR = 12.0  # under the large-print preset nothing on any page is smaller


@dataclass(frozen=True)
class Preset:
    """Sizes, spacing and face for every section at once (a pack's `preset:`, or `--preset`)."""

    name: str
    card_min: float  # smallest body size on cards
    sheet_min: float  # smallest body size on summary sheets and worksheets
    spacing: float = 1.0  # line spacing, against the layouts' own
    italics: bool = True  # False: emphasis and answers in bold, never italic
    family: str = ""  # a face to prefer when the pack names none
    larger_cards: bool = False  # cards smaller than A6 (A7, business cards) are A6 under this preset
    floor: float = 0.0  # nothing on any page is set smaller: running heads, footers, numbers, labels

    def at_least(self, size: float) -> float:
        """`size`, raised to the preset's floor: the one rule small print follows under a preset."""
        return max(size, self.floor)

    @property
    def furniture(self) -> float:
        """The running head's and page footer's size."""
        return self.at_least(FURNITURE_SIZE)

    @property
    def foot_band(self) -> float:
        """What a sheet keeps clear at its foot for the page number: FURNITURE_BAND, more when the
        number is set larger (12 pt under large print), so a box's border or the last line of a
        column stays 1.5 mm clear of the number's top (its baseline is 1.5 mm inside SAFE)."""
        return max(FURNITURE_BAND, SAFE + 1.5 * mm + 0.75 * self.furniture + 1.5 * mm)


PRESETS = {
    "standard": Preset("standard", CARD_MIN_SIZE, SHEET_MIN_SIZE),
    # clear-print guidance (RNIB, UKAAF): large print is 16-18 pt, headings larger, nothing small
    "large-print": Preset("large-print", 14.0, 16.0, larger_cards=True, floor=LARGE_PRINT_FLOOR),
    "dyslexia-friendly": Preset("dyslexia-friendly", 10.0, 12.0, spacing=1.5, italics=False, family="Andika"),
}
