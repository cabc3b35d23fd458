"""Column flow rules on plain numbers: headings keep with the next line, boxes move on whole."""

from studypack.layouts.summary.columns import Block, balanced, flow


def test_heading_moves_on_rather_than_end_a_column():
    """A block whose heading would be the column's last line starts the next column instead."""
    blocks = [Block((10.0,) * 9), Block((10.0,) * 5, keep=1)]
    cols = flow(blocks, 100.0)
    assert [(p.block, p.start, p.end) for p in cols[0]] == [(0, 0, 9)]
    assert (cols[1][0].block, cols[1][0].start) == (1, 0)


def test_box_moves_on_whole_unless_taller_than_a_column():
    """A box that fits a column is not split; one taller than a column is split across columns."""
    cols = flow([Block((10.0,) * 6), Block((10.0,) * 6, whole=True)], 100.0)
    assert [(p.block, p.start, p.end) for p in cols[1]] == [(1, 0, 6)]
    cols = flow([Block((10.0,) * 25, whole=True)], 100.0)
    assert [len(c) for c in cols] == [1, 1, 1]
    assert sum(p.end - p.start for c in cols for p in c) == 25


def test_balanced_columns_end_level():
    """Balancing finds the least height: 20 equal lines in 2 columns end at 10 lines each."""
    cols = balanced([Block((10.0,) * 20)], 400.0, 2)
    assert [p.end - p.start for c in cols for p in c] == [10, 10]
    assert balanced([Block((10.0,) * 100)], 400.0, 2) is None
