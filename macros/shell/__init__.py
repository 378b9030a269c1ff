"""The only code that knows MkDocs: the mkdocs-macros entry points and the nav/config for a build."""
