"""A third party's layout plugs in exactly like a built-in one: found through the entry-point group
`studypack.layouts`, its options validated and in the schema, its title on the cover."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import make_pack, pdf_pages_text

from studypack.layout_api import registry

PLUGIN = """
from dataclasses import dataclass

from studypack.layout_api import options as o
from studypack.layout_api.pages import Page, PrintAdvice, SectionPages
from studypack.layout_api.registry import Layout


@dataclass(frozen=True)
class PraiseOptions:
    message: str = o.option("Well done!", "what the page says", o.text)
    size: float = o.option(20, "text size in points", o.number(8, 40))


def render(pack, section, ctx):
    w, h = (v * 72 / 25.4 for v in pack.paper.value)

    def draw(c):
        c.setFont(ctx.fonts.face(bold=True), section.options.size)
        c.drawString(72, h / 2, section.options.message)

    return SectionPages((Page(w, h, draw),), PrintAdvice("single", "per-student"), "1 page of praise")


LAYOUT = Layout("praise", "a page of praise", PraiseOptions, render, order=90, title="Praise page")
"""


def install_plugin(site: Path) -> dict[str, str]:
    """A tiny separate distribution, as pip would install it: a module and its dist-info with the
    entry point. Returns the environment that puts it on the path."""
    site.mkdir()
    (site / "studypack_praise.py").write_text(PLUGIN)
    info = site / "studypack_praise-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: studypack-praise\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[studypack.layouts]\npraise = studypack_praise:LAYOUT\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studypack", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_a_third_party_layout_builds_inside_a_pack(tmp_path):
    """The plug-in's section builds between built-in ones, with its options and its cover title."""
    env = install_plugin(tmp_path / "site")
    sections = textwrap.dedent("""
        - layout: cards
        - layout: praise
          message: Brilliant revision, class 10C
          size: 24
    """)
    topic = "topic: T\ncards:\n  - title: A\n    points: [x]\n"
    pack = make_pack(tmp_path / "p", {"t.yaml": topic}, sections)
    r = run(["build", str(pack), "-o", "out.pdf"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "praise: 1 page of praise" in r.stdout
    pages = pdf_pages_text(tmp_path / "out.pdf")
    assert "Praise page" in pages[0] and "Revision cards" in pages[0]
    assert any("Brilliant revision, class 10C" in p for p in pages)


def test_a_third_party_layout_is_validated_and_in_the_schema(tmp_path):
    """A wrong option of the plug-in is a located error with a hint; `studypack schema` lists it."""
    env = install_plugin(tmp_path / "site")
    topic = "topic: T\ncards:\n  - title: A\n    points: [x]\n"
    pack = make_pack(tmp_path / "p", {"t.yaml": topic}, "- layout: praise\n  mesage: hi\n")
    r = run(["check", str(pack)], env, tmp_path)
    assert r.returncode == 2
    assert f"{pack}:8:5: layout 'praise' has no option 'mesage' (did you mean 'message'?)" in r.stderr
    r = run(["schema"], env, tmp_path)
    assert r.returncode == 0
    layouts = [
        s["properties"]["layout"].get("const")
        or s["properties"]["layout"]["enum"][0]  # enum: other spellings
        for s in json.loads(r.stdout)["properties"]["sections"]["items"]["oneOf"]
    ]
    # the built-in layouts in their order (read from the registry, so a new one needs no edit here), then the plug-in
    assert layouts == [lay.name for lay in registry.all_layouts()] + ["praise"]
    # without the plug-in installed, the schema is the committed one
    r = run(["schema"], {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, tmp_path)
    assert r.stdout == (Path(__file__).parents[1] / "studypack" / "schema" / "pack.schema.json").read_text()
