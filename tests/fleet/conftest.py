"""The fleet: one PostgreSQL, one Redis, three gunicorn replicas and the shipped nginx front, for the module.

Each replica has its own copy of the repository's catalogs and its own data directory, as on separate
machines: whatever they agree on, they agree on through the store (DATABASE_URL).
"""

import contextlib
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
import requests

from tests.fleet.servers import ROOT, Replica, Watchdog, start_front, start_redis
from tests.fleet.spread import SECTION, served_text, wait_until_served  # noqa: F401 (imported from here by tests)
from tests.servers import PG_BIN, PostgresCluster, postgres_available
from tests.test_nginx import stop_nginx
from tests.test_sync import ALL_TOKENS, ANY_AUTH
from tests.test_sync_property import with_unit
from tests.tokens import publish_headers

VERBS = ["ceden", "remiten", "se alivian", "mejoran", "se calman"]
ENDINGS = ["con masaje suave", "con paciencia", "con calor suave", "con descanso", "con agua y descanso",
           "con estiramientos", "con reposo y calma", "con calor y descanso", "con paseos", "con sueño"]  # fmt: skip
MARKS = [f"Estos tipos de espasmos {verb} {ending}." for ending in ENDINGS for verb in VERBS]  # 50, all distinct
_next_mark = itertools.count()


def next_mark() -> str:
    """Return a Spanish text for the watched unit that no publish of this session has used."""
    return MARKS[next(_next_mark) % len(MARKS)]


def publish(base: str, text: str, timeout: float = 30) -> requests.Response:
    """Publish Spanish with the watched unit set to text, based on what this server serves (If-Match)."""
    return put_catalog(base, requests.get(base + "/v1/catalogs/es", timeout=timeout).content, text, timeout)


def put_catalog(base: str, current: bytes, text: str, timeout: float = 30) -> requests.Response:
    """PUT the Spanish catalog current with the watched unit set to text, If-Match current's revision."""
    headers = publish_headers(current, ANY_AUTH)
    return requests.put(base + "/v1/catalogs/es", data=with_unit(current, text), headers=headers, timeout=timeout)


@contextlib.contextmanager
def reading(urls: list[str], threads: int = 2, most: int = 20_000):
    """Read urls round and round in threads while the block runs; yield the list of statuses (or errors) seen."""
    statuses, stop = [], threading.Event()

    def read():
        while not stop.is_set() and len(statuses) < most:
            for url in urls:
                try:
                    statuses.append(requests.get(url, timeout=30).status_code)
                except requests.RequestException as error:
                    statuses.append(type(error).__name__)

    readers = [threading.Thread(target=read) for _ in range(threads)]
    for reader in readers:
        reader.start()
    try:
        yield statuses
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)


def deploy(env: dict) -> None:
    """Run the documented deploy step: the repository's content, then its catalogs, into the store."""
    for what in ("content", "catalogs"):
        command = [sys.executable, "-m", "flask", "--app", "api", what, "import"]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr.decode()[-2000:]


class Fleet:
    """Three replicas over one store, Redis for the rate limits, nginx in front."""

    def __init__(self, postgres: PostgresCluster, size: int = 3):
        self.root = Path(tempfile.mkdtemp(prefix="fleet-", dir="/tmp"))
        self.postgres, self.size = postgres, size
        self.redis = self.nginx = None
        self.replicas: list[Replica] = []
        self.watchdog = Watchdog(self.root / "watchdog.json")  # replicas die with the tests; Redis and nginx not

    def start(self) -> None:
        """Start Redis, run the deploy step, start the replicas side by side, then nginx in front of them."""
        database = self.postgres.fresh_database()
        self.redis, redis_uri = start_redis()
        self.watchdog.arm([self.redis.pid], [["rm", "-rf", str(self.root)]])
        common = {"DATABASE_URL": database, "RATELIMIT_STORAGE_URI": redis_uri, "TRUSTED_PROXY_HOPS": "1",
                  "TRANSLATOR_TOKENS": ALL_TOKENS, "WRITE_RATE_LIMIT": "1000 per minute", "WEB_CONCURRENCY": "2",
                  "LATEST_MAX_AGE": "1", "LATEST_STALE_WHILE_REVALIDATE": "0"}  # fmt: skip
        self.replicas = [self.replica(f"r{i}", common) for i in range(self.size)]
        deploy({**os.environ, **self.replicas[0].env})
        for replica in self.replicas:
            replica.launch()
        for replica in self.replicas:
            replica.wait_ready()
        self.nginx, self.front, self.nginx_run = start_front([r.base.removeprefix("http://") for r in self.replicas])
        self.watchdog.arm([self.redis.pid, self.nginx.pid], [["rm", "-rf", str(self.root), str(self.nginx_run)]])

    def replica(self, name: str, common: dict) -> Replica:
        data = self.root / name
        shutil.copytree(ROOT / "translations", data / "translations", ignore=shutil.ignore_patterns(".history"))
        env = {**common, "DATA_DIR": str(data), "TRANSLATIONS_DIR": str(data / "translations"),
               "CATALOG_HISTORY_DIR": str(data / "history"), "PINNED_ARCHIVE_DIR": str(data / "pinned"),
               "PARSE_CACHE_DIR": str(data / "parse-cache")}  # fmt: skip
        return Replica(name, env, data)

    @property
    def bases(self) -> list[str]:
        return [replica.base for replica in self.replicas]

    def close(self) -> None:
        """Stop whatever started, even after a failed start."""
        self.watchdog.disarm()
        if self.nginx is not None:
            stop_nginx(self.nginx, self.nginx_run)
        for replica in self.replicas:
            replica.stop()
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="package")
def postgres(request):
    """The session's throwaway PostgreSQL cluster (tests/servers.py); in CI its absence is a failure, not a skip."""
    if os.environ.get("CI") and not postgres_available():
        pytest.fail("PostgreSQL is missing: .ci/run installs it")
    cluster = request.getfixturevalue("postgres_cluster")
    watchdog = Watchdog(cluster.root / "watchdog.json")  # pg_ctl's server would outlive tests killed by kill -9
    stop = [*(["runuser", "-u", "postgres", "--"] if cluster.as_root else []), str(PG_BIN / "pg_ctl"), "-D",
            str(cluster.data), "-m", "immediate", "stop"]  # fmt: skip
    watchdog.arm([], [stop, ["rm", "-rf", str(cluster.root)]])
    yield cluster
    watchdog.disarm()


@pytest.fixture(scope="package")
def fleet(postgres):
    fleet = Fleet(postgres)
    try:
        fleet.start()
        yield fleet
    finally:
        fleet.close()
