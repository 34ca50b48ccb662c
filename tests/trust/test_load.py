"""A mixed load on a real gunicorn: nine locales, every read route, conditional requests; 0 errors, flat RSS."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.servers import pinned_entries
from tests.trust.conftest import SUMMARY, rss_kib, worker_pids
from tests.trust.reads import read_requests, served_locale

pytestmark = pytest.mark.trust
ROUNDS, MAX_SECONDS, THREADS = 12, 60, 8  # at most ROUNDS passes over every read, and at most MAX_SECONDS


def summary(answer: requests.Response) -> tuple:
    """Return what a load answer must repeat: status, Content-Language, ETag."""
    return answer.status_code, answer.headers.get("Content-Language"), answer.headers.get("ETag")


def baseline(base: str, reads) -> dict:
    """Return each read's answer asked alone, plain and conditional on its ETag: {(read, conditional): summary}."""
    expected = {}
    with requests.Session() as session:
        for read in reads:
            expected[read, False] = plain = summary(read.get(session, base))
            expected[read, True] = summary(read.get(session, base, plain[2])) if plain[2] else plain
    return expected


def run_load(base: str, work: list, expected: dict, deadline: float, at_least: int = 0) -> dict:
    """Send work (read, conditional) from a bounded thread pool; count answers, errors and locale mismatches.

    Past the deadline the rest is skipped, once at_least requests were answered (however slow the machine).
    """
    tally, lock, local = (
        {"requests": 0, "errors": [], "mismatches": [], "not_modified": 0},
        threading.Lock(),
        threading.local(),
    )

    def one(item):
        read, conditional = item
        if time.monotonic() > deadline and tally["requests"] >= at_least:
            return
        session = getattr(local, "session", None) or setattr(local, "session", requests.Session()) or local.session
        want = expected[item]
        language, etag = want[1], expected[read, False][2]
        try:
            answer = read.get(session, base, etag if conditional else None)
            got = summary(answer)
            error = None if got == want else got
        except requests.RequestException as failure:
            error, answer = repr(failure), None
        with lock:
            tally["requests"] += 1
            tally["not_modified"] += bool(answer is not None and answer.status_code == 304)
            if error and answer is not None and answer.status_code < 400 and got[1] != language:
                tally["mismatches"].append((read.url, read.headers, got))
            elif error:
                tally["errors"].append((read.url, read.headers, error))

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one, work))
    return tally


def test_mixed_load_has_no_errors_no_language_mixups_and_flat_worker_memory(trust_server):
    reads = read_requests()
    expected = baseline(trust_server.base, reads)
    for (read, conditional), (status, language, etag) in expected.items():
        assert status == (304 if conditional and read.revalidates and etag else 200), (read, conditional, status)
        served = language and language.split(",")[0].strip()
        assert served in (None, read.wanted, "en"), f"{read}: served {served}"  # the wanted locale or its fallback
    work = [(r, conditional) for r in reads for conditional in (False, True)]
    warm = run_load(trust_server.base, work * 2, expected, time.monotonic() + MAX_SECONDS)
    workers = worker_pids(trust_server.process.pid)
    rss_warm = {pid: rss_kib(pid) for pid in workers}
    load = run_load(trust_server.base, work * ROUNDS, expected, time.monotonic() + MAX_SECONDS, len(work) * 2)
    rss_after = {pid: rss_kib(pid) for pid in worker_pids(trust_server.process.pid)}
    SUMMARY["load"] = {"distinct_requests": len(work), "locales": 9, "warm_up_requests": warm["requests"],
                       "requests": load["requests"], "errors": len(load["errors"]) + len(warm["errors"]),
                       "content_language_mismatches": len(load["mismatches"]) + len(warm["mismatches"]),
                       "not_modified": load["not_modified"], "threads": THREADS,
                       "worker_rss_kib_after_warm_up": rss_warm, "worker_rss_kib_after_load": rss_after}  # fmt: skip
    SUMMARY["largest_worker_rss_kib"] = max(SUMMARY["largest_worker_rss_kib"], *rss_warm.values(), *rss_after.values())
    assert warm["errors"] == load["errors"] == [], (warm["errors"] + load["errors"])[:5]
    assert warm["mismatches"] == load["mismatches"] == [], (warm["mismatches"] + load["mismatches"])[:5]
    assert load["requests"] >= len(work) * 2, "the load did not run long enough to mean anything"
    assert set(rss_after) == set(rss_warm), "a worker was replaced under load"
    for pid, kib in rss_after.items():
        assert kib <= rss_warm[pid] * 1.10, f"worker {pid} grew from {rss_warm[pid]} to {kib} KiB under load"


def test_the_served_locale_is_the_one_asked_for_or_its_fallback(trust_server):
    from tests.trust.reads import Read

    with requests.Session() as session:
        for asked, served in {
            "es-MX": "es",
            "pt-PT": "pt-BR",
            "zh-SG": "zh-Hans",
            "zh-HK": "zh-Hant",
            "de": "en",
        }.items():
            answer = Read(f"/v1/topics/muscle-spasms?locale={asked}", (), served, True).get(session, trust_server.base)
            assert served_locale(answer) == served == answer.json()["locale"]


def test_distinct_requested_tags_do_not_grow_the_archive(trust_server):
    """What clients send must not decide how much is kept: 300 distinct private-use tags add no archive entries."""
    count = lambda: pinned_entries(trust_server.env["CATALOG_HISTORY_DIR"])  # noqa: E731 (the store's revision URLs)
    before, deadline = count(), time.monotonic() + 30
    with requests.Session() as session:
        for i in range(300):
            if time.monotonic() > deadline:
                break
            session.get(f"{trust_server.base}/v1/topics/muscle-spasms?locale=de-x-{i}", timeout=10)
    SUMMARY["distinct_tags"] = {"requests": 300, "archive_entries_added": count() - before}
    assert count() - before <= 20
