"""The pre step: pages rendered from data by the project's own Jinja environment, from the one macro registry."""
