"""A readable dump of what a PDF page draws, for golden tests: lines, rectangles and text runs with
their positions in millimetres (rounded to 0.1 mm), line widths, greys, dashes, fonts and sizes.

Graphics come from the page's content stream (pypdf parses it; the current transformation, grey,
width and dash are tracked through q/Q); text comes from pypdf's text extraction, which decodes the
embedded subsets. A change to any drawing shows up as a line of the diff."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

MM = 72 / 25.4


def _mm(v: float) -> str:
    return f"{v / MM:.1f}"


def _apply(m: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _mul(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


def graphics(reader: PdfReader, page_no: int) -> list[str]:
    page = reader.pages[page_no]
    state = {"ctm": [1.0, 0, 0, 1, 0, 0], "G": 0.0, "g": 0.0, "w": 1.0, "d": "solid"}
    stack, path, out = [], [], []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        o = op.decode()
        if o == "q":
            stack.append(dict(state))
        elif o == "Q":
            state = stack.pop()
        elif o == "cm":
            state["ctm"] = _mul([float(v) for v in operands], state["ctm"])
        elif o in ("G", "g"):
            state[o] = float(operands[0])
        elif o == "w":
            state["w"] = float(operands[0])
        elif o == "d":
            state["d"] = (
                "[" + ",".join(f"{float(v):g}" for v in operands[0]) + "]" if operands[0] else "solid"
            )
        elif o == "m":
            path.append(["m", *_apply(state["ctm"], float(operands[0]), float(operands[1]))])
        elif o == "l":
            path.append(["l", *_apply(state["ctm"], float(operands[0]), float(operands[1]))])
        elif o == "re":
            x, y, w, h = (float(v) for v in operands)
            x0, y0 = _apply(state["ctm"], x, y)
            path.append(["re", x0, y0, w, h])
        elif o == "Do":
            x, y, w, h, kind = placement(reader, page, operands[0], state["ctm"])
            out.append(f"{kind} {_mm(x)},{_mm(y)} {_mm(w)}x{_mm(h)}")
        elif o in ("S", "s", "f", "f*", "B", "B*", "b", "n"):
            paint = {"S": "stroke", "s": "stroke", "n": ""}.get(o, "fill")
            if paint:
                out += _segments(path, paint, state)
            path = []
    return out


def placement(reader: PdfReader, page, name, ctm: list[float]) -> tuple[float, float, float, float, str]:
    """Where an XObject lands on the page: its box (an image's unit square, a form's BBox through
    its Matrix) through the current transformation; and "image" or "form" (a vector drawing)."""
    xo = page["/Resources"]["/XObject"][name].get_object()
    if xo["/Subtype"] == "/Image":
        box, kind = [0.0, 0.0, 1.0, 1.0], "image"
    else:
        box, kind = [float(v) for v in xo["/BBox"]], "form"
        inner = [float(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
        if _holds_image(xo):
            kind = "image"
        ctm = _mul(inner, ctm)
    xs, ys = zip(*(_apply(ctm, a, b) for a in (box[0], box[2]) for b in (box[1], box[3])), strict=True)
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys), kind


def _holds_image(form) -> bool:  # type: ignore[no-untyped-def]
    res = form.get("/Resources", {})
    xobjects = res.get("/XObject", {}) if res else {}
    return any(v.get_object().get("/Subtype") == "/Image" for v in xobjects.values())


def images(pdf: Path) -> list[list[tuple[float, float, float, float, str, int]]]:
    """Per page, each XObject drawn: its box in points, its kind, and its object number (the same
    number wherever the same file is embedded once)."""
    reader = PdfReader(str(pdf))
    out = []
    for page in reader.pages:
        state = [1.0, 0, 0, 1, 0, 0]
        stack, found = [], []
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            o = op.decode()
            if o == "q":
                stack.append(state)
            elif o == "Q":
                state = stack.pop()
            elif o == "cm":
                state = _mul([float(v) for v in operands], state)
            elif o == "Do":
                ref = page["/Resources"]["/XObject"].raw_get(operands[0])
                x, y, w, h, kind = placement(reader, page, operands[0], state)
                found.append((x, y, w, h, kind, ref.idnum))
        out.append(found)
    return out


def _segments(path: list, paint: str, state: dict) -> list[str]:
    out, last = [], None
    tone = f"grey {state['G'] if paint == 'stroke' else state['g']:g}"
    style = f"w {state['w']:g} {state['d']}" if paint == "stroke" else "fill"
    for item in path:
        if item[0] == "m":
            last = item[1:]
        elif item[0] == "l" and last is not None:
            out.append(f"line {_mm(last[0])},{_mm(last[1])} -> {_mm(item[1])},{_mm(item[2])} {style} {tone}")
            last = item[1:]
        elif item[0] == "re":
            x, y, w, h = item[1:]
            out.append(f"rect {_mm(x)},{_mm(y)} {_mm(w)}x{_mm(h)} {style} {tone}")
    return out


def texts(reader: PdfReader, page_no: int) -> list[str]:
    out: list[str] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = str((font or {}).get("/BaseFont", "?")).split("+")[-1].lstrip("/")
            real = size * tm[0] * cm[0] if tm[0] else size
            out.append(f"text {_mm(x)},{_mm(y)} {name} {real:.1f} {text.strip()!r}")

    reader.pages[page_no].extract_text(visitor_text=visit)
    return out


def dump(pdf: Path, page_no: int) -> str:
    """Page `page_no` (from 0) of `pdf` as text: its size, then graphics, then text, in drawing order."""
    reader = PdfReader(str(pdf))
    box = reader.pages[page_no].mediabox
    head = f"page {page_no + 1} of {len(reader.pages)}: {_mm(float(box.width))} x {_mm(float(box.height))} mm"
    return "\n".join([head, *graphics(reader, page_no), *texts(reader, page_no)]) + "\n"
