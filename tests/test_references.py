"""Ids that name records are marked in the models (`Key`, `RefersTo`), and one walk checks every marked field."""

from __future__ import annotations

import types
from typing import Annotated, Union, get_args, get_origin

import pytest
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from macros.cli.check import check
from macros.data import dataset, models, references

from .conftest import REPO, broken, copy_repo

PROVINCE = "thanh-hoa"

PLAIN_IDS = {
    "LegalDocument.province": "a province folder, not a record",
    "PageReview.province_sources{key}": "a province folder, not a record",
    "ProvinceFile.id": "must equal the folder's name (checked in references)",
    "Programme.id": "the one programme of a province: nothing names it",
    "Coordination.province": "a province folder, not a record (checked in references.coordination_issues)",
    "ListSays.list": "a list of units make units-diff compares (tools/units_diff.py), not a record",
}


def _is_id(extras: list) -> bool:
    for extra in extras:
        inner = extra.metadata if isinstance(extra, FieldInfo) else [extra]
        if any(getattr(m, "pattern", None) == models.ID_PATTERN for m in inner):
            return True
    return False


def _ids_in(hint, extras: list, where: str, seen: set):
    if get_origin(hint) is Annotated:
        base, *more = get_args(hint)
        hint, extras = base, extras + more
    if _is_id(extras):
        yield where, {type(e) for e in extras if isinstance(e, (models.Key, models.RefersTo))}
    origin = get_origin(hint)
    if origin is dict:
        key, value = get_args(hint)
        yield from _ids_in(key, [], where + "{key}", seen)
        yield from _ids_in(value, [], where, seen)
    elif origin in (list, Union, types.UnionType):
        for arg in get_args(hint):
            yield from _ids_in(arg, [], where, seen)
    elif isinstance(hint, type) and issubclass(hint, BaseModel) and hint not in seen:
        seen.add(hint)
        for name, info in hint.model_fields.items():
            yield from _ids_in(info.annotation, list(info.metadata), f"{hint.__name__}.{name}", seen)


def id_fields() -> dict[str, set[type]]:
    """Every field of a data file's models that holds an `Id`, with the markers it carries."""
    seen: set = set()
    found: dict[str, set[type]] = {}
    for model in {**models.NATIONAL_FILES, **models.PROVINCE_FILES}.values():
        for where, markers in _ids_in(model, [], model.__name__, seen):
            found.setdefault(where, set()).update(markers)
    return found


def test_every_id_field_is_a_key_a_reference_or_known_to_be_plain():
    fields = id_fields()
    assert {where for where, markers in fields.items() if not markers} == set(PLAIN_IDS)
    assert "Office.agency" in fields and fields["Office.agency"] == {models.RefersTo}
    assert fields["Agency.id"] == {models.Key}


def test_every_model_name_is_unique_and_every_model_resolved():
    """Two classes of one name (there were two `Contact`s) make a forward reference pick the wrong one."""
    seen: dict[str, type] = {}
    for name in dir(models):
        value = getattr(models, name)
        if isinstance(value, type) and issubclass(value, BaseModel):
            assert value.__pydantic_complete__, name
            assert seen.setdefault(value.__name__, value) is value, value.__name__
    assert get_args(models.Procedure.model_fields["contacts"].annotation) == (models.ProcedureContact,)
    assert get_args(models.EligibilityFile.model_fields["contacts"].annotation) == (models.ReferralContact,)


def test_a_reference_to_no_list_is_refused(monkeypatch):
    class Broken(models.Strict):
        agency: Annotated[models.Id, models.RefersTo("agencies.yaml#agency")]

    monkeypatch.setitem(models.NATIONAL_FILES, "broken.yaml", Broken)
    with pytest.raises(LookupError, match=r"Broken.agency: RefersTo\('agencies.yaml#agency'\) names no list"):
        references._collections()


def test_the_schema_names_what_an_id_refers_to():
    schema = models.OfficesFile.model_json_schema(mode="validation")
    assert schema["$defs"]["Office"]["properties"]["agency"]["x-refers-to"] == "agencies.yaml#agencies"
    duty = models.DeadlinesFile.model_json_schema(mode="validation")["$defs"]["Duty"]["properties"]["partners"]
    assert duty["items"]["x-refers-to"] == ["agencies.yaml#agencies", "offices.yaml#offices"]
    published = models.Office.model_json_schema(mode="serialization")
    assert "x-refers-to" not in published["properties"]["agency"]


def _real_marks():
    national, issues = dataset._read_national(REPO)
    local: references.Parsed = {}
    folder = dataset.province_dir(REPO, PROVINCE)
    wanted = [(folder / name, model) for name, model in models.PROVINCE_FILES.items()]
    dataset._read(REPO, wanted, local, issues, models.OPTIONAL_PROVINCE_FILES)
    assert not issues
    for doc, value in {**national, **local}.values():
        yield doc, list(references._marks(value, type(value)))


def _cases():
    """The first value of each marked reference field made unknown; the second key of each list made a duplicate."""
    cases = []
    for doc, marks in _real_marks():
        firsts: dict = {}
        keys: dict = {}
        for mark in marks:
            if isinstance(mark.marker, models.RefersTo):
                firsts.setdefault(mark.fields, mark)
            else:
                keys.setdefault(mark.fields, []).append(mark)
        for mark in firsts.values():
            unknown = "khong-co-xyz.md" if mark.value.endswith(".md") else "khong-co-xyz"
            cases.append((doc.file, doc.line_of(mark.path), mark.path, mark.value, unknown, "unknown "))
        for found in keys.values():
            if len(found) > 1 and doc.line_of(found[0].path) != doc.line_of(found[1].path):
                first, second = found[0], found[1]
                old, new = str(second.value), str(first.value)  # a key may be a number (a unit's code)
                cases.append((doc.file, doc.line_of(second.path), second.path, old, new, "duplicate "))
    return cases


CASES = _cases()


def test_the_cases_cover_every_file_with_references():
    assert len({case[0] for case in CASES}) >= 18 and len(CASES) >= 60


@pytest.mark.parametrize(
    "file, line, path, old, new, words", CASES, ids=[f"{c[5]}{c[0]}:{'.'.join(map(str, c[2]))}" for c in CASES]
)
def test_each_marked_field_is_checked_at_its_line(data_root, file, line, path, old, new, words):
    lines = (REPO / file).read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    with broken(data_root, file, "\n".join(lines)):
        problems = check(REPO, PROVINCE, data_root)
    dotted = ".".join(map(str, path))
    assert any(p.startswith(f"{file}:{line}: {dotted}: {words}") for p in problems), problems


def test_a_renamed_fact_stops_the_build_at_its_role(tmp_path):
    """The relief beside the rate used to vanish from every page when its fact was renamed (a lookup
    swallowed the KeyError). Now its role in data/roles.yaml names it: `make build` stops at that line."""
    import subprocess
    import sys

    root = copy_repo(tmp_path)
    facts = root / "data" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    roles = (root / "data" / "roles.yaml").read_text(encoding="utf-8").split("\n")
    line = next(n for n, row in enumerate(roles, start=1) if row.startswith("  relief: storm-relief-rate-cut"))
    facts.write_text(text.replace("id: storm-relief-rate-cut", "id: storm-relief"), encoding="utf-8")
    try:
        problems = check(root, PROVINCE)
        built = subprocess.run(
            [sys.executable, "-m", "macros.cli.build", str(root / "site-out")],
            cwd=root,
            env={"PYTHONPATH": str(root), "PROVINCE": PROVINCE, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        )
    finally:
        facts.write_text(text, encoding="utf-8")
    said = f"data/roles.yaml:{line}: facts.relief: unknown fact 'storm-relief-rate-cut'"
    assert any(p.startswith(said) for p in problems), problems
    assert built.returncode != 0 and said in built.stdout + built.stderr, built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    assert not (root / "site-out").exists()
