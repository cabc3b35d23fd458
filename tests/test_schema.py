"""The JSON Schema for editors matches the loader: generated from it, and agreeing on examples."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import CONTENT

from studypack.errors import ContentError
from studypack.load import schema
from studypack.load.manifest import load_pack
from studypack.load.topic import load_topic

SCHEMA_DIR = Path(schema.HERE)


def as_typed(path: Path):
    """The file as plain strings, lists and dicts: what studypack sees (scalars as typed)."""

    def conv(node):
        if isinstance(node, yaml.MappingNode):
            return {k.value: conv(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [conv(n) for n in node.value]
        return None if node.value == "" and node.tag.endswith("null") else node.value

    return conv(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text()))


def test_committed_schema_is_the_generated_one(pytestconfig):
    """studypack/schema/*.json equal what the loader's key lists and the layouts' options give.
    Re-make them with `python -m studypack.load.schema` (never by a test run)."""
    for name, text in schema.rendered().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, (
            f"run python -m studypack.load.schema ({name})"
        )


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate(path):
    """Every example file validates against the schema, as the loader accepts it."""
    name = "pack.schema.json" if path.name == "pack.yaml" else "topic.schema.json"
    validator(name).validate(as_typed(path))
    (load_pack if path.name == "pack.yaml" else load_topic)(str(path))


BAD_TOPICS = [
    "cards: []\n",
    "topic: T\ncolour: red\n",
    "topic: T\ncards:\n  - title: A\n    pionts: [x]\n",
    "topic: T\ncards:\n  - points: [x]\n",
    "topic: T\ncards:\n  - title: ''\n    points: [x]\n",
    "topic: [a]\n",
    "topic: T\ncards: x\n",
    "topic: T\ntimeline:\n  - date: 1956\n",
    "topic: T\nkey_terms:\n  - term: X\n",
    "topic: T\ncards:\n  - title: A\n    points:\n      - text: x\n        extra: y\n",
    "topic: T\ncards:\n  - title: A\n    points:\n      - points: [x]\n",
    "topic: T\ncards:\n  - title: A\n    points:\n      - title: B\n",
    "topic: T\ncards:\n  - title: A\n    points: [x]\npeople:\n  - about: no name\n",
    "topic: T\ncards:\n  - title: A\n    points: [x]\npeople:\n  - name: X\n    abuot: y\n",
]
GOOD_TOPICS = [
    "topic: T\ncards:\n  - title: A\n    points: [x]\npeople:\n  - {name: Stalin, about: leader}\n  - Beria\n"
    "  - Malenkov: premier\n",
    "topic: T\ncards:\n  - title: A\n    points: [x, {text: y, points: [z]}]\n",
    "topic: No\ncards:\n  - front: Q?\n    back: A\n    review: check\n",
    "topic: T\ntimeline:\n  - date: 1956\n    event: e\nkey_terms:\n  - term: t\n    definition: d\n",
    "topic: T\ncards:\n  - title: A\n    points:\n      - Nucleus: the centre\n      - Causes:\n          - x\n",
]


@pytest.mark.parametrize("text", BAD_TOPICS)
def test_schema_and_loader_agree_on_bad_topics(tmp_path, text):
    """A structurally bad topic is rejected by both the schema and the loader."""
    p = tmp_path / "t.yaml"
    p.write_text(text)
    assert list(validator("topic.schema.json").iter_errors(as_typed(p)))
    with pytest.raises(ContentError):
        load_topic(str(p))


@pytest.mark.parametrize("text", GOOD_TOPICS)
def test_schema_and_loader_agree_on_good_topics(tmp_path, text):
    """A good topic is accepted by both."""
    p = tmp_path / "t.yaml"
    p.write_text(text)
    validator("topic.schema.json").validate(as_typed(p))
    load_topic(str(p))


BAD_PACKS = [
    "topics: [t.yaml]\n",
    "title: P\n",
    "title: P\ntopics: [t.yaml]\npaper: A5\n",
    "title: P\ntopics: [t.yaml]\nsections:\n  - layout: card\n",
    "title: P\ntopics: [t.yaml]\nsections:\n  - layout: cards\n    sise: A7\n",
    "title: P\ntopics: [t.yaml]\nsections:\n  - layout: cards\n    sides: triple\n",
    "title: P\ntopics: [t.yaml]\ncolour: red\n",
    "title: P\ntopics: [t.yaml]\nsections:\n  - layout: organiser\n    paper: A5\n",
]


@pytest.mark.parametrize("text", BAD_PACKS)
def test_schema_and_loader_agree_on_bad_packs(tmp_path, text):
    """A bad manifest is rejected by both the schema and the loader."""
    (tmp_path / "t.yaml").write_text("topic: T\ncards:\n  - title: A\n    points: [x]\n")
    p = tmp_path / "pack.yaml"
    p.write_text(text)
    assert list(validator("pack.schema.json").iter_errors(as_typed(p)))
    with pytest.raises(ContentError):
        load_pack(str(p))


def test_readme_examples_are_valid(tmp_path):
    """The README's topic example loads, and its manifest example validates against the schema."""
    import re

    readme = (CONTENT.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    topic = tmp_path / "t.yaml"
    topic.write_text(blocks[0], encoding="utf-8")
    import shutil

    from PIL import Image

    shutil.copytree(CONTENT / "pictures", tmp_path / "pictures")  # the pictures it names
    (tmp_path / "sources").mkdir()
    Image.new("RGB", (300, 400), "white").save(tmp_path / "sources" / "poster.jpg")
    validator("topic.schema.json").validate(as_typed(topic))
    load_topic(str(topic))
    manifest = tmp_path / "pack.yaml"
    manifest.write_text(blocks[1], encoding="utf-8")
    validator("pack.schema.json").validate(as_typed(manifest))
