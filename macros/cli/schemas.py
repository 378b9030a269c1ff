"""JSON Schema for each data file, exported from the models for editors.

`python -m macros.cli.schemas` writes schemas/*.schema.json;
`python -m macros.cli.schemas --check` exits 1 if a committed schema is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros import settings
from macros.data import models

SCHEMA_DIR = "schemas"


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yaml") + ".schema.json"


def all_schemas() -> dict[str, str]:
    """File name -> JSON text, for every data file the models describe."""
    out = {}
    for data_file, model in {**models.NATIONAL_FILES, **models.PROVINCE_FILES}.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{data_file} ({model.__name__})"
        out[schema_name(data_file)] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def stale_schemas(root: Path) -> list[str]:
    return [
        name
        for name, body in all_schemas().items()
        if not (root / SCHEMA_DIR / name).is_file() or (root / SCHEMA_DIR / name).read_text(encoding="utf-8") != body
    ]


def main() -> int:
    root = settings.REPO_ROOT
    if "--check" in sys.argv[1:]:
        stale = stale_schemas(root)
        for name in stale:
            print(f"{SCHEMA_DIR}/{name} is stale: run `make schemas` and commit it", file=sys.stderr)
        return 1 if stale else 0
    (root / SCHEMA_DIR).mkdir(exist_ok=True)
    for name, body in all_schemas().items():
        (root / SCHEMA_DIR / name).write_text(body, encoding="utf-8")
    print(f"wrote {len(all_schemas())} schemas to {SCHEMA_DIR}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
