"""Sync cursors that name the state a client holds, so that no clock decides what it has missed."""

import base64
import binascii
import hashlib
import zlib
from dataclasses import dataclass

import orjson

from api.i18n.catalogs import Catalog

CURSOR_PREFIX = "c2."  # c1 cursors (a date and a position) could miss changes; they are refused
MAX_STATE_BYTES = 65536  # a cursor's state, decompressed; more is not one of ours


class CursorError(ValueError):
    """A since= value this server did not hand out."""


class ExpiredCursor(CursorError):
    """A cursor of an older format: the app must sync again from its bundle."""


@dataclass(frozen=True)
class SyncState:
    """What a client holds: a token per locale (its catalogs and review records) and a version per topic.

    scope is the one locale the client follows, or "*" for all of them. A paging cursor also names the
    server state it was paging towards (target) and the last (locale, topic) it delivered (after).
    """

    scope: str
    tokens: dict[str, str]
    versions: dict[str, int]
    target: str | None = None
    after: tuple[str, str] | None = None

    def digest(self) -> str:
        """Return a short digest of the held state (tokens and versions only)."""
        raw = orjson.dumps([self.tokens, self.versions], option=orjson.OPT_SORT_KEYS)
        return hashlib.blake2b(raw, digest_size=8).hexdigest()


def locale_token(catalogs: dict[str, Catalog | None], chain: tuple[str, ...]) -> str:
    """Return the token of everything a locale's representations depend on: its chain's catalogs and reviews."""
    parts = [[tag, c.revision, repr(c.review)] for tag in chain if (c := catalogs.get(tag)) is not None]
    return hashlib.blake2b(orjson.dumps(parts), digest_size=8).hexdigest()


def encode_cursor(state: SyncState) -> str:
    """Return the opaque cursor that hands this state back to the server."""
    body = {"s": state.scope, "l": state.tokens, "v": state.versions}
    if state.after is not None:
        body |= {"t": state.target, "a": list(state.after)}
    packed = zlib.compress(orjson.dumps(body), 9)  # hex tokens and repeated topic ids halve
    return CURSOR_PREFIX + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode_cursor(cursor: str) -> SyncState:
    """Return the state a cursor names, or raise CursorError (ExpiredCursor for an older format)."""
    if not cursor.startswith(CURSOR_PREFIX):
        raise ExpiredCursor("this cursor is of an older format or not one of ours: sync again from the bundle")
    try:
        text = cursor.removeprefix(CURSOR_PREFIX)
        inflate = zlib.decompressobj()
        raw = inflate.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), MAX_STATE_BYTES)
        if inflate.unconsumed_tail or not inflate.eof:
            raise ValueError("not a whole cursor")
        body = orjson.loads(raw)
        scope, tokens, versions = body["s"], body["l"], body["v"]
        after = tuple(body["a"]) if "a" in body else None
        target = body.get("t")
    except (binascii.Error, zlib.error, orjson.JSONDecodeError, ValueError, KeyError, TypeError):
        raise CursorError("not a cursor this server handed out") from None
    valid = (
        isinstance(scope, str)
        and isinstance(tokens, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in tokens.items())
        and isinstance(versions, dict)
        and all(isinstance(k, str) and type(v) is int for k, v in versions.items())
        and (after is None or (len(after) == 2 and all(isinstance(p, str) for p in after) and isinstance(target, str)))
    )
    if not valid:
        raise CursorError("not a cursor this server handed out")
    return SyncState(scope, tokens, versions, target, after)
