"""One-page summary sheets per topic, in balanced columns."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import SummaryOptions

register(
    Layout(
        "summary", "one-page summary sheets per topic, in columns", SummaryOptions, lazy_render(__name__), order=20,
        title="Summary sheets",
    )
)  # fmt: skip
