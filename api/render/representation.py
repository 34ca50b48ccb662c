"""A representation: response bytes validated against their schema, with a strong ETag and a date."""

import gzip
import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from functools import cached_property

import orjson


class BuildError(Exception):
    """A representation that does not match its published schema."""


@dataclass(frozen=True)
class Representation:
    body: bytes
    etag: str  # strong entity tag, without quotes
    modified: datetime | None  # when its content last changed, to the day or minute: shown in documents (Atom
    # updated, FHIR date, a handout's footer), never sent as Last-Modified, for it is not exact: the ETag validates
    content_language: str | None = None
    media_type: str = "application/json"

    @cached_property
    def gzipped(self) -> "Representation":
        """Return this representation gzip-compressed (built once, on first use), with its own ETag."""
        return replace(self, body=gzip.compress(self.body, mtime=0), etag=self.etag + "-gzip")


def encode(body: dict, schema: type | None, modified=None, content_language: str | None = None) -> Representation:
    """Validate a body against its schema (unless None) and freeze it as JSON bytes with an ETag.

    modified is shown in documents that carry a date, never used as a validator (see respond.not_modified_since).
    """
    if schema is not None and (errors := schema().validate(body)):
        raise BuildError(f"{schema.__name__}: {errors}")
    raw = orjson.dumps(body)
    modified = None if modified is None else min(modified, datetime.now(UTC)).replace(microsecond=0)
    return Representation(raw, hashlib.blake2b(raw, digest_size=16).hexdigest(), modified, content_language)


def shape(value):
    """Return the shape of a JSON body: its keys and the types of its values, all the way down."""
    if isinstance(value, dict):
        return tuple((k, shape(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(dict.fromkeys(shape(v) for v in value))
    return type(value).__name__


def freeze_html(html: str, modified: datetime | None, content_language: str) -> Representation:
    """Freeze an HTML fragment as bytes with an ETag."""
    raw = html.encode("utf-8")
    etag = hashlib.blake2b(raw, digest_size=16).hexdigest()
    return Representation(raw, etag, modified, content_language, "text/html; charset=utf-8")


def day_start(day: date) -> datetime:
    """Return midnight UTC of a publication date."""
    return datetime.combine(day, time(), UTC)
