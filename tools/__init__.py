"""Developer tools: measurements and test helpers. Never imported by macros/."""
