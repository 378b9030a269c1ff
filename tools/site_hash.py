"""`python -m tools.site_hash SITE [OTHER]`: a digest of every file of a built site, or what differs.

With one folder: one line per file (`sha256  path`), then the digest of those lines, so a build
for a pinned SITE_DATE and PROVINCE can be recorded before a structural change and compared after
it. With two: the files only in one of them and the files whose bytes differ; exit status 1 when
anything differs. `--except search/,pagefind/` leaves out paths that a step is allowed to change
(named in the commit).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path


def digests(root: Path, skipped: tuple[str, ...] = ()) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not relative.startswith(skipped):
            out[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def summary(files: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{d}  {p}\n" for p, d in files.items()).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.site_hash")
    parser.add_argument("site", type=Path)
    parser.add_argument("other", type=Path, nargs="?")
    parser.add_argument("--except", dest="skipped", default="", help="comma-separated path prefixes")
    args = parser.parse_args(argv)
    skipped = tuple(p for p in args.skipped.split(",") if p)
    first = digests(args.site, skipped)
    if args.other is None:
        for path, digest in first.items():
            print(f"{digest}  {path}")
        print(f"{summary(first)}  ({len(first)} files)")
        return 0
    second = digests(args.other, skipped)
    only_first = sorted(first.keys() - second.keys())
    only_second = sorted(second.keys() - first.keys())
    differ = sorted(p for p in first.keys() & second.keys() if first[p] != second[p])
    for path in only_first:
        print(f"only in {args.site}: {path}")
    for path in only_second:
        print(f"only in {args.other}: {path}")
    for path in differ:
        print(f"differs: {path}")
    same = len(first.keys() & second.keys()) - len(differ)
    print(f"{same} files the same, {len(differ)} differ, {len(only_first) + len(only_second)} in one only")
    return 1 if differ or only_first or only_second else 0


if __name__ == "__main__":
    sys.exit(main())
