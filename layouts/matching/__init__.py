"""The matching worksheet: key terms and their definitions, shuffled, to pair up."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import MatchingOptions

register(
    Layout(
        "matching", "key terms and definitions to pair up, with its answer key", MatchingOptions, lazy_render(__name__),
        order=40, title="Matching worksheet",
    )
)  # fmt: skip
