"""Where a fact becomes Markdown or HTML for a page."""
