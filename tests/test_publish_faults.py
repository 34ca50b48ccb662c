"""A publish stopped at any one of its disk calls leaves catalog, archive and audit log in agreement.

Deterministic fault injection: every os call a publish makes that changes the disk (open, write, fsync,
replace, ftruncate, unlink) is counted, and the publish is stopped at call k, for every k: by kill -9
semantics (os._exit in a forked child, before or just after the call), or by the call raising ENOSPC
(in process, once or from then on, as a disk that stays full).
"""

import errno
import json
import os
import time

import pytest

import api.i18n.durable
import api.i18n.repository
from api.i18n.repository import CatalogRepository, StorageError, revision_of

STEPS = ("open", "write", "fsync", "replace", "ftruncate", "unlink")
REAL_OS = os
OLDEST, OLD, NEW, THIRD = b"# oldest\n", b"# old\n", b"# new, corrected\n", b"# third\n"


class FaultyOS:
    """The os module, but its k-th disk-changing call fails the way `mode` says."""

    def __init__(self, fail_at: int | None, mode: str):
        self.fail_at, self.mode, self.calls = fail_at, mode, []

    def __getattr__(self, name):
        real = getattr(REAL_OS, name)
        if name not in STEPS:
            return real

        def step(*args, **kwargs):
            self.calls.append(name)
            k = len(self.calls)
            hit = k == self.fail_at or (self.mode == "full-from" and self.fail_at is not None and k >= self.fail_at)
            if hit and self.mode == "exit-before":
                REAL_OS._exit(9)
            if hit and self.mode in ("raise", "full-from"):
                raise OSError(errno.ENOSPC, REAL_OS.strerror(errno.ENOSPC))
            result = real(*args, **kwargs)
            if hit and self.mode == "exit-after":
                REAL_OS._exit(9)
            return result

        return step


@pytest.fixture
def faulty(monkeypatch):
    def install(fail_at, mode):
        proxy = FaultyOS(fail_at, mode)
        monkeypatch.setattr(api.i18n.durable, "os", proxy)
        monkeypatch.setattr(api.i18n.repository, "os", proxy)
        return proxy

    return install


def repository_with_history(tmp_path) -> CatalogRepository:
    """A repository whose es catalog was published once (OLDEST -> OLD)."""
    live = tmp_path / "translations" / "es" / "LC_MESSAGES" / "content.po"
    live.parent.mkdir(parents=True)
    live.write_bytes(OLDEST)
    repository = CatalogRepository(tmp_path / "translations", tmp_path / "history")
    repository.publish("es", OLD, "first")
    return repository


def assert_agreement(repository: CatalogRepository) -> str:
    """Assert the catalog, the archive and the audit log agree, as readers see them; return which is live."""
    live = repository.current("es")
    records = list(reversed(repository.history("es")))
    assert live in (OLD, NEW, THIRD), live
    assert records[-1]["after"] == revision_of(live)  # the audit log names the live revision last
    assert [r["before"] for r in records[1:]] == [r["after"] for r in records[:-1]]  # an unbroken chain
    archived = {p.stem for p in (repository.history_dir / "es").glob("*.po") if repository.archived("es", p.stem)}
    assert archived == {r["before"] for r in records} | {r["after"] for r in records}  # no more, no less
    for revision in archived:
        assert revision_of(repository.archived("es", revision)) == revision
    return {OLD: "old", NEW: "new", THIRD: "third"}[live]


def assert_clean(repository: CatalogRepository) -> None:
    """Assert recovery left no journal, no staged catalog and no archive file of an undone publish behind."""
    on_disk = {p.stem for p in (repository.history_dir / "es").glob("*.po")}
    assert on_disk == {r[k] for r in repository.history("es") for k in ("before", "after")}
    assert not repository.journal.path.exists()
    assert not list(repository.translations_dir.glob("es/LC_MESSAGES/.*"))


def commit_step(steps: list[str]) -> int:
    """Return the number of the call that commits a publish: the catalog's rename, its last replace."""
    return len(steps) - steps[::-1].index("replace")


def publish_steps(tmp_path, faulty) -> list[str]:
    repository = repository_with_history(tmp_path / "count")
    proxy = faulty(None, "count")
    repository.publish("es", NEW, "second")
    return list(proxy.calls)


def run_in_child(function) -> int:
    """Run function in a forked child (bounded to 10 s); return its exit status."""
    pid = REAL_OS.fork()
    if pid == 0:
        try:
            function()
        finally:
            REAL_OS._exit(0)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, status = REAL_OS.waitpid(pid, REAL_OS.WNOHANG)
        if done:
            return REAL_OS.waitstatus_to_exitcode(status)
        time.sleep(0.005)
    REAL_OS.kill(pid, 9)
    REAL_OS.waitpid(pid, 0)
    pytest.fail("the publishing child did not stop in 10 s")


def test_a_publish_makes_a_known_sequence_of_disk_calls(tmp_path, faulty):
    steps = publish_steps(tmp_path, faulty)
    assert 20 <= len(steps) <= 80, steps  # journal, 1 new archive, staged catalog, audit line, rename, cleanup
    assert "replace" in steps


@pytest.mark.parametrize("mode", ["exit-before", "exit-after"])
def test_kill_9_at_every_disk_call_leaves_catalog_archive_and_audit_in_agreement(tmp_path, faulty, mode):
    steps = publish_steps(tmp_path, faulty)
    outcomes = []
    for k in range(1, len(steps) + 1):
        repository = repository_with_history(tmp_path / f"{mode}-{k}")

        def publish(k=k, repository=repository):
            faulty(k, mode)
            repository.publish("es", NEW, "second")

        assert run_in_child(publish) == 9, f"step {k} ({steps[k - 1]}) was never reached"
        state_seen_by_readers = assert_agreement(repository)  # before any recovery: what a reader sees
        restarted = CatalogRepository(repository.translations_dir, repository.history_dir)  # start-up recovers
        assert assert_agreement(restarted) == state_seen_by_readers
        assert_clean(restarted)
        restarted.publish("es", THIRD, "third")  # and the next publish goes through
        assert assert_agreement(restarted) == "third"
        outcomes.append(state_seen_by_readers)
    commit = commit_step(steps)
    assert outcomes == ["old"] * (commit - 1) + [{"exit-before": "old", "exit-after": "new"}[mode]] + ["new"] * (
        len(steps) - commit
    )  # old until the catalog's rename, new from it on


@pytest.mark.parametrize("mode", ["raise", "full-from"])
def test_a_refused_write_at_every_disk_call_changes_nothing_served(tmp_path, faulty, mode):
    steps = publish_steps(tmp_path, faulty)
    for k in range(1, len(steps) + 1):
        repository = repository_with_history(tmp_path / f"{mode}-{k}")
        audit_before = repository.audit_log.read_bytes()
        faulty(k, mode)
        try:
            repository.publish("es", NEW, "second")
        except StorageError as error:
            assert "No space left on device" in str(error)
            assert repository.current("es") == OLD
            assert repository.history("es")[0]["after"] == revision_of(OLD)
        faulty(None, "count")  # space is freed
        state = assert_agreement(repository)
        if state == "old":
            restarted = CatalogRepository(repository.translations_dir, repository.history_dir)
            assert restarted.audit_log.read_bytes() == audit_before  # not even a stray line
            assert assert_agreement(restarted) == "old"
        else:  # only a failure after the commit point (dropping the journal) may still publish
            assert k > commit_step(steps)
            restarted = CatalogRepository(repository.translations_dir, repository.history_dir)
        assert_clean(restarted)


def test_a_torn_audit_line_is_cut_away_when_the_publish_is_undone(tmp_path):
    repository = repository_with_history(tmp_path)
    offset = repository.audit_log.stat().st_size
    live = repository.translations_dir / "es" / "LC_MESSAGES" / "content.po"
    intent = {"record": {"locale": "es", "after": revision_of(NEW)}, "catalog": str(live),
              "partial": str(tmp_path / "none"), "archives": [], "audit_offset": offset}  # fmt: skip
    repository.journal.path.write_text(json.dumps(intent))
    with repository.audit_log.open("ab") as log:
        log.write(b'{"locale": "es", "act')  # a kill -9 in the middle of the audit line
    assert assert_agreement(repository) == "old"  # readers never see it
    restarted = CatalogRepository(repository.translations_dir, repository.history_dir)
    assert restarted.audit_log.stat().st_size == offset
    assert_clean(restarted)
