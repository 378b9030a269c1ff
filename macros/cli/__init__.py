"""What `make` runs for editors: build, check-data, schemas, freshness, new-province."""
