"""Files written beside the pages: the enriched search index, /api/ JSON, calendar feeds."""
