"""Load a pack manifest and its topic files into a Pack, reporting every problem at once."""

from __future__ import annotations

import os
import re
from dataclasses import replace

import yaml

from studypack.errors import ContentError, Problem, sort_problems
from studypack.gcpause import paused
from studypack.layout_api import options as opts
from studypack.layout_api import registry
from studypack.layout_api.styles import PRESETS
from studypack.load.dates import DATE_ORDERS
from studypack.load.topic import topic_from_node
from studypack.load.walker import Walker, did_you_mean, file_root
from studypack.model import FontChoice, Pack, Paper, Section, Source, Topic

PACK_KEYS = (
    "title", "term", "class", "teacher", "paper", "font", "topics", "sections", "strict", "date_order",
    "preset", "downsample_pictures",
)  # fmt: skip
FONT_KEYS = ("family", "regular", "bold", "italic", "bold_italic")
TOPIC_SUFFIXES = (".yaml", ".yml")
PAPER_HINT = "expected A4, Letter or A3"


def load_pack(path: str) -> tuple[Pack, list[Problem]]:
    """The manifest at `path` with its topics; raises ContentError listing every problem found.
    With `strict: yes` in the pack, warnings are errors."""
    w = Walker(path)
    with paused():
        root = file_root(w, path)
        pack = _pack_from_node(w, root, os.path.dirname(path)) if root is not None else None
    problems = sort_problems(w.problems)
    if pack is not None and pack.strict:
        problems = [
            replace(p, warning=False, hint=_strict_hint(p.hint)) if p.warning else p for p in problems
        ]
    if any(not p.warning for p in problems) or pack is None:
        raise ContentError(problems)
    return pack, problems


def _strict_hint(hint: str) -> str:
    return (
        f"{hint}; an error because the pack says `strict: yes`"
        if hint
        else "an error because the pack says `strict: yes`"
    )


def _is_topic_file(w: Walker, root: yaml.Node) -> bool:
    """`studypack build topic.yaml`: say what the file is and the two lines of a pack that builds it."""
    if not isinstance(root, yaml.MappingNode):
        return False
    keys = {str(k.value).lower() for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    if "topic" not in keys or "topics" in keys:
        return False
    name = os.path.basename(w.path)
    w.err(
        root,
        "this is a topic file, not a pack manifest",
        f"a pack that builds it is a file beside it, say pack.yaml, with two lines: "
        f"`title: My revision pack` and `topics: [{name}]`; to check the topic alone: studypack check {w.path}",
    )
    return True


def _pack_from_node(w: Walker, root: yaml.Node, base: str) -> Pack | None:
    if _is_topic_file(w, root):
        return None
    m = w.mapping(root, "a pack manifest", PACK_KEYS, ("title", "topics"))
    if m is None:
        return None

    def text(key: str, required: bool = False) -> str:
        return w.text(m[key][1], f"the pack's {key}", required) if key in m else ""

    strict = _yes_no(w, m["strict"][1], "strict") if "strict" in m else False
    downsample = (
        _yes_no(w, m["downsample_pictures"][1], "downsample_pictures") if "downsample_pictures" in m else True
    )
    date_order = None
    if "date_order" in m:
        value = text("date_order").strip().lower()
        if value in DATE_ORDERS:
            date_order = value
        else:
            w.err(m["date_order"][1], f"date_order '{text('date_order')}' is not dmy or mdy",
                  "dmy: 25/02/1956 is 25 February; mdy: 02/25/1956 is 25 February")  # fmt: skip

    paper = Paper.A4
    if "paper" in m:
        try:
            paper = Paper.parse(w.text(m["paper"][1], "paper"))
        except ValueError as e:
            w.err(m["paper"][1], str(e), PAPER_HINT)
    topics = _topics(w, m["topics"][1], base, date_order) if "topics" in m else ()
    sections = _sections(w, m["sections"][1] if "sections" in m else None, root)
    _check_topic_choices(w, sections, topics)
    return Pack(
        title=text("title", True),
        topics=topics,
        sections=sections,
        term=text("term"),
        klass=text("class"),
        teacher=text("teacher"),
        paper=paper,
        font=_font(w, m["font"][1]) if "font" in m else FontChoice(),
        src=w.at(root),
        strict=strict,
        downsample_pictures=downsample,
        date_order=date_order or "dmy",
        preset=_preset(w, m["preset"][1]) if "preset" in m else "standard",
        field_src={k: w.at(m[k][1]) for k in ("title", "term", "class", "teacher", "font") if k in m},
    )


def _preset(w: Walker, node: yaml.Node) -> str:
    value = w.text(node, "the preset").strip().lower()
    if value not in PRESETS:
        w.err(node, f"unknown preset '{value}'", did_you_mean(value, list(PRESETS)))
        return "standard"
    return value


def _yes_no(w: Walker, node: yaml.Node, what: str) -> bool:
    value = w.text(node, what).strip().lower()
    if value in ("yes", "true", "on"):
        return True
    if value not in ("no", "false", "off"):
        w.err(node, f"{what} is yes or no, not '{value}'")
    return False


def _font(w: Walker, node: yaml.Node) -> FontChoice:
    if isinstance(node, yaml.ScalarNode):
        value = w.text(node, "the font")
        if value.lower().endswith((".ttf", ".otf")):
            return FontChoice(regular=value)
        return FontChoice(family=value)
    m = w.mapping(node, "the font", FONT_KEYS) or {}
    return FontChoice(**{k: w.text(v, f"the font's {k}") for k, (_, v) in m.items()})


def _topics(w: Walker, node: yaml.Node, base: str, date_order: str | None) -> tuple[Topic, ...]:
    """Each listed topic file (or every .yaml in a listed folder but manifests), in the order given."""
    out: list[Topic] = []
    me = os.path.realpath(w.path)
    seen: dict[str, int] = {}
    entries = w.seq(node, "topics")
    if not entries and not any(p for p in w.problems if not p.warning):
        w.err(node, "the pack lists no topics", "add `topics: [my-topic.yaml]`")
    for entry in entries:
        name = w.text(entry, "a topic file")
        if not name:
            continue
        fs = os.path.normpath(os.path.join(base, name))
        if os.path.isdir(fs):
            try:
                listed = os.listdir(fs)
            except OSError as e:  # permission denied, say: a plain, located message
                w.err(entry, f"the folder '{name}' cannot be read ({e.strerror})",
                      "make it readable for you, or list its topic files one by one")  # fmt: skip
                continue
            files = sorted(
                f for f in listed
                if f.endswith(TOPIC_SUFFIXES) and os.path.realpath(os.path.join(fs, f)) != me
                and not _looks_like_manifest(os.path.join(fs, f))
            )  # fmt: skip
            pairs = [(os.path.join(name, f), os.path.join(fs, f)) for f in files]
            if not files:
                w.err(entry, f"the folder '{name}' holds no .yaml topic files")
        else:
            pairs = [(name, fs)]
        for shown, real in pairs:
            if real in seen:
                w.err(entry, f"topic file '{shown}' is listed twice", f"first at line {seen[real]}")
                continue
            seen[real] = entry.start_mark.line + 1
            if not os.path.exists(real):
                w.err(entry, f"topic file '{shown}' not found", _nearest_files(real))
                continue
            if not os.path.isfile(real):
                w.err(entry, f"'{shown}' is not a topic file but a device or pipe", "name a .yaml file")
                continue
            tw = Walker(shown, date_order=date_order, root=os.path.abspath(base))
            root = file_root(tw, real)
            topic = topic_from_node(tw, root) if root is not None else None
            w.problems.extend(tw.problems)
            if topic is not None:
                out.append(topic)
    return tuple(out)


_MANIFEST_LINE = re.compile(r"^(?:topics|sections)\s*:", re.MULTILINE | re.IGNORECASE)
_TOPIC_LINE = re.compile(r"^topic\s*:", re.MULTILINE | re.IGNORECASE)


def _looks_like_manifest(path: str) -> bool:
    """A pack manifest in a topics folder (`topics: [.]`) is not one of its topics."""
    from studypack.files import FileProblem, read_head

    try:  # a FIFO or device in the folder is never read (it would block or never end)
        head = read_head(path, 65536).decode("utf-8", "replace")
    except FileProblem:
        return False
    return bool(_MANIFEST_LINE.search(head)) and not _TOPIC_LINE.search(head)


def _nearest_files(real: str) -> str:
    """The hint for a missing topic file: the nearest names in its folder."""
    folder, name = os.path.split(real)
    try:
        there = sorted(
            f for f in os.listdir(folder or ".")
            if f.endswith(TOPIC_SUFFIXES) and not _looks_like_manifest(os.path.join(folder, f))
        )  # fmt: skip
    except OSError:
        return f"looked for {real}; that folder does not exist"
    import difflib  # only for a name that is not known

    close = difflib.get_close_matches(name, there, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if there:
        return f"looked for {real}; the .yaml files there are: {', '.join(there[:8])}"
    return f"looked for {real}; there are no .yaml files in that folder"


def _sections(w: Walker, node: yaml.Node | None, root: yaml.Node) -> tuple[Section, ...]:
    if node is None:  # no sections: one of every layout, in the registry's order
        return tuple(Section(lay.name, lay.name, lay.options(), w.at(root)) for lay in registry.all_layouts())
    out: list[Section] = []
    counts: dict[str, int] = {}
    names: set[str] = set()
    for item in w.seq(node, "sections"):
        if not isinstance(item, yaml.MappingNode):
            w.err(item, "a section is a mapping with `layout:`", "write: - layout: cards")
            continue
        raw = {
            (k.value.lower() if k.value.lower() in SECTION_KEYS else k.value): (k, v)
            for k, v in item.value if isinstance(k, yaml.ScalarNode)
        }  # fmt: skip
        if "layout" not in raw:
            w.err(item, "a section has no 'layout'", "add e.g. `layout: cards`")
            continue
        if raw["layout"][0].value != "layout":
            w.key_name(raw["layout"][0], ("layout",))
        lay_name = w.text(raw["layout"][1], "the layout")
        layout = registry.get(lay_name)
        if layout is None and lay_name.strip().lower() != lay_name:
            layout = registry.get(lay_name.strip().lower())
            if layout is not None:
                w.err(raw["layout"][1], f"layout '{lay_name}' is read as '{layout.name}'",
                      f"layout names are lower case: write `layout: {layout.name}`", True)  # fmt: skip
        if layout is None:
            known = [lay.name for lay in registry.all_layouts()]
            w.err(raw["layout"][1], f"unknown layout '{lay_name}'", did_you_mean(lay_name, known))
            continue
        section = _section(w, item, layout, raw, counts)
        if section is None:
            continue
        if section.name in names:
            w.err(item, f"two sections are named '{section.name}'", "give one a different `name:`")
        names.add(section.name)
        out.append(section)
    return tuple(out)


def _section(w, item, layout, raw, counts) -> Section | None:
    seen: set[str] = set()
    for k, _ in item.value:
        if k.value in seen:
            w.err(k, f"duplicate key '{k.value}' in a section", "keep one of them")
        seen.add(k.value)
    counts[layout.name] = counts.get(layout.name, 0) + 1
    n = counts[layout.name]
    name = layout.name if n == 1 else f"{layout.name}-{n}"
    if "name" in raw:
        name = w.text(raw["name"][1], "the section's name") or name
    allowed = opts.names(layout.options)
    values: dict = {}
    values_at: dict[str, yaml.Node] = {}
    paper = _section_paper(w, raw["paper"][1]) if "paper" in raw else None
    for key, (k, v) in raw.items():
        if key in SECTION_KEYS:
            continue
        key = w.key_name(k, allowed)
        if key not in allowed:
            w.err(k, f"layout '{layout.name}' has no option '{key}'", did_you_mean(key, allowed))
            continue
        values[key] = _plain(w, v)
        values_at[key] = v
    options, errors = opts.build(layout.options, values)
    for key, e in errors.items():
        where = values_at.get(key, item)
        w.err(where, f"{layout.name} option '{key}': {e.message}" if key != "*" else e.message, e.hint)
    return Section(name, layout.name, options, w.at(item), frozenset(values), paper)


SECTION_KEYS = ("layout", "name", "paper")  # what every section takes, whatever its layout


def _section_paper(w: Walker, node: yaml.Node) -> Paper | None:
    """A section's own paper (`paper: A3` for an organiser or a worksheet), over the pack's."""
    try:
        return Paper.parse(w.text(node, "the section's paper"))
    except ValueError as e:
        w.err(node, str(e), PAPER_HINT)
        return None


def _plain(w: Walker, node: yaml.Node):
    """A node as plain strings and lists (text as typed), for option parsers."""
    if w.tagged(node):
        return None
    if isinstance(node, yaml.SequenceNode):
        return [_plain(w, n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(w, v) for k, v in node.value}
    return node.value


def _check_topic_choices(w: Walker, sections: tuple[Section, ...], topics: tuple[Topic, ...]) -> None:
    """A section's `topics:` must name topics of the pack (by title or file name)."""
    known = [t.topic for t in topics] + [os.path.splitext(os.path.basename(t.src.path))[0] for t in topics]
    for s in sections:
        for name in getattr(s.options, "topics", ()) or ():
            if name not in known:
                problem = Problem(
                    s.src.path, s.src.line, s.src.col,
                    f"section '{s.name}' picks topic '{name}', which the pack does not have",
                    did_you_mean(name, known),
                )  # fmt: skip
                w.problems.append(problem)


def with_overrides(
    pack: Pack, term: str | None, klass: str | None, paper: str | None, preset: str | None = None
) -> Pack:
    """The pack with command-line overrides applied (raises ValueError for an unknown paper or preset)."""
    changes: dict = {}
    if preset is not None:
        if preset.strip().lower() not in PRESETS:
            raise ValueError(f"unknown preset '{preset}' (expected {', '.join(PRESETS)})")
        changes["preset"] = preset.strip().lower()
    where = dict(pack.field_src)
    if term is not None:
        changes["term"] = term
        where["term"] = Source("--term")
    if klass is not None:
        changes["klass"] = klass
        where["class"] = Source("--class")
    if where != pack.field_src:
        changes["field_src"] = where
    if paper is not None:  # the command line's paper is every part's: print on what the printer holds
        changes["paper"] = Paper.parse(paper)
        changes["sections"] = tuple(replace(s, paper=None) for s in pack.sections)
    return replace(pack, **changes) if changes else pack


def is_manifest(path: str) -> bool:
    """Whether a file is a pack manifest (it has `topics:` or `sections:`) rather than a topic."""
    root = file_root(Walker(path), path)
    if not isinstance(root, yaml.MappingNode):
        return False
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    return bool(keys & {"topics", "sections"}) and "topic" not in keys


def topic_entries(path: str) -> list[str]:
    """The `topics:` entries of a manifest as written, without loading them (for `watch`); none
    when the manifest cannot be read."""
    root = file_root(Walker(path), path)
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if (
            isinstance(k, yaml.ScalarNode)
            and k.value.lower() == "topics"
            and isinstance(v, yaml.SequenceNode)
        ):
            return [n.value for n in v.value if isinstance(n, yaml.ScalarNode) and n.value]
    return []
