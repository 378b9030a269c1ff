"""The data a build works from, loaded once per set of file versions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros import settings
from macros.data.dataset import DATA_DIR, Dataset, load_dataset


@dataclass(frozen=True)
class Site:
    data: Dataset
    on: datetime.date


def _fingerprint(root: Path) -> tuple:
    """Modification times of every data file, so `mkdocs serve` reloads edited data."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in (root / DATA_DIR).rglob("*.yaml")))


@lru_cache(maxsize=4)
def _load(root: Path, province: str, fingerprint: tuple) -> Dataset:
    return load_dataset(root, province)


def load(root: Path, province: str) -> Dataset:
    """`load_dataset`, once per set of file versions (a build and its check share it)."""
    return _load(Path(root), province, _fingerprint(Path(root)))


_MAPPED: dict[tuple[int, datetime.date], tuple[Dataset, Dataset]] = {}


def _mapped(data: Dataset, on: datetime.date) -> Dataset:
    """`data.map_in_force(on)`, once per loaded dataset and day (keyed on the dataset itself, so
    whatever `_load` returns is what is mapped)."""
    key = (id(data), on)
    found = _MAPPED.get(key)
    if found is None or found[0] is not data:
        if len(_MAPPED) >= 4:
            _MAPPED.clear()
        found = _MAPPED[key] = (data, data.map_in_force(on))
    return found[1]


def site_on(root: Path, province: str, on: datetime.date) -> Site:
    """The site for the day `on`: the data with the map in force that day (units, names)."""
    return Site(data=_mapped(_load(Path(root), province, _fingerprint(Path(root))), on), on=on)


def current_site(root: Path = settings.REPO_ROOT) -> Site:
    return site_on(root, settings.province(), settings.site_date())
