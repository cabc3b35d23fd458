"""Which topics share a worksheet. A pack of Biology, History and Spanish must never pair a Spanish
word with a biology definition, so every worksheet layout splits its topics into groups (by subject
by default) and makes one worksheet per group, drawing its bank, distractors and events from that
group alone. Kept apart from the drawing code so that options can name `Group` cheaply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from studypack.layouts.worksheet.kinds import Group

from studypack.model import Topic


class TopicGroup(NamedTuple):
    """The topics of one worksheet and the label that titles it ('' when there is nothing to say:
    `group: none`, or a pack whose topics name no subject)."""

    label: str
    topics: tuple[Topic, ...]


def group_topics(topics: Sequence[Topic], group: Group) -> list[TopicGroup]:
    """The topics split into worksheets, in the order each group's first topic comes in the pack.

    `subject`: topics of one subject together (case and spacing ignored; the first spelling names
    the group); topics without a subject form one group of their own, labelled '' when no topic has
    a subject and 'Other topics' when some do. `topic`: one group per topic, labelled with its title.
    `none`: one group of them all."""
    if not topics:
        return []
    if group == "none":
        return [TopicGroup("", tuple(topics))]
    if group == "topic":
        return [TopicGroup(t.topic, (t,)) for t in topics]
    any_subject = any(t.subject.strip() for t in topics)
    order: dict[str, list[Topic]] = {}
    labels: dict[str, str] = {}
    for t in topics:
        key = " ".join(t.subject.split()).casefold()
        labels.setdefault(key, " ".join(t.subject.split()) or ("Other topics" if any_subject else ""))
        order.setdefault(key, []).append(t)
    return [TopicGroup(labels[k], tuple(ts)) for k, ts in order.items()]
