"""The map in force on a day: the generated snapshot of a province's units with its dated changes applied.

communes.yaml is what tools/admin_units.py wrote from the pinned library (the map from 1 July
2025); unit_changes.yaml lists what changed since, each change from its `effective_from`. `apply`
replays the changes in force on a day, in date order, and keeps what was true before each one,
so that an earlier name stays findable ("trước ngày 30/04/2026 là xã Lộc Ninh"). It knows no
Dataset: `Dataset.map_in_force` uses it for a build, `references` to check the file.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from macros.data import models

LAST_DAY = models.LAST_DAY


@dataclass(frozen=True)
class Earlier:
    """A name in force before a change: until the day before `until`."""

    until: datetime.date
    """The day the change took effect: the name was in force before it."""
    type: str
    name: str
    change: str
    """The id of the change (unit_changes.yaml) that ended this name."""


@dataclass(frozen=True)
class Ended:
    """A unit of the snapshot (or a created one) that ended: merged into, or split between, `into`."""

    unit: models.Commune
    """As it was last."""
    on: datetime.date
    into: tuple[str, ...]
    change: str
    earlier: tuple[Earlier, ...] = ()


@dataclass
class MapState:
    communes: dict[str, models.Commune]
    name: str
    full_name: str
    earlier: dict[str, list[Earlier]] = field(default_factory=dict)
    """Unit id -> the names it had before, newest first."""
    ended: list[Ended] = field(default_factory=list)
    province_earlier: list[Earlier] = field(default_factory=list)
    """The province's earlier full names ("tỉnh Đồng Nai"), newest first; `type` is "tỉnh" or "thành phố"."""
    applied: list[models.UnitChange] = field(default_factory=list)
    """The changes in force on the day, in the order applied."""
    problems: list[tuple[int, str, str, str]] = field(default_factory=list)
    """(index of the change in the file, field, unit id, problem): what cannot be applied."""


PROVINCE_TYPES = ("thành phố", "tỉnh")


def province_type(full_name: str) -> str | None:
    """'thành phố Đồng Nai' -> 'thành phố'; None when the name starts with no province type."""
    return next((kind for kind in PROVINCE_TYPES if full_name.lower().startswith(kind + " ")), None)


def in_date_order(changes: Iterable[models.UnitChange]) -> list[tuple[int, models.UnitChange]]:
    """The changes with their index in the file, by day (the file's order within a day)."""
    return sorted(enumerate(changes), key=lambda pair: (pair[1].effective_from, pair[0]))


def apply(
    communes: Iterable[models.Commune],
    name: str,
    full_name: str,
    changes: Iterable[models.UnitChange],
    on: datetime.date = LAST_DAY,
) -> MapState:
    """The units and the province's name in force on `on` (inclusive), with what was before."""
    state = MapState({c.id: c for c in communes}, name, full_name)
    touched: dict[str, datetime.date] = {}
    for index, change in in_date_order(changes):
        if change.effective_from > on:
            break
        when = change.effective_from
        if change.province is not None:
            before = state.full_name
            state.province_earlier.insert(0, Earlier(when, province_type(before) or "", before, change.id))
            state.full_name = change.province.full_name
            state.name = change.province.name or state.name
            state.applied.append(change)
            continue
        if change.creates is not None:
            new = change.creates
            if new.id in state.communes or any(e.unit.id == new.id for e in state.ended):
                state.problems.append((index, "creates.id", new.id, f"{new.id!r} is a unit already"))
                continue
            missing = [u for u in change.made_from or [] if u not in state.communes]
            if missing:
                state.problems.append((index, "made_from", missing[0], _absent(missing[0], state, when)))
                continue
            state.communes[new.id] = models.Commune(id=new.id, name=new.name, type=new.type, code=new.code)
            touched[new.id] = when
            state.applied.append(change)
            continue
        unit_id = change.unit or ""
        current = state.communes.get(unit_id)
        if current is None:
            state.problems.append((index, "unit", unit_id, _absent(unit_id, state, when)))
            continue
        if touched.get(unit_id) == when:
            state.problems.append(
                (index, "effective_from", unit_id, f"{unit_id!r} changes twice on {when.isoformat()}")
            )
            continue
        touched[unit_id] = when
        if change.into is not None:
            missing = [u for u in change.into if u not in state.communes]
            if missing:
                state.problems.append((index, "into", missing[0], _absent(missing[0], state, when)))
                continue
            del state.communes[unit_id]
            state.ended.append(
                Ended(current, when, tuple(change.into), change.id, tuple(state.earlier.pop(unit_id, [])))
            )
        else:
            renamed = current.model_copy(
                update={"name": change.name or current.name, "type": change.type or current.type}
            )
            if (renamed.name, renamed.type) == (current.name, current.type):
                state.problems.append(
                    (index, "unit", unit_id, f"{unit_id!r} is already {current.type} {current.name} then")
                )
                continue
            state.earlier.setdefault(unit_id, []).insert(0, Earlier(when, current.type, current.name, change.id))
            state.communes[unit_id] = renamed
        state.applied.append(change)
    return state


def _absent(unit_id: str, state: MapState, when: datetime.date) -> str:
    ended = next((e for e in state.ended if e.unit.id == unit_id), None)
    if ended is not None:
        return f"{unit_id!r} ended on {ended.on.isoformat()}: nothing changes it on {when.isoformat()}"
    return f"{unit_id!r} is not a unit on {when.isoformat()} (it is created later, or never)"


def successors(unit_ids: Iterable[str], ended: Iterable[Ended]) -> list[str]:
    """Units of today for units that may have ended since: each ended one replaced by what it went into."""
    into = {e.unit.id: e.into for e in ended}
    out: list[str] = []

    def walk(unit_id: str, depth: int) -> None:
        if unit_id in into and depth < 50:
            for successor in into[unit_id]:
                walk(successor, depth + 1)
        elif unit_id not in out:
            out.append(unit_id)

    for unit_id in unit_ids:
        walk(unit_id, 0)
    return out
