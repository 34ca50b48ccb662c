"""The one trust check with rate limits on: a flood of wrong-token writes meets a 429 problem with Retry-After."""

import time

import pytest
import requests

from tests.conftest import stop_gunicorn
from tests.trust.conftest import SUMMARY, launch

pytestmark = pytest.mark.trust
FLOOD, MAX_SECONDS = 300, 45  # seconds: a bound against a hang, under the limit's minute on a slow machine


def test_a_flood_of_wrong_token_puts_gets_a_429_problem_with_retry_after(tmp_path):
    server = launch(tmp_path, workers=1, RATELIMIT_ENABLED="true")
    statuses, limited = [], None
    try:
        deadline = time.monotonic() + MAX_SECONDS
        with requests.Session() as session:
            for _ in range(FLOOD):
                if time.monotonic() > deadline:
                    break
                answer = session.put(server.base + "/v1/catalogs/es", data=b"x", timeout=10,
                                     headers={"Authorization": "Bearer wrong", "If-Match": '"0"'})  # fmt: skip
                statuses.append(answer.status_code)
                if answer.status_code == 429:
                    limited = answer
                    break
    finally:
        stop_gunicorn(server.process)
    first = len(statuses) if limited is not None else None  # a 429 Response is falsy: compare with None
    SUMMARY["rate_limit"] = {"requests": len(statuses), "first_429_after": first}
    assert limited is not None, f"{len(statuses)} wrong-token PUTs, none limited: {sorted(set(statuses))}"
    assert limited.headers["Content-Type"] == "application/problem+json"
    assert int(limited.headers["Retry-After"]) > 0
    assert limited.json()["status"] == 429
