"""The cloze worksheet: the notes as running text with numbered gaps."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import ClozeOptions

register(
    Layout("cloze", "the notes as running text with numbered gaps to fill, with its key", ClozeOptions, lazy_render(__name__),
           order=45, title="Fill the gaps")
)  # fmt: skip
