"""`studypack import`: the seeds, Markdown and term exports become topic files with no word lost."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build_pdf, make_pack, missing_words, write

from studypack.errors import StudypackError
from studypack.importer.proposals import mentions
from studypack.importer.run import import_files, write_all
from studypack.load.topic import load_topic
from studypack.text.markup import plain, words

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FURNITURE = [r"Created (by|on):.*", r"^\d+ of \d+$", r"^Cards \(\d+\)$", r"^No comments have yet been made$",
             r"^Similar .* resources:$", r"See all .*?»"]  # fmt: skip


def content_words(path: Path) -> list[str]:
    """Every word of a seed once its page furniture is taken out."""
    text = path.read_text(encoding="utf-8")
    for rx in FURNITURE:
        text = re.sub(rx, " ", text, flags=re.M)
    return words(text.replace("•", " "))


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is beside the repo in CI")
def test_seeds_import_build_and_keep_every_word(tmp_path):
    """Both seeds import, check, and build; every content word of them is in the PDF's text."""
    r = run("import", *map(str, sorted(SEEDS.glob("*.txt"))), "-o", str(tmp_path / "topics"))
    assert r.returncode == 0, r.stderr
    files = sorted((tmp_path / "topics").glob("*.yaml"))
    assert len(files) == 2
    for f in files:
        assert run("check", str(f)).returncode == 0
    topics = {f.name: f.read_text(encoding="utf-8") for f in files}
    pdf = build_pdf(make_pack(tmp_path, topics, "- layout: cards\n  sides: single\n"))
    for seed in SEEDS.glob("*.txt"):
        assert missing_words(pdf, [" ".join(content_words(seed))]) == [], seed.name
    leader = next(f for f in files if "leader" in f.name).read_text()
    assert "Cards (8)" not in leader and "Created by" not in "".join(topics.values())
    assert "title made up by the importer" in leader


def test_round_trip(tmp_path):
    """Import, load and compare: the topic file holds exactly what the importer found."""
    notes = write(
        tmp_path / "n.md",
        """
        # Cold War
        ## Causes
        - Ideology: **capitalism** vs *communism*
          - the _Long Telegram_ (1946)
        1. first numbered
        2. second numbered
        > "An iron curtain has descended"
        Some paragraph text
        across two lines.
        """,
    )
    done = import_files([str(notes)], str(tmp_path / "out"))
    write_all(done)
    topic, _ = load_topic(done[0].target)
    card = topic.cards[0]
    found = done[0].notes.cards[0]
    assert topic.topic == "Cold War" and card.front == found.title == "Causes"
    assert [p.text for p in card.points] == [p.text for p in found.points]
    assert card.points[0].points[0].text == "the *Long Telegram* (1946)"
    assert card.text == "\n\n".join(found.paragraphs)
    assert "iron curtain" in card.text and "across two lines" in card.text


def test_markdown_nesting_numbering_and_headings(tmp_path):
    """Markdown: H1 is the topic, deeper headings are cards (an empty parent lends its title),
    lists nest by indent, numbered lists are points, text before any heading is kept."""
    md = write(
        tmp_path / "notes.md",
        """
        Intro line before any heading.
        # Biology
        ## Cells
        ### Organelles
        * Nucleus
            * holds DNA
        + Mitochondria
        ## Enzymes
        Proteins that speed up reactions.
        """,
    )
    notes = import_files([str(md)], str(tmp_path))[0].notes
    titles = [c.title for c in notes.cards]
    assert notes.topic == "Biology"
    assert "Cells – Organelles" in titles and "Enzymes" in titles
    org = notes.cards[titles.index("Cells – Organelles")]
    assert org.points[0].text == "Nucleus" and org.points[0].points[0].text == "holds DNA"
    assert any("Intro line" in p for c in notes.cards for p in c.paragraphs)


def test_term_exports(tmp_path):
    """Quizlet TSV, Anki plain text with headers and HTML, and quoted CSV with a header row: a
    glossary, so key terms; fronts that are questions make question cards."""
    tsv = write(tmp_path / "quizlet.txt", "Glasnost\tOpenness\nPerestroika\tRestructuring\n")
    anki = write(tmp_path / "anki.txt", "#separator:tab\n#html:true\n#tags column:3\n"
                 "<b>Thaw</b>\tRelaxation &amp; reform<br>after 1953\tcold-war\n")  # fmt: skip
    csv = write(
        tmp_path / "terms.csv",
        'Term,Definition\n"Détente","Easing of tension, 1970s"\n"Sputnik","First satellite"\n',
    )
    qa = write(tmp_path / "qa.tsv", "What was glasnost?\tOpenness\nWho launched Sputnik?\tThe USSR\n")
    paths = [str(tsv), str(anki), str(csv), str(qa)]
    got = {Path(d.source).name: d for d in import_files(paths, str(tmp_path / "o"))}
    q = got["quizlet.txt"].notes
    assert got["quizlet.txt"].fmt == "tsv" and not q.cards
    assert [(t.term, t.definition) for t in q.key_terms] == [
        ("Glasnost", "Openness"),
        ("Perestroika", "Restructuring"),
    ]
    a = got["anki.txt"].notes.key_terms[0]
    assert (a.term, a.definition) == ("**Thaw**", "Relaxation & reform after 1953")
    c = got["terms.csv"].notes.key_terms
    assert got["terms.csv"].fmt == "csv" and [x.term for x in c] == ["Détente", "Sputnik"]
    assert c[0].definition == "Easing of tension, 1970s"
    cards = got["qa.tsv"].notes.cards
    assert [(x.title, x.paragraphs, x.question) for x in cards] == [
        ("What was glasnost?", ["Openness"], True),
        ("Who launched Sputnik?", ["The USSR"], True),
    ]


def test_dates_that_are_not_events():
    """Years count; 51,439 prisoners, 44%, 5/1000, a 16 year term and created-on dates do not."""
    assert [d for _, d in mentions("in 1956 51,439 prisoners, 44% and 5/1000, a 16 year term")] == ["1956"]
    assert [d for _, d in mentions("between 1953 - 56 and in May 1954, since 1950’s")] == [
        "1953-56",
        "May 1954",
        "1950s",
    ]
    assert mentions("created on 19-04-15 23:34, page 1 of 10, £1200") == []


def test_bad_input_writes_nothing(tmp_path):
    """Missing, empty, binary files: a clear error, exit 2, and no file written for any input."""
    good = write(tmp_path / "good.md", "# T\n## C\n- point\n")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02PK")
    for bad, message in (("missing.txt", "file not found"), ("empty.txt", "the file is empty"),
                         ("bin.txt", "is not a text file")):  # fmt: skip
        r = run("import", str(good), str(tmp_path / bad), "-o", str(tmp_path / "out"))
        assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr
        assert not (tmp_path / "out").exists()


def test_cp1252_is_read_with_a_warning_and_nothing_is_overwritten(tmp_path):
    """Windows-1252 text imports with a warning; an existing topic file needs --force."""
    f = tmp_path / "old.txt"
    f.write_bytes("# Caf\xe9 culture\n## Caf\xe9s\n- \x93quoted\x94 point\n".encode("latin-1"))
    r = run("import", str(f), "-o", str(tmp_path / "out"))
    assert r.returncode == 0 and "Windows-1252" in r.stderr
    out = tmp_path / "out" / "cafe-culture.yaml"
    assert "“quoted” point" in out.read_text(encoding="utf-8")
    before = out.read_text()
    r = run("import", str(f), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "--force" in r.stderr and out.read_text() == before
    assert run("import", str(f), "-o", str(tmp_path / "out"), "--force").returncode == 0


def test_dry_run_lists_cards_and_writes_nothing(tmp_path):
    """--dry-run prints what was found per card and proposed events, and writes no file."""
    f = write(tmp_path / "n.md", "# T\n## The speech\n- Given in February 1956 to the congress\n")
    r = run("import", str(f), "-o", str(tmp_path / "out"), "--dry-run")
    assert r.returncode == 0 and "card 1: 'The speech': 1 point" in r.stdout
    assert "event February 1956:" in r.stdout
    assert not (tmp_path / "out").exists()


def test_import_errors_are_studypack_errors(tmp_path):
    with pytest.raises(StudypackError):
        import_files([str(tmp_path / "nope.txt")], str(tmp_path))
    assert plain("x") == "x"


def test_markdown_quotes_are_paragraphs_of_their_own(tmp_path):
    """A quote after a line of text starts its own paragraph; its words are all kept."""
    md = write(tmp_path / "q.md", "# T\n## Haber\nN₂ + 3H₂ ⇌ 2NH₃\n> Compromise: 450 °C, 200 atm\n")
    card = import_files([str(md)], str(tmp_path))[0].notes.cards[0]
    assert card.paragraphs == ["N₂ + 3H₂ ⇌ 2NH₃", "Compromise: 450 °C, 200 atm"]


def test_empty_bullets_are_skipped(tmp_path):
    """A bullet with nothing after it is not a point (studypack would reject an empty point)."""
    md = write(tmp_path / "e.md", "# T\n## C\n- \n- real point\n")
    txt = write(tmp_path / "e.txt", "Title\n\nCards (1)\n\n  • Card\n    • \n    • ok\n")
    done = import_files([str(md), str(txt)], str(tmp_path / "o"))
    assert [p.text for p in done[0].notes.cards[0].points] == ["real point"]
    assert [p.text for p in done[1].notes.cards[0].points] == ["ok"]
