"""The versions in the cache folder's keys (svglib's for kept drawings, ziamath's for formulas) are
what pip installed, read without importing the libraries or importlib.metadata."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

from studypack.versions import installed


@pytest.mark.parametrize("dist", ["svglib", "ziamath", "reportlab"])
def test_the_version_is_the_one_importlib_metadata_gives(dist):
    """The same version as importlib.metadata reads, for each library whose version keys a cache."""
    assert installed(dist) == version(dist)


def test_a_library_that_is_not_installed_has_no_version():
    """A name nothing installs: None (its kept entries are never used), not an error."""
    assert installed("no-such-library-here") is None


def test_reading_a_version_imports_neither_the_library_nor_importlib_metadata(tmp_path):
    """A fresh process asking for svglib's version has imported neither svglib (a tenth of a second)
    nor importlib.metadata, wherever it runs (the current folder is not listed)."""
    code = (
        "import sys\nfrom studypack.versions import installed\nv = installed('svglib')\n"
        "print(v, 'svglib' in sys.modules, 'importlib.metadata' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert out.stdout.split() == [version("svglib"), "False", "False"]
