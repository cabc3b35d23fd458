"""Card sheet geometry, pure arithmetic in millimetres: card sizes, the grid, duplex backs, cut guides.

Coordinates follow PDF: origin at the bottom-left of a portrait sheet, y up. A slot is a card's
rectangle (x, y, w, h) in mm. Tests check these numbers; the layout only draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from studypack.layout_api.styles import SAFE_MM

INCH = 25.4
CARD_SIZES = {
    "a7": (74.0, 105.0),
    "a6": (105.0, 148.0),
    "index-3x5": (5 * INCH, 3 * INCH),
    "index-4x6": (6 * INCH, 4 * INCH),
    "business": (85.0, 55.0),
}
Sides = Literal["single", "duplex-long-edge", "duplex-short-edge", "fold"]
SIDES: tuple[Sides, ...] = get_args(Sides)


@dataclass(frozen=True)
class Rect:
    """A rectangle on the sheet, in points: its lower-left corner and size."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Grid:
    """Cards of w x h mm in cols x rows on a portrait sheet of paper_w x paper_h mm."""

    paper_w: float
    paper_h: float
    w: float
    h: float
    cols: int
    rows: int
    gutter: float = 0.0

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def x0(self) -> float:
        return (self.paper_w - (self.cols * self.w + (self.cols - 1) * self.gutter)) / 2

    @property
    def y0(self) -> float:
        return (self.paper_h - (self.rows * self.h + (self.rows - 1) * self.gutter)) / 2

    def slot(self, k: int) -> Rect:
        """Slot k, counted left to right from the top row."""
        col, row = k % self.cols, k // self.cols
        x = self.x0 + col * (self.w + self.gutter)
        top = self.paper_h - self.y0 - row * (self.h + self.gutter)
        return Rect(x, top - self.h, self.w, self.h)

    def back_slot(self, k: int, sides: str, offset: tuple[float, float] = (0.0, 0.0)) -> Rect:
        """Where card k's back goes on the backs sheet so it lies behind its front after the flip."""
        r = self.slot(k)
        if sides == "duplex-long-edge":  # turned over left to right: x mirrors, y stays
            r = Rect(self.paper_w - r.x - r.w, r.y, r.w, r.h)
        elif sides == "duplex-short-edge":  # turned over top to bottom: y mirrors, x stays
            r = Rect(r.x, self.paper_h - r.y - r.h, r.w, r.h)
        return Rect(r.x + offset[0], r.y + offset[1], r.w, r.h)

    @property
    def margins(self) -> tuple[float, float]:
        """The blank strip left and right, top and bottom of the grid (mm)."""
        return self.x0, self.y0


def make_grid(
    paper: tuple[float, float], card: tuple[float, float], orientation: str = "auto", gutter: float = 0.0
) -> Grid:
    """The grid with the most cards; `orientation` forces the card's (a tie keeps it as given)."""
    pw, ph = paper
    w, h = card
    as_given = _grid(pw, ph, w, h, gutter)
    turned = _grid(pw, ph, h, w, gutter)
    if orientation == "portrait":
        return as_given if w <= h else turned
    if orientation == "landscape":
        return as_given if w >= h else turned
    return turned if turned.per_sheet > as_given.per_sheet else as_given


@dataclass(frozen=True)
class FoldGrid:
    """Fold mode: units of a card's front and back, each face exactly the card's size, either side
    by side (folded down the middle) or stacked, front above back (folded across the middle)."""

    grid: Grid  # of units
    stacked: bool

    @property
    def face(self) -> tuple[float, float]:
        g = self.grid
        return (g.w, g.h / 2) if self.stacked else (g.w / 2, g.h)

    def faces(self, k: int) -> tuple[Rect, Rect]:
        """Unit k's front and back faces."""
        r, (fw, fh) = self.grid.slot(k), self.face
        if self.stacked:
            return Rect(r.x, r.y + fh, fw, fh), Rect(r.x, r.y, fw, fh)
        return Rect(r.x, r.y, fw, fh), Rect(r.x + fw, r.y, fw, fh)

    def fold_line(self, k: int) -> tuple[float, float, float, float]:
        """Unit k's fold, 2 mm short of its cut edges and never in the paper's 5 mm edge strip
        (a unit that reaches the edge has its fold stop where the printer can still print)."""
        r, (fw, fh) = self.grid.slot(k), self.face
        g = self.grid
        if self.stacked:
            lo, hi = max(r.x + 2, SAFE_MM), min(r.x + r.w - 2, g.paper_w - SAFE_MM)
            return (lo, r.y + fh, hi, r.y + fh)
        lo, hi = max(r.y + 2, SAFE_MM), min(r.y + r.h - 2, g.paper_h - SAFE_MM)
        return (r.x + fw, lo, r.x + fw, hi)


def fold_grid(
    paper: tuple[float, float], card: tuple[float, float], orientation: str = "auto", gutter: float = 0.0
) -> FoldGrid:
    """The fold layout with the most units whose faces keep the card's size (the card may turn,
    as `orientation` allows); on a tie, side by side and the card as given come first."""
    w, h = card
    faces = [(w, h), (h, w)]
    if orientation == "portrait":
        faces = [(min(w, h), max(w, h))]
    elif orientation == "landscape":
        faces = [(max(w, h), min(w, h))]
    best: FoldGrid | None = None
    for fw, fh in faces:
        for stacked in (False, True):
            unit = (fw, 2 * fh) if stacked else (2 * fw, fh)
            cand = FoldGrid(_grid(paper[0], paper[1], unit[0], unit[1], gutter), stacked)
            if best is None or cand.grid.per_sheet > best.grid.per_sheet:
                best = cand
    assert best is not None
    return best


def _grid(pw: float, ph: float, w: float, h: float, g: float) -> Grid:
    cols = int((pw + g + 1e-9) // (w + g))
    rows = int((ph + g + 1e-9) // (h + g))
    return Grid(pw, ph, w, h, max(cols, 0), max(rows, 0), g)


def cut_lines(
    grid: Grid, n: int | None = None, shift: tuple[float, float] = (0.0, 0.0)
) -> list[tuple[float, float, float, float]]:
    """Cut guides as line segments (x1, y1, x2, y2) in mm, clipped to the sheet's safe area.

    Every cut gets a line along the grid; where the margin beside the grid is wide enough, crop
    marks continue the cuts into it, so they stay visible once the first cut is made.
    """
    dx, dy = shift
    xs, ys = _cut_positions(grid)
    left, right = grid.x0 + dx, grid.paper_w - grid.x0 + dx
    bottom, top = grid.y0 + dy, grid.paper_h - grid.y0 + dy
    lo_x, hi_x = SAFE_MM, grid.paper_w - SAFE_MM
    lo_y, hi_y = SAFE_MM, grid.paper_h - SAFE_MM
    segs = []
    for x in xs:
        x += dx
        if lo_x <= x <= hi_x:
            segs.append((x, max(bottom, lo_y), x, min(top, hi_y)))
            segs += _ticks_v(x, bottom, top, lo_y, hi_y)
    for y in ys:
        y += dy
        if lo_y <= y <= hi_y:
            segs.append((max(left, lo_x), y, min(right, hi_x), y))
            segs += _ticks_h(y, left, right, lo_x, hi_x)
    return [s for s in segs if abs(s[2] - s[0]) + abs(s[3] - s[1]) > 0.5]


TICK_GAP, TICK_MIN, TICK_MAX = 1.0, 2.0, 8.0


def _ticks_v(
    x: float, bottom: float, top: float, lo: float, hi: float
) -> list[tuple[float, float, float, float]]:
    out = []
    if top + TICK_GAP + TICK_MIN <= hi:
        out.append((x, top + TICK_GAP, x, min(top + TICK_GAP + TICK_MAX, hi)))
    if bottom - TICK_GAP - TICK_MIN >= lo:
        out.append((x, max(bottom - TICK_GAP - TICK_MAX, lo), x, bottom - TICK_GAP))
    return out


def _ticks_h(
    y: float, left: float, right: float, lo: float, hi: float
) -> list[tuple[float, float, float, float]]:
    out = []
    if right + TICK_GAP + TICK_MIN <= hi:
        out.append((right + TICK_GAP, y, min(right + TICK_GAP + TICK_MAX, hi), y))
    if left - TICK_GAP - TICK_MIN >= lo:
        out.append((max(left - TICK_GAP - TICK_MAX, lo), y, left - TICK_GAP, y))
    return out


def _cut_positions(grid: Grid) -> tuple[list[float], list[float]]:
    """x of every vertical cut and y of every horizontal cut (two per gap with a gutter)."""
    xs: set[float] = set()
    ys: set[float] = set()
    for c in range(grid.cols):
        x = grid.x0 + c * (grid.w + grid.gutter)
        xs.update((round(x, 6), round(x + grid.w, 6)))
    for r in range(grid.rows):
        y = grid.y0 + r * (grid.h + grid.gutter)
        ys.update((round(y, 6), round(y + grid.h, 6)))
    return sorted(xs), sorted(ys)
