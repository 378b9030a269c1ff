"""MkDocs hooks (mkdocs.yml `hooks:`): what mkdocs-macros has no event for.

The national site's generated pages are added to the build's files here, in memory, so
that `mkdocs serve` and `mkdocs build` see the same pages and docs/ is never copied.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from macros import settings
from macros.data.site import current_site
from macros.shell import nav


def on_files(files: Files, config) -> Files:
    for path, markdown in nav.generated_pages(current_site(settings.data_root()).data).items():
        files.append(File.generated(config, path, content=markdown))
    return files
