"""`studypack import` reads Word (.docx) and PowerPoint (.pptx) files as teachers write them: the
files are made here with python-docx and python-pptx, imported, written, built, and every word of
them is found in the PDF's text."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import docx
import pptx
import pytest
from docx.shared import Cm
from office_files import import_and_build, lost, png
from pptx.util import Inches

from studypack.importer.run import ImportProblem, import_files
from studypack.load.topic import load_topic

WORD_TEXTS = [
    "Cell biology",
    "Organelles",
    "Nucleus holds the DNA",
    "chromosomes come in pairs",
    "genes sit on chromosomes",
    "Ribosomes make proteins",
    "Mitochondria: where aerobic respiration happens",
    "Osmosis – the movement of water across a partially permeable membrane",
    "Transport",
    "Diffusion is passive and needs no energy; H2O moves by osmosis.",
    "Active transport",
    "uses energy from respiration",
    "Turgor",
    "Alveoli",
    "tiny air sacs with a large surface area",
    "Respiration summary",
]


def word_file(path, picture):
    d = docx.Document()
    d.add_paragraph("Cell biology", style="Title")
    d.add_heading("Organelles", 1)
    d.add_paragraph("Nucleus holds the DNA", style="List Bullet")
    d.add_paragraph("chromosomes come in pairs", style="List Bullet 2")
    d.add_paragraph("genes sit on chromosomes", style="List Bullet 3")
    d.add_paragraph("Ribosomes make proteins", style="List Bullet")
    d.add_paragraph("Mitochondria: where aerobic respiration happens")
    d.add_paragraph("Osmosis – the movement of water across a partially permeable membrane")
    d.add_paragraph().add_run().add_picture(str(picture), width=Cm(3))
    d.add_heading("Transport", 1)
    p = d.add_paragraph("Diffusion is ")
    p.add_run("passive").bold = True
    p.add_run(" and needs no energy; H")
    p.add_run("2").font.subscript = True
    p.add_run("O moves by osmosis.")
    t = d.add_table(rows=5, cols=2)
    rows = [("Term", "Definition"), ("Active transport", "uses energy from respiration"), ("Turgor", ""),
            ("Alveoli", "tiny air sacs with a large surface area"), ("", "")]  # fmt: skip
    for i, (a, b) in enumerate(rows):
        t.cell(i, 0).text, t.cell(i, 1).text = a, b
    d.add_heading("Respiration summary", 2)
    d.save(path)
    return path


def test_word_headings_lists_terms_tables_and_pictures(tmp_path):
    """Title -> topic, headings -> cards, list levels -> nested points, `Term: definition` and
    `Term – definition` paragraphs and a two-column table -> key terms (its header row skipped,
    a blank definition a term to finish), bold and subscript kept, the picture saved beside the
    topic and named in `image:`; it builds and every word is in the PDF."""
    src = word_file(tmp_path / "cells.docx", png(tmp_path / "cell.png"))
    (d,), tokens = import_and_build(tmp_path, [src])
    n = d.notes
    assert d.fmt == "word" and n.shape == "Word document, a card per heading: 4 cards and 4 key terms"
    assert n.topic == "Cell biology"
    assert [c.title for c in n.cards] == ["Organelles", "Transport", "Turgor", "Respiration summary"]
    org = n.cards[0]
    assert [p.text for p in org.points] == ["Nucleus holds the DNA", "Ribosomes make proteins"]
    assert org.points[0].points[0].text == "chromosomes come in pairs"
    assert org.points[0].points[0].points[0].text == "genes sit on chromosomes"
    assert n.cards[1].paragraphs == ["Diffusion is **passive** and needs no energy; H~2~O moves by osmosis."]
    assert [(t.term, t.definition) for t in n.key_terms] == [
        ("Mitochondria", "where aerobic respiration happens"),
        ("Osmosis", "the movement of water across a partially permeable membrane"),
        ("Active transport", "uses energy from respiration"),
        ("Alveoli", "tiny air sacs with a large surface area"),
    ]
    assert "no definition" in n.cards[2].review and "no notes" in n.cards[3].review
    topic_file = tmp_path / "topics" / "cell-biology.yaml"
    topic, problems = load_topic(str(topic_file))
    assert topic.cards[0].image is not None
    assert (tmp_path / "topics" / "cell-biology-pictures" / "image1.png").is_file()
    assert lost(WORD_TEXTS, tokens) == []


def test_word_without_heading_styles_uses_bold_lines(tmp_path):
    """A document typed with bold lines for headings (no styles): each bold line starts a card,
    the one Heading-free topic comes from the file name; the words all print."""
    d = docx.Document()
    texts = [
        "Causes of the war",
        "Alliances tied the powers together.",
        "The arms race",
        "Dreadnoughts were built.",
    ]
    for i, t in enumerate(texts):
        run = d.add_paragraph().add_run(t)
        run.bold = i % 2 == 0
    src = tmp_path / "ww1-notes.docx"
    d.save(src)
    (imp,), tokens = import_and_build(tmp_path, [src])
    assert [c.title for c in imp.notes.cards] == ["Causes of the war", "The arms race"]
    assert imp.notes.topic == "Ww1"
    assert lost(texts, tokens) == []


def test_word_glossary_sections_and_parent_headings(tmp_path):
    """A "Key words" heading over `Term: definition` paragraphs is the key terms (no empty card);
    a heading whose paragraphs all became key terms stays a card to review; a Heading 1 with only
    Heading 2s under it lends its words to their cards."""
    d = docx.Document()
    d.add_paragraph("Cells", style="Title")
    d.add_heading("Key words", 1)
    d.add_paragraph("Nucleus: holds the DNA")
    d.add_paragraph("Ribosome – makes proteins")
    d.add_heading("Organelles", 1)
    d.add_paragraph("Vacuole: stores cell sap")
    d.add_heading("Division", 1)
    d.add_heading("Mitosis", 2)
    d.add_paragraph("Two identical cells.")
    src = tmp_path / "cells.docx"
    d.save(src)
    (imp,), tokens = import_and_build(tmp_path, [src])
    cards = [(c.title, c.review) for c in imp.notes.cards]
    assert cards == [("Organelles", "its notes became key terms: add notes, or delete the card"),
                     ("Division – Mitosis", "")]  # fmt: skip
    assert [t.term for t in imp.notes.key_terms] == ["Nucleus", "Ribosome", "Vacuole"]
    assert lost(["Cells Nucleus holds the DNA Ribosome makes proteins Organelles Vacuole stores cell sap",
                 "Division Mitosis Two identical cells"], tokens) == []  # fmt: skip


SLIDE_TEXTS = ["The Cold War", "History", "Causes", "Ideology", "capitalism against communism",
               "markets and private property", "Yalta and Potsdam 1945", "Stress the mistrust after 1945.",
               "Détente", "easing of tension", "Satellite state", "a country under Soviet control",
               "The wall", "Built overnight in August 1961", "Key dates", "1949", "NATO formed"]  # fmt: skip


def slides_file(path, picture):
    prs = pptx.Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "The Cold War"
    s.placeholders[1].text = "History"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Causes"
    tf = s.placeholders[1].text_frame
    tf.text = "Ideology"
    for text, level in (("capitalism against communism", 1), ("markets and private property", 2),
                        ("Yalta and Potsdam 1945", 0)):  # fmt: skip
        p = tf.add_paragraph()
        p.text, p.level = text, level
    s.notes_slide.notes_text_frame.text = "Stress the mistrust after 1945."
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Key words"
    tb = s.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for i, (a, b) in enumerate([("Word", "Meaning"), ("Détente", "easing of tension"),
                                ("Satellite state", "a country under Soviet control")]):  # fmt: skip
        tb.cell(i, 0).text, tb.cell(i, 1).text = a, b
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "The wall"
    s.shapes.add_picture(str(picture), Inches(1), Inches(2))
    s.notes_slide.notes_text_frame.text = "Built overnight in August 1961"
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Key dates"
    tb = s.shapes.add_table(1, 3, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for i, t in enumerate(["1949", "NATO formed", ""]):
        tb.cell(0, i).text = t
    prs.save(path)
    return path


def test_powerpoint_slides_become_cards(tmp_path):
    """Title slide -> topic (a one-word subtitle the subject), each slide a card with its bullets
    at their levels, speaker notes as the card's text, a two-column table key terms (a glossary
    slide makes no card), a wider table a point per row, the picture saved; every word prints."""
    src = slides_file(tmp_path / "cold.pptx", png(tmp_path / "wall.png"))
    (d,), tokens = import_and_build(tmp_path, [src])
    n = d.notes
    assert d.fmt == "powerpoint" and n.shape == "PowerPoint, a card per slide: 3 cards and 2 key terms"
    assert (n.topic, n.subject) == ("The Cold War", "History")
    causes, wall, dates = n.cards
    assert causes.title == "Causes" and causes.paragraphs == ["Stress the mistrust after 1945."]
    assert causes.points[0].text == "Ideology"
    assert causes.points[0].points[0].points[0].text == "markets and private property"
    assert causes.points[1].text == "Yalta and Potsdam 1945"
    assert wall.image == "the-cold-war-pictures/slide-4.png"
    assert (tmp_path / "topics" / "the-cold-war-pictures" / "slide-4.png").is_file()
    assert [p.text for p in dates.points] == ["1949 – NATO formed"]
    assert [t.term for t in n.key_terms] == ["Détente", "Satellite state"]
    assert lost(SLIDE_TEXTS, tokens) == []


def test_cli_prints_the_shape_of_documents(tmp_path):
    """The command prints the shape it chose for a document, as it does for text."""
    src = slides_file(tmp_path / "cold.pptx", png(tmp_path / "wall.png"))
    r = subprocess.run([sys.executable, "-m", "studypack", "import", str(src), "--dry-run"],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "PowerPoint, a card per slide: 3 cards and 2 key terms, topic 'The Cold War'" in r.stdout


@pytest.mark.parametrize("name", ["broken.docx", "broken.pptx", "notes.docx", "empty.docx"])
def test_damaged_documents_are_plain_errors(tmp_path, name):
    """A .docx whose parts are damaged, one that is not a zip at all, or an empty document: a
    located error naming the file, never an internal one; nothing written."""
    path = tmp_path / name
    if name == "notes.docx":
        path.write_text("just text with a .docx name\n")
    elif name == "empty.docx":
        docx.Document().save(path)
    else:
        part = "word/document.xml" if name.endswith("docx") else "ppt/presentation.xml"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(part, "<not-xml")
    with pytest.raises(ImportProblem) as e:
        import_files([str(path)], str(tmp_path / "out"))
    assert str(e.value).startswith(str(path)) and "report" not in str(e.value)
    assert not (tmp_path / "out").exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    """A .docx whose parts would unpack to gigabytes is refused from the zip's own directory,
    before python-docx reads it."""
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "")
        for i in range(5):
            z.writestr(f"word/media/pad{i}.bin", b"\0" * (100 * 2**20))
    assert path.stat().st_size < 2 * 2**20
    with pytest.raises(ImportProblem, match="unpacks to more than 400 MB"):
        import_files([str(path)], str(tmp_path / "out"))


def test_slide_with_a_chart_says_so(tmp_path):
    """A chart's words cannot be read as text: the slide is still a card (not taken for a title
    slide), and its review note says the chart was left out."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    prs = pptx.Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Population"
    data = CategoryChartData()
    data.categories = ["1950", "2000"]
    data.add_series("People", (2.5, 6.1))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(5), Inches(3), data)
    src = tmp_path / "geo.pptx"
    prs.save(src)
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    assert [(c.title, c.review) for c in d.notes.cards] == [
        ("Population", "a slide with only a title; a chart on the slide left out: copy its words in")
    ]


def test_word_chart_is_named_in_the_review_note(tmp_path):
    """A chart drawn in a Word document (its words are in a part python-docx does not read) is
    named in its card's review note, not dropped in silence."""
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("Geography", style="Title")
    d.add_heading("Population", 1)
    d.add_paragraph("Growth since 1950.")
    run = d.add_paragraph().add_run()
    run._r.append(parse_xml('<a:graphicData xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                            'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'))  # fmt: skip
    src = tmp_path / "geo.docx"
    d.save(src)
    (imp,) = import_files([str(src)], str(tmp_path / "out"))
    assert [(c.title, c.review) for c in imp.notes.cards] == [
        ("Population", "a chart left out here: copy its words in")
    ]
