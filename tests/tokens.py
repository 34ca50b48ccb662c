"""Translator tokens the tests configure: one for Spanish, one for French."""

import hashlib
import json

SECRET, OTHER = "es-secret-value", "fr-secret-value"
TOKENS = json.dumps(
    {
        "maria": {"sha256": hashlib.sha256(SECRET.encode()).hexdigest(), "locales": ["es"]},
        "jean": {"sha256": hashlib.sha256(OTHER.encode()).hexdigest(), "locales": ["fr"]},
    }
)
AUTH = {"Authorization": f"Bearer {SECRET}"}
