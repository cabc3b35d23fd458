"""Every file a build reads, for the check that no output is one of them (`files.refuse_inputs`)."""

from __future__ import annotations

import dataclasses
import os

from studypack.model import FontChoice, Pack, Picture


def pack_inputs(pack: Pack, manifest: str) -> list[tuple[str, str]]:
    """(what, path) for the manifest, each topic file, each picture and each font file it names."""
    base = os.path.dirname(manifest)
    out = [("the pack manifest", manifest)]
    for topic in pack.topics:
        path = topic.src.path
        out.append(("a topic file", path if os.path.isabs(path) else os.path.join(base, path)))
        out += [("a picture", p.path) for p in _pictures(topic)]
    out += [("a font file", p) for p in _font_files(pack.font, base)]
    return out


def _pictures(item: object) -> list[Picture]:
    """Pictures anywhere in a topic (cards, events, and whatever else a layout's model gives one)."""
    if isinstance(item, Picture):
        return [item]
    if isinstance(item, tuple):
        return [p for x in item for p in _pictures(x)]
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return [p for f in dataclasses.fields(item) for p in _pictures(getattr(item, f.name))]
    return []


def _font_files(font: FontChoice, base: str) -> list[str]:
    paths = [font.regular, font.bold, font.italic, font.bold_italic]
    return [p if os.path.isabs(p) else os.path.join(base, p) for p in paths if p]
