"""The timeline's axis: round ticks only (never '399 BC'), a break across every empty stretch longer
than a fifth of it, ranges with plain ends, and no tick year under a leader."""

import re

from helpers import build_pdf, make_pack, text_positions
from studypack.layouts.timeline.labels import Box, crosses
from studypack.layouts.timeline.render import TimelineOptions, versions
from studypack.layouts.timeline.scale import make_scale, round_step, ticks

from studypack.load.manifest import load_pack
from studypack.text.fonts import resolve

WIDE = "topic: Ages\ntimeline:\n" + "".join(
    f"  - date: {d}\n    event: {e}\n"
    for d, e in [("400 BC", "Athens at its height"), ("44 BC", "Caesar killed"), ("AD 43", "Romans land"),
                 ("1066", "Battle of Hastings"), ("1215", "Magna Carta"), ("1945", "War ends"), ("2000", "Millennium")]
)  # fmt: skip


def test_round_steps():
    assert round_step(2400) == 100 and round_step(16) == 1 and round_step(150) == 10


def test_ticks_on_a_wide_axis_are_round(tmp_path):
    """From 400 BC to 2000: every tick is a multiple of 100 (or 50, 25...) as written, never 399 BC."""
    spans = [(-399, -398), (-43, -42), (43, 44), (1066, 1067), (1215, 1216), (1945, 1946), (2000, 2001)]
    scale = make_scale(spans, 0, 800)
    step = round_step(scale.segments[-1].hi - scale.segments[0].lo)
    labels = [t for seg in scale.segments for _, t in ticks(seg, 40, True, step)]
    assert labels and all(int(re.sub(r"\D", "", t)) % 100 == 0 for t in labels), labels
    pdf = build_pdf(
        make_pack(tmp_path, {"t.yaml": WIDE}, "- layout: timeline\n  hide: 2\n"), only=["timeline"]
    )
    text = " ".join(r.text for page in text_positions(pdf) for r in page)
    assert "399 BC" not in text and "401 BC" not in text


def test_every_long_empty_stretch_is_broken():
    """A gap longer than a fifth of the axis's span breaks it; a shorter one does not."""
    assert len(make_scale([(1900, 1901), (1910, 1911), (1960, 1961)], 0, 800).segments) == 2
    assert len(make_scale([(1900, 1901), (1902, 1903), (1904, 1905), (1906, 1907)], 0, 800).segments) == 1


def test_no_tick_year_under_a_leader_and_ranges_have_ends(tmp_path):
    """No tick label's spot is crossed by a leader, on the example-like timeline with ranges."""
    topic = "topic: T\ntimeline:\n" + "".join(
        f"  - date: {d}\n    event: Event {i} with a few words\n"
        for i, d in enumerate(["1950", "1951-1955", "1952", "1953", "1954", "1956-1958", "1957", "1960"])
    )
    pack_path = make_pack(tmp_path, {"t.yaml": topic}, "- layout: timeline\n  hide: 3\n")
    pack, _ = load_pack(str(pack_path))
    opts = pack.sections[0].options
    assert isinstance(opts, TimelineOptions)
    fonts = resolve(pack.font)
    for _sheet, laid, _g in versions(pack, opts, fonts):
        hz = laid.hz
        assert hz is not None
        leaders = [seg for p in hz.placed if not p.above for seg in p.leader(hz.axis_y)]
        page = text_positions(build_pdf(pack_path, only=["timeline"]))[0]
        for r in page:
            if r.text.strip().isdigit() and abs(r.y - (hz.axis_y - 12)) < 3:  # a tick year
                w = 8 * 0.55 * len(r.text.strip())
                spot = Box(r.x - 1, hz.axis_y - 13.5, r.x + w + 1, hz.axis_y - 4)
                assert not any(crosses(ld, spot) for ld in leaders), r.text


def test_no_leader_crosses_a_range_bar(tmp_path):
    """On the example and on crowded generated timelines, no leader crosses another event's range
    bar: a label whose date lies inside a range above the axis hangs below it."""
    import random

    from helpers import CONTENT

    r = random.Random(4)
    topic = "topic: T\ntimeline:\n" + "".join(
        f"  - date: {y}\n    event: Event {i}\n"
        for i, y in enumerate(
            r.choice(["1950", "1952", "1951-1956", "1953", "1954-1958", "1955", "1957"]) for _ in range(12)
        )
    )
    cases = [CONTENT / "pack.yaml", make_pack(tmp_path, {"t.yaml": topic}, "- layout: timeline\n  hide: 4\n")]
    for pack_path in cases:
        pack, _ = load_pack(str(pack_path))
        section = next(s for s in pack.sections if s.layout == "timeline")
        assert isinstance(section.options, TimelineOptions)
        for _sheet, laid, _g in versions(pack, section.options, resolve(pack.font)):
            hz = laid.hz
            if hz is None:
                continue
            for i, lane in hz.lanes.items():
                d = hz.labels[i].event.date
                x0, x1, y = hz.scale.x(d.start_value()), hz.scale.x(d.end_value()), hz.axis_y + 4 + lane * 4
                bar = Box(x0, y - 1.3, x1, y + 1.3)
                for p in hz.placed:
                    if i not in hz.stacks[p.index]:
                        assert not any(crosses(s, bar, 0.0) for s in p.leader(hz.axis_y)), (p.index, i)
