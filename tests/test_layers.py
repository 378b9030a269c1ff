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
MAX_LINES = 500


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


def imports(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (function-level imports too), with its line.
    `module`: the file's module name, when it is not where the package puts it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = module or module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
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
    wrong = upward_imports(path, module_name(path))
    assert not wrong, f"{path.relative_to(PACKAGE.parent)} imports upwards:\n" + "\n".join(wrong)


def upward_imports(path: Path, module: str) -> list[str]:
    own = layer_of(module)
    wrong = []
    for line, target in imports(path, module):
        if target.split(".")[0] == "tools":
            wrong.append(f"{line}: {target} (developer tools are not part of the product)")
            continue
        theirs = layer_of(target)
        if theirs is None or theirs == "face" or own == "face":
            continue
        if LAYERS.index(theirs) > LAYERS.index(own):
            wrong.append(f"{line}: {target} ({theirs} is above {own})")
    return wrong


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
    """The test itself can fail: a data module that imports a renderer is caught (read from a
    temporary file under the data layer's name: no test writes into macros/)."""
    fake = tmp_path / "_probe_upward.py"
    fake.write_text("from macros.render import facts\nfrom ..render import markup\n", encoding="utf-8")
    wrong = upward_imports(fake, "macros.data._probe_upward")
    assert len(wrong) == 4 and all("render is above data" in w for w in wrong), wrong


def test_the_check_sees_a_long_module(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    with pytest.raises(AssertionError):
        test_modules_stay_small(long)
