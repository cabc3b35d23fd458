"""Cut-out revision cards: the grid on the sheet, fitting, fronts and mirrored backs."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import CardsOptions

register(
    Layout(
        "cards", "cut-out revision cards, single, duplex or fold", CardsOptions, lazy_render(__name__), order=10,
        title="Revision cards",
    )
)  # fmt: skip
