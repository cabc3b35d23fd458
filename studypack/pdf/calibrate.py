"""`studypack calibrate`: a two-sided sheet from which a teacher reads the printer's duplex drift.

The front carries thin cross lines; the back carries millimetre scales at the same places. Every
place is mirrored in both axes (the centre and four symmetric spots), so the sheet works for either
flip. Held up to the light with the back facing you, the front's line shows through at the number to
type as `back_offset_mm` (+x right, +y up as seen on the back): if the printer put the back 1.5 mm too
far right, the line shows at -1.5.
"""

from __future__ import annotations

from studypack.layout_api.styles import GREY, mm
from studypack.model import Paper

SPAN = 10  # the scales run from -SPAN to +SPAN mm
LABEL_PT = 7  # the scales' numbers: the smallest size the pack prints anywhere, readable at arm's length
GAP = 14  # the x scale runs this far below the spot, the y scale this far right of it


def spots(paper: Paper) -> list[tuple[float, float]]:
    """Centres of the measuring spots in mm: the sheet's centre and four spots symmetric to it."""
    w, h = paper.value
    dx, dy = w / 2 - 45, h / 2 - 80
    c = (w / 2, h / 2)
    return [c, (c[0] - dx, c[1] + dy), (c[0] + dx, c[1] + dy), (c[0] - dx, c[1] - dy), (c[0] + dx, c[1] - dy)]


Segment = tuple[float, float, float, float]  # x1, y1, x2, y2 in mm


def front_lines(paper: Paper) -> list[Segment]:
    """The front's cross lines: each runs GAP + 4 mm to both sides of its spot, so after either flip
    it reaches the scale that sits GAP mm from the mirrored spot (right of it or below it)."""
    reach = GAP + 4
    out: list[Segment] = []
    for x, y in spots(paper):
        out.append((x, y - reach, x, y + reach))  # vertical: read on the x scale
        out.append((x - reach, y, x + reach, y))  # horizontal: read on the y scale
    return out


def scale_lines(paper: Paper) -> list[Segment]:
    """The back's rulers: an x scale GAP mm below each spot, a y scale GAP mm right of it."""
    out: list[Segment] = []
    for x, y in spots(paper):
        out.append((x - SPAN, y - GAP, x + SPAN, y - GAP))
        out.append((x + GAP, y - SPAN, x + GAP, y + SPAN))
    return out


def _front(c, paper: Paper, fonts) -> None:
    w, h = (v * mm for v in paper.value)
    c.setFont(fonts.face(bold=True), 14)
    c.drawString(20 * mm, h - 20 * mm, f"Duplex calibration ({paper.label}): front")
    c.setFont(fonts.face(), 9)
    lines = [
        "1. Print this file double-sided at 100% / actual size, with the flip you will use for the cards",
        "   (long edge or short edge), on the printer and paper you will use.",
        "2. Hold the sheet up to a window with the BACK side (the one with the scales) facing you.",
        "3. At the centre, read where this side's vertical line shows through on the x scale below the",
        "   spot, and where its horizontal line shows through on the y scale to its right.",
        "4. Type the two numbers into the cards section: back_offset_mm: [x, y]. [0, 0] means no drift.",
        "   If the corners disagree with the centre by more than 1 mm, the paper is skewing in the printer.",
    ]
    for i, text in enumerate(lines):
        c.drawString(20 * mm, h - 30 * mm - i * 4.5 * mm, text)
    c.setLineWidth(0.3)
    for x1, y1, x2, y2 in front_lines(paper):
        c.line(x1 * mm, y1 * mm, x2 * mm, y2 * mm)
    c.setFillGray(GREY)
    c.setFont(fonts.face(), 7)
    c.drawCentredString(w / 2, 8 * mm, "studypack calibration sheet: front (lines)")


def _back(c, paper: Paper, fonts) -> None:
    w, h = (v * mm for v in paper.value)
    c.setFont(fonts.face(bold=True), 14)
    c.drawString(20 * mm, h - 20 * mm, f"Duplex calibration ({paper.label}): back")
    c.setFont(fonts.face(), 9)
    c.drawString(
        20 * mm,
        h - 27 * mm,
        "Hold this side to a window; at the centre, the lines showing through give back_offset_mm: [x, y].",
    )
    for x, y in spots(paper):
        _scales(c, x * mm, y * mm, fonts)
    c.setFillGray(GREY)
    c.setFont(fonts.face(), 7)
    c.drawCentredString(w / 2, 8 * mm, "studypack calibration sheet: back (scales)")


def _scales(c, x: float, y: float, fonts) -> None:
    """An x scale below the spot and a y scale right of it: the front's lines cross them."""
    c.setLineWidth(0.25)
    c.setFont(fonts.face(), LABEL_PT)
    yx, xy = y - GAP * mm, x + GAP * mm  # where the two rulers run
    c.line(x - SPAN * mm, yx, x + SPAN * mm, yx)
    c.line(xy, y - SPAN * mm, xy, y + SPAN * mm)
    for v in range(-SPAN, SPAN + 1):
        long = 2.5 if v % 5 == 0 else 1.2
        c.line(x + v * mm, yx, x + v * mm, yx + long * mm)  # ticks up from the x ruler
        c.line(xy, y + v * mm, xy - long * mm, y + v * mm)  # ticks left of the y ruler
        if v % 5 == 0:
            c.drawCentredString(x + v * mm, yx - 3.3 * mm, f"{v:+d}" if v else "0")
            c.drawString(xy + 1.2 * mm, y + v * mm - LABEL_PT * 0.35, f"{v:+d}" if v else "0")
    c.setFont(fonts.face(bold=True), LABEL_PT + 1)
    c.drawCentredString(x, yx - 7 * mm, "x")
    c.drawString(xy + 7 * mm, y - LABEL_PT * 0.35, "y")


def write_calibration(paper: Paper, output: str, fonts) -> int:
    """Write the two-page sheet to `output` safely; returns the page count."""
    from reportlab.pdfgen.canvas import Canvas

    from studypack.files import write_atomic

    def produce(f) -> int:
        c = Canvas(f, pagesize=tuple(v * mm for v in paper.value), invariant=1)
        c.setTitle(f"studypack duplex calibration ({paper.label})")
        _front(c, paper, fonts)
        c.showPage()
        _back(c, paper, fonts)
        c.showPage()
        c.save()
        return 2

    return write_atomic(output, produce)
