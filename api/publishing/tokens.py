"""Translator tokens from TRANSLATOR_TOKENS: who may publish which locale's catalog."""

import hashlib
import hmac
import json
from dataclasses import dataclass

from marshmallow import Schema, ValidationError, fields, validate

from api.errors import SettingError, field_errors


class TokenSchema(Schema):
    sha256 = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    locales = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


@dataclass(frozen=True)
class Token:
    name: str
    digest: bytes
    locales: frozenset[str]

    def allows(self, locale: str) -> bool:
        """Say whether this token may write the locale's catalog."""
        return "*" in self.locales or locale in self.locales


def parse_tokens(raw: str | None) -> tuple[Token, ...]:
    """Read TRANSLATOR_TOKENS: {"name": {"sha256": "<hex of the secret>", "locales": ["es"] or ["*"]}}."""
    if not raw:
        return ()
    try:
        data = fields.Dict(keys=fields.String(), values=fields.Nested(TokenSchema)).deserialize(json.loads(raw))
    except (ValueError, ValidationError) as error:
        raise SettingError(f"TRANSLATOR_TOKENS: {field_errors(getattr(error, 'messages', str(error)))}") from None
    return tuple(Token(name, bytes.fromhex(t["sha256"]), frozenset(t["locales"])) for name, t in data.items())


def identify(tokens: tuple[Token, ...], secret: str) -> Token | None:
    """Return the token whose secret this is, comparing every digest in constant time."""
    digest = hashlib.sha256(secret.encode("utf-8", "surrogateescape")).digest()
    found = None
    for token in tokens:
        if hmac.compare_digest(token.digest, digest):
            found = token
    return found
