"""Command-line groups added to `flask --app api`: openapi, catalogs and content."""
