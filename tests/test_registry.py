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
    """The README lists every option of every layout."""
    readme = (CONTENT.parent / "README.md").read_text(encoding="utf-8")
    for layout in registry.all_layouts():
        for name, *_ in options.describe(layout.options):
            assert f"`{name}`" in readme, (layout.name, name)
