"""The JSON Schema of the content format, for editors (e.g. yaml-language-server).

Made from the loader's own key lists and the registered layouts' options, so the two cannot drift;
`python -m studypack.load.schema` rewrites studypack/schema/*.json (a test compares them);
`studypack schema` prints the schema of the layouts installed now, third-party ones included.
"""

from __future__ import annotations

import dataclasses
import json
import os

from studypack.layout_api import options as o
from studypack.layout_api import registry
from studypack.layout_api.styles import PRESETS
from studypack.load.manifest import FONT_KEYS, PACK_KEYS
from studypack.load.topic import (
    AMBIGUOUS_IN_POINTS,
    CARD_KEYS,
    EVENT_KEYS,
    PERSON_KEYS,
    PICTURE_KEYS,
    POINT_KEYS,
    TERM_KEYS,
    TOPIC_KEYS,
)

# YAML editors see `1956` as a number and `yes` as a boolean; studypack reads them as typed text.
TEXT = {"anyOf": [{"type": "string", "minLength": 1, "pattern": "\\S"}, {"type": ["number", "boolean"]}]}
OPTIONAL_TEXT = {"type": ["string", "number", "boolean", "null"]}
PAPER = {"type": "string", "pattern": "^(?i:a4|letter|a3)$"}
HERE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schema")  # studypack/schema/


def _obj(props: dict, required: list[str] | None = None, keys: tuple = ()) -> dict:
    assert not keys or set(props) == set(keys), (set(props), keys)
    out = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def topic_schema() -> dict:
    # `- Nucleus: contains the DNA`: YAML reads a one-key mapping; studypack reads the point as
    # typed, the term in bold (a key of the format there would be ambiguous, so it is not one)
    term_point = {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "propertyNames": {"not": {"enum": sorted(AMBIGUOUS_IN_POINTS | set(POINT_KEYS))}},
        "additionalProperties": {"anyOf": [OPTIONAL_TEXT, {"$ref": "#/$defs/points"}]},
        "description": "a point written `Term: explanation` (the term is set in bold); "
        "`Term:` alone may have sub-points under it",
    }
    point = {
        "anyOf": [
            TEXT,
            _obj({"text": TEXT, "points": {"$ref": "#/$defs/points"}}, ["text"], POINT_KEYS),
            term_point,
        ]
    }
    picture = {"anyOf": [TEXT, _obj({"file": TEXT, "alt": OPTIONAL_TEXT}, ["file"], PICTURE_KEYS)]}
    card = _obj(
        {k: TEXT for k in ("title", "front", "text", "back", "review")}
        | {"points": {"$ref": "#/$defs/points"}, "image": picture, "front_image": picture},
        None,
        CARD_KEYS,
    )
    card["oneOf"] = [
        {"required": ["title"]},
        {"required": ["front"]},
        {"required": ["front_image"], "not": {"anyOf": [{"required": ["title"]}, {"required": ["front"]}]}},
    ]
    event = _obj(
        {"date": TEXT, "event": TEXT, "review": TEXT, "image": picture}, ["date", "event"], EVENT_KEYS
    )
    term = _obj({"term": TEXT, "definition": TEXT, "review": TEXT}, ["term", "definition"], TERM_KEYS)
    named = {  # the short form, `- Nikita Khrushchev: First Secretary`
        "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": OPTIONAL_TEXT,
        "propertyNames": {"not": {"enum": list(PERSON_KEYS)}},
    }  # fmt: skip
    person = {"anyOf": [TEXT, _obj({"name": TEXT, "about": OPTIONAL_TEXT}, ["name"], PERSON_KEYS), named]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://studypack.example/schema/topic.schema.json",
        "title": "studypack topic file",
        "$defs": {"points": {"type": "array", "items": point}},
        **_obj(
            {
                "topic": TEXT,
                "subject": OPTIONAL_TEXT,
                "taught": TEXT,
                "cards": {"type": ["array", "null"], "items": card},
                "timeline": {"type": ["array", "null"], "items": event},
                "key_terms": {"type": ["array", "null"], "items": term},
                "people": {"type": ["array", "null"], "items": person},
            },
            ["topic"],
            TOPIC_KEYS,
        ),
    }


def _section(layout: registry.Layout) -> dict:
    names = [layout.name, *layout.aliases]
    props = {"layout": {"const": layout.name} if len(names) == 1 else {"enum": names}, "name": TEXT}
    props["paper"] = PAPER
    for f in dataclasses.fields(layout.options):
        props[o.key_of(f)] = dict(f.metadata["parse"].schema, description=f.metadata["doc"])
    return _obj(props, ["layout"])


def pack_schema() -> dict:
    layouts = registry.all_layouts()
    font = {"anyOf": [TEXT, _obj({k: TEXT for k in FONT_KEYS}, None, FONT_KEYS)]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://studypack.example/schema/pack.schema.json",
        "title": "studypack pack manifest",
        **_obj(
            {
                "title": TEXT,
                "term": OPTIONAL_TEXT,
                "class": OPTIONAL_TEXT,
                "teacher": OPTIONAL_TEXT,
                "paper": PAPER,
                "font": font,
                "topics": {"type": "array", "items": TEXT, "minItems": 1},
                "sections": {"type": "array", "items": {"oneOf": [_section(lay) for lay in layouts]}},
                "strict": {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["yes", "no"]}]},
                "downsample_pictures": {
                    "anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["yes", "no"]}]
                },
                "date_order": {"type": "string", "enum": ["dmy", "mdy"]},
                "preset": {"type": "string", "enum": list(PRESETS)},
            },
            ["title", "topics"],
            PACK_KEYS,
        ),
    }


def rendered() -> dict[str, str]:
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in (("topic.schema.json", topic_schema()), ("pack.schema.json", pack_schema()))
    }


def write_committed() -> None:
    """Re-make studypack/schema/*.json (for the built-in layouts); a test compares them."""
    os.makedirs(HERE, exist_ok=True)
    for name, text in rendered().items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {os.path.join(HERE, name)}")


if __name__ == "__main__":
    write_committed()
