"""The retrieval layout: a "do now" sheet for every lesson of a run, spaced over what was taught."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import RetrievalOptions

register(
    Layout("retrieval", "a do now sheet for every lesson: questions on topics already taught, spaced over time",
           RetrievalOptions, lazy_render(__name__), order=75, title="Do now sheets (retrieval practice)")
)  # fmt: skip
