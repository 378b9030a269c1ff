"""`python -m macros.cli.check`: validate every data file; print each problem on one line."""

from __future__ import annotations

import sys
from pathlib import Path

from macros import settings
from macros.data.dataset import load_dataset
from macros.data.yamlsource import DataFileError


def check(root: Path, province: str) -> list[str]:
    try:
        load_dataset(root, province)
    except DataFileError as exc:
        return [str(issue) for issue in exc.issues]
    return []


def main() -> int:
    problems = check(settings.data_root(), settings.province())
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in data/: nothing was built.", file=sys.stderr)
        return 1
    print(f"data/ is valid (province {settings.province()}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
