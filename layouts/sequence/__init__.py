"""The sequencing worksheet: dated events as strips to cut out and put in order."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import SequenceOptions

register(
    Layout("sequence", "dated events as strips to cut out and put in order, with its key", SequenceOptions,
           lazy_render(__name__), order=55, title="Sequencing worksheet")
)  # fmt: skip
