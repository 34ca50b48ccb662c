"""Sync cursors of constant size: the store's identity, its publish sequence, the scope, and a paging position.

c3.<store>.<sequence>.<locale or ~>.<topics digest>[.<target sequence>.<offset>]

No clock decides what a client has missed: the sequence counts publishes in one store. A cursor stays under
MAX_CURSOR characters whatever the size of the library, so it fits any request line.
"""

import hashlib
import re
from dataclasses import dataclass

CURSOR_PREFIX = "c3."  # c1 (a date) and c2 (every topic's version) cursors are refused: sync again
MAX_CURSOR = 64
ALL_LOCALES = "*"
PATTERN = re.compile(
    r"c3\.(?P<store>[0-9a-f]{10})\.(?P<seq>-|[0-9a-z]{1,12})\.(?P<scope>~|[A-Za-z0-9-]{1,20})\.(?P<topics>[0-9a-f]{8})?"
    r"(?:\.(?P<target>[0-9a-z]{1,12})\.(?P<offset>[0-9a-z]{1,8}))?"
)


class CursorError(ValueError):
    """A since= value this server did not hand out."""


class ExpiredCursor(CursorError):
    """A cursor of an older format: the app must sync again from its bundle."""


@dataclass(frozen=True)
class SyncState:
    """What a client holds: everything in its scope as of sequence seq of one store (None: nothing yet).

    scope is the one locale the client follows, or "*" for all of them; topics is the digest of the topics it
    follows ("" for all). A paging cursor also names the sequence this round pages towards and how many of the
    round's changes it has delivered.
    """

    store: str
    seq: int | None
    scope: str
    topics: str = ""
    target: int | None = None
    offset: int = 0


def store_digest(identity: str) -> str:
    """Return the short name of a store's identity that cursors carry."""
    return hashlib.blake2b(identity.encode(), digest_size=5).hexdigest()


def topics_digest(topics: tuple[str, ...] | None) -> str:
    """Return the short name of a subscription (a set of topic ids), or "" for the whole library."""
    if topics is None:
        return ""
    return hashlib.blake2b(",".join(sorted(set(topics))).encode(), digest_size=4).hexdigest()


def base36(number: int) -> str:
    """Return a whole number in base 36 (lower case)."""
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
        if not number:
            return digits


def encode_cursor(state: SyncState) -> str:
    """Return the opaque cursor that hands this state back to the server."""
    seq = "-" if state.seq is None else base36(state.seq)
    scope = "~" if state.scope == ALL_LOCALES else state.scope
    cursor = f"{CURSOR_PREFIX}{state.store}.{seq}.{scope}.{state.topics}"
    if state.target is not None:
        cursor += f".{base36(state.target)}.{base36(state.offset)}"
    return cursor


def decode_cursor(cursor: str) -> SyncState:
    """Return the state a cursor names, or raise CursorError (ExpiredCursor for an older format)."""
    if not cursor.startswith(CURSOR_PREFIX):
        raise ExpiredCursor("this cursor is of an older format or not one of ours: sync again from the bundle")
    found = PATTERN.fullmatch(cursor) if len(cursor) <= MAX_CURSOR else None
    if found is None:
        raise CursorError("not a cursor this server handed out")
    seq, target = found["seq"], found["target"]
    return SyncState(
        found["store"],
        None if seq == "-" else int(seq, 36),
        ALL_LOCALES if found["scope"] == "~" else found["scope"],
        found["topics"] or "",
        None if target is None else int(target, 36),
        0 if target is None else int(found["offset"], 36),
    )
