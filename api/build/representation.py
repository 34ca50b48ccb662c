"""A representation: response bytes validated against their schema, with a strong ETag and a date."""

import gzip
import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cached_property

import orjson


class BuildError(Exception):
    """A representation that does not match its published schema."""


@dataclass(frozen=True)
class Representation:
    body: bytes
    etag: str  # strong entity tag, without quotes
    modified: datetime | None  # an exact change date, or None: then the ETag is the only validator
    content_language: str | None = None
    media_type: str = "application/json"

    @cached_property
    def gzipped(self) -> "Representation":
        """Return this representation gzip-compressed (built once, on first use), with its own ETag."""
        return replace(self, body=gzip.compress(self.body, mtime=0), etag=self.etag + "-gzip")

    @property
    def last_modified(self) -> str | None:
        """Return the Last-Modified header value, or None when the representation has no exact date."""
        return None if self.modified is None else format_datetime(self.modified, usegmt=True)


def encode(body: dict, schema: type | None, modified=None, content_language: str | None = None) -> Representation:
    """Validate a body against its schema (unless None) and freeze it as JSON bytes with an ETag.

    Content built from catalogs has no exact change date (PO-Revision-Date is written by hand, to the
    minute), so it is encoded with modified=None and revalidated by its ETag alone.
    """
    if schema is not None and (errors := schema().validate(body)):
        raise BuildError(f"{schema.__name__}: {errors}")
    raw = orjson.dumps(body)
    modified = None if modified is None else min(modified, datetime.now(UTC)).replace(microsecond=0)
    return Representation(raw, hashlib.blake2b(raw, digest_size=16).hexdigest(), modified, content_language)


def freeze_html(html: str, modified: datetime | None, content_language: str) -> Representation:
    """Freeze an HTML fragment as bytes with an ETag."""
    raw = html.encode("utf-8")
    etag = hashlib.blake2b(raw, digest_size=16).hexdigest()
    return Representation(raw, etag, modified, content_language, "text/html; charset=utf-8")
