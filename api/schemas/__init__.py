"""marshmallow response schemas: they validate every body at build time and generate openapi.yaml."""
