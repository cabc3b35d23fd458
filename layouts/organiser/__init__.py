"""Knowledge organisers: one side per topic, its key terms, dates, people, questions and picture in
boxes that fill the page; a self-quiz copy with the answers blanked."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import OrganiserOptions

register(
    Layout(
        "organiser", "knowledge organisers: one side per topic, boxes that fill the page", OrganiserOptions,
        lazy_render(__name__), order=25, title="Knowledge organisers", aliases=("organizer",),
    )
)  # fmt: skip
