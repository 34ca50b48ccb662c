"""Faults on a real gunicorn: kill -9 of a worker and of the whole service."""

import os
import signal
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import start_gunicorn, stop_gunicorn
from tests.timing import started_at
from tests.trust.conftest import SUMMARY, catalog_digest, launch, record_fault, wait_for_workers, worker_pids
from tests.trust.reads import LOCALES

pytestmark = pytest.mark.trust
READS_AFTER_KILL = 150
URLS = [
    u
    for locale in LOCALES
    for u in (
        f"/v1/topics/muscle-spasms?locale={locale}",
        f"/v1/bundles/{locale}",
        f"/v1/topics/muscle-spasms/sections/concerning-signs/fragment?locale={locale}",
    )
] + ["/v1/topics", "/v1/locales"]


def alive(pid: int) -> bool:
    """Say whether a process still exists and is not a zombie."""
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def snapshot(base: str) -> dict:
    """Return each URL's status, ETag and bytes."""
    with requests.Session() as session:
        return {u: (a.status_code, a.headers.get("ETag"), a.content)
                for u in URLS for a in [session.get(base + u, timeout=30)]}  # fmt: skip


def test_kill_9_of_a_worker_is_replaced_and_requests_keep_succeeding(tmp_path):
    server = launch(tmp_path, workers=2)
    try:
        for _ in range(2):  # each worker in turn
            workers = wait_for_workers(server.process.pid, 2)
            os.kill(workers[0], signal.SIGKILL)
            killed_at = time.clock_gettime(time.CLOCK_BOOTTIME)
            answers = [requests.get(server.base + URLS[i % len(URLS)], timeout=30).status_code  # new connections
                       for i in range(READS_AFTER_KILL)]  # fmt: skip
            (new,) = set(wait_for_workers(server.process.pid, 2, exclude=[workers[0]], timeout=60)) - set(workers)
            replaced = started_at(new) - killed_at  # when the master forked it, not when this test (slow) looked
            SUMMARY.setdefault("worker_replaced_within_seconds", []).append(round(replaced, 2))
            survived = answers == [200] * READS_AFTER_KILL
            record_fault("kill -9 of a worker", survived)
            assert survived, f"{sum(a != 200 for a in answers)} failed reads after the kill"
            assert replaced < 10, f"the worker took {replaced:.1f} s to be replaced"
    finally:
        stop_gunicorn(server.process)


def test_kill_9_of_the_whole_service_restarts_serving_the_same_bytes_with_catalogs_whole(tmp_path):
    server = launch(tmp_path, workers=2)
    before, catalogs = snapshot(server.base), catalog_digest(server.translations)
    processes = [server.process.pid, *worker_pids(server.process.pid)]
    for pid in processes:
        os.kill(pid, signal.SIGKILL)
    server.process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in processes[1:]) and time.monotonic() < deadline:
        time.sleep(0.05)
    process, base = start_gunicorn(server.env, workers=2)
    try:
        after = snapshot(base)
        survived = after == before and catalog_digest(server.translations) == catalogs
        record_fault("kill -9 of the whole service", survived)
        assert [u for u in URLS if after[u] != before[u]] == []
        assert all(status == 200 for status, _, _ in after.values())
        assert catalog_digest(server.translations) == catalogs
    finally:
        stop_gunicorn(process)
