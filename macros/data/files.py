"""Which files a build may read: regular files inside the repository, reached without a symbolic link.

A link in data/ or docs/ to /etc/passwd or /proc/self/environ would otherwise be read,
or copied into site/ and published (in the deploy job, with the job's environment).
A link to a folder can also make MkDocs walk the whole disk. So every data file, and
every entry of the folders MkDocs copies (docs/, the theme's overrides/), is checked
here before a build reads it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def _link_words(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"is a symbolic link (to {target!r}): a build reads only files inside the repository; copy the file in, or remove the link"


def refused(root: Path, path: Path) -> str | None:
    """Why a build may not read `path` (a file or folder at or under `root`), or None.

    Refused: a link anywhere between `root` and `path`, a path that resolves outside `root`,
    and anything but a regular file or folder (a device, a pipe)."""
    root = Path(root)
    try:
        relative = Path(path).relative_to(root)
    except ValueError:
        return "is outside the repository: a build reads only files inside it"
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return _link_words(current)
        if not current.exists():
            return None  # the caller says what is missing
    if not Path(path).resolve().is_relative_to(root.resolve()):
        return "resolves outside the repository: a build reads only files inside it"
    mode = Path(path).lstat().st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "is not a regular file"
    return None


def tree_problems(root: Path, folder: str) -> list[str]:
    """`path:1: (file): problem` for each entry of `root/folder` a build may not copy, sorted."""
    base = Path(root) / folder
    if not base.exists() and not base.is_symlink():
        return []
    problem = refused(root, base)
    if problem:
        return [f"{folder}:1: (file): {problem}"]
    found = []
    for current, folders, files in os.walk(base, followlinks=False):
        here = Path(current)
        for name in sorted(folders + files):
            entry = here / name
            problem = refused(root, entry)
            if problem:
                found.append(f"{entry.relative_to(root).as_posix()}:1: (file): {problem}")
        folders[:] = [name for name in folders if not (here / name).is_symlink()]
    return sorted(found)
