"""`studypack export anki|tsv`: every card and key term, every word of them, stable note GUIDs."""

import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import CONTENT, all_texts, make_pack

from studypack.text.markup import words


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def read_apkg(path: Path, tmp: Path) -> tuple[list[tuple[str, list[str], str]], dict[int, str]]:
    """The package's notes (guid, fields, tags) and decks (id -> name), read from its SQLite collection."""
    with zipfile.ZipFile(path) as z:
        z.extract("collection.anki2", tmp)
    db = sqlite3.connect(tmp / "collection.anki2")
    notes = [
        (g, f.split("\x1f"), t) for g, f, t in db.execute("select guid, flds, tags from notes order by id")
    ]
    decks = {
        int(k): v["name"] for k, v in json.loads(db.execute("select decks from col").fetchone()[0]).items()
    }
    db.close()
    return notes, decks


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_anki_package_has_every_card_word_and_deck(tmp_path):
    """One deck per topic under the pack's deck, a note per card and key term with tags, and every
    word of the example pack in the notes' fields."""
    r = run("export", "anki", str(CONTENT / "pack.yaml"), "-o", "k.apkg", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "wrote k.apkg: 24 cards and 11 key terms from 2 topics"
    notes, decks = read_apkg(tmp_path / "k.apkg", tmp_path)
    assert sorted(n for n in decks.values() if "::" in n) == [
        "Khrushchev revision pack::Khrushchev: how he emerged as leader",
        "Khrushchev revision pack::Khrushchev: the 20th Party Congress and reforms",
    ]
    assert len(notes) == 35
    assert all("History" in tags.split() for _, _, tags in notes)
    assert sum("key_term" in tags.split() for _, _, tags in notes) == 11
    found = set(words(" ".join(text_of(f) for _, fields, _ in notes for f in fields)))
    missing = {w for t in all_texts(CONTENT / "pack.yaml") for w in words(t)} - found
    # the pack's timeline is not flashcards; every card and key term word is there
    pack_words = set()
    from studypack.load.manifest import load_pack

    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    for topic in pack.topics:
        for card in topic.cards:
            pack_words |= {w for t in [card.front, *card.back_texts()] for w in words(t)}
        for k in topic.key_terms:
            pack_words |= set(words(k.term)) | set(words(k.definition))
    assert pack_words - found == set()
    elsewhere = [t.subject for t in pack.topics] + [
        f"{e.date.text} {e.text}" for t in pack.topics for e in t.timeline
    ]
    elsewhere += [f"{p.name} {p.about}" for t in pack.topics for p in t.people]  # on organisers
    assert missing <= {w for x in elsewhere for w in words(x)}  # subjects are tags; events are not cards


def test_guids_are_stable_across_rebuilds_and_edits(tmp_path):
    """Exporting twice gives the same GUIDs; editing a card's back or reordering cards keeps them, so a
    re-import updates pupils' notes; two cards with one title get two GUIDs."""
    topic = (
        "topic: T\nsubject: Biology\ncards:\n  - title: Cell\n    points: [membrane]\n"
        "  - title: Cell\n    points: [nucleus]\n  - title: Organ\n    points: [heart]\n"
        "key_terms:\n  - term: Osmosis\n    definition: water moving across a membrane\n"
    )
    pack = make_pack(tmp_path / "p", {"t.yaml": topic})
    assert run("export", "anki", str(pack), "-o", "a.apkg", cwd=tmp_path).returncode == 0
    assert run("export", "anki", str(pack), "-o", "b.apkg", cwd=tmp_path).returncode == 0
    a, _ = read_apkg(tmp_path / "a.apkg", tmp_path / "a")
    b, _ = read_apkg(tmp_path / "b.apkg", tmp_path / "b")
    assert [g for g, *_ in a] == [g for g, *_ in b] and len({g for g, *_ in a}) == 4
    edited = topic.replace("[heart]", "[heart, lungs]").replace(
        "  - title: Organ\n    points: [heart, lungs]\n", ""
    )
    edited = edited.replace("cards:\n", "cards:\n  - title: Organ\n    points: [heart, lungs]\n")
    (tmp_path / "p" / "t.yaml").write_text(edited)
    assert run("export", "anki", str(pack), "-o", "c.apkg", cwd=tmp_path).returncode == 0
    c, _ = read_apkg(tmp_path / "c.apkg", tmp_path / "c")
    by_front = {fields[0] + str(i): g for i, (g, fields, _) in enumerate(a)}
    assert {g for g, *_ in c} == {g for g, *_ in a}
    organ = [(g, f) for g, f, _ in c if f[0] == "Organ"][0]
    assert organ[1][1] == "<ul><li>heart</li><li>lungs</li></ul>" and organ[0] in by_front.values()
    assert [t.strip() for _, _, t in c if "key_term" in t] == ["T Biology key_term"]


def test_markup_becomes_html_and_text_is_escaped(tmp_path):
    """**bold**, *italic*, H~2~O and x^2^ become HTML tags; '<' and '&' in the notes stay text."""
    topic = "topic: T\ncards:\n  - front: 'What is **H~2~O** & x^2^ < y?'\n    back: '*water*'\n"
    pack = make_pack(tmp_path / "p", {"t.yaml": topic})
    assert run("export", "anki", str(pack), "-o", "a.apkg", cwd=tmp_path).returncode == 0
    notes, _ = read_apkg(tmp_path / "a.apkg", tmp_path)
    assert notes[0][1][:2] == [
        "What is <b>H<sub>2</sub>O</b> &amp; x<sup>2</sup> &lt; y?",
        "<p><i>water</i></p>",
    ]


def test_tsv_is_one_line_per_card_with_every_word(tmp_path):
    """term TAB definition, one line per card and key term; tabs and line breaks in the notes never
    break a line; points read '• one • two'."""
    topic = (
        'topic: T\ncards:\n  - title: "Tab\\there"\n    points: [one, two]\n    text: |\n      first para\n'
        "      still first\n\n      second para\nkey_terms:\n  - term: Glasnost\n    definition: openness\n"
    )
    pack = make_pack(tmp_path / "p", {"t.yaml": topic})
    r = run("export", "tsv", str(pack), "-o", "q.tsv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = (tmp_path / "q.tsv").read_text(encoding="utf-8").split("\n")
    assert lines == [
        "Tab here\t• one • two / first para still first / second para",
        "Glasnost\topenness",
        "",
    ]
    r = run("export", "tsv", str(CONTENT / "pack.yaml"), "-o", "k.tsv", cwd=tmp_path)
    rows = (tmp_path / "k.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 35 and all(row.count("\t") == 1 for row in rows)


def test_export_bad_input(tmp_path):
    """An unknown --only topic, a broken pack or -o naming a folder: exit 2, a clear message, no file."""
    r = run("export", "tsv", str(CONTENT / "pack.yaml"), "--only", "Stalin", "-o", "x.tsv", cwd=tmp_path)
    assert r.returncode == 2 and "--only Stalin: the pack has no such topic" in r.stderr
    bad = make_pack(tmp_path / "p", {"t.yaml": "topic: T\ncards:\n  - titel: A\n"})
    r = run("export", "anki", str(bad), "-o", "x.apkg", cwd=tmp_path)
    assert r.returncode == 2 and "unknown key 'titel'" in r.stderr
    r = run("export", "anki", str(CONTENT / "pack.yaml"), "-o", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 2 and "is a folder" in r.stderr
    assert not list(tmp_path.glob("x.*"))
    r = run(
        "export",
        "tsv",
        str(CONTENT / "pack.yaml"),
        "--only",
        "khrushchev-leader",
        "-o",
        "l.tsv",
        cwd=tmp_path,
    )
    assert r.returncode == 0 and len((tmp_path / "l.tsv").read_text().splitlines()) == 19


def test_anki_fields_and_topic_title_are_escaped(tmp_path):
    """A topic title, subject, card and key term holding HTML arrive in Anki as text: no tag of the
    notes' own survives in any field or deck description."""
    evil = "<img src=x onerror=alert(1)>"
    topic = (
        f'topic: "{evil} & co"\nsubject: "<b>Bio</b>"\ncards:\n  - title: "{evil}"\n'
        f'    points: ["<script>x</script>"]\nkey_terms:\n  - term: "{evil}"\n    definition: "a<b"\n'
    )
    pack = make_pack(tmp_path / "p", {"t.yaml": topic})
    r = run("export", "anki", str(pack), "-o", "a.apkg", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    notes, _ = read_apkg(tmp_path / "a.apkg", tmp_path)
    fields = [f for _, fs, _ in notes for f in fs]
    assert not any("<img" in f or "<script" in f for f in fields)
    assert notes[0][1][2] == "&lt;img src=x onerror=alert(1)&gt; &amp; co"
    assert notes[0][1][0] == "&lt;img src=x onerror=alert(1)&gt;"
    db = sqlite3.connect(tmp_path / "collection.anki2")
    decks = json.loads(db.execute("select decks from col").fetchone()[0])
    db.close()
    assert [d["desc"] for d in decks.values() if "::" in d["name"]] == ["&lt;b&gt;Bio&lt;/b&gt;"]


def test_tsv_cells_never_run_as_formulas(tmp_path):
    """A term or definition starting with = + - @ gets a leading quote (OWASP's advice for CSV
    injection), '- 5 degrees' too; other cells are as they were."""
    topic = (
        "topic: T\nkey_terms:\n"
        "  - term: '=HYPERLINK(\"http://x\",\"y\")'\n    definition: '+1'\n"
        "  - term: '@SUM(A1)'\n    definition: '- 5 degrees'\n"
        "  - term: 'cmd|x'\n    definition: 'fine = fine'\n"
    )
    pack = make_pack(tmp_path / "p", {"t.yaml": topic})
    r = run("export", "tsv", str(pack), "-o", "q.tsv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "q.tsv").read_text(encoding="utf-8").splitlines() == [
        '\'=HYPERLINK("http://x","y")\t\'+1',
        "'@SUM(A1)\t'- 5 degrees",
        "cmd|x\tfine = fine",
    ]


def test_topics_of_one_title_get_distinct_guids(tmp_path):
    """Two topic files with the same title give every note its own GUID, and the GUIDs are the same
    when the pack is exported again from another folder."""
    topic = "topic: Cells\ncards:\n  - title: Nucleus\n    text: controls the cell\n"
    pack = make_pack(tmp_path / "p", {"a.yaml": topic, "b/a.yaml": topic})
    assert run("export", "anki", str(pack), "-o", "a.apkg", cwd=tmp_path).returncode == 0
    assert run("export", "anki", "pack.yaml", "-o", "../b.apkg", cwd=tmp_path / "p").returncode == 0
    a, decks = read_apkg(tmp_path / "a.apkg", tmp_path / "a")
    b, _ = read_apkg(tmp_path / "b.apkg", tmp_path / "b")
    assert len(a) == 2 and a[0][0] != a[1][0]
    assert [g for g, *_ in a] == [g for g, *_ in b]
    assert sorted(n for n in decks.values() if "::" in n) == ["Test pack::Cells"]


def test_export_of_a_pack_without_cards_is_a_usage_error(tmp_path):
    """A pack (or --only topic) with no cards and no key terms: exit 2, no package written."""
    pack = make_pack(tmp_path / "p", {"t.yaml": "topic: T\ntimeline:\n  - date: 1956\n    event: x\n"})
    for fmt in ("anki", "tsv"):
        r = run("export", fmt, str(pack), "-o", f"x.{fmt}", cwd=tmp_path)
        assert r.returncode == 2 and "no cards or key terms" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    assert not list(tmp_path.glob("x.*"))
