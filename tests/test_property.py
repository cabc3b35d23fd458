"""Arbitrary text in the scripts the font covers goes through loading and building (cards, summary
sheet, timeline worksheet and key) without a crash and without losing a word (hypothesis)."""

import json
import unicodedata

from helpers import missing_words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studypack.build import build
from studypack.errors import ContentError
from studypack.load.manifest import load_pack
from studypack.model import FontChoice
from studypack.text.fonts import resolve

RANGES = [(0x20, 0x7E), (0xA1, 0x17F), (0x370, 0x3FF), (0x400, 0x4FF), (0x1F00, 0x1FFF),
          (0x2010, 0x2027), (0x2190, 0x21FF)]  # fmt: skip


def _alphabet() -> list[str]:
    from reportlab.pdfbase import pdfmetrics

    fonts = resolve(FontChoice())
    cmap = pdfmetrics.getFont(fonts.face()).face.charToGlyph
    out = []
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            cat = unicodedata.category(c)
            # letters, digits, punctuation and symbols the font has; no combining or format marks,
            # and only characters that are already in normal form (text extraction normalises).
            if (
                cp in cmap
                and cat[0] in "LNPSZ"
                and cat not in ("Zl", "Zp")
                and unicodedata.normalize("NFKC", c) == c
            ):
                out.append(c)
    return out


ALPHABET = _alphabet()
MARKUP = st.sampled_from(["*", "**", "~", "^", "\\", "<", ">", "&", " ", " * "])
PIECE = st.one_of(
    st.text(st.sampled_from(ALPHABET), min_size=0, max_size=12),
    MARKUP,
    st.text(st.sampled_from(ALPHABET[:95]), min_size=40, max_size=90).map(lambda s: s.replace(" ", "")),
)
TEXT = st.lists(PIECE, max_size=12).map("".join)


def yaml_text(s: str) -> str:
    return json.dumps(s)  # a JSON string is a valid YAML double-quoted scalar


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=TEXT,
    points=st.lists(TEXT, max_size=4),
    text=TEXT,
    sides=st.sampled_from(["single", "duplex-long-edge", "fold"]),
)
def test_arbitrary_text_is_never_lost(tmp_path, title, points, text, sides):
    """No crash; either a located content error, or a PDF holding every word of the input."""
    points = [p for p in points if p.strip()]  # an empty point or text is a reported error
    topic = f"topic: Fuzz\ncards:\n  - title: {yaml_text(title)}\n"
    topic += f"    points: [{', '.join(yaml_text(p) for p in points)}]\n"
    topic += f"    text: {yaml_text(text)}\n" if text.strip() else ""
    if text.strip():  # the same text as a timeline event and a key term, for the sheets
        topic += f"timeline:\n  - date: 1956-02\n    event: {yaml_text(text)}\n"
        topic += f"key_terms:\n  - term: {yaml_text(text)}\n    definition: {yaml_text(text)}\n"
    (tmp_path / "t.yaml").write_text(topic, encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(
        f"title: P\ntopics: [t.yaml]\nsections:\n  - layout: cards\n    sides: {sides}\n"
        "  - layout: summary\n  - layout: timeline\n    word_bank: yes\n"
    )
    try:
        pack, _ = load_pack(str(tmp_path / "pack.yaml"))
    except ContentError as e:
        assert all(p.line > 0 for p in e.errors)
        assert not title.strip()  # the only way this input can be wrong: an empty title
        return
    out = tmp_path / "out.pdf"
    build(pack, str(out), base=str(tmp_path))
    assert missing_words(out, [title, *points, text]) == []
