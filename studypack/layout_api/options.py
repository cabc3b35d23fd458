"""Layout options: each layout declares a frozen dataclass whose fields carry a doc and a parser.

Values arrive as the teacher typed them (strings, or lists of strings); a parser turns one into the
field's value or raises OptionError with what was expected.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, get_args

if TYPE_CHECKING:
    from studypack.model import Section


@dataclass(frozen=True)
class Parser:
    """Turns a value as typed into an option's value (or raises OptionError); says what it expects,
    for the README and help, and its JSON Schema, for editors."""

    parse: Callable[[Any], Any]
    expects: str
    schema: dict[str, Any]

    def __call__(self, v: Any) -> Any:
        return self.parse(v)


class OptionError(ValueError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def option(default: Any, doc: str, parse: Parser, key: str = "") -> Any:
    """A documented, parsed layout option (use as a dataclass field default). `key` is the name
    the manifest uses when it cannot be the field's (a Python keyword: `from`)."""
    kw = {"default_factory": default} if callable(default) else {"default": default}
    return field(metadata={"doc": doc, "parse": parse, "key": key}, **kw)


def key_of(f: dataclasses.Field) -> str:
    """The option's name in the manifest: its field's, unless the option says another."""
    return f.metadata.get("key") or f.name


def check_min_size(min_font_size: float, font_size: float) -> None:
    """A layout that shrinks text to a minimum: the minimum may not be above the normal size."""
    if min_font_size > font_size:
        raise OptionError("min_font_size is larger than font_size", "raise font_size too")


def one_of(kind: Any) -> Parser:
    """A choice among the values of a Literal type: `one_of(Sides)` for `Sides = Literal[...]`, so
    the type and the accepted values are written once."""
    return choice(*get_args(kind))


def choice(*values: str) -> Parser:
    def parse(v: Any) -> str:
        if isinstance(v, str) and v.strip().lower() in values:
            return v.strip().lower()
        raise OptionError(f"expected one of {', '.join(values)}; found {v!r}")

    return Parser(parse, " | ".join(values), {"type": "string", "enum": list(values)})


def finite(v: Any, what: str = "a number") -> float:
    """A number typed as text ('10', '2.5'): never nan, inf, or a list or mapping."""
    if not isinstance(v, str):
        raise OptionError(f"expected {what}; found {_shown(v)}")
    try:
        x = float(v)
    except ValueError:
        raise OptionError(f"expected {what}; found {v!r}") from None
    if not math.isfinite(x):
        raise OptionError(f"expected {what}; found {v!r}, which is not a usable number")
    return x


def _shown(v: Any) -> str:
    return (
        "a list"
        if isinstance(v, list)
        else "a mapping"
        if isinstance(v, dict)
        else "nothing"
        if v is None
        else repr(v)
    )


def number(lo: float, hi: float, integer: bool = False) -> Parser:
    def parse(v: Any) -> float | int:
        kind = "a whole number" if integer else "a number"
        x = finite(v, kind)
        if integer:
            if x != int(x):
                raise OptionError(f"expected {kind}; found {v!r}")
            x = int(x)
        if not lo <= x <= hi:
            raise OptionError(f"expected a value from {lo:g} to {hi:g}; found {v}")
        return x

    kind = "integer" if integer else "number"
    # YAML 1.2 editors read `10` as a number; studypack also reads a quoted "10"
    schema = {
        "anyOf": [
            {"type": kind, "minimum": lo, "maximum": hi},
            {"type": "string", "pattern": "^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$"},
        ]
    }
    return Parser(parse, f"{kind} {lo:g}..{hi:g}", schema)


def _boolean(v: Any) -> bool:
    if isinstance(v, str) and v.strip().lower() in ("yes", "true", "on"):
        return True
    if isinstance(v, str) and v.strip().lower() in ("no", "false", "off"):
        return False
    raise OptionError(f"expected yes or no; found {v!r}")


boolean = Parser(
    _boolean,
    "yes | no",
    {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["yes", "no", "true", "false", "on", "off"]}]},
)


def _text(v: Any) -> str:
    if isinstance(v, str):
        return v
    raise OptionError("expected text")


text = Parser(_text, "text", {"type": "string"})


def _text_list(v: Any) -> tuple[str, ...]:
    if isinstance(v, str):
        return (v,)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(v)
    raise OptionError("expected a list of names, e.g. [a, b]")


text_list = Parser(
    _text_list,
    "list of names",
    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
)


def subset(*values: str) -> Parser:
    one = choice(*values)

    def parse(v: Any) -> tuple[str, ...]:
        items = v if isinstance(v, list) else [v]
        return tuple(one(x) for x in items)

    schema = {
        "anyOf": [
            {"type": "string", "enum": list(values)},
            {"type": "array", "items": {"type": "string", "enum": list(values)}},
        ]
    }
    return Parser(parse, f"list of {', '.join(values)}", schema)


def build(cls: type, raw: dict[str, Any]) -> tuple[Any, dict[str, OptionError]]:
    """An options instance from raw values; errors are returned per option, defaults kept for them."""
    values, errors = {}, {}
    for f in dataclasses.fields(cls):
        if key_of(f) in raw:
            try:
                values[f.name] = f.metadata["parse"](raw[key_of(f)])
            except OptionError as e:
                errors[key_of(f)] = e
    try:
        return cls(**values), errors
    except OptionError as e:  # cross-field checks in __post_init__
        errors["*"] = e
        return cls(), errors


T = TypeVar("T")


def options_of(section: Section, cls: type[T]) -> T:
    """A section's options as its layout's own dataclass (checked, not assumed)."""
    if not isinstance(section.options, cls):
        raise TypeError(f"section '{section.name}' has {type(section.options).__name__}, not {cls.__name__}")
    return section.options


def names(cls: type) -> list[str]:
    return [key_of(f) for f in dataclasses.fields(cls)]


def describe(cls: type) -> list[tuple[str, str, str, str]]:
    """(name, accepted values, default, doc) for each option: for the README and `--help`."""
    out = []
    for f in dataclasses.fields(cls):
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[operator]
        expects = f.metadata["parse"].expects
        out.append((key_of(f), expects, str(default), f.metadata["doc"]))
    return out
