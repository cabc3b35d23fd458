"""Every layout is one registered module with documented options, and renders the example pack."""

import dataclasses

import pytest
from helpers import CONTENT, build_pdf, make_pack, pdf_pages_text

from studypack.layout_api import options, registry


@pytest.mark.parametrize("layout", registry.all_layouts(), ids=lambda lay: lay.name)
def test_layout_is_documented_and_renders(layout, tmp_path):
    """Each option has a doc and accepted values; the layout alone builds the example topics."""
    assert layout.doc
    assert dataclasses.is_dataclass(layout.options) and layout.options.__dataclass_params__.frozen
    for name, expects, _default, doc in options.describe(layout.options):
        assert doc and expects, name
    topics = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}
    pdf = build_pdf(make_pack(tmp_path, topics, f"- layout: {layout.name}\n"))
    assert len(pdf_pages_text(pdf)) >= 3


def test_example_pack_uses_every_layout():
    """content/pack.yaml shows every layout that exists."""
    text = (CONTENT / "pack.yaml").read_text()
    for layout in registry.all_layouts():
        assert f"layout: {layout.name}" in text


def test_readme_documents_every_option():
    """The README has a section per layout, read from the registry, whose table has a row for each
    of the layout's options (as the layout declares them) and no row for an option it lacks."""
    import re

    readme = (CONTENT.parent / "README.md").read_text(encoding="utf-8")
    for layout in registry.all_layouts():
        m = re.search(rf"^#### `{layout.name}`: (.*?)$(.*?)(?=^#{{2,4}} )", readme, re.M | re.S)
        assert m, f"no README section for layout {layout.name}"
        rows = re.findall(r"^\| `(\w+)` \|", m.group(2), re.M)
        assert sorted(rows) == sorted(name for name, *_ in options.describe(layout.options)), layout.name


def test_every_layout_says_its_title_and_how_to_print(tmp_path):
    """A layout names its cover title, and its pages come with print advice the cover can print."""
    from studypack.build import build
    from studypack.layout_api.pages import PrintAdvice, RenderContext
    from studypack.load.manifest import load_pack
    from studypack.text.fonts import resolve

    topics = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}
    pack, _ = load_pack(str(make_pack(tmp_path, topics)))
    ctx = RenderContext(pack, pack.paper, resolve(pack.font))
    for section in pack.sections:
        layout = registry.get(section.layout)
        assert layout is not None and layout.title and layout.cover_title == layout.title
        sp = layout.render(pack, section, ctx)
        assert isinstance(sp.advice, PrintAdvice) and "100% / actual size" in sp.advice.text("A4")
    build(pack, str(tmp_path / "p.pdf"), None, str(tmp_path))
