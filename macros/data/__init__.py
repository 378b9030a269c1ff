"""Where a fact lives and is checked: YAML reading, one model per file, references, the dataset."""
