"""`studypack new DIR`: a starter pack (manifest + one topic) that builds as it is."""

from __future__ import annotations

import os

from .errors import UsageError

PACK = """\
# A study pack: build it with `studypack build {dir}/pack.yaml`
title: My revision pack
term: Autumn term
class: 10A
teacher: ""
paper: A4                 # A4, Letter or A3
topics: [my-topic.yaml]   # topic files, relative to this file
sections:
{sections}"""

TOPIC = """\
topic: My first topic
subject: History
cards:
  - title: A card's front
    points:
      - A point on its back, with **bold** and *italic* text
      - text: A point with sub-points
        points:
          - a sub-point
  - front: A question?
    back: Its answer
timeline:
  - date: 1956-02
    event: Something that happened in February 1956
  - date: 1960s
    event: Something that happened during a decade
key_terms:
  - term: Key term
    definition: What it means
"""


def write_starter(folder: str) -> list[str]:
    """Write the starter files; refuses to overwrite existing ones."""
    from studypack.files import write_all_atomic
    from studypack.layout_api import registry

    files = {"pack.yaml": PACK, "my-topic.yaml": TOPIC}
    for name in files:
        if os.path.exists(os.path.join(folder, name)):
            raise UsageError(f"{os.path.join(folder, name)} exists already; choose an empty folder")
    sections = "".join(f"  - layout: {lay.name}\n" for lay in registry.all_layouts())
    texts = {name: text.format(dir=folder, sections=sections) if name == "pack.yaml" else text
             for name, text in files.items()}  # fmt: skip
    out = [(os.path.join(folder, name), text.encode("utf-8")) for name, text in texts.items()]
    write_all_atomic(out)
    return [path for path, _ in out]
