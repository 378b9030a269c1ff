"""The site built by Zensical, from a staged folder of rendered pages (`make build ENGINE=zensical`).

Zensical reads mkdocs.yml but runs no MkDocs hooks, never calls `on_post_build` and gives macros no
nav; so it gets what it can read: the pages rendered by the pre step (macros.pipeline.pages, hrefs in
raw HTML written from the Markdown file, as Zensical rewrites them) and the assets of docs/, staged
in `.zensical-*/docs`, and a copy of mkdocs.yml beside mkdocs.yml (`.zensical-*.yml`: Zensical
accepts `docs_dir` and `site_dir` only inside the folder of its config, and resolves `custom_dir`
from there) with this build's nav and description. Then `zensical build --clean --strict` (its page
cache knows nothing of data/ or SITE_DATE), the site moved into place, and the post step
(macros.outputs.writers).

Zensical runs from its own venv (requirements-zensical.txt, `make zensical` makes .venv-zensical):
the command is $ZENSICAL_COMMAND, else .venv-zensical/bin/zensical. It imports nothing of the project's
but `macros.text` (the heading anchors, mkdocs.yml's `toc.slugify`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml

from macros import settings
from macros.data.site import current_site
from macros.outputs.writers import write_outputs
from macros.pipeline import site_config
from macros.pipeline.pages import render_pages, search_settings

_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


class ZensicalMissing(Exception):
    pass


class _TagBlindLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav only: `!ENV` and `!!python/name:` values load as None."""


_TagBlindLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def with_settings(text: str, values: dict) -> str:
    """The config file's text with these top-level settings replaced (or added) and the rest as
    written, tags included (Zensical reads `!ENV` and `!!python/name:` as MkDocs does)."""
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.splitlines(keepends=True):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            blocks.append((match.group(1), [line]))
        else:
            blocks[-1][1].append(line)
    kept = "".join("".join(lines) for key, lines in blocks if key not in values)
    added = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=10_000)
    return kept.rstrip("\n") + "\n\n# --- this build (macros/engines/zensical.py) ---\n" + added


def command() -> str:
    """The zensical command: $ZENSICAL_COMMAND, else the one of .venv-zensical in the repository."""
    found = Path(os.environ.get("ZENSICAL_COMMAND") or settings.REPO_ROOT / ".venv-zensical" / "bin" / "zensical")
    if not found.is_file():
        raise ZensicalMissing(
            f"ENGINE=zensical: no Zensical at {found}: `make zensical` installs it in .venv-zensical, "
            "or set ZENSICAL_COMMAND to the zensical command"
        )
    return str(found)


def stage(root: Path, work: Path, pages: dict[str, str]) -> None:
    """work/docs: docs/ without its Markdown, and the rendered pages."""
    docs = work / "docs"
    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
    for path, markdown in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown, encoding="utf-8")


def config_text(root: Path, work: Path, site, config_file: str) -> str:
    text = (root / config_file).read_text(encoding="utf-8")
    written = yaml.load(text, Loader=_TagBlindLoader)
    plugins = [p for p in written.get("plugins") or [] if p != "macros" and not (isinstance(p, dict) and "macros" in p)]
    address = settings.site_url()
    return with_settings(
        text,
        {
            **({"site_url": address} if address else {}),
            "site_dir": (work / "site").relative_to(root).as_posix(),
            "docs_dir": (work / "docs").relative_to(root).as_posix(),
            "site_description": site_config.description(site.data),
            "nav": site_config.adapt_nav(written.get("nav") or [], site.data),
            "plugins": plugins,
            "hooks": [],
            "watch": [],
        },
    )


def build_site(root: Path, output: Path, config_file: str = "mkdocs.yml") -> None:
    """Build the site into `output` (must not exist) with Zensical, strictly; raises on failure."""
    root = root.resolve()
    zensical = command()
    site = current_site(settings.data_root(root))
    pages = render_pages(site, root / "docs", "from_source")
    search = search_settings(pages)
    work = Path(tempfile.mkdtemp(prefix=".zensical-", dir=root))
    config = root / f"{work.name}.yml"
    try:
        stage(root, work, pages)
        del pages
        config.write_text(config_text(root, work, site, config_file), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
        done = subprocess.run(
            [zensical, "build", "--clean", "--strict", "--config-file", str(config)], cwd=root, env=env
        )
        if done.returncode:
            raise RuntimeError(f"zensical build exited with {done.returncode}")
        # Zensical writes its own search index even with nothing to read it: the site's search is
        # Pagefind's (macros/outputs/pagefind.py), the same for both engines.
        (work / "site" / "search.json").unlink(missing_ok=True)
        shutil.move(str(work / "site"), str(output))
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    write_outputs(site, output, search)
