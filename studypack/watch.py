"""`studypack watch`: build once, then again within a second of every save to the manifest, a topic
file, a picture a topic shows, or a new topic file in a folder the manifest names, until Ctrl-C. A failed build prints its
located errors and leaves the last good PDF where it was (the build writes atomically)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable

TOPIC_SUFFIXES = (".yaml", ".yml")


def watched(pack_path: str) -> tuple[set[str], set[str]]:
    """The files whose saving rebuilds the pack (absolute paths), and the folders in which a new or
    changed .yaml file does. Read afresh after every build: the manifest may name other topics."""
    from studypack.load.manifest import topic_entries

    base = os.path.dirname(os.path.abspath(pack_path))
    files: set[str] = {os.path.abspath(pack_path)}
    folders: set[str] = set()
    for entry in topic_entries(pack_path):
        path = os.path.normpath(os.path.join(base, entry))
        (folders if os.path.isdir(path) else files).add(path)
    topics = [f for f in files if f.endswith(TOPIC_SUFFIXES)]
    for folder in folders:
        topics += [os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(TOPIC_SUFFIXES)]
    for topic in topics:
        files |= pictures_of(topic)
    return files, folders


_PICTURE = re.compile(
    r"""(?:^|[{,\s])(?:image|front_image|file)\s*:\s*("[^"]+"|'[^']+'|[^,{}\n#\s][^,}\n#]*)""", re.M
)


def pictures_of(topic: str) -> set[str]:
    """The picture files a topic file names (found by their keys, so a topic with an error in it
    still has its pictures watched), as absolute paths."""
    from studypack.files import FileProblem, read_head

    try:
        text = read_head(topic, 2_000_000).decode("utf-8", "replace")
    except FileProblem:
        return set()
    base = os.path.dirname(topic)
    out = set()
    for m in _PICTURE.finditer(text):
        name = m.group(1).strip().strip("\"'")
        if name:
            out.add(os.path.normpath(os.path.join(base, name)))
    return out


def relevant(path: str, files: set[str], folders: set[str]) -> bool:
    path = os.path.abspath(path)
    return path in files or (os.path.dirname(path) in folders and path.endswith(TOPIC_SUFFIXES))


def watch(pack_path: str, build: Callable[[], None], poll: bool = False) -> None:
    """Run `build` now and after every relevant change, until Ctrl-C."""
    import watchfiles

    build()
    print("watching for changes (Ctrl-C to stop)", flush=True)
    try:
        while True:
            files, folders = watched(pack_path)
            roots = sorted({os.path.dirname(f) for f in files} | folders)
            roots = [r for r in roots if os.path.isdir(r)]
            for changes in watchfiles.watch(*roots, debounce=200, step=50, force_polling=poll or None,
                                            recursive=False):  # fmt: skip
                if any(relevant(p, files, folders) for _, p in changes):
                    build()
                    if watched(pack_path) != (files, folders):
                        break  # the manifest names other files now: watch those
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
