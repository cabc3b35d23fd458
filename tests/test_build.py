"""Round trip of the built PDF: pages, outline, labels, metadata, every word, reproducible bytes, safe writes."""

import os
import shutil
from pathlib import Path

import pytest
from helpers import CONTENT, all_texts, build_pdf, make_pack, missing_words, pdf_pages_text
from pypdf import PdfReader

import studypack.pdf.cover as cover
import studypack.pdf.writer as writer
from studypack.build import build, default_output, slug
from studypack.load.manifest import load_pack, with_overrides

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return build_pdf(CONTENT / "pack.yaml", tmp_path_factory.mktemp("ex") / "pack.pdf")


def test_example_pack_has_every_word(example):
    """Every word of the example content (cards, key terms) is in the PDF's extracted text."""
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    layouts = {s.layout for s in pack.sections}
    texts = []
    for topic in pack.topics:
        for card in topic.cards:
            texts += [card.front, *card.back_texts()]
        texts += [t for k in topic.key_terms for t in (k.term, k.definition)]
        if layouts & {"summary", "timeline"}:
            texts += [t for e in topic.timeline for t in (e.text, e.date.text)]
    assert missing_words(example, texts) == []


def test_outline_labels_metadata(example):
    """Bookmarks per section and per topic, the cover labelled, metadata set for the office."""
    r = PdfReader(str(example))
    outline = r.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[0].startswith("Cover")
    assert "Revision cards" in titles
    nested = [o for o in outline if isinstance(o, list)][0]
    assert [o.title for o in nested] == [
        "Khrushchev: how he emerged as leader",
        "Khrushchev: the 20th Party Congress and reforms",
    ]
    assert r.page_labels[:3] == ["Cover 1", "Cover 2", "3"]  # eleven parts: the cover goes on over two pages
    meta = r.metadata
    assert meta.title == "Khrushchev revision pack"
    assert "Spring 2027" in meta.subject and "12H" in meta.subject
    assert meta.author == "Ms Example"
    assert meta.creator.startswith("studypack ")


def test_double_sided_parts_start_on_fronts_and_no_paper_is_wasted(example):
    """Each double-sided section's bookmark is on an odd (front) page; single-sided ones follow on
    with no blank page; the only blank is the one behind the cover, outside every range to copy;
    the cover gives each page range and counts the paper."""
    from studypack.pdf.assemble import BLANK_NOTE

    r = PdfReader(str(example))
    texts = pdf_pages_text(example)
    cover = "\n".join(texts[:2])  # the cover of twelve parts goes on over two pages
    for o in r.outline:
        if isinstance(o, list) or o.title.startswith("Cover"):
            continue
        page = r.get_destination_page_number(o) + 1
        if o.title == "Revision cards":
            assert page % 2 == 1, (o.title, page)
        assert f"pages {page}-" in cover or f"page {page}" in cover
    # the cover of twelve parts fills pages 1-2, so the double-sided cards start on page 3 with no blank
    assert [i + 1 for i, t in enumerate(texts) if BLANK_NOTE in t] == []
    assert len(texts) == 58
    assert "flip on long edge" in cover and "100% / actual size" in cover
    # the office copies worksheets for students, never the answer key in the same section
    assert (
        "Copy for students: pages 15-16.\nAnswer keys: pages 17-18, for the teacher (do not copy)." in cover
    )
    flat = " ".join(cover.split())
    assert "Revision cards pages 3-12" in flat and "Paper: 5 sheets a copy." in flat
    assert "Paper: 2 sheets a pupil; answer keys 2 sheets." in flat  # the timeline: 2 + 2 pages
    # the parts print in different ways: no "whole pack in one go" advice, but which pages how
    assert "in one go" not in cover
    assert (
        "Its parts print in different ways, so send them separately: single-sided: pages 1-2, 13-58; "
        "double-sided, flip on long edge: pages 3-12." in flat
    )
    assert flat.endswith(
        "Paper in all: 53 sheets for one print of this PDF, the cover included; each pupil's copies of "
        "the worksheets take 27 sheets more (810 for a class of 30)."
    )


def test_cover_tells_the_truth_for_every_mix(tmp_path):
    """Whole-pack advice only when every part agrees; short-edge or fold cards are not long-edge;
    with versions and keys at the end, each version's pages to copy and the keys for the teacher."""
    topic = (CONTENT / "khrushchev-leader.yaml").read_text(encoding="utf-8")

    def cover(sections: str) -> str:
        d = tmp_path / str(abs(hash(sections)))
        pdf = build_pdf(make_pack(d, {"t.yaml": topic}, sections))
        return " ".join(pdf_pages_text(pdf)[0].split())

    assert cover("- layout: cards\n").endswith(
        "The whole pack can be printed double-sided (flip on long edge) in one go. "
        "Paper in all: 3 sheets for one print of this PDF, the cover included."
    )
    assert "The whole pack can be printed double-sided, flip on short edge in one go." in cover(
        "- layout: cards\n  sides: duplex-short-edge\n"
    )
    mixed = cover("- layout: cards\n  sides: fold\n- layout: cards\n  name: more\n")
    assert "single-sided on A4, 100% / actual size; cut along the dashed lines" in mixed
    # fold cards follow the cover directly; the double-sided part starts on a front, and the
    # blank page before it is in no range
    assert "send them separately: single-sided: pages 1-5; double-sided, flip on long edge: pages 7-" in mixed
    keys_at_end = cover("- layout: timeline\n  versions: 2\n  answer_key: end\n  hide: 3\n")
    assert "Copy for students, one version each: version A: page 2; version B: page 3." in keys_at_end
    assert "Timeline answer keys pages 4-5" in keys_at_end and "Paper: 1 sheet a pupil." in keys_at_end
    assert "For the teacher only: do not copy for students." in keys_at_end
    assert "only." not in keys_at_end.replace("teacher only", "")


def test_reproducible_bytes(tmp_path):
    """Two builds of the same input are byte-identical."""
    a = build_pdf(CONTENT / "pack.yaml", tmp_path / "a.pdf")
    b = build_pdf(CONTENT / "pack.yaml", tmp_path / "b.pdf")
    assert a.read_bytes() == b.read_bytes()


def test_changing_the_term_changes_only_the_term(tmp_path):
    """With only the term changed, every page's text is the same once the term is swapped back."""
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build(pack, str(a), base=str(CONTENT))
    build(with_overrides(pack, "Autumn 2031", None, None), str(b), base=str(CONTENT))
    ta, tb = pdf_pages_text(a), pdf_pages_text(b)
    assert len(ta) == len(tb)
    assert ta != tb
    assert [t.replace("Autumn 2031", "Spring 2027") for t in tb] == ta
    assert PdfReader(str(b)).metadata.subject.count("Autumn 2031") == 1


def test_failed_build_leaves_the_previous_pdf(tmp_path, monkeypatch):
    """A build that fails while drawing leaves the old PDF byte for byte, and no temporary file."""
    out = build_pdf(CONTENT / "pack.yaml", tmp_path / "pack.pdf")
    before = out.read_bytes()

    def broken(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "furniture", broken)
    monkeypatch.setattr(cover, "draw_cover", broken)
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    with pytest.raises(RuntimeError):
        build(pack, str(out), base=str(CONTENT))
    assert out.read_bytes() == before
    assert os.listdir(tmp_path) == ["pack.pdf"]


def test_only_builds_named_sections_into_their_own_file(tmp_path):
    """--only writes output/<slug>-<names>.pdf with no cover, never the whole pack's file."""
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    assert default_output(pack, ["cards"]) == os.path.join("output", "khrushchev-revision-pack-cards.pdf")
    assert default_output(pack, []) == os.path.join("output", "khrushchev-revision-pack.pdf")
    out = tmp_path / "only.pdf"
    build(pack, str(out), ["cards"], str(CONTENT))
    assert "What is in this pack" not in pdf_pages_text(out)[0]
    assert slug("Révision: Хрущёв & co!") == "revision-khrushchev-co"


def test_letter_paper_reflows(tmp_path):
    """--paper Letter gives Letter pages, with the card grid recomputed (6 A7 cards a sheet)."""
    pack, _ = load_pack(str(CONTENT / "pack.yaml"))
    out = tmp_path / "letter.pdf"
    build(with_overrides(pack, None, None, "letter"), str(out), base=str(CONTENT))
    r = PdfReader(str(out))
    sizes = {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in r.pages}
    assert sizes <= {(612.0, 792.0), (792.0, 612.0)}  # Letter, portrait or (worksheets) landscape
    assert all(round(float(p.mediabox.width)) == 612 for p in r.pages[:12])


def test_header_and_footer_on_sheets_with_margins(tmp_path):
    """The cover has no furniture and card sheets have none; a single-sided pack has no blank page."""
    p = make_pack(
        tmp_path,
        {"t.yaml": "topic: T\ncards:\n  - title: A\n    points: [x]\n"},
        "- layout: cards\n  sides: single\n",
    )
    out = build_pdf(p)
    texts = pdf_pages_text(out)
    assert len(texts) == 2  # cover, one card sheet: single-sided, so no blank page between
    assert "page 2 of 2" not in texts[1]


def test_all_text_of_a_pack_with_markup_survives(tmp_path):
    """Markup characters that are not markup, and escaped ones, reach the PDF as typed."""
    p = make_pack(
        tmp_path,
        {
            "t.yaml": r"""
            topic: Markup
            cards:
              - title: Sums 5 * 3 and \*stars\*
                points:
                  - "<b>not html</b> & AT&T; 2 ** 3; ~50; x^2^; H~2~O; **bold**"
            """
        },
        "- layout: cards\n  sides: single\n",
    )
    out = build_pdf(p)
    text = "\n".join(pdf_pages_text(out))
    assert "5 * 3" in text and "*stars*" in text and "<b>not html</b> & AT&T;" in text
    assert missing_words(out, all_texts(p)) == []


def test_shared_folder_of_topics(tmp_path):
    """`topics:` may name a folder: its .yaml files are the pack's topics, in name order."""
    shared = tmp_path / "shared"
    shutil.copy(CONTENT / "khrushchev-leader.yaml", shared.mkdir() or shared / "b.yaml")
    shutil.copytree(CONTENT / "pictures", shared / "pictures")  # its picture, beside it
    (shared / "a.yaml").write_text("topic: A first\ncards:\n  - title: X\n    points: [y]\n")
    (tmp_path / "pack.yaml").write_text("title: P\ntopics: [shared]\n")
    pack, _ = load_pack(str(tmp_path / "pack.yaml"))
    assert [t.topic for t in pack.topics] == ["A first", "Khrushchev: how he emerged as leader"]
    assert [t.src.path for t in pack.topics] == [
        os.path.join("shared", "a.yaml"),
        os.path.join("shared", "b.yaml"),
    ]


def test_fast_and_plain_reportlab_paths_draw_the_same(tmp_path):
    """The fast path through ReportLab's internals (studypack/reportlab_fast.py) and the plain public
    API put the same text at the same positions, in the same sizes, on every page of the example pack."""
    import subprocess
    import sys

    from helpers import text_positions

    pdfs = {}
    for mode in ("", "1"):
        out = tmp_path / f"p{mode or 'fast'}.pdf"
        env = {**os.environ, "STUDYPACK_PLAIN_PDF": mode}
        r = subprocess.run([sys.executable, "-m", "studypack", "build", str(CONTENT / "pack.yaml"), "-o", str(out), "-q"],
                           env=env, capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 0, r.stderr
        pdfs[mode] = out
    assert pdfs[""].read_bytes() != pdfs["1"].read_bytes()  # the two paths really differ
    fast, plain = text_positions(pdfs[""]), text_positions(pdfs["1"])
    assert len(fast) == len(plain) == 58
    for page_fast, page_plain in zip(fast, plain, strict=True):
        key = lambda r: (round(r.x, 2), round(r.y, 2), r.text.strip(), round(r.size, 2))  # noqa: E731
        assert sorted(map(key, page_fast)) == sorted(map(key, page_plain))
