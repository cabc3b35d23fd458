"""Fonts: the manifest's choice, else a system family, else Vera; never a silent fallback."""

import pytest

from studypack.errors import FontError
from studypack.model import FontChoice, Source
from studypack.text import fonts as F


def test_system_family_found_with_four_faces():
    """On this machine DejaVu Sans is found, with bold, italic and bold italic."""
    f = F.resolve(FontChoice())
    assert f.family == "DejaVu Sans"
    assert set(f.files) == {"regular", "bold", "italic", "bold_italic"}
    assert f.face(bold=True) != f.face()


def test_named_family_and_paths(tmp_path, capsys):
    """A family by name is used; an unknown one falls back with a warning returned (not printed);
    a .ttf path is used as given."""
    assert F.resolve(FontChoice(family="DejaVu Serif")).family == "DejaVu Serif"
    fallback = F.resolve(FontChoice(family="Comic Nonexistent"))
    assert fallback.family == "DejaVu Sans" and capsys.readouterr().err == ""
    shown = [str(p) for p in F.font_problems(fallback, Source("pack.yaml", 5, 7))]
    assert shown == [
        "pack.yaml:5:7: warning: font 'Comic Nonexistent' not found; using DejaVu Sans "
        "(install it, or name a .ttf file: `font: fonts/MyFont.ttf`)"
    ]
    path = F.resolve(FontChoice()).files["regular"]
    assert F.resolve(FontChoice(regular=path)).files["regular"] == path
    with pytest.raises(FontError, match="font file not found"):
        F.resolve(FontChoice(regular=str(tmp_path / "missing.ttf")))


def test_vera_when_nothing_is_installed(monkeypatch):
    """With no system fonts at all, ReportLab's bundled Vera is embedded (Latin only) and
    characters it lacks are reported, not boxed silently."""
    monkeypatch.setattr(F, "KNOWN_FOLDERS", [])
    monkeypatch.setattr(F, "ROOTS", [])
    f = F.resolve(FontChoice())
    assert f.family == "Vera"
    assert f.missing("Хрущёв") == sorted(set("Хрущёв"))
    assert f.missing("café") == []


def test_condensed_sibling():
    """DejaVu Sans has a condensed sibling for summary sheets; a family without one is itself."""
    f = F.resolve(FontChoice())
    assert f.condensed().family == "DejaVu Sans Condensed"
    v = F.Fonts("Vera", F.vera())
    assert v.condensed() is v
