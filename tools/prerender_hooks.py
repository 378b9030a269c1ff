"""MkDocs hooks for tools/prerender_probe.py (`--engine mkdocs-hooks`): the same pre-rendered pages,
given to MkDocs in memory instead of a staged folder, as a thin MkDocs adapter would, so that
`mkdocs serve` renders them again from data on every rebuild (MkDocs reloads its configuration,
and so calls on_config, for each one) and runs the same writers after each build.

on_config renders every page (tools.prerender_probe.render_pages) and sets the nav and the
description; on_files puts each rendered page in place of its docs/ source (same path) and adds the
national site's pages; on_post_build runs the writers. No macros plugin and no other hook.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from macros import settings
from macros.data.site import current_site
from macros.outputs.writers import write_outputs

_rendered: dict[str, str] = {}


def on_config(config):
    from tools.prerender_probe import render_pages

    conf = {"nav": config["nav"], "site_description": config["site_description"]}
    _rendered.clear()
    _rendered.update(render_pages(settings.REPO_ROOT, conf))
    config["nav"] = conf["nav"]
    config["site_description"] = conf["site_description"]
    return config


def on_files(files: Files, config) -> Files:
    """Each source replaced where it stands (the sitemap and the search index follow this order),
    the national site's pages added after them."""
    kept = [
        File.generated(config, f.src_uri, content=_rendered[f.src_uri]) if f.src_uri in _rendered else f for f in files
    ]
    known = {f.src_uri for f in files}
    added = [File.generated(config, path, content=text) for path, text in _rendered.items() if path not in known]
    return Files(kept + added)


def on_post_build(config) -> None:
    write_outputs(current_site(settings.data_root()), Path(config["site_dir"]))
