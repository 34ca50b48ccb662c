"""Handouts built once per fleet: concurrent requests on several replicas (processes) for one key build it once."""

import multiprocessing
import time

import pytest

from api.store import schema
from api.store.builds import StoredBuilds
from api.store.engine import open_engine, writing
from api.store.state import create


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path}/store.sqlite3" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    )
    engine = open_engine(url)
    with writing(engine) as connection:
        create(connection)
    engine.dispose()
    return url


def replica(url, key, builds, results):
    """One replica's request: build slowly (as WeasyPrint does), counting each build."""

    def build():
        builds.put(1)
        time.sleep(0.5)
        return {"etag": "x"}, b"%PDF the handout"

    engine = open_engine(url)
    results.put(StoredBuilds(engine).get(key, build))
    engine.dispose()


def test_concurrent_requests_on_four_replicas_build_one_handout_once(store_url):
    context = multiprocessing.get_context("spawn")
    builds, results = context.Queue(), context.Queue()
    processes = [context.Process(target=replica, args=(store_url, "handout-1", builds, results)) for _ in range(4)]
    for process in processes:
        process.start()
    answers = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(30)
    assert answers == [({"etag": "x"}, b"%PDF the handout")] * 4
    count = 0
    while not builds.empty():
        count += builds.get()
    assert count == 1


def test_a_failed_build_releases_its_claim_and_a_stale_claim_is_taken_over(store_url, monkeypatch):
    engine = open_engine(store_url)
    builds = StoredBuilds(engine)

    def broken():
        raise RuntimeError("pango missing")

    with pytest.raises(RuntimeError):
        builds.get("k", broken)
    assert builds.get("k", lambda: ({}, b"built")) == ({}, b"built")  # the claim went with the failure
    with engine.begin() as connection:  # a builder that died (kill -9) long ago left its claim
        connection.execute(schema.handouts.insert().values(key="dead", claimed_at=int(time.time()) - 3600, done=False))
    assert builds.get("dead", lambda: ({}, b"rebuilt")) == ({}, b"rebuilt")
    assert builds.get("dead", lambda: pytest.fail("built twice")) == ({}, b"rebuilt")  # stored
