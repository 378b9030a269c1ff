"""`make lighthouse`: Lighthouse (pinned in package-lock.json here) on four pages."""
