"""Date blanks hide the date: with blanks: date, both or mixed, no hidden date's year can be read
from the student copy, neither in a label nor off the axis, which then shows the events in order,
evenly spaced, without years."""

import pytest
from helpers import build_pdf, make_pack, pdf_pages_text
from studypack.layouts.timeline.render import TimelineOptions, versions

from studypack.load.manifest import load_pack
from studypack.text.fonts import resolve

YEARS = [1910, 1920, 1930, 1940, 1945, 1950, 1955, 1960]  # round years, where ticks would fall
TOPIC = "topic: USSR\ntimeline:\n" + "".join(
    f"  - date: {y}\n    event: Something happened in the year\n" for y in YEARS
)


@pytest.mark.parametrize("blanks", ["date", "both", "mixed"])
@pytest.mark.parametrize("style", ["horizontal", "vertical"])
def test_no_hidden_year_on_the_student_copy(tmp_path, blanks, style):
    pack_path = make_pack(
        tmp_path, {"t.yaml": TOPIC}, f"- layout: timeline\n  blanks: {blanks}\n  style: {style}\n  seed: 3\n"
    )
    pack, _ = load_pack(str(pack_path))
    section = pack.sections[0]
    assert isinstance(section.options, TimelineOptions)
    (sheet, laid, groups), *_ = versions(pack, section.options, resolve(pack.font))
    hidden = [YEARS[group[0]] for group, date_no, _ in groups if date_no]
    assert hidden, "this case hides some dates"
    student = " ".join(pdf_pages_text(build_pdf(pack_path, only=["timeline"])))
    for year in hidden:
        assert str(year) not in student, (year, laid.kind)
    key = " ".join(pdf_pages_text(build_pdf(pack_path, tmp_path / "k.pdf", only=["timeline-key"])))
    assert all(str(y) in key for y in hidden)  # the key has them all


def test_event_blanks_keep_the_years_on_the_axis(tmp_path):
    """With only events hidden, the axis is in proportion and labelled with years."""
    odd = "topic: USSR\ntimeline:\n" + "".join(
        f"  - date: {y}\n    event: Something\n" for y in (1917, 1924, 1936, 1962)
    )
    pdf = build_pdf(make_pack(tmp_path, {"t.yaml": odd}, "- layout: timeline\n"), only=["timeline"])
    text = pdf_pages_text(pdf)[0]
    assert "1920" in text or "1930" in text  # a tick that is no event's year
