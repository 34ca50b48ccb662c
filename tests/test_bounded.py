"""Thousands of distinct requested tags leave a real gunicorn worker's archive and memory bounded."""

import time
from pathlib import Path

import requests

from tests.conftest import start_gunicorn, stop_gunicorn
from tests.servers import pinned_entries

REQUESTS = 4000  # distinct tags, split over the read routes; bounded by count and, past AT_LEAST, by DEADLINE
AT_LEAST = 1000  # distinct tags sent however slow the machine (a loaded CI sent about 1,400 in DEADLINE)
DEADLINE = 90  # seconds
PATHS = (
    "/v1/topics/muscle-spasms?version=1",
    "/v1/topics/muscle-spasms/sections/definition?version=1",
    "/v1/topics/muscle-spasms/fragment?version=1",
    "/v1/topics",
)


def worker_rss_kib(master_pid: int) -> int:
    """Return the resident memory of the master's worker (there is one), in KiB, from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    assert len(children) == 1, children
    status = Path(f"/proc/{children[0]}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def hammer(session: requests.Session, base: str, tags, deadline: float, at_least: int = 0) -> int:
    """GET every read path for each tag, by ?locale= and by Accept-Language; return how many were sent.

    Past the deadline it stops, once at_least were sent.
    """
    sent = 0
    for i, tag in enumerate(tags):
        if sent >= at_least and time.monotonic() > deadline:
            break
        path = PATHS[i % len(PATHS)]
        if i % 2:
            url = f"{base}{path}&locale={tag}" if "?" in path else f"{base}{path}?locale={tag}"
            response = session.get(url, timeout=30)
        else:
            response = session.get(base + path, headers={"Accept-Language": tag}, timeout=30)
        assert response.status_code == 200, (tag, response.text[:200])
        sent += 1
    return sent


def test_distinct_tags_leave_the_archive_and_the_worker_memory_bounded(tmp_path):
    archive = tmp_path / "data"  # the store, and in it the bytes behind revision URLs
    process, base = start_gunicorn({"CATALOG_HISTORY_DIR": str(archive)}, workers=1)
    deadline = time.monotonic() + DEADLINE
    try:
        with requests.Session() as session:
            known = ["es", "de", "es-MX", "fr-CA", "ar", "zh-TW", "pt", "ko", "vi"] * 40
            hammer(session, base, known, deadline)  # warm-up on tags the service knows
            files, rss = pinned_entries(archive), worker_rss_kib(process.pid)
            strangers = [f"{('de', 'es', 'fr-CA', 'zh-Hant')[i % 4]}-x-{i}" for i in range(REQUESTS)]
            sent = hammer(session, base, strangers, deadline, at_least=AT_LEAST)
            files_after, rss_after = pinned_entries(archive), worker_rss_kib(process.pid)
    finally:
        stop_gunicorn(process)
    print(f"\n{sent} requests with distinct tags: archive files {files} -> {files_after}, "
          f"worker RSS {rss / 1024:.1f} -> {rss_after / 1024:.1f} MiB")  # fmt: skip
    assert sent >= AT_LEAST
    assert files_after - files <= 12  # de, es, fr-CA and zh-Hant: 3 pinned routes each, at most
    assert rss_after - rss < 16 * 1024  # KiB; before the fix each tag kept its own representations
