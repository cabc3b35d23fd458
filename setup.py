"""Package discovery, so no subpackage can be left out of a plain `pip install .` again.

Everything else is in pyproject.toml. This file exists only because pyproject's `packages.find`
cannot rename: the top-level `layouts/` folder (and any subpackage a layout grows) is installed as
`studypack.layouts`, which the design's folder card asks for.
"""

from setuptools import find_packages, setup

core = find_packages(include=["studypack", "studypack.*"])
layouts = ["studypack." + p for p in find_packages(include=["layouts", "layouts.*"])]
setup(packages=core + layouts, package_dir={"studypack.layouts": "layouts"})
