"""An SVG made safe to hand to svglib: everything it refers to is inside the pack, or left out.

An SVG may name other files: `<use xlink:href="other.svg#id"/>`, `<image href="photo.png"/>`, CSS
`url(...)` and `@import`, external XML entities. svglib would read them itself, from anywhere (a
file outside the pack, /dev/zero, a FIFO). So the SVG is parsed here first (no entity is read from
outside, no network), and every reference is either kept as it is (`#id` inside the file), turned
into data svglib needs no file for (a bitmap or another SVG inside the pack's folder, read as a
regular file with a size cap, becomes an embedded `data:` image or a copy of the part it names), or
left out with a warning saying which reference, at which line of the SVG, and why. svglib then gets
the bytes, not a path, so it cannot follow anything itself.

The pack's folder (`root`) is the folder of the manifest being built or checked (the topic file's,
when one is checked alone); an SVG kept outside it (in a shared folder a manifest names) may refer
only to files under its own folder.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass, field
from typing import Any

from studypack.bitmaps import PictureError, check_bitmap, open_bitmap, printable
from studypack.files import inside

MAX_REFERENCED_BYTES = 60_000_000  # all the files one SVG refers to, together
MAX_DRAWN = 1_000_000  # elements drawn, <use> repeats included: far beyond any real diagram
MAX_ENTITY_TEXT = 1_000_000  # characters an SVG's own entities may spell out, all together
MAX_DEPTH = 4  # an SVG naming an SVG naming an SVG ...
SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}href"
_URL = re.compile(r"""url\(\s*(['"]?)([^'"()]*)\1\s*\)""", re.IGNORECASE)  # linear: no backtracking
_IMPORT = re.compile(r"@import[^;@]*;?", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+:")  # http:, file:, ftp: ... (not C:\ on Windows)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g)(;[^,]*)?;base64,", re.IGNORECASE)


@dataclass
class Safe:
    """The SVG's bytes as svglib gets them, and what was left out (line in the SVG, why)."""

    data: bytes
    left_out: list[tuple[int, str]] = field(default_factory=list)
    self_contained: bool = True  # no file but itself was read: its drawing depends on its bytes alone


def make_safe(data: bytes, path: str, root: str) -> Safe:
    """`data` (the SVG file at `path`) with every reference resolved inside `root` or left out."""
    job = _Job(root)
    tree = job.parse(data, path)
    job.clean(tree, path, 0)
    drawn = drawn_elements(tree)
    if drawn > MAX_DRAWN:
        raise PictureError(
            f"would draw over {MAX_DRAWN:,} shapes through <use> repeating "
            "<use> (a picture made to exhaust memory)",
            "draw the repeated part fewer times, or save the picture as PNG",
        )
    from lxml import etree

    return Safe(etree.tostring(tree), job.left_out, job.self_contained)


def drawn_elements(root: Any, cap: int = MAX_DRAWN) -> int:
    """How many elements drawing the SVG visits, each <use> counting what it repeats (a chain of
    <use> repeating <use> grows exponentially; svglib would expand it all); stops past `cap`."""
    alive = list(root.iter())  # lxml keeps one proxy per node while it is referenced: ids stay put
    ids = {el.get("id"): el for el in alive if isinstance(el.tag, str) and el.get("id")}
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(el: Any, depth: int) -> int:
        key = id(el)
        if key in sizes:
            return sizes[key]
        if key in busy or depth > 400:  # a cycle (svglib skips it) or absurd depth: counted as cap
            return 0 if key in busy else cap + 1
        busy.add(key)
        total = 1
        for child in el:
            if isinstance(child.tag, str):
                total += size(child, depth + 1)
                if total > cap:
                    break
        href = el.get(XLINK) or el.get("href") or ""
        if el.tag.endswith("}use") and href.startswith("#") and href[1:] in ids:
            total += size(ids[href[1:]], depth + 1)
        busy.discard(key)
        sizes[key] = total = min(total, cap + 1)
        return total

    return size(root, 0)


class _Job:
    def __init__(self, root: str) -> None:
        self.root = root
        self.left_out: list[tuple[int, str]] = []
        self.self_contained = True
        self.budget = MAX_REFERENCED_BYTES
        self.copies: dict[str, str] = {}  # a file copied in (its real path) -> its ids' prefix
        self.ids: set[str] = set()  # the ids of every part copied in
        self.line = 0  # the line of the top file's element being cleaned (a copied part has its own)

    def parse(self, data: bytes, path: str) -> Any:
        from lxml import etree

        # No entity is expanded by the parser (an external one would read a file or the network);
        # the DTD's own internal entities are put back below, as text.
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
            remove_pis=True, recover=True, huge_tree=False,
        )  # fmt: skip
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            root = None
        if root is None or not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
            raise PictureError(
                "cannot be read as an SVG picture", "open it in a drawing program and save it again"
            )
        self._entities(root, data)
        return root

    def _entities(self, root: Any, data: bytes) -> None:
        from lxml import etree

        dtd = root.getroottree().docinfo.internalDTD
        internal: dict[str, str] = {}
        if dtd is not None:
            for ent in dtd.iterentities():
                url = getattr(ent, "system_url", None)
                if url or ent.content is None:
                    self.leave(_line_of(data, b"<!ENTITY", ent.name), f"the entity '&{ent.name};' names "
                               f"another file or address ('{url or '?'}'): not read")  # fmt: skip
                else:
                    internal[ent.name] = ent.content[:10_000]
        budget = MAX_ENTITY_TEXT  # a million references to a long entity must not make gigabytes
        parents = {id(n.getparent()): n.getparent() for n in root.iter(etree.Entity)}
        for parent in parents.values():
            budget = self._spell_out(parent, internal, budget)

    def _spell_out(self, parent: Any, internal: dict[str, str], budget: int) -> int:
        """Put each entity among `parent`'s children back as its text, in one pass (lxml keeps
        text beside elements, as the parent's text and each child's tail)."""
        from lxml import etree

        target, pieces = None, [parent.text or ""]  # None: the parent's own text
        for child in list(parent):
            if isinstance(child, etree._Entity):
                text = internal.get(child.name, "")
                if len(text) > budget:
                    why = "its entities spell out more text than a picture holds: the rest left out"
                    self.leave(child.sourceline or 0, why)
                    internal.clear()
                    text = ""
                budget -= len(text)
                pieces += [text, child.tail or ""]
                parent.remove(child)
            else:
                _set_text(parent, target, "".join(pieces))
                target, pieces = child, [child.tail or ""]
        _set_text(parent, target, "".join(pieces))
        return budget

    def leave(self, line: int, why: str) -> None:
        self.left_out.append((line, why))

    def clean(self, root: Any, path: str, depth: int) -> None:
        """Resolve or remove every reference in the tree of the SVG at `path`."""
        for el in list(root.iter()):
            if not isinstance(el.tag, str) or el.getparent() is None and el is not root:
                continue
            if depth == 0:
                self.line = el.sourceline or 0
            name = el.tag.rsplit("}", 1)[-1]
            if name == "style" and el.text:
                el.text = self._css(el.text, "<style>")
            for attr, value in list(el.attrib.items()):
                if attr in (XLINK, "href"):
                    self._href(el, name, attr, value.strip(), path, depth)
                elif "url(" in value.lower() or (attr == "style" and "@import" in value.lower()):
                    el.set(attr, self._css(value, f"<{name}> {attr}"))

    def _css(self, text: str, where: str) -> str:
        def url(m: re.Match[str]) -> str:
            target = m.group(2).strip()
            if target.startswith("#"):
                return m.group(0)
            self.leave(self.line, f"{where} refers to '{_short(target)}' with url(): only a part of the "
                       "same picture (url(#id)) is drawn")  # fmt: skip
            return "none"

        if _IMPORT.search(text):
            self.leave(self.line, f"{where} imports another style sheet (@import): not read")
            text = _IMPORT.sub("", text)
        return _URL.sub(url, text)

    def _href(self, el: Any, name: str, attr: str, value: str, path: str, depth: int) -> None:
        if not value or value.startswith("#") or name == "a":  # a link's target is never read
            return
        what = f"<{name}>"
        if value.lower().startswith("data:"):
            if name in ("image", "feImage") and _DATA_IMAGE.match(value):
                self._embedded(el, attr, value, what)
            else:
                self._drop(el, what, f"holds data svglib cannot draw ({_short(value)})")
            return
        if _SCHEME.match(value) and not re.match(r"^[a-zA-Z]:[\\/]", value):
            self._drop(
                el, what, f"refers to the address '{_short(value)}': only files inside the pack are drawn"
            )
            return
        from urllib.parse import unquote

        iri, _, fragment = value.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), unquote(iri)))
        if not inside(target, self.root):
            self._drop(el, what, f"refers to '{_short(value)}', outside the pack's folder "
                       f"({self.root}): not drawn")  # fmt: skip
            return
        self.self_contained = False
        if name == "use" and os.path.realpath(target) in self.copies:  # copied in already
            self._copy_part(el, attr, b"", target, fragment, what, value, depth)
            return
        data = self._read(el, what, value, target)
        if data is None:
            return
        from studypack.pictures import kind_of

        kind = kind_of(data[:4096])
        if name in ("image", "feImage") and kind in ("png", "jpeg"):
            el.set(attr, _data_uri(self._bitmap(data, kind, f"{what} '{_short(value)}'"), kind))
        elif kind == "svg" and name == "use" and depth < MAX_DEPTH:
            self._copy_part(el, attr, data, target, fragment, what, value, depth)
        elif kind == "svg":
            self._drop(el, what, f"refers to the SVG '{_short(value)}' " + (
                "through too many others" if depth >= MAX_DEPTH else "in a way that cannot be drawn (use <use>)"))  # fmt: skip
        else:
            self._drop(el, what, f"refers to '{_short(value)}', which is not a PNG, JPEG or SVG picture")

    def _drop(self, el: Any, what: str, why: str) -> None:
        """Leave out what `el` refers to: a picture or a <use> as a whole, for anything else (a
        gradient, a pattern) only the reference."""
        self.leave(self.line, f"{what} {why}")
        parent = el.getparent()
        if parent is not None and el.tag.rsplit("}", 1)[-1] in ("image", "use", "feImage"):
            parent.remove(el)
        else:
            el.attrib.pop(XLINK, None)
            el.attrib.pop("href", None)

    def _read(self, el: Any, what: str, value: str, target: str) -> bytes | None:
        from studypack.files import FileProblem, read_bytes

        try:
            data = read_bytes(target, "a picture file", max(0, self.budget))
        except FileProblem as e:
            self._drop(el, what, f"refers to '{_short(value)}', which {e.message}: not drawn")
            return None
        self.budget -= len(data)
        return data

    def _embedded(self, el: Any, attr: str, value: str, what: str) -> None:
        m = _DATA_IMAGE.match(value)
        assert m is not None
        try:
            data = base64.b64decode(re.sub(r"\s+", "", value[m.end() :]), validate=True)
        except ValueError:
            self._drop(el, what, "holds an embedded picture whose data is damaged: not drawn")
            return
        from studypack.pictures import kind_of

        kind = kind_of(data[:16])
        if kind not in ("png", "jpeg"):
            self._drop(el, what, "holds an embedded picture that is not a PNG or JPEG: not drawn")
            return
        el.set(attr, _data_uri(self._bitmap(data, kind, f"{what} (embedded {kind.upper()})"), kind))

    def _bitmap(self, data: bytes, kind: str, what: str) -> bytes:
        """A bitmap the SVG shows, checked whole (a bomb or a damaged one is an error, as when a
        card names it) and in a mode that prints true."""
        try:
            check_bitmap(data, kind)
        except PictureError as e:
            raise PictureError(f"holds at line {self.line} {what} that {e.message}", e.hint) from None
        im = open_bitmap(data)
        if (
            im.mode in ("L", "RGB")
            and kind == "jpeg"
            or im.mode in ("L", "LA", "RGB", "RGBA")
            and kind == "png"
        ):
            return data
        import io

        out = io.BytesIO()
        printable(im).save(out, "PNG")
        return out.getvalue()

    def _copy_part(self, el: Any, attr: str, data: bytes, target: str, fragment: str, what: str,
                   value: str, depth: int) -> None:  # fmt: skip
        """`<use href="other.svg#id">`: the other file, made safe the same way, is copied into
        this one's <defs> with its ids made unique, and the <use> points at the copy."""
        from lxml import etree

        real = os.path.realpath(target)
        prefix = self.copies.get(real)
        if prefix is None:  # each file is copied in once, however many <use> name it
            try:
                other = self.parse(data, target)
            except PictureError:
                self._drop(el, what, f"refers to '{_short(value)}', which cannot be read as an SVG picture")
                return
            self.copies[real] = prefix = f"sp{len(self.copies) + 1}-"
            self.clean(other, target, depth + 1)
            _prefix_ids(other, prefix)
            other.set("id", prefix + "root")
            self.ids.update(e.get("id") for e in other.iter() if isinstance(e.tag, str) and e.get("id"))
            etree.SubElement(el.getroottree().getroot(), f"{{{SVG_NS}}}defs").append(other)
        wanted = prefix + (fragment or "root")
        if wanted not in self.ids:
            self._drop(el, what, f"refers to '{_short(value)}', which has no part with id '{fragment}'")
            return
        el.set(attr, "#" + wanted)


def _prefix_ids(root: Any, prefix: str) -> None:
    def ref(m: re.Match[str]) -> str:
        target = m.group(2).strip()
        return f"url(#{prefix}{target[1:]})" if target.startswith("#") else m.group(0)

    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in list(el.attrib.items()):
            if attr == "id":
                el.set(attr, prefix + value)
            elif attr in (XLINK, "href") and value.startswith("#"):
                el.set(attr, "#" + prefix + value[1:])
            elif "url(" in value:
                el.set(attr, _URL.sub(ref, value))
        if el.tag.endswith("}style") and el.text:
            el.text = _URL.sub(ref, el.text)


def _set_text(parent: Any, child: Any, text: str) -> None:
    if child is None:
        parent.text = text or None
    else:
        child.tail = text or None


def _data_uri(data: bytes, kind: str) -> str:
    mime = "image/jpeg" if kind == "jpeg" and data[:3] == b"\xff\xd8\xff" else "image/png"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_of(data: bytes, *needles: bytes | str) -> int:
    """The line of the first place where the needles come in order (for what lxml gives no line)."""
    at = 0
    for n in needles:
        b = n.encode() if isinstance(n, str) else n
        found = data.find(b, at)
        if found < 0:
            return 0
        at = found
    return data.count(b"\n", 0, at) + 1
