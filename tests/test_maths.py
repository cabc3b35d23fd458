"""Formulas: `$...$` and `$$...$$` set from LaTeX as outlines on the text's baseline, prices left
alone, the source in the text layer, bad formulas reported and printed as typed, layouts remembered
as checked plain data, exports in each tool's own notation."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CONTENT, build_pdf, make_pack, missing_words, pdf_pages_text, text_positions
from pagedump import dump

from studypack.export.flashcards import to_html
from studypack.load.manifest import load_pack
from studypack.text import maths
from studypack.text.fit import Para, has_formula, words_of, wrap
from studypack.text.fonts import Fonts, vera
from studypack.text.markup import Run, parse, plain

GOLDEN = Path(__file__).parent / "golden"

PHYSICS = r"""
topic: Energy and motion
subject: Physics
key_terms:
  - term: Kinetic energy
    definition: '$E_k = \frac{1}{2} m v^2$, in joules when $m$ is in kg.'
cards:
  - title: Kinetic energy $E_k$
    points:
      - 'Speed $v$ and mass $m$ give $E_k = \frac{1}{2} m v^2$ always.'
      - 'Tickets cost $20,000 and $30,000, or \$5 for pupils.'
      - 'Water is $\mathrm{H_2O}$, or H~2~O; $\ce{CO2 + H2O -> H2CO3}$.'
  - title: Motion
    text: |
      Speed is distance over time:

      $$v = \frac{d}{t}$$

      Greek too: $\alpha + \beta = \gamma$ and $\sqrt{x^2 + y^2}$ and
      $\begin{pmatrix} a & b \\ c & d \end{pmatrix}$.
"""


@pytest.mark.parametrize(
    "text, formulas",
    [
        ("$20,000 and $30,000", []),
        ("costs $5 or $10", []),
        ("a $ b $ c", []),
        (r"\$5 and \$x\$", []),
        ("$x$ and $y^2$", ["$x$", "$y^2$"]),
        ("the $x$5", []),
        ("then $$a + b$$ end", ["$$a + b$$"]),
        ("$5 and $$a$$", ["$$a$$"]),
        (r"$a \$ b$", [r"$a \$ b$"]),
        ("Prices $5 and $6; $\\ce{H2SO4}$ too", ["$\\ce{H2SO4}$"]),
        ("from $5 to $x$ here", ["$x$"]),
    ],
)
def test_pandocs_dollar_rule(text, formulas):
    """A formula opens with `$` before a non-space and closes with `$` after a non-space and before
    no digit; `\\$` is a dollar; prices stay text."""
    assert [text[a:b] for a, b, _ in maths.spans(text)] == formulas


def test_markup_keeps_a_formula_whole_and_reads_no_markup_inside():
    """A formula is one run, its source as typed; `*`, `^`, `~` inside it are LaTeX, not markup."""
    assert parse("a $x^2 * y_1$ *b*") == (
        Run("a "),
        Run("$x^2 * y_1$", math=1),
        Run(" "),
        Run("b", italic=True),
    )
    assert plain(r"costs \$5") == "costs $5"
    assert parse("$20,000 and $30,000") == (Run("$20,000 and $30,000"),)


def test_pack_without_formulas_imports_nothing_new(tmp_path):
    """Building the example pack, or a pack with prices, imports neither ziamath nor the maths module."""
    pack = make_pack(
        tmp_path,
        {"t.yaml": "topic: Money\ncards:\n  - title: Prices\n    text: It costs $20,000 and $30,000.\n"},
    )
    code = (
        "import sys\nfrom studypack.cli import main\n"
        "for p in sys.argv[1:]:\n"
        "    try:\n        main(['build', p, '-q', '-o', p.replace('/', '_') + '.pdf'])\n"
        "    except SystemExit as e:\n        assert not e.code\n"
        "    print(sorted(m for m in sys.modules if 'ziamath' in m or m == 'studypack.text.maths'))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(CONTENT / "pack.yaml"), str(pack)],
                         capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    # the example: nothing; prices: only the small module that finds formulas (to find none)
    assert out.stdout.split("\n")[-3:] == ["[]", "['studypack.text.maths']", ""], out.stdout
    assert "It costs $20,000 and $30,000." in " ".join(
        " ".join(pdf_pages_text(tmp_path / (str(pack).replace("/", "_") + ".pdf"))).split()
    )


@pytest.fixture(scope="module")
def physics(tmp_path_factory):
    d = tmp_path_factory.mktemp("physics")
    manifest = make_pack(d, {"physics.yaml": PHYSICS}, "- layout: cards\n  size: A6\n- layout: summary\n")
    return manifest, build_pdf(manifest)


def test_every_word_and_formula_source_is_in_the_text_layer(physics):
    """The no-word-lost check holds: each formula's source is in the text layer, prices too."""
    manifest, pdf = physics
    texts = [t for topic in load_pack(str(manifest))[0].topics for _, _, t in topic.texts()]
    assert missing_words(pdf, texts) == []
    text = " ".join(" ".join(pdf_pages_text(pdf)).split())
    assert r"$E_k = \frac{1}{2} m v^2$" in text
    assert "$20,000 and $30,000, or $5 for pupils" in text


def test_the_source_is_invisible_text_and_the_formula_outlines(physics):
    """The source is set in text render mode 3 (invisible); the formula itself is filled paths."""
    from pypdf import PdfReader

    data = PdfReader(str(physics[1])).pages[2].get_contents().get_data().decode("latin-1")
    assert " 3 Tr" in data
    assert re.search(r"q [\d.]+ 0 0 [\d.]+ [\d.]+ [\d.]+ cm [-\d. ]+ m ", data)


def test_a_formula_sits_on_the_baseline_at_the_size_of_its_text(physics):
    """Each inline formula's outlines are scaled by the text's size and placed on its line's
    baseline, right after the words before it."""
    from pypdf import PdfReader

    pdf = physics[1]
    for page in range(len(PdfReader(str(pdf)).pages)):
        runs = text_positions(pdf)[page]
        speed = [r for r in runs if r.text.strip() == "Speed"]
        if speed:
            break
    data = PdfReader(str(pdf)).pages[page].get_contents().get_data().decode("latin-1")
    placed = [
        tuple(map(float, m.groups())) for m in re.finditer(r"q ([\d.]+) 0 0 \1 ([\d.]+) ([\d.]+) cm", data)
    ]
    s = speed[0]
    on_line = [(k, x, y) for k, x, y in placed if abs(y - s.y) < 0.01]
    assert len(on_line) >= 2, (s, placed[:5])
    for k, _x, _y in on_line:
        assert k == pytest.approx(s.size / maths.UNITS, abs=1e-3)  # the size of the text around it
    # `$v$` right after "Speed "
    first_x = min(x for _, x, _ in on_line)
    assert s.x < first_x < s.x + 5 * s.size


def test_a_displayed_formula_is_centred_on_its_own_line(physics):
    """`$$...$$` takes a line of its own, centred in the text's width."""
    fonts = Fonts("Vera", vera())
    words = words_of("Speed: $$v = \\frac{d}{t}$$ so there", fonts)
    para = Para(words)
    lines = wrap((para,), 200, 10, 0.3)
    assert [len(ln.all_segs()) for ln in lines] == [1, 1, 2]
    assert lines[1].height > lines[0].height  # a fraction needs more than a text line
    # drawn: the formula's outline starts at the centre less half its width
    from reportlab.pdfgen.canvas import Canvas

    from studypack.text.draw import draw

    c = Canvas("/dev/null")
    draw(c, (para,), lines, 50, 500, 200, 10, 0.3)
    f = maths.layout("v = \\frac{d}{t}", True)
    m = re.search(r"q [\d.]+ 0 0 [\d.]+ ([\d.]+) ([\d.]+) cm", "\n".join(c._code))
    assert float(m.group(1)) == pytest.approx(50 + (200 - f.width * 10) / 2, abs=0.01)


def test_a_formula_is_never_broken():
    """A formula wider than the line is one unit on a line of its own, never hyphenated."""
    fonts = Fonts("Vera", vera())
    words = words_of(r"so $a + b + c + d + e + f + g + h + i + j + k$ end", fonts)
    assert sum(map(has_formula, words)) == 1
    lines = wrap((Para(words),), 40, 10, 0.3)
    segs = [s for ln in lines for s in ln.all_segs()]
    formula = [s for s in segs if has_formula(words[s.w])]
    assert len(formula) == 1 and formula[0].start == 0 and formula[0].end == -1 and not formula[0].hyphen


def test_a_bad_formula_is_a_located_warning_and_prints_as_typed(tmp_path):
    """A formula that does not parse is a warning at its line and column, printed as its source;
    with `strict: yes` it is an error, exit 2, nothing written."""
    topic = "topic: T\ncards:\n  - title: One\n    text: 'Here $\\frac{1}{$ and $x^$ go.'\n"
    pack = make_pack(tmp_path, {"t.yaml": topic}, "- layout: cards\n")
    _, problems = load_pack(str(pack))
    msgs = [str(p) for p in problems]
    assert any(m.startswith("t.yaml:4:17: warning: the formula $\\frac{1}{$ cannot be set") for m in msgs), (
        msgs
    )
    assert any(m.startswith("t.yaml:4:33: warning: the formula $x^$ cannot be set") for m in msgs), msgs
    pdf = build_pdf(pack)
    assert "Here $\\frac{1}{$ and $x^$ go." in " ".join(" ".join(pdf_pages_text(pdf)).split())
    strict = make_pack(tmp_path / "s", {"t.yaml": topic}, "- layout: cards\n", strict="yes")
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(strict), "-o", str(tmp_path / "s.pdf")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2 and "t.yaml:4:17: the formula" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "s.pdf").exists()


def test_unknown_command_is_reported():
    """A command ziamath does not know would print as its name: it is an error, named."""
    assert "\\foo" in maths.layout("\\foo{x}", False).error


def test_layouts_are_remembered_as_checked_json(tmp_path, monkeypatch):
    """A layout is written once as JSON under the cache folder, read back the same; a file that is
    not exactly such a layout (say, with other PDF operators in it) is laid out anew."""
    monkeypatch.setenv("STUDYPACK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(maths, "_laid", {})
    f = maths.layout("x^2 + 1", False)
    files = list((tmp_path / "maths").rglob("*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text())
    assert data["width"] == f.width and data["path"] == f.path and f.width > 0
    monkeypatch.setattr(maths, "_laid", {})
    assert maths.layout("x^2 + 1", False) == f
    files[0].write_text(json.dumps({**data, "path": data["path"] + "BT /F1 1 Tf (x) Tj ET "}))
    monkeypatch.setattr(maths, "_laid", {})
    assert maths.layout("x^2 + 1", False) == f
    assert json.loads(files[0].read_text())["path"] == f.path  # re-written whole
    files[0].write_text("{not json")
    monkeypatch.setattr(maths, "_laid", {})
    assert maths.layout("x^2 + 1", False) == f
    assert not list((tmp_path / "maths").rglob("*.tmp"))


def test_a_formula_scales_with_its_size():
    """One layout serves every size: widths at 1 pt, multiplied by the text's size."""
    fonts = Fonts("Vera", vera())
    (w,) = words_of("$x^2$", fonts)
    assert w.w1 == maths.layout("x^2", False).width > 0


def test_exports_anki_mathjax_tsv_source():
    """Anki fields carry MathJax delimiters (HTML-escaped); the TSV's plain text keeps `$...$`."""
    assert to_html(r"so $a<b$ and $$\frac{1}{2}$$") == r"so \(a&lt;b\) and \[\frac{1}{2}\]"
    assert to_html(r"costs $5 and \$6") == "costs $5 and $6"
    assert to_html(r"bad $x^$") == r"bad $x^$"
    assert plain(r"so $a<b$ now") == "so $a<b$ now"


@pytest.mark.parametrize(
    "ce, latex",
    [
        (r"\ce{H2O}", r"\mathrm{H_{2}O}"),
        (r"\ce{CO2 + H2O -> H2CO3}", r"\mathrm{CO_{2}} + \mathrm{H_{2}O} \rightarrow \mathrm{H_{2}CO_{3}}"),
        (r"\ce{2H2 + O2 -> 2H2O}", r"2\mathrm{H_{2}} + \mathrm{O_{2}} \rightarrow 2\mathrm{H_{2}O}"),
        (r"\ce{SO4^2-}", r"\mathrm{SO_{4}}^{2-}"),
        (r"\ce{Na+ + Cl- <=> NaCl}", r"\mathrm{Na}^{+} + \mathrm{Cl}^{-} \rightleftharpoons \mathrm{NaCl}"),
    ],
)
def test_chemistry_common_forms(ce, latex):
    """mhchem's common `\\ce{}` forms become subscripts, charges and arrows."""
    assert maths.chemistry(ce) == latex
    assert not maths.layout(ce, False).error


def test_formulas_draw_the_same_from_any_number_of_processes(tmp_path, monkeypatch):
    """A deck big enough to be drawn by helper processes gives the same bytes with --jobs 2."""
    from studypack.build import build
    from studypack.pdf import parallel

    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    monkeypatch.setattr(parallel, "RANGE", 3)
    cards = "".join(
        f"  - title: Card {i}\n    text: 'Rule ${i} = \\frac{{a_{i}}}{{2}}$ and $$x^{i}$$ end.'\n"
        for i in range(40)
    )
    manifest = make_pack(tmp_path, {"t.yaml": "topic: T\ncards:\n" + cards}, "- layout: cards\n")
    out = []
    for jobs in (1, 2):
        pack, _ = load_pack(str(manifest))
        build(pack, str(tmp_path / f"j{jobs}.pdf"), None, str(tmp_path), jobs=jobs)
        out.append((tmp_path / f"j{jobs}.pdf").read_bytes())
    assert out[0] == out[1]


def test_golden_card_page(physics, request):
    """The backs of the physics cards draw what was reviewed (formulas' outlines included)."""
    got = dump(physics[1], 3)
    path = GOLDEN / "maths-cards.txt"
    if request.config.getoption("--update-golden"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), "re-make with --update-golden once reviewed"


def test_a_formula_wider_than_the_box_is_set_smaller_inside_it():
    """A formula never breaks, so one wider than the line is drawn smaller, starting inside the box
    and ending at its right edge at most; a displayed one too."""
    from reportlab.pdfgen.canvas import Canvas

    from studypack.text.draw import draw

    fonts = Fonts("Vera", vera())
    terms = " + ".join(f"a_{{{i}}}" for i in range(30))
    for text in (f"so ${terms}$ end", f"$${terms}$$"):
        para = Para(words_of(text, fonts))
        lines = wrap((para,), 150, 10, 0.3)
        c = Canvas("/dev/null")
        draw(c, (para,), lines, 20, 500, 150, 10, 0.3)
        (m,) = re.finditer(r"q ([\d.]+) 0 0 [\d.]+ ([\d.]+) ([\d.]+) cm", "\n".join(c._code))
        k, x = float(m.group(1)), float(m.group(2))
        width = maths.layout(terms, text.startswith("$$")).width * k * maths.UNITS
        assert x >= 20 and x + width <= 170 + 0.01 and k < 10 / maths.UNITS


def test_a_very_long_formula_is_an_error_not_a_long_wait():
    """LaTeX over the length limit is reported (most likely a lost `$`), not laid out for seconds."""
    assert "longer than" in maths.layout("x + " * 400, False).error


def test_imported_notes_keep_their_formulas(tmp_path):
    """Notes from Obsidian or an Anki export keep `$...$` as typed (no markup escapes inside a
    formula), `\\$` stays a dollar, and the formulas are set."""
    from studypack.importer.run import import_files
    from studypack.load.topic import load_topic

    src = tmp_path / "notes.md"
    src.write_text(
        "# Energy\n\n## Kinetic\n\n- It is $E_k = \\frac{1}{2} m v^2$ *now*.\n- Costs \\$5 and $10.\n\n"
        "$$v = \\frac{d}{t}$$\n",
        encoding="utf-8",
    )
    (d,) = import_files([str(src)], str(tmp_path / "out"))
    out = tmp_path / "out.yaml"
    out.write_text(d.yaml, encoding="utf-8")
    topic, problems = load_topic(str(out))
    assert not [p for p in problems if "formula" in p.message]
    card = topic.cards[0]
    assert card.points[0].text == "It is $E_k = \\frac{1}{2} m v^2$ *now*."
    assert plain(card.points[1].text) == "Costs $5 and $10."
    assert card.text == "$$v = \\frac{d}{t}$$"


def test_symbols_in_a_formula_need_no_glyph_in_the_text_font(tmp_path):
    """A symbol set by the formula's own font (𝓐) is not reported as missing from the text's font;
    the same symbol in the text is."""
    from studypack.text.fonts import coverage_problems, pack_texts, resolve

    pack = make_pack(tmp_path, {"t.yaml": "topic: T\ncards:\n  - title: A\n    text: 'So $𝓐 + E$ here.'\n"})
    loaded, _ = load_pack(str(pack))
    fonts = resolve(loaded.font)
    assert fonts.missing("𝓐")
    assert coverage_problems(fonts, pack_texts(loaded)) == []
    assert coverage_problems(fonts, [(loaded.src, "a text", "So 𝓐 here.")])


def test_a_formula_as_a_cloze_answer_is_set_in_the_key(tmp_path):
    """A gap holding a formula (`[[$v = f\\lambda$]]`) is one gap, and the key sets the formula."""
    from pypdf import PdfReader

    topic = "topic: W\ncards:\n  - title: Waves\n    text: 'The wave equation is [[$v = f\\lambda$]] here.'\n"
    pack = make_pack(tmp_path, {"t.yaml": topic}, "- layout: cloze\n")
    pdf = build_pdf(pack)
    reader = PdfReader(str(pdf))
    keys = [
        i for i, p in enumerate(reader.pages) if (p.extract_text() or "").lstrip().startswith("Answer key")
    ]
    data = reader.pages[keys[0]].get_contents().get_data().decode("latin-1")
    assert "$v = f\\lambda$" in " ".join((reader.pages[keys[0]].extract_text() or "").split())
    # set twice on the key: in the word bank and in its gap
    assert len(re.findall(r"q [\d.]+ 0 0 [\d.]+ [\d.]+ [\d.]+ cm [-\d. ]+ m ", data)) == 2


def test_without_ziamath_a_formula_is_a_warning_not_a_crash(tmp_path, monkeypatch):
    """Were ziamath missing, a formula is reported with how to install it, prints as typed, and
    nothing is remembered (once installed, it is set)."""
    monkeypatch.setenv("STUDYPACK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(maths, "_laid", {})
    monkeypatch.setitem(sys.modules, "ziamath", None)
    assert maths.layout("y^3", False).error == maths.NO_ZIAMATH
    assert not (tmp_path / "maths").exists()
