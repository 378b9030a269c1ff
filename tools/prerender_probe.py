"""Can the project render its own pages before the engine runs? (issue 21, a probe for the design)

`python -m tools.prerender_probe OUT [--engine mkdocs|zensical]` (Zensical: with the Python of
.venv-zensical) does what a "pre" step would:

1. renders every page of docs/ (and the national site's generated pages) with the project's own
   Jinja environment and the same registry as define_env (`macros.shell.macros.register`), front
   matter kept as written;
2. writes them, with docs/assets, into OUT/docs, and a copy of mkdocs.yml into OUT/mkdocs.yml
   with this build's nav and description, its docs_dir set there, and neither the macros plugin
   nor the hooks (nothing is left for them to do);
3. builds that with the engine into OUT/site and runs the writers (api/, feeds, search
   additions) as on_post_build does.

Compare OUT/site with `make build`'s site/ for the same SITE_DATE and PROVINCE with
`python -m tools.site_hash site OUT/site`: every file the same means the engine needs no macros
plugin and no hooks, only Markdown, the theme and its configuration.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

from macros import settings
from macros.cli.zensical import _TagBlindLoader, with_settings
from macros.data.site import current_site
from macros.outputs.writers import write_outputs
from macros.render import markup
from macros.shell import nav
from macros.shell.macros import register

FRONT_MATTER_END = "\n---\n"


class ProjectEnv:
    """What `register` needs of mkdocs-macros' env: variables, macro and filter decorators, the
    configuration it adapts, and the page being rendered."""

    def __init__(self, conf: dict):
        self.variables: dict = {}
        self.macros: dict = {}
        self.filters: dict = {}
        self.conf = conf
        self.page = None

    def macro(self, function, name: str = ""):
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function, name: str = ""):
        self.filters[name or function.__name__] = function
        return function


def split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n") and FRONT_MATTER_END in text[3:]:
        end = text.index(FRONT_MATTER_END, 3) + len(FRONT_MATTER_END)
        return text[:end], text[end:]
    return "", text


def render_pages(root: Path, conf: dict) -> dict[str, str]:
    """docs path -> Markdown with every macro expanded, for this build's site."""
    site = current_site(settings.data_root(root))
    env = ProjectEnv(conf)
    register(env, site)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    jinja.filters.update(env.filters)
    jinja.globals.update(env.macros)
    sources = {
        p.relative_to(root / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.md")
    }
    sources = dict(sorted(sources.items())) | nav.generated_pages(site.data)  # added in this order
    pages = {}
    for path, text in sources.items():
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=path, content_string=text), markdown=text)
        front, body = split_front_matter(text)
        pages[path] = front + jinja.from_string(body).render(env.variables)
    return pages


def stage(root: Path, out: Path, engine: str) -> Path:
    """OUT/docs and OUT/mkdocs.yml; returns the config file."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    conf = yaml.load(text, Loader=_TagBlindLoader)
    # Zensical rewrites raw HTML hrefs from the .md file: markup writes them from the source there.
    # A module-wide switch, so it is set for the rendering only (the writers after the build write
    # site-relative links whatever the engine).
    markup.HREFS_FROM_SOURCE = engine == "zensical"
    try:
        pages = render_pages(root, conf)  # register() adapts conf's nav and description for MkDocs
    finally:
        markup.HREFS_FROM_SOURCE = False
    docs = out / "docs"
    shutil.copytree(root / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(root / "overrides", out / "overrides")  # Zensical: custom_dir beside the config
    for path, markdown in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown, encoding="utf-8")
    site = current_site(settings.data_root(root))
    plugins = [p for p in conf["plugins"] if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    values = {
        "docs_dir": "docs",
        "site_dir": "site",
        "site_description": conf["site_description"],
        "nav": conf["nav"]
        if engine == "mkdocs"
        else nav.adapt_nav(yaml.load(text, Loader=_TagBlindLoader)["nav"], site.data),
        "plugins": plugins,
        "hooks": [],
        "watch": [],
        "theme": {**conf["theme"], "custom_dir": "overrides"},
    }
    config = out / "mkdocs.yml"
    config.write_text(with_settings(text, values), encoding="utf-8")
    return config


def build_with_hooks(root: Path, out: Path) -> int:
    """mkdocs.yml as it is but for the macros plugin and the hooks: tools/prerender_hooks.py gives
    MkDocs the rendered pages in memory and runs the writers."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    conf = yaml.load(text, Loader=_TagBlindLoader)
    plugins = [p for p in conf["plugins"] if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    config = root / f".prerender-{out.name}.yml"
    config.write_text(
        with_settings(text, {"plugins": plugins, "hooks": ["tools/prerender_hooks.py"], "site_dir": str(out / "site")}),
        encoding="utf-8",
    )
    try:
        build(load_config(str(config), strict=True))
    finally:
        config.unlink()
    print(f"Built {out / 'site'} with the pages given in memory (tools/prerender_hooks.py).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.prerender_probe")
    parser.add_argument("out", type=Path)
    parser.add_argument("--engine", choices=["mkdocs", "mkdocs-hooks", "zensical"], default="mkdocs")
    args = parser.parse_args(argv)
    root = settings.REPO_ROOT
    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if args.engine == "mkdocs-hooks":
        return build_with_hooks(root, out)
    config = stage(root, out, args.engine)
    if args.engine == "mkdocs":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(config), strict=True))
    else:  # run with the Zensical venv's Python
        env = dict(os.environ, PYTHONPATH=str(root))
        command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", str(config)]
        subprocess.run(command, cwd=out, env=env, check=True)
    write_outputs(current_site(settings.data_root(root)), out / "site")
    print(f"Built {out / 'site'} from {len(list((out / 'docs').rglob('*.md')))} pre-rendered pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
