"""Open the store's database from DATABASE_URL: one code path for an SQLite file and for PostgreSQL."""

import os
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url

BUSY_TIMEOUT_MS = 5000  # how long an SQLite writer waits for another worker's transaction, instead of failing
FILL_LOCK = 0x5C0E  # the PostgreSQL advisory lock key of the start-up fill (two replicas starting together)


def normalize_url(raw: str) -> str:
    """Return a SQLAlchemy URL: postgresql:// (or postgres://) goes through psycopg 3; sqlite:/// stays."""
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        return url.render_as_string(hide_password=False)
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {url.drivername!r}")


def _sqlite_events(engine: Engine) -> None:
    """Use WAL and a busy timeout; begin write transactions with BEGIN IMMEDIATE (no upgrade deadlocks)."""

    @event.listens_for(engine, "connect")
    def connect(dbapi_connection, record):
        dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, says when a transaction begins
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")  # a publish that answered 200 survives a power cut
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection):
        immediate = connection.get_execution_options().get("writing")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_engine(url: str) -> Engine:
    """Create an engine for this process (call again after fork: connections never cross processes)."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        _sqlite_events(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4, connect_args={"connect_timeout": 5})


@contextmanager
def writing(engine: Engine, fill_lock: bool = False):
    """Yield a connection in a write transaction: SQLite's write lock up front, or PG's advisory lock if asked."""
    with engine.connect() as connection:
        connection.execution_options(writing=True)
        with connection.begin():
            if fill_lock and engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FILL_LOCK})
            yield connection


def is_sqlite(engine: Engine) -> bool:
    """Say whether the store is the embedded SQLite file."""
    return engine.dialect.name == "sqlite"
