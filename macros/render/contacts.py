"""Where exactly: what the offices gave for each unit (contacts.yaml), on every page that says where to go.

Each value is shown with who gave it and when ("theo Công an xã Nga Sơn cung cấp ngày 20/11/2026");
a phone is a tel: link. What nobody gave is not listed line by line: the page says once that it is
not known, and what to do instead (the words are in the templates).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset
from macros.render.markup import built_href, json_script, render, script, words

BODIES = ("police", "committee", "transaction_point")
FIELDS = ("address", "phone", "days", "hours")


def body_names(commune: models.Commune) -> dict[str, str]:
    """Each body of a unit by its name: "Công an phường Hạc Thành"."""
    unit = f"{commune.type} {commune.name}"
    return {body: pattern.format(unit=unit) for body, pattern in words()["bodies"].items()}


def value_line(kind: str, provided: models.Provided) -> dict[str, Any]:
    """One value as the templates and the finder's script show it."""
    value = provided.value
    return {
        "kind": kind,
        "value": fmt.days_of_month_vi(value) if kind == "days" else value,
        "tel": fmt.tel_href(value) if kind == "phone" else None,
        "provider": provided.provider,
        "date": fmt.date_vi(provided.provided_on),
    }


def lines_of(record: Any) -> list[dict[str, Any]]:
    """The values a body (or an office) has, in a fixed order."""
    return [value_line(f, getattr(record, f)) for f in FIELDS if getattr(record, f, None) is not None]


def unit_bodies(data: Dataset, commune: models.Commune) -> list[dict[str, Any]]:
    """The unit's bodies that have at least one value, each with its name and lines."""
    known = data.contacts.get(commune.id)
    if known is None:
        return []
    names = body_names(commune)
    found = []
    for body in BODIES:
        record = getattr(known, body)
        if record is not None and lines_of(record):
            found.append({"body": body, "name": names[body], "lines": lines_of(record)})
    return found


def finder_contacts(data: Dataset) -> dict[str, Any]:
    """The finder's data: unit index -> [[body, [[kind, value, provider, date, tel]]]], only for
    units with a value (nothing is added to a province nobody has filled)."""
    found = {}
    for index, commune in enumerate(data.communes.values()):
        bodies = unit_bodies(data, commune)
        if bodies:
            found[str(index)] = [
                [b["body"], [[x["kind"], x["value"], x["provider"], x["date"], x["tel"]] for x in b["lines"]]]
                for b in bodies
            ]
    return found


def filled_units(data: Dataset) -> list[dict[str, Any]]:
    """Every unit with a value, for the lists on the start pages and checklists."""
    units = []
    provinces = data.covered
    for p in provinces:
        for commune in p.communes.values():
            bodies = unit_bodies(p, commune)
            if bodies:
                where = f", {p.province.full_name}" if len(provinces) > 1 else ""
                units.append(
                    {
                        "id": f"{p.province_slug}-{commune.id}",
                        "title": f"{commune.type.capitalize()} {commune.name}{where}",
                        "bodies": bodies,
                    }
                )
    return units


def known_contacts(data: Dataset, from_page: str, printed: bool = False) -> Markup:
    """The start pages' "Đến đâu" and the checklists: the units whose offices gave a value, one
    picked with a list (assets/lien-he.js; without it the list reads in full), and once what to do
    where nothing is known."""
    units = filled_units(data)
    total = sum(len(p.communes) for p in data.covered)
    return render(
        "known_contacts.html",
        units=units,
        total=total,
        printed=printed,
        finder=built_href(data.roles.pages.office_finder, from_page),
        script=script("assets/lien-he.js", from_page) if units else "",
    )


def office_lines(data: Dataset, office: models.Office) -> list[dict[str, Any]]:
    known = data.office_contacts.get(office.id)
    return lines_of(known) if known is not None else []


def unit_contacts_html(data: Dataset, commune: models.Commune) -> Markup:
    """One unit's known values as HTML (the province pages' tables); empty when none."""
    bodies = unit_bodies(data, commune)
    return render("unit_contacts.html", bodies=bodies) if bodies else Markup("")


def payload_script(data: Dataset) -> Markup:
    return json_script("lien-he-data", {"units": [u["id"] for u in filled_units(data)]})
