"""Command-line groups added to `flask --app api`: openapi and catalogs."""
