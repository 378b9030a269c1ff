"""The guidance site's product code, loaded by mkdocs-macros (`module_name: macros`).

Layers, each importing only those before it:
settings, text, formatting -> data -> rules -> render -> outputs -> shell -> cli.
This face only hands mkdocs-macros its entry points.
"""

from macros.shell.macros import define_env, on_post_build

__all__ = ["define_env", "on_post_build"]
