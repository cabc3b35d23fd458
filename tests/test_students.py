"""Class lists for `build --students` as schools export them: plain lines, `Surname, First name`
lines, CSV/TSV/semicolon files under their usual headings, UTF-8/UTF-16/BOMs/Windows line ends."""

import codecs
import subprocess
import sys

import pytest
from helpers import CONTENT, make_pack

from studypack.errors import ContentError, Problem
from studypack.load.students import load_students

EXAMPLE = {p.name: p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("khrushchev-*.yaml"))}
PUPILS = ("Ann Lee", "Chloé Zhao", "Dev Patel")


@pytest.mark.parametrize(
    "text",
    [
        "Ann Lee\nChloé Zhao\nDev Patel\n",
        "Name\nAnn Lee\nChloé Zhao\nDev Patel\n",  # a heading is never a pupil
        "PUPIL\n\n  Ann   Lee \nChloé Zhao\n\nDev Patel",
        "Lee, Ann\nZhao, Chloé\nPatel, Dev\n",  # surname first: printed first name first
        "Surname, Forename\nLee, Ann\nZhao, Chloé\nPatel, Dev\n",
        "name,group\nAnn Lee,10A\nChloé Zhao,10A\nDev Patel,10B\n",
        "Ann Lee,10A\nChloé Zhao,10A\nDev Patel,10B\n",  # no header: the first column
        'Full Name,Group\n"Lee, Ann",10A\n"Zhao, Chloé",10A\n"Patel, Dev",10B\n',
        "Name;Class\nAnn Lee;10A\nChloé Zhao;10A\nDev Patel;10B\n",
        "UPN;Forename;Surname;Reg\nA1;Ann;Lee;10A\nA2;Chloé;Zhao;10A\nA3;Dev;Patel;10B\n",
        "Last Name\tFirst Name\nLee\tAnn\nZhao\tChloé\nPatel\tDev\n",
        "student_name,given_name\nAnn Lee,x\nChloé Zhao,y\nDev Patel,z\n",
        "First name,Family name,Email\nAnn,Lee,a@s\n,,\nChloé,Zhao,c@s\nDev,Patel,d@s\n",
    ],
)
def test_class_lists_as_schools_write_them(tmp_path, text):
    """Every usual shape of class list gives the same three pupils, first name first, in order."""
    f = tmp_path / "class.txt"
    f.write_text(text, encoding="utf-8")
    assert load_students(str(f)) == PUPILS


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),  # Excel's "Unicode Text"
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),  # no BOM at all
        lambda t: t.encode("cp1252"),  # an old Windows export
    ],
)
def test_encodings_and_windows_line_ends(tmp_path, encode):
    """UTF-8 with a BOM, UTF-16 either way round with or without one, Windows' code page, CRLF:
    the names come out whole, and the BOM never sticks to the first heading or name."""
    f = tmp_path / "class.txt"
    f.write_bytes(encode("Name\tClass\r\nAnn Lee\t10A\r\nChloé Zhao\t10A\r\nDev Patel\t10B\r\n"))
    assert load_students(str(f)) == PUPILS
    f.write_bytes(encode("Ann Lee\r\nChloé Zhao\r\nDev Patel\r\n"))
    assert load_students(str(f)) == PUPILS


def test_right_to_left_names_are_reported_at_their_line(tmp_path):
    """A name in Hebrew or Arabic script would print reversed: a located warning, the name kept."""
    f = tmp_path / "class.txt"
    f.write_text("Ann Lee\nנועה כהן\nعلي حسن\n", encoding="utf-8")
    found: list[Problem] = []
    names = load_students(str(f), found)
    assert names == ("Ann Lee", "נועה כהן", "علي حسن")
    assert [(p.line, p.warning) for p in found] == [(2, True), (3, True)]
    assert str(found[0]).startswith(f"{f}:2:1: warning: the name 'נועה כהן' is in right-to-left script")


def test_a_header_only_list_is_an_error(tmp_path):
    """A list with only its heading row names nobody: an error, not a copy for 'Name'."""
    f = tmp_path / "class.csv"
    f.write_text("Name,Class\n", encoding="utf-8")
    with pytest.raises(ContentError, match="no names found"):
        load_students(str(f))


def test_students_without_a_worksheet_is_a_usage_error(tmp_path):
    """`--students` on a pack (or an --only choice) with no worksheet: exit 2, named why, no PDF."""
    cls = tmp_path / "class.txt"
    cls.write_text("Ann Lee\n", encoding="utf-8")
    p = make_pack(tmp_path, EXAMPLE, "- layout: cards\n- layout: quiz\n")
    for only in (["--only", "cards"], ["--only", "quiz-key"]):
        out = tmp_path / "x.pdf"
        r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(out), *only,
                            "--students", str(cls)], capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 2, r.stderr
        assert "--students:" in r.stderr and "no worksheet" in r.stderr and "Traceback" not in r.stderr
        assert not out.exists()
