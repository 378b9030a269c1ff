"""`python -m macros.cli.zensical [SITE_DIR]`: the same site built with Zensical (default site-zensical/).

Run it with the Python of the Zensical venv (requirements-zensical.txt, `make zensical`). Zensical
reads mkdocs.yml itself and runs `macros` through its own macros shim (mkdocs-macros-plugin is not
used), but:

- its CLI has no option for the output folder, and it accepts `site_dir` and `docs_dir` only
  inside the folder of the config file;
- it builds the nav from the file before any macro runs, so `nav.adapt_config` in define_env
  cannot rename the programme entry or add the national section;
- it runs no MkDocs hooks and no `on_post_build`: the national pages (shell/hooks.py) and the
  files written after the pages (outputs.writers) are done here;
- its page cache (.cache/) knows nothing of data/, macros/ or SITE_DATE/PROVINCE, so a build
  without --clean can serve pages rendered for another day or province.

So this writes mkdocs.yml again beside it (`.zensical-*.yml`) with this build's site_dir, docs_dir,
site_description and nav, runs `zensical build --clean --strict`, then the writers (api/*.json,
api/lich/*.ics; the search-index folding finds no search/search_index.json and does nothing).
A failed build leaves SITE_DIR as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from macros import settings
from macros.cli.build import build_and_swap
from macros.data.site import current_site
from macros.outputs.writers import write_outputs
from macros.shell import nav

_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


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
    return kept.rstrip("\n") + "\n\n# --- this build (macros/cli/zensical.py) ---\n" + added


def build_site(root: Path, output: Path, config_file: str = "mkdocs.yml") -> None:
    """Build the site into `output` (must not exist) with Zensical, strictly; raises on failure."""
    site = current_site(settings.data_root(root))
    root = root.resolve()
    work = Path(tempfile.mkdtemp(prefix=".zensical-", dir=root))  # Zensical: site_dir, docs_dir inside root
    config = root / f"{work.name}.yml"  # beside mkdocs.yml: custom_dir and the macros module resolve from here
    try:
        docs = root / "docs"
        generated = nav.generated_pages(site.data)
        if generated:  # the national site: MkDocs adds these in shell/hooks.py, Zensical runs no hooks
            shutil.copytree(docs, work / "docs")
            docs = work / "docs"
            for path, markdown in generated.items():
                (docs / path).parent.mkdir(parents=True, exist_ok=True)
                (docs / path).write_text(markdown, encoding="utf-8")
        text = (root / config_file).read_text(encoding="utf-8")
        mkdocs_nav = yaml.load(text, Loader=_TagBlindLoader).get("nav") or []
        config.write_text(
            with_settings(
                text,
                {
                    "site_dir": (work / "site").relative_to(root).as_posix(),
                    "docs_dir": docs.relative_to(root).as_posix(),
                    "site_description": nav.description(site.data),
                    "nav": nav.adapt_nav(mkdocs_nav, site.data),
                },
            ),
            encoding="utf-8",
        )
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
        command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", str(config)]
        done = subprocess.run(command, cwd=root, env=env)
        if done.returncode:
            raise RuntimeError(f"zensical build exited with {done.returncode}")
        shutil.move(str(work / "site"), str(output))
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    write_outputs(site, output)


def main() -> int:
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site-zensical")
    return build_and_swap(settings.REPO_ROOT, site_dir, build_site)


if __name__ == "__main__":
    sys.exit(main())
