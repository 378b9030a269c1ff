"""MkDocs hooks (mkdocs.yml `hooks:`): the thin adapter that gives MkDocs the project's own steps.

- `on_config` runs the pre step (macros.pipeline.pages): every page rendered from data, the nav
  and the description for this province. MkDocs loads its configuration again for every rebuild
  of `mkdocs serve`, so an edit of data/ shows at once.
- `on_files` puts each rendered page in place of its docs/ source, where it stands (the order of
  the files is the order of sitemap.xml), and adds the national site's pages after them.
- `on_post_build` runs the post step (macros.outputs.writers): api/, feeds, the finder's files,
  the search index and every page's policy, in `mkdocs build` and `mkdocs serve` alike (for
  `serve`, the policy allows its live-reload script: macros/outputs/policy.py).

Nothing outside the repository reaches site/: before MkDocs walks docs/, a symbolic link or a
special file in docs/ or overrides/ stops the build by name; and `on_files` drops nothing
silently: a file that resolves outside its folder stops it too (`make build` and `make check-data`
refuse the same earlier, in macros.cli.check).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros import settings
from macros.data import files as data_files
from macros.data.site import current_site
from macros.data.yamlsource import DataFileError
from macros.outputs.writers import write_outputs
from macros.pipeline import site_config
from macros.pipeline.pages import render_pages, search_settings
from macros.pipeline.problems import PageProblems
from macros.render import markup

COPIED_FOLDERS = ("docs", "overrides")

_command = {"name": "build"}
_rendered: dict[str, str] = {}
_built: dict[str, Any] = {}


def on_startup(command, dirty):
    _command["name"] = command


def _root(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def _site(config):
    """The data of the repository that holds mkdocs.yml (or DATA_ROOT's)."""
    try:
        return current_site(settings.data_root(_root(config)))
    except DataFileError as exc:  # `mkdocs serve` without `make`: the same lines as make check-data
        raise PluginError("\n".join(str(issue) for issue in exc.issues)) from None
    except settings.SettingError as exc:
        raise PluginError(str(exc)) from None


def on_config(config):
    problems = [line for folder in COPIED_FOLDERS for line in data_files.tree_problems(_root(config), folder)]
    if problems:
        raise PluginError("\n".join(problems))
    site = _site(config)
    try:
        pages = render_pages(site, Path(config["docs_dir"]), "served")
    except PageProblems as exc:
        if _command["name"] == "serve":  # MkDocs prints it as an error and keeps serving
            raise PluginError(str(exc)) from None
        raise  # macros.cli.build prints each line
    _rendered.clear()
    _rendered.update(pages)
    _built.update(site=site, search=search_settings(pages))
    if config["nav"]:
        config["nav"] = site_config.adapt_nav(config["nav"], site.data, as_html=True)
    # The public address, or none (a local build: no canonical link, no sitemap address to 127.0.0.1).
    config["site_url"] = settings.site_url()
    # Material prints `config.site_description` into <meta content="..."> as it is: escaped here.
    config["site_description"] = str(markup.escape(site_config.description(site.data)))
    return config


def on_files(files: Files, config) -> Files:
    docs = Path(config["docs_dir"]).resolve()
    for file in files:
        source = getattr(file, "abs_src_path", None)
        if source and Path(source).is_relative_to(docs) and data_files.refused(docs, Path(source)):
            raise PluginError(f"docs/{file.src_uri}:1: (file): {data_files.refused(docs, Path(source))}")
    kept = [
        File.generated(config, f.src_uri, content=_rendered[f.src_uri]) if f.src_uri in _rendered else f for f in files
    ]
    known = {f.src_uri for f in files}
    added = [File.generated(config, path, content=text) for path, text in _rendered.items() if path not in known]
    return Files(kept + added)


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


def on_post_build(config) -> None:
    _rendered.clear()
    write_outputs(_built["site"], Path(config["site_dir"]), _built["search"], live_reload=_command["name"] == "serve")
