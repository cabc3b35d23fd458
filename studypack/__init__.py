"""studypack: revision notes in YAML -> one printable study pack (cards, summary sheets, worksheets)."""

import os as _os

__version__ = "0.1.0"

# The design card keeps layouts/ at the top of the repository; installed, it is studypack/layouts
# (pyproject's package-dir). Run from a source tree (python -m studypack in a clone), the
# subpackage is found beside this one, so `studypack.layouts` means the same folder either way.
_here = _os.path.dirname(__file__)
if not _os.path.isdir(_os.path.join(_here, "layouts")):
    _root = _os.path.dirname(_here)
    if _os.path.isfile(_os.path.join(_root, "layouts", "__init__.py")):
        __path__.append(_root)  # noqa: F821
