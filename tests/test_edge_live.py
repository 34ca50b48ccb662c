"""The edge on a real gunicorn: no echoed Host, limits per client and per token, X-Forwarded-For, Redis counters."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests
from redis import Redis, RedisError

from tests.conftest import free_port, start_gunicorn, stop_gunicorn
from tests.tokens import PO_TYPE, TOKENS

ROOT = Path(__file__).resolve().parent.parent
CHECKS = "/v1/catalogs/es/checks"


@pytest.mark.parametrize("path", ["/v1//topics", "//v1/topics", "/v1/topics//muscle-spasms", "/v1/topics/"])
def test_no_answer_echoes_a_foreign_host(live_server, path):
    response = requests.get(live_server + path, headers={"Host": "evil.example"}, allow_redirects=False, timeout=30)
    assert response.status_code < 500
    assert "evil.example" not in str(response.headers) + response.text
    assert "Location" not in response.headers


def test_gunicorn_answers_an_over_long_request_line_with_a_414(live_server):
    response = requests.get(live_server + "/v1/topics?x=" + "a" * 9000, timeout=30)
    assert response.status_code == 414  # gunicorn's own page, before the app: nginx in front adds nosniff


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """One worker, small limits, no trusted proxy."""
    translations = tmp_path_factory.mktemp("edge") / "t"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    env = {"TRANSLATIONS_DIR": str(translations), "CATALOG_HISTORY_DIR": str(translations.parent / "h"),
           "TRANSLATOR_TOKENS": TOKENS, "WRITE_RATE_LIMIT": "5/minute", "CHECK_RATE_LIMIT": "5/minute"}  # fmt: skip
    process, base = start_gunicorn(env, workers=1)
    yield base
    stop_gunicorn(process)


def test_a_wrong_token_flood_on_gunicorn_gets_429_problems_with_retry_after(limited):
    wrong = {"Authorization": "Bearer wrong", **PO_TYPE, "If-Match": '"0"'}
    responses = [requests.put(limited + "/v1/catalogs/es", data=b"x", headers=wrong, timeout=30) for _ in range(12)]
    assert {r.status_code for r in responses} == {401, 429}
    last = responses[-1]
    assert (last.status_code, last.headers["Content-Type"]) == (429, "application/problem+json")
    assert int(last.headers["Retry-After"]) >= 1
    assert requests.get(limited + "/v1/topics/muscle-spasms?locale=es", timeout=30).status_code == 200  # reads go on


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(limited):
    statuses = [requests.post(limited + CHECKS, data=b"", timeout=30,
                              headers={**PO_TYPE, "X-Forwarded-For": f"198.51.100.{i}"}).status_code
                for i in range(8)]  # fmt: skip
    assert 429 in statuses


def start_redis():
    """Start a throwaway redis-server on a free 127.0.0.1 port; return (process, URI)."""
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: .ci/run installs it")
        pytest.skip("redis-server not installed (.ci/run installs it)")
    for _ in range(3):  # a port taken between choosing and binding: redis-server exits; try another
        port = free_port()
        process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                    "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        uri, deadline = f"redis://127.0.0.1:{port}/0", time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:  # ours, not another process's that took the port: its process_id is the one we started
                if Redis.from_url(uri, socket_timeout=5).info("server")["process_id"] == process.pid:
                    return process, uri
            except RedisError:
                pass
            time.sleep(0.1)
        process.kill()
        process.wait(timeout=10)
    pytest.fail("redis-server did not start")


def test_behind_one_trusted_proxy_each_forwarded_client_has_its_budget_shared_by_every_worker_in_redis():
    redis, uri = start_redis()
    env = {"RATELIMIT_STORAGE_URI": uri, "TRUSTED_PROXY_HOPS": "1", "CHECK_RATE_LIMIT": "5 per minute"}
    process, base = start_gunicorn(env, workers=2)
    try:
        def check(client: str) -> int:
            headers = {**PO_TYPE, "X-Forwarded-For": client}
            return requests.post(base + CHECKS, data=b"", headers=headers, timeout=30).status_code

        assert 429 not in [check(f"198.51.100.{i}") for i in range(12)]  # twelve clients, one request each
        one_client = [check("203.0.113.7") for _ in range(12)]  # new connections, spread over both workers
        assert one_client.count(429) == 12 - 5, one_client
        keys = b" ".join(Redis.from_url(uri).keys())
        assert b"203.0.113.7" in keys
    finally:
        stop_gunicorn(process)
        redis.terminate()
        redis.wait(timeout=10)
