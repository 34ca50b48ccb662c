"""The contract: openapi.yaml generated from the response schemas and the route descriptions."""
