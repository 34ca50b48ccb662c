"""HTTP layer: one blueprint per resource, problem+json errors, ready-bytes responses."""
