"""A publish stopped at any one of its database calls leaves catalog, revisions, translations and audit in agreement.

Deterministic fault injection on the store (SQLite, and PostgreSQL when its binaries are installed): every SQL
statement a publish sends, and its commit, is counted, and the publish is stopped at call k, for every k: by
kill -9 semantics (os._exit in a forked child, before or just after the call), or by the call failing as a full
disk does (SQLITE_FULL, once or from then on). Before the commit nothing may show; after it everything must.
"""

import os
import sqlite3
import time

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from api.i18n.repository import revision_of
from api.store import schema
from api.store.engine import open_engine
from api.store.imports import fill
from api.store.reads import Reads
from api.store.rows import catalog_rows
from api.store.writes import StoreUnavailable, publish_catalog

REAL_EXIT = os._exit
HEADER = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def po(text: str) -> bytes:
    return HEADER + f'msgctxt "t/s/u"\nmsgid "Muscle"\nmsgstr "{text}"\n'.encode()


OLDEST, OLD, NEW, THIRD = po("oldest"), po("old"), po("new, corrected"), po("third")
NAMES = {OLD: "old", NEW: "new", THIRD: "third"}


class Faults:
    """Count a publish's statements and its commit; stop or fail the k-th the way `mode` says."""

    def __init__(self, engine, fail_at: int | None, mode: str):
        self.fail_at, self.mode, self.calls = fail_at, mode, []
        event.listen(engine, "before_cursor_execute", lambda c, cur, statement, *a: self.step(statement, "before"))
        event.listen(engine, "after_cursor_execute", lambda c, cur, statement, *a: self.step(statement, "after"))
        event.listen(engine, "commit", lambda c: self.step("COMMIT", "before"))
        event.listen(engine.pool, "checkin", lambda *a: self.after_commit())

    def hit(self) -> bool:
        k = len(self.calls)
        return k == self.fail_at or (self.mode == "full-from" and self.fail_at is not None and k >= self.fail_at)

    def step(self, statement: str, when: str) -> None:
        if when == "before":
            self.calls.append(statement.split()[0])
        if not self.hit():
            return
        if self.mode == f"exit-{when}":
            REAL_EXIT(9)
        if when == "before" and self.mode in ("raise", "full-from"):
            raise OperationalError(statement, None, sqlite3.OperationalError("database or disk is full"))

    def after_commit(self) -> None:
        if self.calls and self.calls[-1] == "COMMIT" and self.hit() and self.mode == "exit-after":
            REAL_EXIT(9)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return lambda name: f"sqlite:///{tmp_path}/{name}.sqlite3"
    cluster = request.getfixturevalue("postgres_cluster")
    return lambda name: cluster.fresh_database()


def store_with_history(url: str, tmp_path):
    """A store whose es catalog was imported (OLDEST) and published once (-> OLD)."""
    translations = tmp_path / "translations"
    (translations / "es" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    (translations / "es" / "LC_MESSAGES" / "content.po").write_bytes(OLDEST)
    engine = open_engine(url)
    fill(engine, tmp_path / "no-content", translations, parts=("catalogs",))
    publish_catalog(engine, "es", OLD, "first")
    return engine


def assert_agreement(url: str) -> str:
    """Assert, on a fresh connection, that every table agrees about es; return which revision is live."""
    engine = open_engine(url)
    try:
        reads = Reads(engine)
        live = reads.catalog_raw("es")
        records = list(reversed(reads.history("es")))
        assert live in NAMES, live
        assert records[-1]["after"] == revision_of(live)  # the audit log names the live revision last
        assert [r["before"] for r in records[1:]] == [r["after"] for r in records[:-1]]  # an unbroken chain
        with engine.connect() as connection:
            kept = set(connection.execute(select(schema.revisions.c.revision)).scalars())
            audited = connection.execute(select(func.count()).select_from(schema.audit)).scalar()
        assert kept == {r["after"] for r in records}  # no more revisions, no less
        assert reads.sequence() == audited  # one bump per publish or import, never half of one
        expected, _, _ = catalog_rows("es", live)
        assert reads.catalog("es").current == {k: v[0] for k, v in expected.items() if v[1] == "translated"}
        return NAMES[live]
    finally:
        engine.dispose()


def counted_steps(url: str, tmp_path) -> list[str]:
    engine = store_with_history(url, tmp_path)
    faults = Faults(engine, None, "count")
    publish_catalog(engine, "es", NEW, "second")
    engine.dispose()
    return faults.calls


def run_in_child(function) -> int:
    """Run function in a forked child (bounded to 20 s); return its exit status."""
    pid = os.fork()
    if pid == 0:
        try:
            function()
        finally:
            REAL_EXIT(0)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.005)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    pytest.fail("the publishing child did not stop in 20 s")


def test_a_publish_is_one_transaction_of_a_few_statements(store_url, tmp_path):
    steps = counted_steps(store_url("count"), tmp_path)
    assert 5 <= len(steps) <= 40, steps
    assert steps[-1] == "COMMIT" and steps.count("COMMIT") == 1


@pytest.mark.parametrize("mode", ["exit-before", "exit-after"])
def test_kill_9_at_every_call_leaves_the_store_in_agreement(store_url, tmp_path, mode):
    steps = counted_steps(store_url("count"), tmp_path)
    outcomes = []
    for k in range(1, len(steps) + 1):
        url = store_url(f"{mode}-{k}")
        engine = store_with_history(url, tmp_path / f"{mode}-{k}")

        def publish(k=k, engine=engine):
            engine.dispose(close=False)  # the child's own connections
            Faults(engine, k, mode)
            publish_catalog(engine, "es", NEW, "second")

        assert run_in_child(publish) == 9, f"step {k} ({steps[k - 1]}) was never reached"
        engine.dispose()
        outcomes.append(assert_agreement(url))  # what any reader, any replica, sees: no recovery step exists
        engine = open_engine(url)
        publish_catalog(engine, "es", THIRD, "third")  # the next publish goes through (the lock died with the child)
        engine.dispose()
        assert assert_agreement(url) == "third"
    last = len(steps)  # the commit
    assert outcomes == ["old"] * (last - 1) + [{"exit-before": "old", "exit-after": "new"}[mode]]


@pytest.mark.parametrize("mode", ["raise", "full-from"])
def test_a_refused_write_at_every_call_changes_nothing(store_url, tmp_path, mode):
    steps = counted_steps(store_url("count"), tmp_path)
    for k in range(1, len(steps) + 1):
        url = store_url(f"{mode}-{k}")
        engine = store_with_history(url, tmp_path / f"{mode}-{k}")
        history = Reads(engine).history("es")
        faults = Faults(engine, k, mode)
        with pytest.raises(StoreUnavailable) as refused:
            publish_catalog(engine, "es", NEW, "second")
        assert refused.value.full and "database or disk is full" in str(refused.value)
        faults.fail_at = None  # space is freed
        assert assert_agreement(url) == "old"
        assert Reads(engine).history("es") == history  # not even a stray audit line
        publish_catalog(engine, "es", THIRD, "third")
        assert assert_agreement(url) == "third"
        engine.dispose()
