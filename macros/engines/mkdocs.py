"""The site built by MkDocs: mkdocs.yml with the project's hooks (macros/engines/mkdocs_hooks.py),
which run the pre step before MkDocs reads the pages and the post step after it writes them."""

from __future__ import annotations

import os
from pathlib import Path


def build_site(root: Path, output: Path, config_file: str = "mkdocs.yml") -> None:
    """Build the site into `output` (must not exist). Raises on any warning or error."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(root / config_file), strict=True, site_dir=str(output))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
