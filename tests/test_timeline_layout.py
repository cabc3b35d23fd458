"""The timeline's ties between dates and labels: close dates share one stacked label joined to them
by a bracket, leaders are square to the axis, and the vertical timeline keeps time in proportion."""

import pytest
from helpers import CONTENT, make_pack
from studypack.layouts.timeline import render as T
from studypack.layouts.timeline import vertical as V
from studypack.layouts.timeline.labels import all_clear
from studypack.layouts.timeline.render import MAX_STACK, stacks_of
from test_timeline import FONTS, check_geometry, clustered_topic

from studypack.layout_api.styles import mm
from studypack.load.manifest import load_pack

SPAN = ["400 BC", "c. 350 BC", "27 BC", "AD 14", "79", "c. 300", "476", "800", "1066", "1215", "1348-1350",
        "1453", "1492", "1517", "1642-1651", "1789", "1815", "1914-1918", "1939-1945", "1969", "1989", "2000"]  # fmt: skip


def topic_of(dates: list[str], words: str = "happened and mattered") -> str:
    return "topic: T\ntimeline:\n" + "".join(
        f'  - date: "{d}"\n    event: Event {i} {words}\n' for i, d in enumerate(dates)
    )


def laid_of(tmp_path, topic: str, section: str):
    p = make_pack(tmp_path, {"t.yaml": topic}, section)
    pack, _ = load_pack(str(p))
    return pack, [laid for _s, laid, _g in T.versions(pack, pack.sections[0].options, FONTS)]


def test_stacks_gather_dates_closer_than_a_label():
    """Dates closer to a stack's first date than a label's width join it (up to MAX_STACK); a date
    a label's width away starts the next."""
    assert stacks_of([0, 10, 39, 40, 100], 40) == ((0, 1, 2), (3,), (4,))
    assert stacks_of([0, 1, 2, 3, 4, 5], 40) == ((0, 1, 2, 3), (4, 5))
    assert MAX_STACK == 4
    assert stacks_of([0, 50, 100], 40) == ((0,), (1,), (2,))


def test_a_stack_is_joined_to_each_of_its_dates_by_a_bracket(tmp_path):
    """1950, June 1950 and 1951 on a 1950-1966 axis share one label; its leader is a bracket
    parallel to the axis from the first date to the last, a drop to each date, and one stem."""
    pack, laids = laid_of(tmp_path, topic_of(["1950", "June 1950", "1951", "1954", "1957", "1960", "1963", "1966"]),
                          "- layout: timeline\n  hide: 2\n")  # fmt: skip
    hz = laids[0].hz
    assert hz is not None and hz.stacks[0] == (0, 1, 2) and len(hz.stacks) == 6
    p = hz.placed[0]
    xs = [hz.scale.x(hz.labels[i].event.date.start_value()) for i in (0, 1, 2)]
    segs = p.leader(hz.axis_y)
    s = 1 if p.above else -1
    bracket_y = hz.axis_y + s * p.reach
    assert segs[0] == pytest.approx((xs[0], bracket_y, xs[2], bracket_y))
    assert segs[1:4] == [pytest.approx((x, hz.axis_y, x, bracket_y)) for x in xs]
    assert all(seg[0] == seg[2] or seg[1] == seg[3] for seg in segs)  # square to the axis or along it
    assert p.reach >= (7 if p.above else 17) + 3  # clear of range bars above, tick years below
    assert all_clear(hz.placed, hz.axis_y)


@pytest.mark.parametrize("blanks", ["event", "date", "mixed"])
def test_400_bc_to_2000_stays_horizontal_and_clear(tmp_path, blanks):
    """22 dates from 400 BC to 2000: horizontal on A4 landscape, broken axis where a stretch is
    empty, labels and leaders clear of each other, all in the safe area."""
    p = make_pack(
        tmp_path, {"t.yaml": topic_of(SPAN)}, f"- layout: timeline\n  hide: 6\n  blanks: {blanks}\n"
    )
    pack, _ = load_pack(str(p))
    assert check_geometry(pack, pack.sections[0]) == ["horizontal"]
    hz = T.versions(pack, pack.sections[0].options, FONTS)[0][1].hz
    assert len(hz.stacks) < len(SPAN)  # the crowded centuries are stacked


@pytest.mark.parametrize("n", [5, 20, 60])
def test_clustered_leaders_are_square_and_never_touch(tmp_path, n):
    """Generated clustered events: every horizontal leader is made of segments square to the axis
    or along it, touching no other leader or label (all_clear checks both)."""
    pack, laids = laid_of(tmp_path, clustered_topic(n, 7 * n), "- layout: timeline\n  hide: 0.5\n")
    for laid in laids:
        if laid.hz is not None:
            assert all_clear(laid.hz.placed, laid.hz.axis_y)


def test_vertical_timeline_keeps_time_in_proportion(tmp_path):
    """Asked for vertical: each marker's place on the axis is proportional to its year within a
    segment, a stretch longer than a fifth of the span is broken, ranges are bars beside the axis
    (left of it, where no leader goes), and labels sit beside their dates where there is room."""
    dates = ["1900", "1905", "1910", "1912-1916", "1914", "1960", "1962", "1965"]
    pack, laids = laid_of(
        tmp_path, topic_of(dates), "- layout: timeline\n  orientation: vertical\n  hide: 3\n"
    )
    laid = laids[0]
    assert laid.kind == "vertical" and laid.W < laid.H  # a portrait page
    (page,) = laid.chunks
    assert len(page.scale.segments) == 2 and len(page.scale.breaks) == 1
    rows = {r.label.event.date.text: r for r in page.rows}
    per_year = (rows["1900"].date_y - rows["1910"].date_y) / 10
    assert per_year > 0
    assert rows["1900"].date_y - rows["1905"].date_y == pytest.approx(5 * per_year)
    assert rows["1960"].date_y - rows["1965"].date_y == pytest.approx(
        5 * (rows["1960"].date_y - rows["1962"].date_y) / 2
    )
    assert list(page.lanes) == [dates.index("1912-1916")]
    assert abs(rows["1900"].lead_y - rows["1900"].date_y) < 1 * mm  # room there: level with its date
    from test_timeline import check_vertical

    check_vertical(page, laid.W, laid.H)


def test_crowded_vertical_flows_over_pages_with_each_axis_in_proportion(tmp_path):
    """60 clustered events: vertical over several pages; on each, labels in order and apart, in
    the safe area, and leaders that never cross."""
    p = make_pack(tmp_path, {"c.yaml": clustered_topic(60, 60)}, "- layout: timeline\n  hide: 0.3\n")
    pack, _ = load_pack(str(p))
    assert "vertical" in check_geometry(pack, pack.sections[0])  # check_vertical on every page


def test_spread_keeps_order_and_moves_labels_least():
    """Labels with room stay where they want; crowded ones are pushed apart symmetrically, keep
    their order, and stay inside the axis's run."""
    assert V.spread([500, 300, 100], [20, 20, 20], 5, 600, 0) == [500, 300, 100]
    tops = V.spread([300, 300, 300], [20, 20, 20], 5, 600, 0)
    assert tops == pytest.approx([325, 300, 275])
    tops = V.spread([10, 5, 0], [20, 20, 20], 5, 600, 0)
    assert tops == pytest.approx([70, 45, 20])  # pushed up off the bottom edge
    assert all(a - 20 >= b + 5 - 1e-9 for a, b in zip(tops, tops[1:], strict=False))


def test_example_stacks_its_crowded_years(tmp_path):
    """The example pack: the crowded 1953-1957 years share stacked labels."""
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    section = next(s for s in pack.sections if s.layout == "timeline")
    (sheet, laid, _g), *_ = T.versions(pack, section.options, FONTS)
    assert laid.hz is not None
    assert max(len(s) for s in laid.hz.stacks) >= 3
    assert len(laid.hz.stacks) < len(laid.hz.labels)


def test_a_shown_event_longer_than_a_page_goes_on_marked(tmp_path):
    """An event of 1,500 words shown (its date is the blank) goes vertical: its label is cut
    between lines into pieces that each fit a page, the later ones marked "(1) continued"; every
    word is printed and nothing falls below the page's margin."""
    from helpers import missing_words, pdf_pages_text, text_positions

    from studypack.build import build

    long_one = " ".join(f"word{i}" for i in range(1500))
    topic = (
        f'topic: T\ntimeline:\n  - date: "1950"\n    event: {long_one}\n  - date: "1960"\n    event: Short\n'
    )
    p = make_pack(tmp_path, {"t.yaml": topic}, "- layout: timeline\n  blanks: date\n  answer_key: none\n")
    pack, _ = load_pack(str(p))
    laid = T.versions(pack, pack.sections[0].options, FONTS)[0][1]
    assert laid.kind == "vertical" and len(laid.chunks) >= 3
    out = tmp_path / "ws.pdf"
    build(pack, str(out), ["timeline"], str(tmp_path))
    assert missing_words(out, [long_one]) == []
    text = " ".join(" ".join(t.split()) for t in pdf_pages_text(out))
    pieces = sum(r.label.event.text.startswith("word0") for page in laid.chunks for r in page.rows)
    assert pieces >= 3 and text.count("(1) continued") == pieces - 1
    for page in text_positions(out):
        assert all(r.y >= 5 * mm for r in page)


@pytest.mark.parametrize(
    "dates",
    [
        SPAN,
        ["1900", "1901", "1902", "1903", "1950", "1951", "1952"],
        ["1900", "1910", "1911", "1990", "1991", "2000"],
    ],
)
def test_tick_years_clear_of_leaders_and_break_marks(tmp_path, dates):
    """Every tick year's spot meets no leader and no break mark (a // spans 6.5 points either side
    of the break's middle); the short spans with a long empty stretch are broken."""
    from studypack.layouts.timeline.labels import Box, crosses

    pack, laids = laid_of(tmp_path, topic_of(dates), "- layout: timeline\n  hide: 2\n")
    hz = laids[0].hz
    assert hz is not None
    assert hz.scale.breaks or dates == SPAN
    marks, years = T.tick_years(hz, FONTS)
    assert years
    leaders = [s for p in hz.placed for s in p.leader(hz.axis_y)]
    for text, spot in years:
        assert not any(crosses(s, spot) for s in leaders), text
        for bx in hz.scale.breaks:
            assert not spot.meets(Box(bx - 6.5, hz.axis_y - 4, bx + 6.5, hz.axis_y + 4), 0.0), (text, bx)
