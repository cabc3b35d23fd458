"""Find, register and check a Unicode TrueType family to embed.

Order: the manifest's `font:` (family name or file paths), else the first family found on the system
(DejaVu, Noto, Liberation, Arial in the usual Linux, macOS and Windows folders), else ReportLab's
bundled Vera, which is Latin only. Faces are registered on first use: each costs ~17 ms.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

from studypack.errors import FontError, Problem
from studypack.model import FontChoice, Pack, Source

# (family, regular, bold, italic, bold italic) file names
FAMILIES = [
    ("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
     "DejaVuSans-BoldOblique.ttf"),
    ("DejaVu Sans Condensed", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf",
     "DejaVuSansCondensed-Oblique.ttf", "DejaVuSansCondensed-BoldOblique.ttf"),
    ("DejaVu Serif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
     "DejaVuSerif-BoldItalic.ttf"),
    ("DejaVu Serif Condensed", "DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf",
     "DejaVuSerifCondensed-Italic.ttf", "DejaVuSerifCondensed-BoldItalic.ttf"),
    ("Andika", "Andika-Regular.ttf", "Andika-Bold.ttf", "Andika-Italic.ttf", "Andika-BoldItalic.ttf"),
    ("OpenDyslexic", "OpenDyslexic-Regular.otf", "OpenDyslexic-Bold.otf", "OpenDyslexic-Italic.otf",
     "OpenDyslexic-Bold-Italic.otf"),
    ("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
     "NotoSans-BoldItalic.ttf"),
    ("Liberation Sans", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
     "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf"),
    ("Arial", "arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf"),
    ("Arial", "Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf", "Arial Bold Italic.ttf"),
]  # fmt: skip
DEFAULT_ORDER = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial"]
KNOWN_FOLDERS = [  # where the usual packages put them, checked before a full walk
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/andika", "/usr/share/fonts/opentype/opendyslexic",
    "/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto", "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-sans", "/Library/Fonts", "/System/Library/Fonts/Supplemental",
    os.path.expanduser("~/Library/Fonts"), "C:\\Windows\\Fonts",
]  # fmt: skip
ROOTS = [
    "/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"),
    os.path.expanduser("~/.local/share/fonts"), "/Library/Fonts", "/System/Library/Fonts",
    os.path.expanduser("~/Library/Fonts"),
    os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts"),
    os.path.join(os.environ.get("LOCALAPPDATA", ""), "Microsoft", "Windows", "Fonts"),
]  # fmt: skip
STYLES = ("regular", "bold", "italic", "bold_italic")
CONDENSED = {"DejaVu Sans": "DejaVu Sans Condensed", "DejaVu Serif": "DejaVu Serif Condensed"}
_condensed: dict[str, Fonts] = {}


@dataclass
class Fonts:
    """A registered family: face names by style, registering each face when first asked for."""

    family: str
    files: dict[str, str]  # style -> path
    prefix: str = "SP"
    _names: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the build should tell (a family not found)
    italics: bool = True  # False (dyslexia-friendly): emphasis and answers in bold instead of italic

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if italic and not self.italics:
            bold, italic = True, False
        style = {(0, 0): "regular", (1, 0): "bold", (0, 1): "italic", (1, 1): "bold_italic"}[
            (int(bold), int(italic))
        ]
        name = self._names.get(style)
        if name is None:
            name = self._register(style)
        return name

    def _register(self, style: str) -> str:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError

        from studypack.files import FileProblem
        from studypack.reportlab_fast import ttfont_class

        TTFont = ttfont_class()

        path = self.files.get(style) or self.files["regular"]
        name = f"{self.prefix}-{self.family.replace(' ', '')}-{style}"
        try:
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, path))
        except FileProblem as e:  # not a regular file, too large, unreadable
            raise FontError(
                f"the font file {path} {e.message}" + (f" ({e.hint})" if e.hint else "")
            ) from None
        except OSError as e:
            raise FontError(f"cannot read the font file {path}: {e.strerror}") from None
        except (TTFError, Exception):  # ReportLab's message quotes the file's first bytes: not for teachers
            raise FontError(
                f"the font file {path} is not a TrueType font this tool can embed "
                "(use a .ttf file, or a family name such as `font: DejaVu Sans`)"
            ) from None
        self._names[style] = name
        return name

    def condensed(self) -> Fonts:
        """The family's condensed sibling where one is installed (DejaVu Sans Condensed), else itself:
        summary sheets fit about 10% more text a line with it."""
        sibling = CONDENSED.get(self.family)
        if not sibling:
            return self
        cached = _condensed.get(sibling)
        if cached is None:
            files = _family_files(sibling, None)
            cached = _condensed[sibling] = Fonts(sibling, files, self.prefix) if files else self
        if cached.italics != self.italics:
            from dataclasses import replace

            return replace(cached, italics=self.italics)
        return cached

    def missing(self, text: str) -> list[str]:
        """The characters of `text` the regular face has no glyph for."""
        from reportlab.pdfbase import pdfmetrics

        cmap = pdfmetrics.getFont(self.face()).face.charToGlyph
        return sorted(c for c in set(text) if ord(c) not in cmap and not c.isspace() and c != "\u00ad")


def _find_file(name: str, index: dict[str, str] | None) -> str | None:
    for folder in KNOWN_FOLDERS:
        p = os.path.join(folder, name)
        if os.path.isfile(p):
            return p
    return index.get(name.lower()) if index is not None else None


def _walk_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for root in ROOTS:
        for dirpath, _, files in os.walk(root):
            for f in files:
                if f.lower().endswith((".ttf", ".otf")):
                    index.setdefault(f.lower(), os.path.join(dirpath, f))
    return index


def _family_files(family: str, index: dict[str, str] | None) -> dict[str, str] | None:
    for row in FAMILIES:
        if row[0].lower() != family.lower():
            continue
        found = {s: _find_file(n, index) for s, n in zip(STYLES, row[1:], strict=True)}
        if found["regular"]:
            return {s: p for s, p in found.items() if p}
    return None


def vera() -> dict[str, str]:
    import reportlab

    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    names = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")
    return {s: os.path.join(folder, n) for s, n in zip(STYLES, names, strict=True)}


def resolve(choice: FontChoice, base: str = ".", family_hint: str = "") -> Fonts:
    """The family to embed for this pack (see the module's docstring for the order)."""
    if choice.regular:
        files: dict[str, str] = {s: getattr(choice, s) for s in STYLES if getattr(choice, s)}
        files = {s: p if os.path.isabs(p) else os.path.join(base, p) for s, p in files.items()}
        for p in files.values():
            if not os.path.isfile(p):
                raise FontError(f"font file not found: {p} (check the manifest's `font:`)")
        return Fonts(os.path.splitext(os.path.basename(files["regular"]))[0], files)
    wanted = [choice.family] if choice.family else [family_hint] if family_hint else []
    for index in (None, "walk"):
        idx = _walk_index() if index else None
        for family in wanted + DEFAULT_ORDER:
            found = _family_files(family, idx)
            if found:
                fonts = Fonts(family, found)
                if choice.family and family != choice.family:
                    fonts.notes.append(f"font '{choice.family}' not found; using {family}")
                return fonts
    fonts = Fonts("Vera", vera())
    if choice.family:
        fonts.notes.append(f"font '{choice.family}' not found; using Vera (Latin only)")
    return fonts


def font_problems(fonts: Fonts, where: Source) -> list[Problem]:
    """The resolver's notes as warnings at the manifest's `font:`."""
    hint = "install it, or name a .ttf file: `font: fonts/MyFont.ttf`"
    return [Problem(where.path, where.line, where.col, n, hint, True) for n in fonts.notes]


def pack_texts(pack: Pack) -> list[tuple[Source, str, str]]:
    """(where, which item, text) for every text a pack prints: its own fields, the sections' text
    options (a worksheet's title), then every topic's."""
    out: list[tuple[Source, str, str]] = []
    for key, value in (
        ("title", pack.title),
        ("term", pack.term),
        ("class", pack.klass),
        ("teacher", pack.teacher),
    ):
        if value:
            out.append((pack.field_src.get(key, pack.src), f"the pack's {key}", value))
    for section in pack.sections:
        for name, value in vars(section.options).items() if hasattr(section.options, "__dict__") else ():
            if isinstance(value, str) and name in ("title", "instruction") and value:
                out.append((section.src, f"section '{section.name}' {name}", value))
    for topic in pack.topics:
        out += topic.texts()
    return out


# Latin-1, Latin Extended-A and the usual punctuation (dashes, quotes, bullet, ellipsis): every face
# of the families found on the system has them, so `check` need not load a font to know.
_EVERYWHERE = re.compile(r"[\u0000-\u017f\u2010-\u2027\u2030-\u203a\u20ac]*")
_WIDE = {"DejaVu Sans", "DejaVu Sans Condensed", "DejaVu Serif", "Noto Sans", "Liberation Sans"}


def _surely_covered(fonts: Fonts, text: str) -> bool:
    return fonts.family in _WIDE and _EVERYWHERE.fullmatch(text) is not None


def _rtl(text: str) -> list[str]:
    return sorted({c for c in text if unicodedata.bidirectional(c) in ("R", "AL")})


def coverage_problems(fonts: Fonts, texts: list[tuple[Source, str, str]]) -> list[Problem]:
    """A warning per item with characters the font cannot show (never silently boxed), and per
    item with right-to-left script, which a PDF drawn left to right would print reversed."""
    from studypack.text.markup import parse

    joined = "".join(t for _, _, t in texts)
    if _surely_covered(fonts, joined) or (not fonts.missing(joined) and not _rtl(joined)):
        return []  # the usual case: one pass over all the characters
    out = []
    for src, what, text in texts:
        shown = "".join(r.text for r in parse(text) if not r.math)  # formulas have their own font
        rtl = _rtl(shown)
        if rtl:
            scripts = sorted({unicodedata.name(c, "?").split()[0].title() for c in rtl})
            chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in rtl[:5]) + (" ..." if len(rtl) > 5 else "")
            out.append(Problem(
                src.path, src.line, src.col,
                f"{what}: right-to-left text ({', '.join(scripts)}: {chars}) would print left to right, "
                "its letters reversed and unjoined",
                "studypack cannot set right-to-left scripts yet; write it in transliteration",
                warning=True,
            ))  # fmt: skip
        missing = [c for c in fonts.missing(shown) if c not in rtl]
        if missing:
            chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            out.append(
                Problem(
                    src.path, src.line, src.col,
                    f"{what}: the font {fonts.family} has no glyph for {chars}",
                    "set `font:` in the manifest to a family that has it (e.g. Noto Sans)",
                    warning=True,
                )
            )  # fmt: skip
    return out
