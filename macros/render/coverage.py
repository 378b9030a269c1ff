"""The officials' page on contacts (can-bo/lien-he): rules/coverage.py as tables."""

from __future__ import annotations

import datetime

from markupsafe import Markup

from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.render.markup import render
from macros.rules.coverage import VALUES, coverage


def contacts_coverage(data: Dataset, on: datetime.date) -> Markup:
    """Per province (one row on a province's site), then on a province's site per unit."""
    provinces = coverage(data, on)
    rows = [
        {
            "name": p.name[:1].upper() + p.name[1:],
            "filled": fmt.number_vi(p.filled),
            "total": fmt.number_vi(p.values),
            "percent": f"{fmt.number_vi(round(100 * p.filled / max(p.values, 1), 1))} %",
            "units": p.units,
            "units_with_any": p.units_with_any,
            "units_complete": p.units_complete,
            "past_review": p.past_review,
        }
        for p in provinces
    ]
    return render(
        "contacts_coverage.html",
        on=fmt.date_vi(on),
        per_unit=len(VALUES),
        provinces=rows,
        units=provinces[0].units if len(provinces) == 1 else [],
    )
