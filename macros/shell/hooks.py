"""MkDocs hooks (mkdocs.yml `hooks:`): what mkdocs-macros has no event for.

The national site's generated pages are added to the build's files here, in memory, so
that `mkdocs serve` and `mkdocs build` see the same pages and docs/ is never copied.

Nothing outside the repository reaches site/: before MkDocs walks docs/ (`on_config`),
a symbolic link or a special file in docs/ or overrides/ stops the build by name; and
`on_files` drops nothing silently: a file that resolves outside its folder stops it too.
`make build` and `make check-data` refuse the same earlier, in macros.cli.check.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros import settings
from macros.data import files as data_files
from macros.data.site import current_site
from macros.shell import nav

COPIED_FOLDERS = ("docs", "overrides")


def on_config(config):
    root = Path(config["config_file_path"]).resolve().parent
    problems = [line for folder in COPIED_FOLDERS for line in data_files.tree_problems(root, folder)]
    if problems:
        raise PluginError("\n".join(problems))
    return config


def on_files(files: Files, config) -> Files:
    docs = Path(config["docs_dir"]).resolve()
    for file in files:
        source = getattr(file, "abs_src_path", None)
        if source and Path(source).is_relative_to(docs) and data_files.refused(docs, Path(source)):
            raise PluginError(f"docs/{file.src_uri}:1: (file): {data_files.refused(docs, Path(source))}")
    for path, markdown in nav.generated_pages(current_site(settings.data_root()).data).items():
        files.append(File.generated(config, path, content=markdown))
    return files


# MkDocs holds every page's Markdown and HTML until the build ends; the national site's 34 lists of
# units make that the build's peak memory. A page's Markdown (macros expanded) is not read again once
# it is HTML, nor its HTML once the page is written (links and anchors are checked from what MkDocs
# noted while rendering). Markdown becomes "", not None: MkDocs reads None as "no title yet".


def on_page_content(html, page, config, files):
    page.markdown = ""
    return html


def on_post_page(output, page, config):
    page.content = None
    return output
