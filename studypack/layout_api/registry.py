"""The one registry of layouts. Built-in layouts (packages under layouts/) and a third party's
(found through the entry-point group `studypack.layouts`) register here the same way: a `Layout`
with its name, cover title, options and render function."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studypack.layout_api.pages import RenderContext, SectionPages
    from studypack.model import Pack, Section


ENTRY_POINTS = "studypack.layouts"


@dataclass(frozen=True)
class Layout:
    """A printable kind: its name, one-line description, title (on the cover and in the bookmarks),
    options dataclass and render function. The render function returns the pages and how they are
    to be printed (a PrintAdvice)."""

    name: str
    doc: str
    options: type
    render: Callable[[Pack, Section, RenderContext], SectionPages]
    order: int = 100  # default place in a pack that names no sections
    title: str = ""  # e.g. "Revision cards"; defaults to the name, capitalised
    aliases: tuple[str, ...] = ()  # other spellings a manifest may use (`organizer`)

    @property
    def cover_title(self) -> str:
        return self.title or self.name.replace("-", " ").capitalize()

    def section_title(self, section_name: str) -> str:
        """The title of a section of this layout: 'Revision cards', 'Revision cards (cards-2)'."""
        return self.cover_title if section_name == self.name else f"{self.cover_title} ({section_name})"


_LAYOUTS: dict[str, Layout] = {}
_ALIASES: dict[str, str] = {}
_loaded = False


def lazy_render(package: str, module: str = "render", function: str = "render") -> Callable:
    """A layout's render function that imports its drawing code when it first draws: reading a
    pack's options (`check`, the schema) imports only the layout's options module."""
    target: list[Callable] = []

    def render(pack: Pack, section: Section, ctx: RenderContext) -> SectionPages:
        if not target:
            target.append(getattr(importlib.import_module(f"{package}.{module}"), function))
        return target[0](pack, section, ctx)

    render.__qualname__ = f"{package}.{module}.{function}"
    return render


def register(layout: Layout) -> Layout:
    if layout.name in _LAYOUTS and _LAYOUTS[layout.name] is not layout:
        raise ValueError(f"layout '{layout.name}' is registered twice")
    _LAYOUTS[layout.name] = layout
    for alias in layout.aliases:
        _ALIASES[alias] = layout.name
    return layout


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    pkg = importlib.import_module("studypack.layouts")
    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if not mod.name.startswith("_"):
            importlib.import_module(f"studypack.layouts.{mod.name}")
    _load_entry_points()


def _load_entry_points() -> None:
    """Third-party layouts: each entry point names a module that registers its layout when imported,
    or a `Layout` object to register."""
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINTS), key=lambda e: e.name):
        loaded = ep.load()
        if isinstance(loaded, Layout):
            register(loaded)


def get(name: str) -> Layout | None:
    """The layout registered as `name`; its module (named like it, by convention) is imported alone
    when it can be, so a pack of cards does not import the timeline's code."""
    if name not in _LAYOUTS and not _loaded and name.replace("_", "").isalnum():
        try:
            importlib.import_module(f"studypack.layouts.{name}")
        except ImportError:
            pass
    if name not in _LAYOUTS:
        _load_builtin()
    return _LAYOUTS.get(name) or _LAYOUTS.get(_ALIASES.get(name, ""))


def all_layouts() -> list[Layout]:
    _load_builtin()
    return sorted(_LAYOUTS.values(), key=lambda lay: (lay.order, lay.name))
