"""One worksheet per group of topics (`group: subject|topic|none`), made by any worksheet layout.

A layout renders one group at a time as if the pack held only that group's topics (so its word
bank, distractors and events can come from nowhere else), and `by_group` puts the groups'
worksheets one after another in the section, each titled with its group when there are several.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from studypack.layouts.worksheet.groups import group_topics
from studypack.layouts.worksheet.kinds import Group

from studypack.layout_api.pages import Page, SectionPages
from studypack.model import Pack

RenderGroup = Callable[[Pack, str], SectionPages]  # (the pack cut down to one group, its label)


def group_title(title: str, default: str, label: str) -> str:
    """A worksheet's title: the teacher's `title:` or the layout's default, with the group's label
    ('Fill the gaps: Biology') when the section makes one worksheet per group."""
    if not label:
        return title or default
    if title:
        return f"{title}: {label}"
    return f"{default.split(':', 1)[0]}: {label}" if ":" in default else f"{default}: {label}"


def by_group(pack: Pack, topics: tuple[str, ...], group: Group, render_one: RenderGroup) -> SectionPages:
    """The section: `render_one` for each group of the chosen topics, in pack order. A group gets
    its label (for its title and bookmarks) only when there are several; a group with nothing to
    ask (History's events on a Spanish vocabulary worksheet) is left out quietly when another group
    makes a worksheet, and says why when none does."""
    groups = group_topics(pack.topics_named(topics), group)
    if len(groups) <= 1:
        return render_one(replace(pack, topics=groups[0].topics if groups else ()), "")
    parts = [(g.label, render_one(replace(pack, topics=g.topics), g.label)) for g in groups]
    made = [(label, sp) for label, sp in parts if sp.pages or sp.end_pages]
    if not made:
        notices = tuple(dict.fromkeys(n for _, sp in parts for n in sp.notices))
        return replace(parts[0][1], notices=notices)
    return merge(made)


def same_group(whole: Pack, part: Pack, group: Group) -> Pack:
    """`whole` cut down to the group `part`'s topics belong to, every topic of it (a distractor
    may come from a topic of the same subject that `topics:` left out, never from another)."""
    mine = {id(t) for t in part.topics}
    for g in group_topics(whole.topics, group):
        if any(id(t) in mine for t in g.topics):
            return replace(whole, topics=g.topics)
    return part


def _labelled(pages: tuple[Page, ...], label: str) -> tuple[Page, ...]:
    """Each worksheet's and key's bookmark names its group: 'Worksheet: Biology'."""
    return tuple(
        replace(p, bookmarks=tuple((f"{t}: {label}", lv) for t, lv in p.bookmarks)) if p.bookmarks else p
        for p in pages
    )


def merge(parts: list[tuple[str, SectionPages]]) -> SectionPages:
    """The groups' worksheets as one section: their pages in turn, keys and end pages likewise."""
    first = parts[0][1]
    pages = tuple(p for label, sp in parts for p in _labelled(sp.pages, label))
    end = tuple(p for label, sp in parts for p in _labelled(sp.end_pages, label))
    keys = tuple(p for label, sp in parts for p in _labelled(sp.keys, label))
    # a notice every group gives (a name `support:` gives that the class list lacks) is said once
    common = set.intersection(*(set(sp.notices) for _, sp in parts))
    notices = tuple(
        dict.fromkeys(n if n in common else f"{label}: {n}" for label, sp in parts for n in sp.notices)
    )
    return SectionPages(
        pages,
        first.advice,
        "; ".join(f"{label}: {sp.summary}" for label, sp in parts),
        notices,
        end_pages=end,
        end_title=first.end_title,
        end_advice=first.end_advice,
        keys=keys,
        roster=first.roster,
    )
