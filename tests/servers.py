"""Real servers that tests start and stop: a throwaway PostgreSQL cluster on a free port.

`postgres_url` (session fixture) yields a plain postgresql://postgres@127.0.0.1:PORT/postgres; `PostgresCluster`
can be used directly (the fleet tests restart it). PostgreSQL refuses to run as root, so as root the cluster
runs as the postgres user (runuser). The fixture skips only when the binaries are absent.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

INSTALLED = sorted(
    Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0
)
PG_BIN = Path(os.environ.get("PG_BIN", INSTALLED[-1] if INSTALLED else "/usr/lib/postgresql/15/bin"))  # Debian's newest


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    """initdb in a temporary directory, then start, stop and restart a postgres on 127.0.0.1:port."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="pg-test-"))
        self.data, self.port = self.root / "data", free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def _run(self, *argv, check=True):
        argv = [str(a) for a in argv]
        if self.as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=check, cwd=self.root)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "log", "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop", check=False)

    def psql(self, sql: str) -> str:
        """Run one SQL command as the superuser; return its output."""
        return self._run(PG_BIN / "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres",
                         "-At", "-c", sql).stdout  # fmt: skip

    def fresh_database(self) -> str:
        """Create an empty database and return its URL (one per test keeps tests apart)."""
        name = f"t{time.monotonic_ns()}"
        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + "/" + name

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def postgres_available() -> bool:
    return (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists()


@pytest.fixture(scope="session")
def postgres_cluster():
    """A running PostgreSQL for the session, or a skip when its binaries are not installed."""
    if not postgres_available():
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql)")
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def postgres_url(postgres_cluster) -> str:
    """The URL of an empty database of the session's cluster, for one test."""
    return postgres_cluster.fresh_database()


def pinned_entries(data_dir) -> int:
    """Return how many revision URLs the SQLite stores in a data directory (CATALOG_HISTORY_DIR) keep bytes for."""
    count = 0
    for path in Path(data_dir).glob("store*.sqlite3"):
        with sqlite3.connect(path) as db:
            count += db.execute("SELECT count(*) FROM pinned").fetchone()[0]
    return count
