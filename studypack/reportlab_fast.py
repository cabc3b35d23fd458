"""The one module that touches ReportLab's private API, for speed, with a plain path beside it.

Drawing a 10,000-card deck spends most of its time in ReportLab's per-string bookkeeping; three
shortcuts through its internals make the build about a third faster (bench/, hard-parts.md):

- `text_line` writes a one-style string's PDF operators straight into the canvas's code list
  (`canvas._code`, `canvas._doc`) instead of going through `drawString`;
- `ttfont_class` returns a TTFont whose `splitString` encodes a string made only of characters that
  already have a code with one `str.translate` (it reads `TTFont.state`);
- `new_canvas` turns off ASCII85 on top of Flate (a global `rl_config` change): files 25% smaller.

With the environment variable STUDYPACK_PLAIN_PDF=1 (or `use_fast(False)` before anything is drawn)
every one of them takes ReportLab's public API instead; a test builds the example pack both ways and
finds the same text at the same positions. Nothing else in studypack may touch a private name of
ReportLab: when a ReportLab release changes these internals, this is the only file to mend (the
dependency is capped below the next major version).
"""

from __future__ import annotations

import os
from typing import IO, Any

_fast = os.environ.get("STUDYPACK_PLAIN_PDF", "") in ("", "0")
_fonts: dict[str, Any] = {}
_FAST_TTFONT: type | None = None


def use_fast(on: bool) -> None:
    """Switch the fast path on or off (before fonts are registered and pages drawn)."""
    global _fast
    _fast = on


def fast() -> bool:
    return _fast


def new_canvas(target: str | IO[bytes], **kw: Any) -> Any:
    """A canvas for the pack: reproducible (`invariant`), compressed pages."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    if _fast:
        rl_config.useA85 = 0  # Flate alone: ASCII85 on top makes files 25% bigger and costs time
    return Canvas(target, invariant=1, pageCompression=1, **kw)


def text_line(canvas: Any, face: str, size: float, x: float, y: float, text: str) -> None:
    """Draw one string at (x, y) in `face` at `size`. Fast: when its characters are all in one font
    subset (nearly always) the operators are written directly, each string setting its own font
    inside BT/ET as ReportLab's own text objects do, so the two paths mix safely."""
    if not _fast:
        canvas.setFont(face, size)
        canvas.drawString(x, y, text)
        return
    from reportlab.lib.rl_accel import escapePDF, fp_str

    font = _fonts.get(face)
    if font is None:
        from reportlab.pdfbase.pdfmetrics import getFont

        font = _fonts[face] = getFont(face)
    parts = font.splitString(text, canvas._doc)
    if len(parts) != 1:
        canvas.setFont(face, size)
        canvas.drawString(x, y, text)
        return
    subset, data = parts[0]
    name = font.getSubsetInternalName(subset, canvas._doc)
    canvas._code.append(f"BT {name} {fp_str(size)} Tf 1 0 0 1 {fp_str(x, y)} Tm ({escapePDF(data)}) Tj ET")


def text_right(canvas: Any, face: str, size: float, x: float, y: float, text: str) -> None:
    """Like `text_line`, ending at x."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_line(canvas, face, size, x - stringWidth(text, face, size), y, text)


def text_centred(canvas: Any, face: str, size: float, x: float, y: float, text: str) -> None:
    """Like `text_line`, centred on x."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_line(canvas, face, size, x - stringWidth(text, face, size) / 2, y, text)


def ttfont_class() -> type:
    """ReportLab's TTFont, with a fast `splitString` on the fast path.

    ReportLab maps each character of every drawn string to its subset code in a Python loop (half
    the drawing time of a 10,000-card deck). Once a character has a code in the first subset it
    never changes, so a string made only of such characters is encoded with one `str.translate`;
    anything else takes ReportLab's own path, which also assigns new codes.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    if not _fast:
        return TTFont
    global _FAST_TTFONT
    if _FAST_TTFONT is not None:
        return _FAST_TTFONT

    class FastTTFont(TTFont):
        def splitString(self, text, doc, encoding="utf-8"):
            if isinstance(text, str):
                cache = self.__dict__.setdefault("_sp_fast", {})
                known = cache.get(id(doc))
                if known is not None and known[2] is doc and set(text) <= known[0]:
                    return [(0, text.translate(known[1]).encode("latin-1"))]
            out = TTFont.splitString(self, text, doc, encoding)
            state = self.state[doc]
            table = {c: n for c, n in state.assignments.items() if n < 256}
            if 32 in table:
                table[0xA0] = table[32]  # ReportLab prints a no-break space as a space
            chars = {chr(c) for c in table}
            self.__dict__.setdefault("_sp_fast", {})[id(doc)] = (chars, table, doc)
            return out

    _FAST_TTFONT = FastTTFont
    return FastTTFont
