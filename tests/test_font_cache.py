"""Parsed fonts are remembered between runs (in the user's cache folder) and never outlive the file
they were parsed from: a build with the cache writes the same PDF as one without, and a font file
replaced under the same name is parsed afresh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_pack

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
needs_dejavu = pytest.mark.skipif(
    not (DEJAVU / "DejaVuSans.ttf").exists(), reason="needs fonts-dejavu-core (installed by .ci/run)"
)


def _build(manifest: Path, out: Path, cache: Path) -> bytes:
    env = {**os.environ, "STUDYPACK_CACHE_DIR": str(cache)}
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(manifest), "-o", str(out), "-q"],
                       capture_output=True, text=True, env=env, cwd=manifest.parent)  # fmt: skip
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


def _pack(tmp: Path) -> Path:
    return make_pack(
        tmp,
        {"t.yaml": "topic: Fonts\ncards:\n  - title: Wide words WWW\n    text: Mmm iii — «Ωμέγα» Жж\n"},
        font="{regular: myfont.ttf}",
    )


@needs_dejavu
def test_a_remembered_font_writes_the_same_pdf(tmp_path):
    """First run parses and stores the face; the second reads it from the cache; the PDFs match
    byte for byte, and a fresh cache folder agrees too."""
    shutil.copy(DEJAVU / "DejaVuSans.ttf", tmp_path / "myfont.ttf")
    manifest = _pack(tmp_path)
    cache = tmp_path / "cache"
    first = _build(manifest, tmp_path / "a.pdf", cache)
    assert list((cache / "fonts").glob("*.json")), "the parsed face was not kept"
    second = _build(manifest, tmp_path / "b.pdf", cache)
    assert first == second


@needs_dejavu
def test_a_replaced_font_is_parsed_again(tmp_path):
    """The same file name now holds another font (serif instead of sans, its time set back to the
    old one's): the build measures and embeds the new font, exactly as with no cache at all."""
    shutil.copy(DEJAVU / "DejaVuSans.ttf", tmp_path / "myfont.ttf")
    manifest = _pack(tmp_path)
    cache = tmp_path / "cache"
    old = _build(manifest, tmp_path / "old.pdf", cache)
    stamp = os.stat(tmp_path / "myfont.ttf").st_mtime_ns
    shutil.copy(DEJAVU / "DejaVuSerif.ttf", tmp_path / "myfont.ttf")
    os.utime(tmp_path / "myfont.ttf", ns=(stamp, stamp))
    cached = _build(manifest, tmp_path / "new.pdf", cache)
    fresh = _build(manifest, tmp_path / "fresh.pdf", tmp_path / "empty-cache")
    assert cached == fresh
    assert cached != old


@needs_dejavu
def test_other_bytes_under_the_same_size_and_time_are_parsed_again(tmp_path):
    """The nastiest swap: the new file has the old one's size and time (a copy that kept its
    date over a font padded to the same length). The checksum of the bytes tells them apart."""
    sans, serif = (DEJAVU / "DejaVuSans.ttf").read_bytes(), (DEJAVU / "DejaVuSerif.ttf").read_bytes()
    size = max(len(sans), len(serif))
    (tmp_path / "myfont.ttf").write_bytes(sans.ljust(size, b"\0"))  # trailing zeros: still a valid font
    manifest = _pack(tmp_path)
    cache = tmp_path / "cache"
    old = _build(manifest, tmp_path / "old.pdf", cache)
    stamp = os.stat(tmp_path / "myfont.ttf").st_mtime_ns
    (tmp_path / "myfont.ttf").write_bytes(serif.ljust(size, b"\0"))
    os.utime(tmp_path / "myfont.ttf", ns=(stamp, stamp))
    cached = _build(manifest, tmp_path / "new.pdf", cache)
    assert cached == _build(manifest, tmp_path / "fresh.pdf", tmp_path / "empty-cache")
    assert cached != old


@needs_dejavu
def test_a_damaged_cache_is_ignored(tmp_path):
    """A cache file cut short or overwritten with rubbish costs only the parse."""
    shutil.copy(DEJAVU / "DejaVuSans.ttf", tmp_path / "myfont.ttf")
    manifest = _pack(tmp_path)
    cache = tmp_path / "cache"
    good = _build(manifest, tmp_path / "a.pdf", cache)
    for f in (cache / "fonts").glob("*.json"):
        f.write_bytes(f.read_bytes()[:100])
    assert _build(manifest, tmp_path / "b.pdf", cache) == good
    for f in (cache / "fonts").glob("*.json"):
        f.write_bytes(b"not json at all")
    assert _build(manifest, tmp_path / "c.pdf", cache) == good
