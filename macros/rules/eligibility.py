"""What the build needs of the eligibility check's rules (data/eligibility.yaml).

The check itself is judged in one place, docs/assets/kiem-tra.js (`evaluate`): the page runs it, and
the tests run it under Node against tests/scenarios/eligibility.yaml. The build only reads the rules:
their legal basis, their sentences with the figures in force, and the bound on worker counts.
"""

from __future__ import annotations

import re

from macros.data import models
from macros.data.dataset import Dataset

MAX_WORKERS = 100_000
"""The largest worker count the check accepts. Not a rule of the Decision: a bound for typing slips
(a count of 400 digits), far above any establishment's workforce; the page gets it with the rules."""

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, values: dict[str, str]) -> str:
    """A sentence of the rules with its placeholders ("{years}") filled, as kiem-tra.js fills them."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def basis_ref(basis: models.Basis, data: Dataset) -> models.LegalRef:
    """The legal reference of a record of the rules: its provision's, or its own."""
    return data.provision(basis.provision).legal_ref if basis.provision else basis.legal_ref
