"""The guidance site's product code.

Layers, each importing only those before it:
settings, text, formatting -> data -> rules -> render -> outputs -> pipeline -> engines -> cli.
`pipeline` renders the pages from data before any engine runs (the pre step); `engines` holds the
thin adapters of MkDocs and Zensical; `outputs` writes the files beside the pages (the post step).
"""
