"""Load, validate and walk the English source content."""
