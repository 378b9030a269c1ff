"""What the contacts tools say, found by key in templates/contacts_messages.yaml.

`say("import.row_missing", noun=..., code=..., name=...)`: the entry's words with each {name}
filled. The values given must be exactly the entry's names (a name left out or one too many is a
mistake in the code, raised at once); numbers and days are written the Vietnamese way by
`count` and `day` before they are passed.
"""

from __future__ import annotations

import datetime
import os
import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from macros.formatting import date_vi, number_vi

CATALOGUE = Path(__file__).resolve().parent.parent / "render" / "templates" / "contacts_messages.yaml"


@cache
def catalogue() -> dict[str, str]:
    """Every entry by its dotted key ("file.too_big")."""
    flat: dict[str, str] = {}

    def walk(prefix: str, node: Any) -> None:
        for name, value in node.items():
            key = f"{prefix}{name}"
            if isinstance(value, dict):
                walk(key + ".", value)
            else:
                flat[key] = str(value)

    walk("", yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")))
    return flat


def names(key: str) -> set[str]:
    """The {names} an entry asks for."""
    return {field for _, field, _, _ in string.Formatter().parse(catalogue()[key]) if field}


def say(key: str, **values: Any) -> str:
    wanted = names(key)
    if wanted != set(values):
        raise KeyError(f"{key}: needs {sorted(wanted)}, given {sorted(values)}")
    return catalogue()[key].format(**values)


def count(value: int | float) -> str:
    """12.345 (a dot between thousands, as Vietnamese writes it)."""
    return number_vi(value)


def day(value: datetime.date) -> str:
    return date_vi(value)


def chosen_province(national: bool) -> tuple[Path, str] | str:
    """(data root, PROVINCE) as the tools are run, or the line that says why they cannot be used:
    a PROVINCE that is no folder name or has no data folder, the national site where a tool wants
    one province (`national` False). DATA_ROOT is a maintainer's setting: its own message."""
    from macros import settings
    from macros.data.dataset import province_dir, province_slugs

    given = os.environ.get("PROVINCE") or settings.DEFAULT_PROVINCE
    try:
        province = settings.province()
    except settings.SettingError:
        return say("run.province_form", province=given)
    try:
        root = settings.data_root()
    except settings.SettingError as exc:
        return str(exc)
    if province == settings.NATIONAL:
        return (root, province) if national else say("run.one_province")
    if not province_dir(root, province).is_dir():
        return say("run.province_missing", province=province, known=", ".join(province_slugs(root)))
    return root, province
