"""The package's layers import only downwards, and the product never imports the developer tools."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "macros"
LAYERS = ["base", "data", "rules", "render", "outputs", "pipeline", "engines", "cli"]
"""settings, text and formatting form the base; each layer may import the ones before it. `pipeline`
(the pre step: pages rendered from the macro registry) comes after `outputs` because a macro may
show what an output writes (the open-data catalogue); `engines` (the only code that imports MkDocs
or Zensical) drives the pre step, the engine and the post step (outputs), so it comes after both."""
ENGINE_PACKAGES = ("mkdocs", "material", "zensical")
MAX_LINES = 700


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "macros":
        return None
    if len(parts) == 1:
        return "face"
    return parts[1] if parts[1] in LAYERS else "base"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (function-level imports too), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_imports_point_down(path):
    own = layer_of(module_name(path))
    wrong = []
    for line, target in imports(path):
        if target.split(".")[0] == "tools":
            wrong.append(f"{line}: {target} (developer tools are not part of the product)")
            continue
        theirs = layer_of(target)
        if theirs is None or theirs == "face" or own == "face":
            continue
        if LAYERS.index(theirs) > LAYERS.index(own):
            wrong.append(f"{line}: {target} ({theirs} is above {own})")
    assert not wrong, f"{path.relative_to(PACKAGE.parent)} imports upwards:\n" + "\n".join(wrong)


def test_only_the_engine_adapters_import_an_engine():
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {target}"
        for path in SOURCES
        if layer_of(module_name(path)) != "engines"
        for line, target in imports(path)
        if target.split(".")[0] in ENGINE_PACKAGES
    ]
    assert wrong == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_check_sees_an_upward_import(tmp_path):
    """The test itself can fail: a data module that imports a renderer is caught."""
    fake = PACKAGE / "data" / "_probe_upward.py"
    fake.write_text("from macros.render import facts\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match="render is above data"):
            test_imports_point_down(fake)
    finally:
        fake.unlink()
