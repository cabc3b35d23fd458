"""Caches are data: nothing in studypack unpickles, every cache file is plain JSON found by the
SHA-256 of its source's bytes and checked when read, so a planted, damaged, poisoned or foreign
file is ignored (nothing runs, the PDF is what an empty cache gives); a cache folder that cannot
be made or written means building without one; a relative XDG_CACHE_HOME is ignored; builds
sharing the cache at once all succeed with the same bytes."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import pickle
import re
import subprocess
import sys
from array import array
from pathlib import Path

import pytest
from helpers import REPO, make_pack

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
needs_dejavu = pytest.mark.skipif(
    not (DEJAVU / "DejaVuSans.ttf").exists(), reason="needs fonts-dejavu-core (installed by .ci/run)"
)
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
  <rect x="10" y="10" width="180" height="80" fill="#cccccc" stroke="black"/>
  <text x="100" y="55" font-family="Helvetica" font-size="14">Label</text>
</svg>
"""


def _env(**over: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STUDYPACK_CACHE_DIR", "XDG_CACHE_HOME")}
    for k, v in over.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def _build(folder: Path, out: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studypack", "build", "pack.yaml", "-o", out, "-q"],
                          capture_output=True, text=True, cwd=folder, env=env, timeout=120)  # fmt: skip


def _pack(tmp: Path) -> Path:
    """A pack with a font file of its own, an SVG and a PNG: every cache in use."""
    from PIL import Image

    (tmp / "myfont.ttf").write_bytes((DEJAVU / "DejaVuSans.ttf").read_bytes())
    (tmp / "d.svg").write_text(SVG)
    Image.new("L", (300, 200), 90).save(tmp / "p.png")
    topic = ("topic: Caches\ncards:\n  - title: A diagram\n    image: d.svg\n    text: Notes Ωμέγα.\n"
             "  - title: A photo\n    image: p.png\n    text: More notes.\n")  # fmt: skip
    return make_pack(tmp, {"t.yaml": topic}, font="{regular: myfont.ttf}")


def _reference(tmp: Path) -> bytes:
    """Makes the pack in tmp/pack; the PDF an empty cache folder gives for it (pictures' names in
    the PDF come from their paths, so every build of a test is of this one folder)."""
    folder = tmp / "pack"
    folder.mkdir()
    _pack(folder)
    r = _build(folder, "reference.pdf", _env(STUDYPACK_CACHE_DIR=str(tmp / "fresh-cache")))
    assert r.returncode == 0, r.stderr
    return (folder / "reference.pdf").read_bytes()


# The one module that may pickle: the pipe between a build and the helper it forked (as
# multiprocessing pickles), never a file; its messages come only from its own fork.
PIPE_ONLY = Path("studypack") / "layout_api" / "helpers.py"


def test_no_pickle_anywhere_in_studypack():
    """No module of studypack or its layouts imports pickle, marshal or shelve, except the helper
    processes' pipe, which pickles only to and from that pipe (no file, no cache)."""
    found = []
    pipe = (REPO / PIPE_ONLY).read_text(encoding="utf-8")
    assert re.findall(r"pickle\.\w+\(", pipe) == ["pickle.dumps(", "pickle.loads("]
    # the only file it opens is /proc's word on whether a helper is stopped, read as text
    assert re.findall(r"\bopen\(([^,]+)", pipe) == ['f"/proc/{pid}/stat"']
    for folder in (REPO / "studypack", REPO / "layouts"):
        for path in folder.rglob("*.py"):
            if path.relative_to(REPO) == PIPE_ONLY:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.match(r"\s*(import|from)\s+(pickle|cPickle|marshal|shelve|dill)\b", line):
                    found.append(f"{path.relative_to(REPO)}:{n}")
                elif re.search(r"\b(pickle|marshal)\.loads?\(", line):
                    found.append(f"{path.relative_to(REPO)}:{n}")
    assert found == []


class _Payload:
    """Unpickling this runs a shell command that makes a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


@needs_dejavu
def test_a_planted_cache_runs_nothing_and_changes_nothing(tmp_path):
    """Under every name the caches use (the font's digest, the SVG's, pictures.json; .json and the
    old .pickle alike), a pickle that would make a marker file: the build succeeds, the marker
    stays absent, the PDF is byte for byte what an empty cache gives, the inputs are unchanged,
    and the planted files are replaced by plain JSON."""
    want = _reference(tmp_path)
    folder = tmp_path / "pack"
    inputs = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    cache, marker = tmp_path / "cache", tmp_path / "RAN"
    evil = pickle.dumps(_Payload(marker))
    font = hashlib.sha256((folder / "myfont.ttf").read_bytes()).hexdigest()
    svg = hashlib.sha256((folder / "d.svg").read_bytes()).hexdigest()
    for sub, name in (("fonts", font), ("forms", svg)):
        (cache / sub).mkdir(parents=True, exist_ok=True)
        (cache / sub / f"{name}.json").write_bytes(evil)
        (cache / sub / f"{name}.pickle").write_bytes(evil)
    (cache / "pictures.json").write_bytes(evil)
    for _ in range(2):  # planted, then as the first build left it
        r = _build(folder, "out.pdf", _env(STUDYPACK_CACHE_DIR=str(cache)))
        assert r.returncode == 0, r.stderr
        assert not marker.exists(), "a planted cache file ran code"
        assert (folder / "out.pdf").read_bytes() == want
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "out.pdf"} == inputs
    for sub, name in (("fonts", font), ("forms", svg)):
        json.loads((cache / sub / f"{name}.json").read_text())  # rebuilt as plain data
    json.loads((cache / "pictures.json").read_text())


def _unpacked(text: str, code: str) -> list:
    """A packed array of a font entry (little-endian base64) as a list."""
    a = array(code)
    a.frombytes(base64.b64decode(text))
    if sys.byteorder != "little":
        a.byteswap()
    return a.tolist()


def _packed(values: list, code: str) -> str:
    a = array(code, values)
    if sys.byteorder != "little":
        a.byteswap()
    return base64.b64encode(a.tobytes()).decode("ascii")


def _poison_font(entry: dict, how: str) -> dict:
    glyphs = _unpacked(entry["glyphs"], "I")
    widths = entry["widths"]
    assert widths["type"] == "f64"  # DejaVu Sans: 2048 units to the em, every width scaled
    if how == "glyph out of range":
        glyphs[5] = 10**6
        entry["glyphs"] = _packed(glyphs, "I")
    elif how == "width not a number":
        widths["values"] = [500] * len(glyphs)  # plain JSON where a packed array belongs
    elif how in ("infinite width", "NaN width", "huge width"):
        w = _unpacked(widths["values"], "d")
        w[5] = {"infinite width": math.inf, "NaN width": math.nan, "huge width": 1e300}[how]
        widths["values"] = _packed(w, "d")
    elif how == "lengths differ":
        entry["glyphs"] = _packed(glyphs[:-1], "I")
    elif how == "half an item":
        entry["glyphs"] = base64.b64encode(base64.b64decode(entry["glyphs"])[:-2]).decode()
    elif how == "not base64":
        entry["chars"] = "<svg onload=alert(1)>"
    elif how == "unknown field":
        entry["scalars"]["__class__"] = "os.system"
    elif how == "table past the file":
        entry["tables"][0][2] = 10**9
    elif how == "another version":
        entry["version"] = 2  # the lists of JSON numbers an earlier release wrote
    return entry


@needs_dejavu
@pytest.mark.parametrize(
    "how",
    ["glyph out of range", "width not a number", "infinite width", "NaN width", "huge width", "lengths differ",
     "half an item", "not base64", "unknown field", "table past the file", "another version",
     "another font's entry", "cut short", "a folder"],
)  # fmt: skip
def test_a_damaged_poisoned_or_foreign_font_entry_is_ignored_and_rebuilt(tmp_path, how):
    """The font's cache entry spoiled one way: the build parses the font again and writes the
    same PDF as with an empty cache; the entry is replaced by a good one."""
    want = _reference(tmp_path)
    folder = tmp_path / "pack"
    cache = tmp_path / "cache"
    env = _env(STUDYPACK_CACHE_DIR=str(cache))
    assert _build(folder, "first.pdf", env).returncode == 0
    entry_path = (
        cache / "fonts" / (hashlib.sha256((folder / "myfont.ttf").read_bytes()).hexdigest() + ".json")
    )
    good = entry_path.read_text()
    if how == "another font's entry":
        other = tmp_path / "other"
        other.mkdir()
        _pack(other)
        (other / "myfont.ttf").write_bytes((DEJAVU / "DejaVuSerif.ttf").read_bytes())
        other_cache = tmp_path / "other-cache"
        assert _build(other, "o.pdf", _env(STUDYPACK_CACHE_DIR=str(other_cache))).returncode == 0
        serif = hashlib.sha256((DEJAVU / "DejaVuSerif.ttf").read_bytes()).hexdigest()
        entry_path.write_text((other_cache / "fonts" / f"{serif}.json").read_text())
    elif how == "cut short":
        entry_path.write_text(good[: len(good) // 2])
    elif how == "a folder":
        entry_path.unlink()
        entry_path.mkdir()
    else:
        entry_path.write_text(json.dumps(_poison_font(json.loads(good), how)))
    r = _build(folder, "out.pdf", env)
    assert r.returncode == 0, r.stderr
    assert (folder / "out.pdf").read_bytes() == want
    if how != "a folder":
        assert entry_path.read_text() == good


@needs_dejavu
def test_every_system_face_comes_back_from_its_entry_exactly():
    """The plain-data form of a parsed face gives back every field ReportLab parsed, with its type."""
    from reportlab.pdfbase.ttfonts import TTFont

    from studypack import reportlab_fast as R

    faces = sorted(DEJAVU.glob("*.ttf"))
    assert faces
    for path in faces:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        parsed = TTFont("x", str(path)).face
        entry = json.loads(json.dumps(R._face_to_json(parsed, digest)))
        back = R._face_from_json(entry, data, str(path), digest)
        assert back is not None, path
        assert back.glyphToChar == parsed.glyphToChar  # made when first asked for
        a = {k: v for k, v in parsed.__dict__.items() if k != "_pdfScale"}
        b = {k: v for k, v in back.__dict__.items() if k != "_pdfScale"}
        assert a == b and {k: type(v) for k, v in a.items()} == {k: type(v) for k, v in b.items()}, path
        assert R._face_from_json(entry, data, str(path), "0" * 64) is None  # named for other bytes


@needs_dejavu
def test_a_damaged_glyph_to_char_table_is_read_from_the_font_instead():
    """The glyph -> characters table a kept face makes only when asked: from a damaged entry (a
    glyph out of range, a count of zero, not base64) it is the table the font file itself gives."""
    from reportlab.pdfbase.ttfonts import TTFont

    from studypack import reportlab_fast as R

    path = DEJAVU / "DejaVuSans.ttf"
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    parsed = TTFont("x", str(path)).face
    good = R._face_to_json(parsed, digest)
    glyphs, counts = _unpacked(good["g2c_glyphs"], "I"), _unpacked(good["g2c_counts"], "I")
    bad_glyphs, bad_counts = list(glyphs), list(counts)
    bad_glyphs[3], bad_counts[4] = 10**6, 0
    for field, value in [("g2c_glyphs", _packed(bad_glyphs, "I")), ("g2c_counts", _packed(bad_counts, "I")),
                         ("g2c_chars", "<not base64>")]:  # fmt: skip
        entry = json.loads(json.dumps({**good, field: value}))
        back = R._face_from_json(entry, data, str(path), digest)
        assert back is not None and back.glyphToChar == parsed.glyphToChar, field


def test_damaged_picture_and_form_entries_are_ignored(tmp_path):
    """pictures.json rows of the wrong shape and a kept form with operators it never holds (an
    image, a foreign font): ignored, the PDF as an empty cache gives, the entries made good."""
    want = _reference(tmp_path)
    folder = tmp_path / "pack"
    cache = tmp_path / "cache"
    env = _env(STUDYPACK_CACHE_DIR=str(cache))
    assert _build(folder, "first.pdf", env).returncode == 0
    png = hashlib.sha256((folder / "p.png").read_bytes()).hexdigest()
    svg = hashlib.sha256((folder / "d.svg").read_bytes()).hexdigest()
    rows = json.loads((cache / "pictures.json").read_text())
    assert rows[png] == ["png", 300.0, 200.0] and rows[svg][0] == "svg"
    rows[png] = ["png", -1, "tall"]
    rows[svg] = ["svg", 1e308, 5]
    (cache / "pictures.json").write_text(json.dumps(rows))
    form = cache / "forms" / f"{svg}.json"
    kept = json.loads(form.read_text())
    kept["code"] = ["/Secret Do", "BT /F9 12 Tf (x) Tj ET"]
    form.write_text(json.dumps(kept))
    r = _build(folder, "out.pdf", env)
    assert r.returncode == 0, r.stderr
    assert (folder / "out.pdf").read_bytes() == want
    assert json.loads((cache / "pictures.json").read_text())[png] == ["png", 300.0, 200.0]
    assert "Secret" not in form.read_text()


@needs_dejavu
@pytest.mark.parametrize("how", ["a file in its place", "cannot be made", "no HOME", "read-only"])
def test_a_cache_folder_that_cannot_be_used_means_building_without_one(tmp_path, how):
    """The cache folder is a file, cannot be made (under /proc, even for root), there is no HOME,
    or it exists read-only (for root: /proc itself): the build succeeds with the PDF an empty cache gives, and says nothing
    false about the font."""
    want = _reference(tmp_path)
    folder = tmp_path / "pack"
    if how == "a file in its place":
        (tmp_path / "cachefile").write_text("not a folder")
        env = _env(STUDYPACK_CACHE_DIR=str(tmp_path / "cachefile"))
    elif how == "cannot be made":
        env = _env(STUDYPACK_CACHE_DIR="/proc/studypack-cache/sub")
    elif how == "no HOME":
        env = _env(HOME=None)
    elif os.geteuid() == 0:  # root writes into any chmod-read-only folder: /proc exists and refuses
        env = _env(STUDYPACK_CACHE_DIR="/proc")
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        env = _env(STUDYPACK_CACHE_DIR=str(ro))
    r = _build(folder, "out.pdf", env)
    assert r.returncode == 0, r.stderr
    assert "TrueType" not in r.stderr
    assert (folder / "out.pdf").read_bytes() == want
    assert not (folder / ".cache").exists(), "a cache was made in the pack's folder"


def test_the_cache_folder_follows_xdg_and_ignores_a_relative_one(tmp_path, monkeypatch):
    """XDG_CACHE_HOME when absolute; a relative one is ignored (the XDG spec) in favour of
    $HOME/.cache; an explicit STUDYPACK_CACHE_DIR wins; with no absolute HOME, no cache."""
    from studypack.files import cache_dir

    monkeypatch.delenv("STUDYPACK_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == str(tmp_path / "xdg" / "studypack")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == str(tmp_path / "home" / ".cache" / "studypack")
    monkeypatch.setenv("HOME", "")
    assert cache_dir() is None
    monkeypatch.delenv("HOME")
    assert cache_dir() is None
    monkeypatch.setenv("STUDYPACK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == str(tmp_path / "mine")


@needs_dejavu
def test_a_relative_xdg_cache_home_makes_no_folder_where_the_build_runs(tmp_path):
    """A build with XDG_CACHE_HOME=rel caches under $HOME/.cache, never in ./rel."""
    folder = tmp_path / "pack"
    folder.mkdir()
    _pack(folder)
    env = _env(XDG_CACHE_HOME="rel", HOME=str(tmp_path / "home"))
    r = _build(folder, "out.pdf", env)
    assert r.returncode == 0, r.stderr
    assert not (folder / "rel").exists()
    assert list((tmp_path / "home" / ".cache" / "studypack" / "fonts").glob("*.json"))


@needs_dejavu
def test_builds_sharing_the_cache_at_once_are_safe(tmp_path):
    """Four builds started together on one empty cache folder: all succeed with the same bytes as
    an empty cache gives, and every cache file left is whole JSON (no half-written file)."""
    want = _reference(tmp_path)
    folder = tmp_path / "pack"
    cache = tmp_path / "cache"
    env = _env(STUDYPACK_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "studypack", "build", "pack.yaml", "-q", "-o"]
    procs = [subprocess.Popen([*cmd, f"out{i}.pdf"], cwd=folder, env=env, stderr=subprocess.PIPE)
             for i in range(4)]  # fmt: skip
    for p in procs:
        _, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
    for i in range(4):
        assert (folder / f"out{i}.pdf").read_bytes() == want
    left = [p for p in cache.rglob("*") if p.is_file()]
    assert left and all(p.suffix == ".json" for p in left), left
    for p in left:
        json.loads(p.read_text())


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_a_picture_swapped_under_the_same_size_and_time_is_read_afresh(tmp_path, kind):
    """A picture replaced by another of the same byte size, its time set back (a copy that kept
    its date): the caches are keyed by the bytes, so the new picture prints at its own shape, as
    an empty cache prints it, never stretched to the old one's."""
    from PIL import Image

    folder = tmp_path / "pack"
    folder.mkdir()
    name = f"p.{kind}"

    def picture(w: int, h: int) -> None:
        if kind == "svg":
            (folder / name).write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">'
                                       f'<rect width="{w}" height="{h}" fill="#888"/></svg>')  # fmt: skip
        else:
            Image.new("L", (w, h), 90).save(folder / name, compress_level=0)

    picture(300, 200)
    make_pack(folder, {"t.yaml": f"topic: P\ncards:\n  - title: A\n    image: {name}\n    text: x\n"})
    cache = tmp_path / "cache"
    env = _env(STUDYPACK_CACHE_DIR=str(cache))
    assert _build(folder, "old.pdf", env).returncode == 0
    size, stamp = (folder / name).stat().st_size, (folder / name).stat().st_mtime_ns
    picture(200, 300) if kind == "svg" else picture(
        601, 100
    )  # same byte size: 100 x (1 + 601) = 200 x (1 + 300)
    assert (folder / name).stat().st_size == size
    os.utime(folder / name, ns=(stamp, stamp))
    assert _build(folder, "new.pdf", env).returncode == 0
    assert _build(folder, "fresh.pdf", _env(STUDYPACK_CACHE_DIR=str(tmp_path / "empty"))).returncode == 0
    new, fresh = (folder / "new.pdf").read_bytes(), (folder / "fresh.pdf").read_bytes()
    assert new == fresh and new != (folder / "old.pdf").read_bytes()
