"""`python -m macros.cli.check`: everything a build would refuse about data, one line each.

`make check-data` and `make build` give one verdict: this runs first in both, and a
build starts only when it finds nothing. It checks, in order:

- the environment (PROVINCE, SITE_DATE, SITE_URL, DATA_ROOT), each named in its line;
- docs/ and overrides/, whose files MkDocs copies into site/: no symbolic link, nothing
  that resolves outside the repository;
- every data file (`load_dataset`): `file:line: field: problem`;
- every fact has a period in force on the day the site is built for (pages show it), except a
  temporary one after it began;
- every macro call in docs/*.md, read against the registry the pages render with
  (macros.pipeline.registry): a macro or variable that exists, the right number of arguments,
  and ids that name records: `docs/<page>:<line>: <macro>: <problem>`;
- then every page rendered in memory by the pre step (macros.pipeline.pages): what fails only
  while a page renders, in the same words. `make build` reuses those pages.
"""

from __future__ import annotations

import datetime
import inspect
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes

from macros import settings
from macros.data import files, models, site
from macros.data.dataset import Dataset, national_file
from macros.data.site import Site
from macros.data.yamlsource import DataFileError, read_yaml
from macros.pipeline import pages, registry
from macros.pipeline.problems import PageProblems

COPIED_FOLDERS = ("docs", "overrides")
"""The folders MkDocs copies from into site/ (pages and assets; the theme's overrides)."""


def check(root: Path, province: str, data_root: Path | None = None, on: datetime.date | None = None) -> list[str]:
    """Every problem a build of `root` (with data from `data_root`, default `root`) would stop on."""
    root = Path(root)
    data_root = Path(data_root or root)
    problems = [line for folder in COPIED_FOLDERS for line in files.tree_problems(root, folder)]
    try:
        data = site.load(data_root, province)
        day = on or settings.site_date()
    except settings.SettingError as exc:
        return problems + [str(exc)]
    except DataFileError as exc:
        return problems + [str(issue) for issue in exc.issues]
    problems += facts_not_in_force(data_root, data, day)
    built = site.site_on(data_root, province, day)
    problems += page_problems(root, built)
    if not problems:
        problems += render_problems(root, built)
    return problems


# --- facts in force ----------------------------------------------------------------------


def facts_not_in_force(data_root: Path, data: Dataset, on: datetime.date) -> list[str]:
    """A fact with no period in force on `on` cannot be shown: its pages would stop the build."""
    missing = []
    for index, fact in enumerate(data.facts.values()):
        if fact.temporary and on >= fact.periods[0].effective_from:
            continue
        try:
            data.period_in_force(fact.id, on)
        except LookupError:
            missing.append((index, fact))
    if not missing:
        return []
    display = "data/facts.yaml"
    doc, _ = read_yaml(national_file(data_root, "facts.yaml"), display)
    found = []
    for index, fact in missing:
        first, last = fact.periods[0], fact.periods[-1]
        if on < first.effective_from:
            why = f"the first period starts on {first.effective_from.isoformat()}"
        else:
            why = f"the last period ended on {last.effective_to.isoformat()}: add the period that follows"
        found.append(
            f"{display}:{doc.line_of(('facts', index, 'periods'))}: facts.{index}.periods: "
            f"no period of {fact.id!r} is in force on {on.isoformat()}, the day the site is built for ({why})"
        )
    return found


# --- macro calls in the pages ----------------------------------------------------------------


def _records(data: Dataset) -> dict[str, tuple[set[str], str, str]]:
    """Kind of argument -> (the ids it may name, the noun, where they live)."""
    return {
        "fact": (set(data.facts), "fact", "data/facts.yaml"),
        "provision": (set(data.provisions), "provision", "data/provisions.yaml"),
        "topic": ({p.topic for p in data.provisions.values()}, "provision topic", "data/provisions.yaml"),
        "document": (set(data.documents), "legal document", "data/legal_documents.yaml"),
        "date": (
            {"issued_on", "effective_from", "effective_to"},
            "document date",
            "issued_on, effective_from, effective_to",
        ),
        "procedure": (set(data.procedures), "procedure", "data/procedures.yaml"),
        "form": (set(data.forms), "form", "data/forms.yaml"),
        "milestone": ({m.id for m in data.milestones}, "milestone", "data/milestones.yaml"),
        "duty": (set(data.duties), "duty", "data/duties.yaml or the province's deadlines.yaml"),
        "checklist": ({c.id for c in data.checklists.checklists}, "checklist", "data/checklists.yaml"),
        "applicant": ({"individual", "establishment"}, "kind of borrower", "individual, establishment"),
        "province": (set(data.provinces), "province", "data/provinces/ of this site"),
    }


def _argument_problem(macro: registry.Macro, values: list[Any], data: Dataset) -> str | None:
    try:
        inspect.signature(macro.function).bind(None, *values)  # the page comes first
    except TypeError as exc:
        return f"wrong arguments ({exc})"
    kinds = macro.names
    if kinds[:1] and kinds[0].startswith("*"):
        kinds = (kinds[0][1:],) * len(values)
    records = _records(data)
    for kind, value in zip(kinds, values, strict=False):
        known, noun, where = records[kind]
        if value not in known:
            return f"unknown {noun} {value!r} (not in {where})"
    if macro.name == "cite_article":
        try:
            models.LegalRef(**dict(zip(("document", "article", "clause", "point"), map(str, values), strict=False)))
        except ValueError as exc:
            return f"not a reference to an article: {exc.errors()[0]['msg'] if hasattr(exc, 'errors') else exc}"
    return None


def _without_front_matter(source: str) -> str:
    """The page with its front matter blanked out, line for line (line numbers stay true)."""
    if not source.startswith("---"):
        return source
    lines = source.split("\n")
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return source
    return "\n" * end + "\n".join(lines[end:])


def _pages(root: Path) -> list[Path]:
    docs = root / "docs"
    found = []
    for current, folders, names in os.walk(docs, followlinks=False):
        folders[:] = sorted(f for f in folders if not (Path(current) / f).is_symlink())
        found += [Path(current) / n for n in names if n.endswith(".md") and not (Path(current) / n).is_symlink()]
    return sorted(found)


def page_problems(root: Path, built: Site) -> list[str]:
    """`docs/<page>:<line>: <macro>: <problem>` for each macro call a build of `built` would stop on,
    read against the registry the pre step renders with (macros.pipeline.registry)."""
    environment = pages.environment()
    known = set(registry.MACROS) | set(registry.page_variables(built)) | set(environment.globals)
    problems = []
    for path in _pages(root):
        shown = path.relative_to(root).as_posix()
        try:
            tree = environment.parse(_without_front_matter(path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            problems.append(f"{shown}:1: (page): is not valid UTF-8; save it as UTF-8")
            continue
        except jinja2.TemplateSyntaxError as exc:
            problems.append(f"{shown}:{exc.lineno}: (page): template syntax error: {exc.message}")
            continue
        names = {node.name: node.lineno for node in reversed(list(tree.find_all(nodes.Name)))}
        try:
            undeclared = meta.find_undeclared_variables(tree)
        except jinja2.TemplateAssertionError as exc:  # e.g. a filter no one defines
            problems.append(f"{shown}:{exc.lineno}: (page): {exc.message}")
            continue
        for name in sorted(undeclared - known, key=lambda n: names.get(n, 0)):
            problems.append(f"{shown}:{names.get(name, 1)}: {name}: no macro or variable of this name")
        for call in tree.find_all(nodes.Call):
            if not isinstance(call.node, nodes.Name) or call.node.name not in registry.MACROS:
                continue
            if (
                call.kwargs
                or call.dyn_args
                or call.dyn_kwargs
                or not all(isinstance(a, nodes.Const) for a in call.args)
            ):
                continue  # arguments known only while rendering: the pre step words their failure (pipeline/problems.py)
            name = call.node.name
            problem = _argument_problem(registry.MACROS[name], [a.value for a in call.args], built.data)
            if problem:
                problems.append(f"{shown}:{call.lineno}: {name}: {problem}")
    return problems


def render_problems(root: Path, built: Site) -> list[str]:
    """What fails only while the pages render (an argument known only then, an attribute of a
    value): the pre step itself, run in memory. Its pages serve the build that follows."""
    try:
        pages.render_pages(built, root / "docs")
    except PageProblems as exc:
        return [str(problem) for problem in exc.problems]
    return []


def main() -> int:
    problems = settings.problems()
    if not problems:
        problems = check(settings.REPO_ROOT, settings.province(), settings.data_root())
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): nothing was built.", file=sys.stderr)
        return 1
    print(f"data/ is valid (province {settings.province()}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
