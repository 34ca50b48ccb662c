"""Make the store and move its state row: create the tables once, refuse another schema, bump the publish sequence."""

import secrets
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from api.store.schema import SCHEMA_VERSION, metadata, sources, state


def now() -> str:
    """Return the time of day for records, in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class SchemaMismatch(Exception):
    """The store was made by another version of these tables."""


def create(connection: Connection) -> None:
    """Create missing tables and the state row (inside the caller's write transaction), or refuse another schema."""
    metadata.create_all(connection, checkfirst=True)
    if connection.execute(select(state.c.id)).first() is None:
        connection.execute(insert(state).values(id=1, identity=secrets.token_hex(8), sequence=0, created_at=now()))
        connection.execute(insert(sources).values(name="schema", digest=SCHEMA_VERSION))
    elif connection.execute(select(sources.c.digest).where(sources.c.name == "schema")).scalar() != SCHEMA_VERSION:
        raise SchemaMismatch(f"the store ({connection.engine.url!r}) has another schema than {SCHEMA_VERSION}: export "
                             "its catalogs with the version that made it, then delete it; it refills")  # fmt: skip


def bump(connection: Connection) -> int:
    """Advance the publish sequence in this transaction (which also serializes publishers) and return it."""
    connection.execute(state.update().where(state.c.id == 1).values(sequence=state.c.sequence + 1))
    return connection.execute(select(state.c.sequence).where(state.c.id == 1)).scalar_one()
