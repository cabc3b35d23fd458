"""The timeline worksheet: labels that never collide, inside the safe area, seeded blanks, keys."""

import random

import pytest
from helpers import CONTENT, build_pdf, make_pack, missing_words, pdf_pages_text
from studypack.layouts.timeline.blanks import choose, how_many
from studypack.layouts.timeline.labels import all_clear
from studypack.layouts.timeline.scale import Segment, make_scale, ticks

from studypack.build import build
from studypack.layout_api.styles import mm
from studypack.load.manifest import load_pack
from studypack.model import FontChoice
from studypack.text.fonts import resolve
from studypack.text.markup import words

SAFE = 5 * mm
FONTS = resolve(FontChoice())


def check_geometry(pack, section) -> list[str]:
    """Assert no two label boxes meet and everything sits in the 5 mm safe area; returns the kinds."""
    from studypack.layouts.timeline import render as T

    kinds = []
    for _sheet, laid, _groups in T.versions(pack, section.options, FONTS):
        kinds.append(laid.kind)
        if laid.hz is not None:
            hz = laid.hz
            assert all_clear(hz.placed, hz.axis_y)
            for p in hz.placed:
                b = p.box
                assert SAFE <= b.x0 and b.x1 <= laid.W - SAFE and SAFE <= b.y0 and b.y1 <= laid.H - SAFE
            for seg in hz.scale.segments:
                assert SAFE <= seg.x0 < seg.x1 <= laid.W - SAFE
            for st, p in zip(hz.stacks, hz.placed, strict=True):  # a stack spans less than a label
                xs = [hz.scale.x(hz.labels[i].event.date.start_value()) for i in st]
                assert xs == sorted(xs) and xs[-1] - xs[0] < p.box.x1 - p.box.x0 + 1e-6
        else:
            for page in laid.chunks:
                check_vertical(page, laid.W, laid.H)
    return kinds


def check_vertical(page, W: float, H: float) -> None:
    """A vertical page: labels in date order, apart, inside the safe area, right of the leaders'
    zone; each date's marker where the scale puts it; leaders that never cross (their two ends in
    the same order); writing lines at least 60 mm long."""
    from studypack.layouts.timeline import vertical as V

    rows = page.rows
    for a, b in zip(rows, rows[1:], strict=False):
        assert a.top - a.label.h >= b.top + V.ROW_GAP - 1e-6  # apart, in order
        assert a.date_y >= b.date_y and a.lead_y > b.lead_y  # leaders in the same order: no crossing
    for r in rows:
        assert SAFE <= r.top - r.label.h and r.top <= H - SAFE and r.label.w + page.label_x <= W - SAFE + 1e-6
        assert r.date_y == pytest.approx(page.y(r.label.event.date.start_value()))
        assert page.axis_bottom - 1e-6 <= r.date_y <= page.axis_top + 1e-6
        if any(it.number for it in r.label.items) or r.label.date_number:
            assert r.label.w - 2 * 1.5 * mm - 25 >= 60 * mm  # the writing line after "(12) "
    assert page.axis_x - (max(page.lanes.values(), default=-1) + 1) * V.LANE - 3 >= SAFE + V.TICK_W - 1e-6


def clustered_topic(n: int, seed: int) -> str:
    """n events bunched around a few years, with months, ranges, circa and decades mixed in."""
    r = random.Random(seed)
    centres = [1914, 1917, 1929, 1939, 1944]
    lines = ["topic: Clustered", "timeline:"]
    for i in range(n):
        y = r.choice(centres) + r.choice([0, 0, 1, 2])
        form = r.choice(["{y}", "{y}-{m:02d}", "c. {y}", "{y}-{y2}", "{d}s", "{m2} {y}"])
        date = form.format(y=y, m=r.randint(1, 12), y2=y + r.randint(1, 4), d=y // 10 * 10,
                           m2=r.choice(["March", "June", "October"]))  # fmt: skip
        text = " ".join(r.choice(["treaty", "strike", "election", "crisis", "offensive", "conference",
                                  "revolution", "armistice", "mobilisation"]) for _ in range(r.randint(2, 9)))  # fmt: skip
        lines += [f'  - date: "{date}"', f"    event: Event {i} {text}"]
    return "\n".join(lines) + "\n"


def test_example_pack_labels_never_meet(tmp_path):
    """The example pack's worksheet: boxes apart, leaders clear, all inside the safe area."""
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    section = next(s for s in pack.sections if s.layout == "timeline")
    assert check_geometry(pack, section) == ["horizontal"]


@pytest.mark.parametrize("n", [5, 20, 60])
@pytest.mark.parametrize(
    "opts", ["hide: all", "hide: 0.3\n  word_bank: yes", "hide: 3\n  blanks: mixed\n  versions: 2"]
)
def test_generated_clustered_timelines_never_collide(tmp_path, n, opts):
    """Generated timelines of 5, 20 and 60 clustered events: no two label boxes intersect, nothing
    leaves the safe area; crowded ones go vertical; every event and date is in the key."""
    p = make_pack(tmp_path, {"c.yaml": clustered_topic(n, n)}, f"- layout: timeline\n  {opts}\n")
    pack, _ = load_pack(str(p))
    kinds = check_geometry(pack, pack.sections[0])
    if n == 60:
        assert "vertical" in kinds
    out = tmp_path / "key.pdf"
    build(pack, str(out), ["timeline-key"], str(tmp_path))
    texts = [t for e in pack.topics[0].timeline for t in (e.text, e.date.text)]
    assert missing_words(out, texts) == []


def test_hidden_answers_are_absent_from_the_student_copy(tmp_path):
    """Without a word bank, the worksheet's text holds no word that only a hidden answer has;
    the key holds every event and date."""
    pack_path = CONTENT / "pack.yaml"
    pack, _ = load_pack(str(pack_path))
    from studypack.layouts.timeline import render as T

    section = next(s for s in pack.sections if s.layout == "timeline")
    opts = section.options.__class__(**{**section.options.__dict__, "word_bank": False})
    events = T.events_of(pack, opts)
    hidden = choose(len(events), opts.blanks, opts.hide, opts.seed, 0)
    shown = {
        w
        for i, e in enumerate(events)
        for w in words(e.date.text) + ([] if i in hidden.parts else words(e.text))
    }
    # words of letters only: numbers such as 5 also number the blanks and label the axis
    secret = {w for i in hidden.parts for w in words(events[i].text) if not w.isdigit()} - shown
    assert secret
    p = make_pack(tmp_path, {f.name: f.read_text() for f in CONTENT.glob("khrushchev-*.yaml")},
                  "- layout: timeline\n  hide: 8\n")  # fmt: skip
    pack2, _ = load_pack(str(p))
    out = tmp_path / "ws.pdf"
    build(pack2, str(out), ["timeline"], str(tmp_path))
    student = set(" ".join(pdf_pages_text(out)).replace("-\n", "").split()) | {
        w for t in pdf_pages_text(out) for w in words(t)
    }
    assert not secret & student, secret & student
    flat = " ".join(" ".join(pdf_pages_text(out)).split())
    assert not any(" ".join(events[i].text.split()) in flat for i in hidden.parts)
    key = tmp_path / "key.pdf"
    build(pack2, str(key), ["timeline-key"], str(tmp_path))
    assert missing_words(key, [t for e in events for t in (e.text, e.date.text)]) == []


def test_seeded_choice_is_reproducible_and_versions_differ():
    """The same seed hides the same items; another seed or version B hides others."""
    a = choose(20, "event", "5", 7, 0)
    assert a == choose(20, "event", "5", 7, 0)
    assert a.parts != choose(20, "event", "5", 8, 0).parts
    b = choose(20, "event", "5", 7, 1)
    assert set(a.parts).isdisjoint(b.parts)
    m_a, m_b = choose(6, "mixed", "all", 1, 0), choose(6, "mixed", "all", 1, 1)
    assert all(m_a.parts[i] != m_b.parts[i] for i in range(6))
    assert how_many("0.5", 9) == 4 or how_many("0.5", 9) == 5
    assert how_many("all", 9) == 9 and how_many("3", 9) == 3


def test_versions_keys_and_where_they_go(tmp_path):
    """versions: 2 gives worksheets A and B each with a key; answer_key: end gathers the keys after
    every other section; none leaves them out of the pack."""
    topics = {f.name: f.read_text() for f in CONTENT.glob("khrushchev-*.yaml")}
    p = make_pack(
        tmp_path,
        topics,
        "- layout: timeline\n  hide: 6\n  versions: 2\n  answer_key: end\n- layout: summary\n",
    )
    text = pdf_pages_text(build_pdf(p))
    joined = "\n".join(text)
    assert "Version A" in joined and "Version B" in joined
    last_summary = max(i for i, t in enumerate(text) if "(continued)" in t or "Key dates" in t)
    first_key = min(i for i, t in enumerate(text) if "Answer key" in t and "Version" in t)
    assert first_key > last_summary
    p = make_pack(tmp_path, topics, "- layout: timeline\n  hide: 6\n  answer_key: none\n")
    assert "Answer key" not in "\n".join(pdf_pages_text(build_pdf(p)))


def test_broken_axis_and_nice_ticks():
    """44 BC, AD 43 and 1066 break the axis; ticks are round numbers, BC written as BC."""
    s = make_scale([(-43, -42), (43, 44), (1066, 1067)], 0, 800)
    assert len(s.segments) == 2 and len(s.breaks) == 1
    labels = [t for _, t in ticks(s.segments[0], 40)]
    assert any(t.endswith("BC") for t in labels) and all("0 BC" != t for t in labels)
    years = ticks(Segment(1950, 1966, 0, 800), 60)
    assert [v for v, _ in years][:3] == [1950.0, 1952.0, 1954.0]
    months = ticks(Segment(1956.0, 1957.0, 0, 800), 40)
    assert ("Feb 1956" in [t for _, t in months]) or ("Mar 1956" in [t for _, t in months])


def test_mixed_blanks_hide_one_part_per_date():
    """With blanks: mixed, events of one date all hide the date or all hide the event, never both
    kinds in one label (the shown date would give a hidden one away)."""
    groups = [[0, 1, 2], [3], [4, 5], [6, 7, 8, 9]]
    for seed in range(20):
        h = choose(10, "mixed", "all", seed, 0, groups)
        for g in groups:
            assert len({h.parts[i] for i in g}) == 1, (seed, g, h.parts)


@pytest.mark.parametrize(
    "given, page, axis",
    [
        ("orientation: vertical", "landscape", "vertical"),
        ("orientation: horizontal", "landscape", "horizontal"),
        ("orientation: auto", "landscape", "auto"),
        ("orientation: portrait", "portrait", "auto"),
        ("orientation: portrait\n  style: vertical", "portrait", "vertical"),
        ("style: vertical", "landscape", "vertical"),
        ("orientation: Vertical\n  style: vertical", "landscape", "vertical"),
    ],
)
def test_orientation_names_the_axis_or_the_page(tmp_path, given, page, axis):
    """`orientation: horizontal|vertical|auto` chooses the axis (as `style` did, which still works);
    `orientation: landscape|portrait` still chooses the page; the drawn kind follows the axis."""
    p = make_pack(tmp_path, {"t.yaml": clustered_topic(5, 5)}, f"- layout: timeline\n  {given}\n")
    pack, _ = load_pack(str(p))
    opts = pack.sections[0].options
    assert (opts.orientation, opts.style) == (page, axis)
    kinds = check_geometry(pack, pack.sections[0])
    assert kinds == (["vertical"] if axis == "vertical" else ["horizontal"])


def test_orientation_and_style_that_disagree_are_an_error(tmp_path):
    """Two different axes asked for: a clear error at the option's line (exit 2), no build."""
    import subprocess
    import sys

    p = make_pack(tmp_path, {"t.yaml": clustered_topic(5, 5)},
                  "- layout: timeline\n  orientation: vertical\n  style: horizontal\n")  # fmt: skip
    r = subprocess.run([sys.executable, "-m", "studypack", "check", str(p)], capture_output=True, text=True)
    assert r.returncode == 2
    assert "orientation: vertical and style: horizontal disagree" in r.stderr
    assert "pack.yaml:" in r.stderr and "Traceback" not in r.stderr
