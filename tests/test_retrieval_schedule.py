"""The spacing rule of the do-now sheets (layouts/retrieval/schedule.py), on a term of lessons over
three topics taught at different dates (tests/retrieval_term/)."""

import datetime
from pathlib import Path

import pytest
from studypack.layouts.retrieval.questions import questions_of
from studypack.layouts.retrieval.run import default_lessons
from studypack.layouts.retrieval.schedule import GAP_LESSONS, RECENT_DAYS, band, plan, taught_day

from studypack.load.dates import parse_date
from studypack.load.manifest import load_pack

TERM = Path(__file__).parent / "retrieval_term" / "pack.yaml"


@pytest.fixture(scope="module")
def term():  # type: ignore[no-untyped-def]
    pack, _ = load_pack(str(TERM))
    events = [e.date for t in pack.topics for e in t.timeline]
    pool = [q for t in pack.topics for q in questions_of(t, events)]
    lessons = pack.sections[0].options.lesson_days()
    return pack, pool, lessons


def test_the_term_has_the_lessons_its_days_name(term) -> None:
    """from 4 January to 26 March 2027 on Mon, Wed and Fri: 36 lessons, each on one of those days."""
    _, _, lessons = term
    assert len(lessons) == 36
    assert lessons[0] == datetime.date(2027, 1, 4) and lessons[-1] == datetime.date(2027, 3, 26)
    assert {d.weekday() for d in lessons} == {0, 2, 4}


def test_nothing_is_asked_before_its_topic_is_taught(term) -> None:
    """Every question on a sheet comes from a topic taught before the lesson's day; lessons before
    anything was taught have none."""
    _, pool, lessons = term
    for ls in plan(pool, lessons, 6, 1, "t"):
        assert all(q.taught < ls.day for q in ls.questions), ls.day
        if ls.day <= datetime.date(2027, 1, 6):
            assert not ls.questions


def test_no_question_comes_back_within_three_lessons_and_none_twice_on_a_sheet(term) -> None:
    """A question (a key term or event asked either way counts as one) asked in a lesson is not
    asked in the next three; a sheet never asks the same item twice."""
    _, pool, lessons = term
    for seed in (1, 2, 3):
        asked: dict[str, int] = {}
        for i, ls in enumerate(plan(pool, lessons, 6, seed, "t")):
            families = [q.family for q in ls.questions]
            assert len(families) == len(set(families))
            for f in families:
                assert i - asked.get(f, -99) > GAP_LESSONS, (ls.day, f)
                asked[f] = i


def test_about_half_recent_and_the_rest_older(term) -> None:
    """Once there is enough of both, a sheet of six asks three questions on topics taught in the
    last two weeks and three on topics taught before; the number asked is always six then."""
    _, pool, lessons = term
    checked = 0
    for ls in plan(pool, lessons, 6, 1, "t"):
        recent = [q for q in ls.questions if (ls.day - q.taught).days <= RECENT_DAYS]
        older = [q for q in ls.questions if (ls.day - q.taught).days > RECENT_DAYS]
        # the plans were taught on 15 February: from the 17th to 1 March both sides have plenty
        if datetime.date(2027, 2, 17) <= ls.day <= datetime.date(2027, 3, 1):
            assert (len(recent), len(older)) == (3, 3), ls.day
            checked += 1
        if ls.day > datetime.date(2027, 3, 1):  # nothing recent: the older topics make up the six
            assert (len(recent), len(older)) == (0, 6), ls.day
    assert checked == 6  # 17, 19, 22, 24, 26 February and 1 March


def test_what_has_waited_longest_is_asked_first(term) -> None:
    """On each side (recent, older), every question picked was last asked no later than any free
    question left out (never asked counts as longest)."""
    _, pool, lessons = term
    last: dict[str, int] = {}
    for i, ls in enumerate(plan(pool, lessons, 6, 7, "t")):
        free = [q for q in pool if q.taught < ls.day and i - last.get(q.family, -99) > GAP_LESSONS]
        for recent in (True, False):
            side = [q for q in free if ((ls.day - q.taught).days <= RECENT_DAYS) == recent]
            picked = {q.family for q in ls.questions if q in side}
            left = [last.get(q.family, -1) for q in side if q.family not in picked]
            if picked and left:
                assert max(last.get(f, -1) for f in picked) <= min(left), ls.day
        for q in ls.questions:
            last[q.family] = i


def test_every_topic_comes_back_over_the_term(term) -> None:
    """Over the term each topic is asked in many lessons, and every question of the first topic
    is asked at least twice (spacing brings old work back)."""
    pack, pool, lessons = term
    plans = plan(pool, lessons, 6, 1, "t")
    for t in pack.topics:
        assert sum(any(q.topic == t.topic for q in ls.questions) for ls in plans) >= 8, t.topic
    first = {q.family for q in pool if q.topic == pack.topics[0].topic}
    counts = {f: sum(q.family == f for ls in plans for q in ls.questions) for f in first}
    assert min(counts.values()) >= 2, counts


def test_the_seed_changes_the_sheets_and_the_same_seed_repeats_them(term) -> None:
    """Same seed, same questions; another seed or version salt, other questions."""
    _, pool, lessons = term
    a = plan(pool, lessons, 6, 1, "v0")
    assert a == plan(pool, lessons, 6, 1, "v0")
    assert a != plan(pool, lessons, 6, 2, "v0") and a != plan(pool, lessons, 6, 1, "v1")


def test_questions_both_ways_and_never_giving_the_answer_away(term) -> None:
    """Key terms are asked both ways (the term blanked in its definition), events both ways; an
    event whose text names its year is not asked 'when', and a date another event's overlaps is
    not asked 'what happened'."""
    _, pool, _ = term
    texts = {q.text: q.answer for q in pool}
    assert texts["What is meant by *Soviet*?"] == "A council of workers' and soldiers' deputies"
    assert texts["Which term means: A council of workers' and soldiers' deputies"] == "Soviet"
    assert texts["When did this happen: Lenin dies?"] == "January 1924"
    assert texts["What happened in January 1924?"] == "Lenin dies"
    assert texts["What happened on 25 October 1917?"] == "The Bolsheviks seize the Winter Palace"
    # 'Tsar Nicholas II abdicates' (March 1917) overlaps nothing else; the 1917 card has no event
    assert "What happened in March 1917?" in texts
    pack, _ = load_pack(str(TERM))
    from studypack.model import KeyTerm, TimelineEvent, Topic

    d = parse_date("1956")[0]
    t = Topic("T", taught=d, key_terms=(KeyTerm("Purge", "A purge removes people"),),
              timeline=(TimelineEvent(d, "The 1956 uprising"), TimelineEvent(parse_date("February 1956")[0], "Speech")))  # fmt: skip
    qs = {q.text: q.answer for q in questions_of(t)}
    assert "Which term means: A _____ removes people" in qs
    assert not any(q.startswith("When did this happen: The 1956") for q in qs)
    assert not any(q.startswith("What happened in") for q in qs)  # 1956 and February 1956 overlap


def test_a_period_counts_as_taught_from_its_end_and_bands_follow_age() -> None:
    """`taught: January 2027` counts from 31 January; the grid's bands are by days since taught."""
    assert taught_day(parse_date("January 2027")[0]) == datetime.date(2027, 1, 31)
    assert taught_day(parse_date("2027")[0]) == datetime.date(2027, 12, 31)
    assert taught_day(parse_date("11 January 2027")[0]) == datetime.date(2027, 1, 11)

    class Q:
        def __init__(self, day: datetime.date) -> None:
            self.taught = day

    day = datetime.date(2027, 2, 22)
    latest = datetime.date(2027, 2, 19)
    assert band(Q(latest), day, latest) == "last lesson"  # type: ignore[arg-type]
    assert band(Q(datetime.date(2027, 2, 16)), day, latest) == "last week"  # type: ignore[arg-type]
    assert band(Q(datetime.date(2027, 2, 1)), day, latest) == "last month"  # type: ignore[arg-type]
    assert band(Q(datetime.date(2027, 1, 6)), day, latest) == "earlier"  # type: ignore[arg-type]


def test_default_lessons_are_the_days_new_topics_were_taught(term) -> None:
    """With neither `lessons:` nor `from:`, a sheet opens each new topic's first lesson but the first."""
    pack, _, _ = term
    assert default_lessons(list(pack.topics)) == (datetime.date(2027, 1, 25), datetime.date(2027, 2, 15))
