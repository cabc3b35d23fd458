"""Helpers shared by the tests: write small packs, build them, read the PDF back."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path
from typing import NamedTuple

from studypack.build import build
from studypack.load.manifest import load_pack
from studypack.text.markup import words

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_pack(tmp: Path, topics: dict[str, str], sections: str = "", **fields: str) -> Path:
    """A manifest in `tmp` over the given topic files (name -> YAML text). The example's picture
    folder comes along with its topics, as it would when a teacher copies the pack."""
    for name, text in topics.items():
        write(tmp / name, text)
        if "pictures/" in text and not (tmp / "pictures").exists():
            shutil.copytree(CONTENT / "pictures", tmp / "pictures")
    head = {"title": "Test pack", "term": "Spring 2027", "class": "12H", "paper": "A4", **fields}
    lines = [f"{k}: {v}" for k, v in head.items()]
    lines.append(f"topics: [{', '.join(topics)}]")
    if sections:
        lines.append("sections:")
        lines += ["  " + ln for ln in textwrap.dedent(sections).strip().splitlines()]
    return write(tmp / "pack.yaml", "\n".join(lines) + "\n")


def build_pdf(manifest: Path, out: Path | None = None, only: list[str] | None = None) -> Path:
    pack, _ = load_pack(str(manifest))
    out = out or manifest.parent / "out.pdf"
    build(pack, str(out), only, str(manifest.parent))
    return out


def pdf_pages_text(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]


def pdf_tokens(pdf: Path) -> set[str]:
    """Every word in the PDF's extracted text; a word hyphenated at a line end counts whole and as
    its parts (a compound like Marxism-Leninism may break at its own hyphen)."""
    text = "\n".join(pdf_pages_text(pdf))
    tokens = set(re.findall(r"\w+", text))
    # pieces of a word broken at line ends: "establishm-" + "entarianism"; every run of
    # consecutive pieces is joined, since a hyphen at a line end may also be the text's own
    parts = re.split(r"-\n", text)
    for i in range(len(parts) - 1):
        acc = (re.findall(r"\w+$", parts[i]) or [""])[0]
        for j in range(i + 1, len(parts)):
            head = re.match(r"\w+", parts[j])
            if not acc or not head:
                break
            acc += head.group(0)
            tokens.add(acc)
            if head.end() != len(parts[j]):
                break
    return tokens


def missing_words(pdf: Path, texts: list[str]) -> list[str]:
    tokens = pdf_tokens(pdf)
    return sorted({w for t in texts for w in words(t) if w not in tokens})


def all_texts(pack_path: Path) -> list[str]:
    pack, _ = load_pack(str(pack_path))
    return [t for topic in pack.topics for _, _, t in topic.texts()]


class Run(NamedTuple):
    x: float
    y: float
    text: str
    size: float
    bold: bool = False


def _times(m: list[float], n: list[float]) -> list[float]:
    """The PDF matrix m then n (m x n, PDF's row-vector order)."""
    return [
        m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
    ]  # fmt: skip


def text_positions(pdf: Path) -> list[list[Run]]:
    """Per page, each text run's position, text, size and weight as pypdf reads them from the PDF:
    where it prints on the page. Text inside a form (an SVG picture's labels) is placed and sized
    with the matrix the form is drawn at (pypdf reads a form's text as if the form were drawn at
    the page's origin, unscaled)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(str(pdf)).pages:
        runs: list[Run] = []
        outer: list[list[float]] = [[1.0, 0.0, 0.0, 1.0, 0.0, 0.0]]  # the forms being read, innermost last

        def before(op, args, cm, tm, outer=outer):
            if op == b"Do":
                outer.append(_times([float(v) for v in cm], outer[-1]))

        def after(op, args, cm, tm, outer=outer):
            if op == b"Do" and len(outer) > 1:
                outer.pop()

        def visit(text, cm, tm, font, size, runs=runs, outer=outer):
            if text.strip():
                cm = _times([float(v) for v in cm], outer[-1])
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                bold = "Bold" in str((font or {}).get("/BaseFont", ""))
                runs.append(Run(x, y, text, size * tm[0] * cm[0] if tm[0] else size, bold))

        page.extract_text(visitor_text=visit, visitor_operand_before=before, visitor_operand_after=after)
        pages.append(runs)
    return pages
