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
PO_TYPE = {"Content-Type": "text/x-gettext-translation"}


def publish_headers(based_on: bytes, auth: dict = AUTH) -> dict:
    """Return a translator's PUT headers: the token, the PO type, and If-Match on the catalog the upload edits."""
    from api.i18n.repository import revision_of

    return {**auth, **PO_TYPE, "If-Match": f'"{revision_of(based_on)}"'}
