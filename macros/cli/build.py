"""`python -m macros.cli.build [SITE_DIR]`: check data, build strictly elsewhere, then swap.

A failed build never touches the existing site: we build into a fresh
sibling folder and only replace SITE_DIR once everything succeeded.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from macros import settings
from macros.data.site import current_site
from macros.data.yamlsource import DataFileError


def build_site(root: Path, output: Path, config_file: str = "mkdocs.yml") -> None:
    """Build the site into `output` (must not exist). Raises on any warning or error.

    The data comes from DATA_ROOT when set (e.g. synthetic data), else from `root`. The files
    written beside the pages (search index, api/, feeds) come from the macros module's
    `on_post_build`, as in `mkdocs serve`.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(root / config_file), strict=True, site_dir=str(output))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build_and_swap(root: Path, site_dir: Path, builder=build_site) -> int:
    """Check the data, build with `builder` (this MkDocs build, or macros.cli.zensical's) beside
    SITE_DIR, then swap it in."""
    try:  # the data is checked and loaded once: build_site reuses the loaded site
        current_site(settings.data_root(root))
        problems = []
    except DataFileError as exc:
        problems = [str(issue) for issue in exc.issues]
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{len(problems)} problem(s) in data/: {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    target = staging / "site"
    try:
        builder(root, target)
    except BaseException as exc:  # mkdocs raises SystemExit/Abort on strict failures
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed ({type(exc).__name__}: {exc}); {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        site_dir.rename(old)
    target.rename(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    if old:
        shutil.rmtree(old, ignore_errors=True)
    print(f"Built {site_dir} for {settings.province()} on {settings.site_date().isoformat()}.")
    return 0


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    return build_and_swap(settings.REPO_ROOT, site_dir)


if __name__ == "__main__":
    sys.exit(main())
