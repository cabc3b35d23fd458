"""`studypack import` reads notes in the encodings teachers' programs save (UTF-8 with or without a
BOM, UTF-16 with a BOM, Windows-1252, and files pasted together from both), and calls anything
binary "not a text file", located, exit 2: never an internal error or "please report this"."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from office_files import import_and_build, lost

from studypack.importer.run import import_files

NOTES = "Café culture\nCafé – a small restaurant serving “coffee”\nNaïve – showing a lack of experience\nÉtude – a short piece of music\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
     ("utf-32-le", b"\xff\xfe\x00\x00"), ("cp1252", b"")],
)  # fmt: skip
def test_encodings_read_without_mojibake(tmp_path, encoding, bom):
    """Each encoding gives the same key terms, accents and curly quotes intact; only
    Windows-1252 warns (it cannot be told from UTF-8 for sure)."""
    src = tmp_path / "notes.txt"
    src.write_bytes(bom + NOTES.replace("\n", "\r\n").encode(encoding))
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    assert d.notes.topic == "Café culture"
    assert [t.term for t in d.notes.key_terms] == ["Café", "Naïve", "Étude"]
    assert d.notes.key_terms[0].definition == "a small restaurant serving “coffee”"
    assert bool(d.warnings) == (encoding == "cp1252")


def test_utf16_without_bom_is_recognised(tmp_path):
    """UTF-16 saved without a byte order mark is read, with a warning saying how."""
    src = tmp_path / "notes.txt"
    src.write_bytes(NOTES.encode("utf-16-le"))
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    assert [t.term for t in d.notes.key_terms] == ["Café", "Naïve", "Étude"] and "UTF-16-LE" in d.warnings[0]


def test_mixed_utf8_and_windows_1252_line_by_line(tmp_path):
    """A file pasted together from a UTF-8 and a Windows-1252 program: each line read in its own
    encoding, no mojibake either way; the warning names the Windows-1252 lines. It builds with
    every word."""
    lines = ["Spanish vocabulary", "el niño – the boy", "la canción – the song", "el corazón – the heart",
             "el árbol – the tree"]  # fmt: skip
    data = b"\n".join(ln.encode("cp1252" if i in (2, 4) else "utf-8") for i, ln in enumerate(lines)) + b"\n"
    src = tmp_path / "vocab.txt"
    src.write_bytes(data)
    (d,), tokens = import_and_build(tmp_path, [src])
    assert [t.term for t in d.notes.key_terms] == ["el niño", "la canción", "el corazón", "el árbol"]
    assert "lines 3, 5 read as Windows-1252, the rest as UTF-8" in d.warnings[0]
    assert lost(lines, tokens) == []


@pytest.mark.parametrize(
    ("data", "located", "message"),
    [
        (b"\x00\x01\x02PK", ":1", "is not a text file (it holds NUL bytes"),
        (random.Random(7).randbytes(5000), ":1", "is not a text file"),
        ("Notes\nline two \ufffe here\n".encode(), ":2:10", "is not a text file (it holds U+FFFE"),
        (("Notes\n" + "\x07\x1b" * 20 + "\n").encode(), ":2:1", "is not a text file (40 control characters"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), ":3", "is not a text file"),
        (b"%PDF-1.7\n" + bytes(range(256)), "", "is a PDF, not a text file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "", "is an old Word or PowerPoint file"),
    ],
    ids=["nul", "random", "non-character", "controls", "png", "pdf", "ole"],
)
def test_binary_is_not_a_text_file(tmp_path, data, located, message):
    """Binary input of every kind is a located "not a text file" (exit 2, no traceback, nothing
    written), never an internal error or "please report this"."""
    src = tmp_path / "notes.txt"
    src.write_bytes(data)
    r = subprocess.run([sys.executable, "-m", "studypack", "import", str(src), "-o", str(tmp_path / "out")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(f"studypack: {src}{located}: {message}"), r.stderr
    assert "report" not in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_a_stray_control_character_is_dropped_with_a_warning(tmp_path):
    """One bell character in real notes: left out, located in a warning, the notes imported."""
    src = tmp_path / "notes.txt"
    src.write_text("Ion – a charged\x07 particle\nAlloy – a mixture of metals\n", encoding="utf-8")
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    assert d.notes.key_terms[0].definition == "a charged particle"
    assert d.warnings == [f"{src}:1:16: warning: control character U+0007 left out (1 in all)"]


def test_deep_mind_map_is_folded_into_its_deepest_point(tmp_path):
    """A mind map seven levels deep (deeper than the four a topic file's points may nest) imports
    and builds: the levels below the fourth are joined into the fourth point, every word kept, and
    the card says so in its review note."""
    levels = ["Cells", "Organelles", "Nucleus", "Chromosomes", "Genes", "Alleles", "Dominant", "Recessive"]
    text = (
        "\n".join("  " * i + f"- {w}" for i, w in enumerate(levels[:7])) + "\n" + "  " * 6 + "- Recessive\n"
    )
    text += "- Tissues\n  - Epithelial\n"
    for name, body in (("map.md", text), ("map.txt", text.replace("- ", ""))):
        src = tmp_path / name
        src.write_text(body, encoding="utf-8")
        (d,), tokens = import_and_build(tmp_path / name.replace(".", "-"), [src])
        card = d.notes.cards[0]
        deepest = card.points[0].points[0].points[0].points[0]
        assert deepest.text == "Genes – Alleles – Dominant; Recessive" and not deepest.points
        assert "deeper than 4 levels" in card.review
        assert lost(levels + ["Tissues", "Epithelial"], tokens) == []
