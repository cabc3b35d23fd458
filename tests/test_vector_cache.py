"""An SVG's drawing is remembered between runs (user cache folder) when it is self-contained: the
next build makes the same PDF, byte for byte, without importing svglib; an edited SVG is drawn
afresh; one that uses other fonts is never kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import make_pack

BUILD = (
    "import sys; from studypack.cli import main; rc = main(['build', sys.argv[1], '-o', sys.argv[2], '-q']); "
    "print('svglib' in sys.modules); sys.exit(rc)"
)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="10" y="10" width="180" height="80" fill="#cccccc" stroke="black" stroke-width="2" {extra}/>
  <text x="100" y="55" font-family="{font}" font-size="14" text-anchor="middle">{label}</text>
</svg>
"""


def _build(manifest: Path, out: Path, cache: Path) -> tuple[bytes, bool]:
    env = {**os.environ, "STUDYPACK_CACHE_DIR": str(cache)}
    r = subprocess.run([sys.executable, "-c", BUILD, str(manifest), str(out)], capture_output=True, text=True,
                       env=env, cwd=manifest.parent)  # fmt: skip
    assert r.returncode == 0, r.stderr
    return out.read_bytes(), r.stdout.strip() == "True"


def _pack(tmp: Path, font: str = "Helvetica", label: str = "Praesidium", extra: str = "") -> Path:
    (tmp / "d.svg").write_text(SVG.format(font=font, label=label, extra=extra), encoding="utf-8")
    topic = "topic: T\ncards:\n  - title: A diagram\n    image: d.svg\n    text: Notes.\n"
    return make_pack(tmp, {"t.yaml": topic}, "- layout: cards\n- layout: summary\n")


def test_a_kept_drawing_makes_the_same_pdf_without_svglib(tmp_path):
    """First build draws with svglib and keeps the operators; the second uses them: same bytes."""
    manifest = _pack(tmp_path)
    cache = tmp_path / "cache"
    first, imported = _build(manifest, tmp_path / "a.pdf", cache)
    assert imported and list((cache / "forms").glob("*.json"))
    second, imported = _build(manifest, tmp_path / "b.pdf", cache)
    assert not imported, "the kept drawing was not used"
    assert second == first


def test_an_edited_svg_is_drawn_again(tmp_path):
    """The same file with another label (its time set back to the old one's): drawn afresh, as a
    build with no cache draws it."""
    manifest = _pack(tmp_path)
    cache = tmp_path / "cache"
    old, _ = _build(manifest, tmp_path / "old.pdf", cache)
    stamp = os.stat(tmp_path / "d.svg").st_mtime_ns
    _pack(tmp_path, label="Politburo!!")  # same length as "Praesidium" plus one: other bytes
    os.utime(tmp_path / "d.svg", ns=(stamp, stamp))
    new, imported = _build(manifest, tmp_path / "new.pdf", cache)
    assert imported
    assert new == _build(manifest, tmp_path / "fresh.pdf", tmp_path / "empty")[0]
    assert new != old


def test_opacity_keeps_its_pdf_version(tmp_path):
    """A half-transparent fill asks for PDF 1.4: the kept drawing asks for it too."""
    manifest = _pack(tmp_path, extra='fill-opacity="0.5"')
    cache = tmp_path / "cache"
    first, _ = _build(manifest, tmp_path / "a.pdf", cache)
    second, _ = _build(manifest, tmp_path / "b.pdf", cache)
    assert second == first and first.startswith(b"%PDF-1.4")


def test_other_fonts_are_never_kept(tmp_path):
    """Text in Times (a font whose name in the document depends on what came before) is drawn by
    svglib every time."""
    manifest = _pack(tmp_path, font="Times-Roman")
    cache = tmp_path / "cache"
    first, _ = _build(manifest, tmp_path / "a.pdf", cache)
    assert not list(cache.glob("forms/*.json"))
    second, imported = _build(manifest, tmp_path / "b.pdf", cache)
    assert imported and second == first


def test_a_damaged_kept_drawing_is_ignored(tmp_path):
    """A kept file cut short or with a stale key costs only the drawing."""
    manifest = _pack(tmp_path)
    cache = tmp_path / "cache"
    good, _ = _build(manifest, tmp_path / "a.pdf", cache)
    (kept,) = (cache / "forms").glob("*.json")
    kept.write_text(kept.read_text()[:50])
    assert _build(manifest, tmp_path / "b.pdf", cache)[0] == good
    data = json.loads(kept.read_text())
    data["key"][-1] = "0" * 64
    data["code"] = ["0 0 m 100 100 l S"]
    kept.write_text(json.dumps(data))
    assert _build(manifest, tmp_path / "c.pdf", cache)[0] == good
