"""The only code that imports an engine: MkDocs (hooks) and Zensical (a staged folder)."""
