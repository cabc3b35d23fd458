"""The installed version of a library, for the keys of the user's cache folder: a kept entry made
by one version of the library that drew it is not taken for another's."""

from __future__ import annotations

import os
import re
import sys
from functools import cache


@cache
def installed(dist: str) -> str | None:
    """`dist`'s version as pip installed it, read from the name of its `NAME-VERSION.dist-info`
    folder, first on sys.path as importlib.metadata looks; None when it is not installed.
    importlib.metadata itself (a tenth of a small build's start-up, with the email parser it
    imports) is asked only where no such folder names it (an egg, say)."""
    want = _normal(dist)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                stem, _, version = name[: -len(".dist-info")].partition("-")
                if version and _normal(stem) == want:
                    return version
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as metadata_version

    try:
        return metadata_version(dist)
    except PackageNotFoundError:
        return None


def _normal(name: str) -> str:
    """A distribution's name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "_", name).lower()
