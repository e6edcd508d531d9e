"""Resolution: normalisation keys, the catalog, and one node per real-world entity."""
