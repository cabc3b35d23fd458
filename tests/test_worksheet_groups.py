"""Worksheet groups: which topics share a worksheet (layouts/worksheet/groups.py)."""

from studypack.layouts.worksheet.groups import group_topics

from studypack.model import Topic


def _t(title: str, subject: str = "") -> Topic:
    return Topic(topic=title, subject=subject)


def test_subjects_are_never_mixed_and_keep_pack_order() -> None:
    """Topics of one subject share a group (case and spacing ignored), groups come in the order of
    their first topic, and topics with no subject form one group of their own."""
    topics = [
        _t("Cells", "Biology"),
        _t("WW1", "History"),
        _t("Food", "Spanish"),
        _t("Osmosis", "biology "),
        _t("Loose"),
    ]
    groups = group_topics(topics, "subject")
    assert [g.label for g in groups] == ["Biology", "History", "Spanish", "Other topics"]
    assert [t.topic for t in groups[0].topics] == ["Cells", "Osmosis"]
    assert [t.topic for t in groups[3].topics] == ["Loose"]


def test_a_pack_with_no_subjects_is_one_unlabelled_group() -> None:
    """Without any subject the whole pack is one worksheet, titled as before (no label)."""
    groups = group_topics([_t("A"), _t("B")], "subject")
    assert [(g.label, len(g.topics)) for g in groups] == [("", 2)]


def test_topic_and_none() -> None:
    """`topic` makes one group per topic labelled with its title; `none` one group of everything."""
    topics = [_t("A", "X"), _t("B", "Y")]
    assert [g.label for g in group_topics(topics, "topic")] == ["A", "B"]
    assert [(g.label, len(g.topics)) for g in group_topics(topics, "none")] == [("", 2)]
    assert group_topics([], "subject") == []
