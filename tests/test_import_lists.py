"""`studypack import` reads lists as teachers paste them from other sites and tools: the separator
is found from the lines themselves, CSV headers (or --columns) map the columns, and pairs, quotes,
dated lines, vocabulary and glossary tables come out as a person would make them. One synthetic
file per shape, each imported, built, and every word found in the PDF's text."""

from __future__ import annotations

import pytest
from helpers import write
from office_files import import_and_build, lost

from studypack.importer.run import ImportProblem, import_files


def one(tmp_path, name, text, **kw):
    """Import one file written from `text`, write and build it: (what was imported, PDF words)."""
    src = write(tmp_path / name, text)
    return import_and_build(tmp_path, [src], **kw)


@pytest.mark.parametrize(
    ("sep", "shown"),
    [(" --- ", "---"), ("---", "---"), (" :: ", "::"), ("; ", ";"), (" -> ", "->"), (" → ", "→"), ("   ", "a run of spaces"),
     (" => ", "=>"), (" ~ ", "~")],
)  # fmt: skip
def test_separator_found_from_the_text(tmp_path, sep, shown):
    """Whatever token the lines share between term and definition becomes the separator, and
    the import says which: a Quizlet export with `---` is term/definition pairs, not cards."""
    pairs = [("Glasnost", "openness in government"), ("Perestroika", "restructuring the economy"),
             ("Détente", "the easing of tension"), ("Satellite state", "a country under Soviet control")]  # fmt: skip
    text = "\n".join(f"{t}{sep}{d}" for t, d in pairs) + "\n"
    (d,), tokens = one(tmp_path, "set.txt", text)
    assert [(t.term, t.definition) for t in d.notes.key_terms] == pairs
    assert d.notes.shape == f'one item a line, "{shown}" between term and definition: 4 key terms'
    assert lost([text], tokens) == []


QUIZ_BANK = """\
Genre,Question,Answer,Comments
History,Who was the first Roman emperor?,Augustus,Took the title in 27 BC
History,When did the Berlin Wall fall?,1989,"In November, after mass protests"
Science,What is the chemical formula of water?,H2O,
Science,Which gas do plants absorb?,Carbon dioxide,Used in photosynthesis
"""


def test_csv_header_maps_its_columns(tmp_path):
    """A quiz bank with a header row: Question/Answer columns make Q/A cards, Comments go behind
    the answer, and each Genre is a topic of its own (never key terms named "History")."""
    done, tokens = one(tmp_path, "bank.csv", QUIZ_BANK)
    by = {d.notes.topic: d.notes for d in done}
    assert sorted(by) == ["History", "Science"] and not any(n.key_terms for n in by.values())
    first = by["History"].cards[0]
    assert (first.title, first.paragraphs, first.question) == (
        "Who was the first Roman emperor?", ["Augustus", "Took the title in 27 BC"], True)  # fmt: skip
    assert by["History"].shape == "CSV, columns category, question, answer, notes: 2 cards"
    assert lost([QUIZ_BANK.replace("Genre,Question,Answer,Comments", "")], tokens) == []


@pytest.mark.parametrize(
    ("header", "cards"),
    [("TERM;MEANING;Notes", False), ("front;back;extra", True), ("Question;Answer;Hint", True),
     ("Word;Definition;Example", False)],
)  # fmt: skip
def test_header_names_in_any_case_and_semicolons(tmp_path, header, cards):
    """Header names in any case, a semicolon-separated file (Excel's in much of Europe): the third
    column's words go with the back; question/answer and front/back make cards, the rest key terms."""
    text = f"{header}\nder Hund;the dog;a pet\ndie Katze;the cat;also a pet\n"
    (d,), tokens = one(tmp_path, "de.csv", text)
    if cards:
        assert [(c.title, c.paragraphs) for c in d.notes.cards] == [("der Hund", ["the dog", "a pet"]),
                                                                    ("die Katze", ["the cat", "also a pet"])]  # fmt: skip
    else:
        assert [(t.term, t.definition) for t in d.notes.key_terms] == [("der Hund", "the dog a pet"),
                                                                       ("die Katze", "the cat also a pet")]  # fmt: skip
    assert lost(["der Hund the dog a pet die Katze the cat also a pet"], tokens) == []


def test_columns_option_when_there_is_no_header(tmp_path):
    """--columns names a header-less file's columns; a bad name is a usage error naming the roles."""
    text = "Ion,A charged particle,Na+ is one\nIsotope,Same element with a different mass,C-14\n"
    src = write(tmp_path / "chem.csv", text)
    (d,) = import_files([str(src)], str(tmp_path / "o"), columns="front,back,notes")
    assert [(c.title, c.paragraphs) for c in d.notes.cards] == [
        ("Ion", ["A charged particle", "Na+ is one"]),
        ("Isotope", ["Same element with a different mass", "C-14"]),
    ]
    (d,) = import_files([str(src)], str(tmp_path / "o"), columns="term,definition,skip")
    assert [t.definition for t in d.notes.key_terms] == [
        "A charged particle",
        "Same element with a different mass",
    ]
    with pytest.raises(ImportProblem, match="--columns: unknown column 'anwser'"):
        import_files([str(src)], str(tmp_path / "o"), columns="question,anwser")


ALTERNATING = """\
Photosynthesis
the process plants use to make glucose
Respiration
the release of energy from glucose
Osmosis
movement of water across a membrane
"""


@pytest.mark.parametrize("title", ["", "Biology words\n"])
def test_alternating_lines_keep_their_pairs(tmp_path, title):
    """Term/definition lines whose definitions are short and unpunctuated stay pairs, whether
    the first line is a term or a title."""
    (d,), tokens = one(tmp_path, "bio.txt", title + ALTERNATING)
    assert [t.term for t in d.notes.key_terms] == ["Photosynthesis", "Respiration", "Osmosis"]
    assert d.notes.key_terms[2].definition == "movement of water across a membrane"
    assert d.notes.topic == ("Biology words" if title else "Bio")
    assert lost([title + ALTERNATING], tokens) == []


QUOTES = """\
Macbeth quotations
"Fair is foul, and foul is fair"
The witches speak in paradox: nothing in the play is what it seems.
“Is this a dagger which I see before me”
Macbeth hallucinates; his guilt shows before the murder.
It foreshadows the violence to come.
"Out, damned spot!" – Lady Macbeth
Her guilt returns as madness.
"""


def test_quotation_then_its_comment_is_one_card(tmp_path):
    """Each quotation with the comment lines below it is one card (the quote on the front)."""
    (d,), tokens = one(tmp_path, "macbeth.txt", QUOTES)
    assert d.notes.topic == "Macbeth quotations"
    assert [c.title for c in d.notes.cards] == ['"Fair is foul, and foul is fair"',
                                                "“Is this a dagger which I see before me”",
                                                '"Out, damned spot!" – Lady Macbeth']  # fmt: skip
    assert d.notes.cards[1].paragraphs == ["Macbeth hallucinates; his guilt shows before the murder.",
                                           "It foreshadows the violence to come."]  # fmt: skip
    assert lost([QUOTES], tokens) == []


def test_forty_dated_lines_are_forty_events(tmp_path):
    """40 dated lines in the usual forms (year, day month year, month year, ranges, a date at the
    end in brackets) become 40 timeline events that need no review, not 40 cards."""
    forms = ["{y} – Event number {i} happened", "12 March {y}: Event number {i} happened",
             "June {y} Event number {i} happened", "Event number {i} happened ({y}-{z})"]  # fmt: skip
    lines = [forms[i % 4].format(y=1900 + i, z=str(1900 + i + 2)[2:], i=i) for i in range(40)]
    text = "Twentieth century\n" + "\n".join(lines) + "\n"
    (d,), tokens = one(tmp_path, "dates.txt", text)
    n = d.notes
    assert not n.cards and not n.key_terms and len(n.timeline) == 40
    assert n.shape == "dated lines, a timeline event each: 40 events"
    assert all(not e.review for e in n.timeline)
    assert (n.timeline[1].date, n.timeline[1].event) == ("12 March 1901", "Event number 1 happened")
    assert (n.timeline[3].date, n.timeline[3].event) == ("1903-05", "Event number 3 happened")
    assert lost([text], tokens) == []


def test_vocabulary_with_gender_and_part_of_speech_markers(tmp_path):
    """`Abflug (m) departure`: the marker ends the term (kept with it), the rest is the meaning."""
    text = "Abflug (m) departure\nAnkunft (f) arrival\nGepäck (n) luggage\nla casa (n.f.) house\ncorrer (v) to run\n"
    (d,), tokens = one(tmp_path, "vocab.txt", text)
    assert [(t.term, t.definition) for t in d.notes.key_terms] == [
        ("Abflug (m)", "departure"), ("Ankunft (f)", "arrival"), ("Gepäck (n)", "luggage"),
        ("la casa (n.f.)", "house"), ("correr (v)", "to run")]  # fmt: skip
    assert d.notes.shape.startswith("vocabulary, a gender or part-of-speech marker")
    assert lost([text], tokens) == []


@pytest.mark.parametrize("name", ["glossary.txt", "glossary.md"])
def test_table_with_empty_cells_gives_terms_to_finish(tmp_path, name):
    """A Markdown glossary table with blank definitions: each blank row a term to finish (a card
    with a review note), never lost; filled rows are key terms."""
    head = "# Cell division\n\n" if name.endswith(".md") else ""
    text = (
        head
        + "| Term | Definition |\n|---|---|\n| Mitosis | |\n| Meiosis | division making gametes |\n| Allele | |\n"
    )
    (d,), tokens = one(tmp_path, name, text)
    todo = [(c.title, c.review) for c in d.notes.cards]
    assert todo == [("Mitosis", "a term with no definition in the notes"),
                    ("Allele", "a term with no definition in the notes")]  # fmt: skip
    assert [t.term for t in d.notes.key_terms] == ["Meiosis"]
    assert lost(["Mitosis Meiosis division making gametes Allele"], tokens) == []


@pytest.mark.parametrize("sep", ["tab", "Semicolon", ";", "comma"])
def test_anki_text_export_headers_are_settings(tmp_path, sep):
    """`#separator:`, `#html:` and `#tags column:` lines are obeyed, never the title or a card."""
    char = {"tab": "\t", "Semicolon": ";", ";": ";", "comma": ","}[sep]
    text = f"#separator:{sep}\n#html:true\n#tags column:3\n"
    for row in (
        ["<b>Thaw</b>", "relaxation &amp; reform after 1953", "ussr"],
        ["Sputnik", "first satellite<br>1957", "space"],
    ):
        text += char.join(f'"{f}"' if char in f else f for f in row) + "\n"  # as Anki quotes a field
    (d,), tokens = one(tmp_path, "export.txt", text)
    assert d.notes.topic == "Export"
    assert [(t.term, t.definition) for t in d.notes.key_terms] == [
        ("**Thaw**", "relaxation & reform after 1953"), ("Sputnik", "first satellite 1957")]  # fmt: skip
    assert "ussr" not in tokens and "separator" not in tokens
    assert lost(["Thaw relaxation reform after 1953 Sputnik first satellite"], tokens) == []


MESSY = {
    # a physics formula list pasted from a revision site, '=' separated, with a title
    "physics.txt": ("Physics equations\nspeed = distance / time\nforce = mass × acceleration\n"
                    "density = mass / volume\nweight = mass × gravitational field strength\n", 4, 0),  # fmt: skip
    # French vocabulary with a slash and accents
    "french.txt": ("le château / the castle\nla forêt / the forest\nl'élève / the pupil\nun œuf / an egg\n", 4, 0),
    # Greek terms with Cyrillic-like scripts and a tab
    "greek.tsv": ("αλφα\tthe first letter\nβήτα\tthe second letter\nγάμμα\tthe third letter\n", 3, 0),
    # RE key words with colons, messy spacing and a blank line
    "re.txt": ("Agape:  selfless love\n\nSin :  an act against God's will\nAtonement:   making amends\n", 3, 0),
    # a history list of events with a date at the end after a dash
    "russia.txt": ("Russian revolutions\nBloody Sunday – 1905\nFebruary Revolution – 1917\n"
                   "Civil War begins – 1918\nNEP introduced – 1921\n", 0, 4),  # fmt: skip
    # a glossary typed as bullets, with colons
    "cells.md": ("- Nucleus: controls the cell\n- Ribosome: makes proteins\n- Cell membrane: controls what enters\n", 3, 0),
    # French vocabulary aligned with spaces under a title, a blank line, lower-case terms
    "fr.txt": ("Vocab list – Module 3\n\nmanger   to eat\nboire    to drink\nle petit-déjeuner   breakfast\n", 3, 0),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MESSY))
def test_real_looking_lists_from_other_subjects(tmp_path, name):
    """Lists from other subjects and scripts, pasted with the usual mess, come out as key terms
    (or events) and print every word."""
    text, n_terms, n_events = MESSY[name]
    (d,), tokens = one(tmp_path, name, text)
    assert (
        len(d.notes.key_terms) == n_terms and len([e for e in d.notes.timeline if not e.review]) == n_events
    )
    assert lost([text], tokens) == []


def test_anki_export_with_note_type_and_deck_columns(tmp_path):
    """Anki's current text export names its note type, deck and tags columns in header lines:
    those columns are never a term or a definition, and each deck ("Spanish::Food") is a topic
    with its parent deck as the subject."""
    text = ("#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n"
            "Basic\tSpanish::Food\tla manzana\tthe apple\tfood\nBasic\tSpanish::Food\tel pan\tthe bread\t\n"
            "Basic\tSpanish::Family\tla madre\tthe mother\t\n")  # fmt: skip
    done, tokens = one(tmp_path, "spanish.txt", text)
    got = {
        (d.notes.subject, d.notes.topic): [(t.term, t.definition) for t in d.notes.key_terms] for d in done
    }
    assert got == {("Spanish", "Food"): [("la manzana", "the apple"), ("el pan", "the bread")],
                   ("Spanish", "Family"): [("la madre", "the mother")]}  # fmt: skip
    assert (
        "Basic" not in tokens
        and lost(["la manzana the apple el pan the bread la madre the mother"], tokens) == []
    )
