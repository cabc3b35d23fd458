"""The word bank is a list: lettered items in columns, each on its own line, inside a box, shuffled by
the seed; dates and events in banks of their own when both are hidden."""

from helpers import build_pdf, make_pack, text_positions
from studypack.layouts.worksheet.furniture import STANDARD, bank_grid, letter

from studypack.model import FontChoice
from studypack.text.fonts import resolve

TOPIC = "topic: T\ntimeline:\n" + "".join(
    f"  - date: {1950 + 2 * i}\n    event: Event {chr(65 + i)} happened then\n" for i in range(8)
)


def test_letters_run_on_and_wrap():
    assert [letter(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_items_are_lettered_in_columns_each_on_its_own_line():
    """Eight short items: two to four columns, filled down; every item once, lettered A to H."""
    fonts = resolve(FontChoice())
    items = tuple(f"item number {i}" for i in range(8))
    ((title, cols, rows),) = bank_grid(
        (("Word bank", items),),
        500,
        fonts,
        STANDARD,
    )
    assert title == "Word bank" and 2 <= cols <= 4
    cells = [cell for row in rows for cell in row.cells]
    assert len(cells) == 8
    assert sorted(p[0].label[0] for p, _ in cells) == list("ABCDEFGH")
    first_column = [row.cells[0][0][0].label[0] for row in rows]
    assert first_column == list("ABCDEFGH"[: len(rows)])  # filled down the columns


def test_dates_and_events_get_banks_of_their_own(tmp_path):
    """blanks: both with a word bank: a 'Dates' bank and an 'Events' bank on the sheet, each item a
    run of its own starting after its letter."""
    pack = make_pack(
        tmp_path, {"t.yaml": TOPIC}, "- layout: timeline\n  blanks: both\n  hide: 4\n  word_bank: yes\n"
    )
    runs = text_positions(build_pdf(pack, only=["timeline"]))[0]
    texts = [r.text.strip() for r in runs]
    assert "Dates:" in texts and "Events:" in texts
    letters = [t for t in texts if len(t) == 1 and t.isupper()]
    assert letters[:8] == list("ABCDEFGH")


def test_no_word_breaks_in_a_large_print_bank():
    """At large-print size, a bank of long words takes fewer columns rather than break a word
    across lines ("Marxism-Lenini-sm"): every column is wider than the longest word."""
    from studypack.layouts.worksheet.furniture import PAD, Sizes, bank_grid

    from studypack.model import FontChoice
    from studypack.text.fit import width1
    from studypack.text.fonts import resolve

    fonts = resolve(FontChoice())
    items = ("Marxism-Leninism", "Praesidium", "rehabilitated", "cult of personality", "Secretary",
             "economic councils", "Hungary and Poland", "Decentralisation", "105", "dictator", "terror",
             "Gosplan", "commission", "16 year", "55 to 25", "jobs for life")  # fmt: skip
    longest = max(width1(w, fonts.face()) for t in items for w in t.split())
    width = 196 * 2.8346  # Letter inside its margins
    for size in (9.0, 12.0, 13.0, 14.0, 16.0):
        for _title, cols, rows in bank_grid((("Word bank", items),), width, fonts, Sizes(size)):
            assert (width - 2 * PAD) / cols > longest * size, (size, cols)
            assert all(not ln.segs for row in rows for _p, lines in row.cells for ln in lines)
