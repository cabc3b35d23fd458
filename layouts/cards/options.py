"""The cards layout's options (read by `check` without the drawing code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from studypack.layouts.cards.grid import CARD_SIZES, Sides

from studypack.layout_api import options as o
from studypack.layout_api.styles import CARD_MIN_SIZE


def _parse_size(v: object) -> tuple[str, float, float]:
    if isinstance(v, str) and v.strip().lower() in CARD_SIZES:
        name = v.strip().lower()
        return (name, *CARD_SIZES[name])
    if isinstance(v, list) and len(v) == 2:
        try:
            w, h = o.finite(v[0]), o.finite(v[1])
        except o.OptionError:
            w = h = 0.0
        if 30 <= w <= 200 and 30 <= h <= 280:
            return (f"{w:g}x{h:g} mm", w, h)
        raise o.OptionError(f"expected [width_mm, height_mm], each from 30 to 200/280; found {v}")
    raise o.OptionError(f"expected one of {', '.join(CARD_SIZES)} or [width_mm, height_mm]; found {v!r}")


_PAIR = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
_size = o.Parser(
    _parse_size,
    " | ".join(CARD_SIZES) + " | [w_mm, h_mm]",
    {"anyOf": [{"type": "string", "enum": [*CARD_SIZES, *(k.upper() for k in CARD_SIZES)]}, _PAIR]},
)


def _parse_offset(v: object) -> tuple[float, float]:
    try:
        if not (isinstance(v, list) and len(v) == 2):
            raise o.OptionError("")
        x, y = o.finite(v[0]), o.finite(v[1])
    except o.OptionError:
        raise o.OptionError(f"expected [x_mm, y_mm], e.g. [1.5, -0.5]; found {v!r}") from None
    if abs(x) > 10 or abs(y) > 10:
        raise o.OptionError("an offset over 10 mm is not printer drift; check the calibration sheet")
    return (x, y)


_offset = o.Parser(_parse_offset, "[x_mm, y_mm]", _PAIR)


Orientation = Literal["auto", "portrait", "landscape"]


@dataclass(frozen=True)
class CardsOptions:
    """The `cards` layout's options (see the README's table)."""

    size: tuple = o.option(("a7", *CARD_SIZES["a7"]), "card size", _size)
    sides: Sides = o.option("duplex-long-edge", "how the cards are printed", o.one_of(Sides))
    orientation: Orientation = o.option("auto", "card orientation", o.one_of(Orientation))
    gutter_mm: float = o.option(0.0, "gap between cards (two cuts per gap)", o.number(0, 20))
    back_offset_mm: tuple = o.option((0.0, 0.0), "shift of the backs (+x right, +y up)", _offset)
    # default (): the cards, and a topic's key terms when it has no cards (a glossary topic prints)
    include: tuple = o.option(
        (),
        "what becomes a card (default: cards, and the key terms of a topic with no cards)",
        o.subset("cards", "key_terms"),
    )
    topics: tuple = o.option((), "topics to include (default all)", o.text_list)
    font_size: float = o.option(10.0, "normal body size (pt)", o.number(6, 24))
    max_font_size: float = o.option(
        24.0, "largest size short notes grow to, in the middle of their face (pt)", o.number(6, 48)
    )
    min_font_size: float = o.option(CARD_MIN_SIZE, "smallest body size before continuing", o.number(5, 24))
    title_size: float = o.option(16.0, "normal front title size (pt)", o.number(8, 40))
    band: bool = o.option(True, "a grey band with the topic on each front", o.boolean)

    def __post_init__(self) -> None:
        o.check_min_size(self.min_font_size, self.font_size)
