"""The installed version of a library, for the keys of the user's cache folder: a kept entry made
by one version of the library that drew it is not taken for another's."""

from __future__ import annotations

import os
import re
from functools import cache


@cache
def installed(dist: str) -> str | None:
    """`dist`'s version as pip installed it (its import name the same as its name, as svglib's
    and ziamath's are), read from the name of the `NAME-VERSION.dist-info` folder beside the
    package Python would import; None when it is not installed. Neither the package itself (svglib
    takes a tenth of a second) nor importlib.metadata (a tenth of a small build's start-up, with
    the email parser it brings, and it lists every folder on the path, the current one included)
    is imported, except where no such folder names the version (an egg, say)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(dist)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    if spec.origin and spec.has_location:
        package = os.path.dirname(spec.origin)
        folder = os.path.dirname(package) if spec.submodule_search_locations else package
        want = _normal(dist)
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
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
