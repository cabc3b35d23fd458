"""The fill-in timeline worksheet: the scale, the labels, the blanks and the pages."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import TimelineOptions

register(
    Layout(
        "timeline", "a fill-in timeline worksheet with its answer key", TimelineOptions, lazy_render(__name__), order=30,
        title="Timeline worksheet",
    )
)  # fmt: skip
