"""A sync reads the store's publish sequence now: a replica never says "nothing new" while serving something new."""

import shutil

import pytest

from api import create_app
from api.publishing import live
from tests.conftest import ROOT
from tests.test_sync import ALL_TOKENS, ANY_AUTH
from tests.test_sync_property import with_unit
from tests.tokens import publish_headers

SECTION = "/v1/topics/muscle-spasms/sections/acute-causes?locale=es"


@pytest.fixture
def replicas(tmp_path, monkeypatch):
    """Two replicas over one store, neither polling it in the test's time (as between two polls)."""
    monkeypatch.setattr(live, "POLL_SECONDS", 3600)
    shutil.copytree(ROOT / "translations", tmp_path / "t", ignore=shutil.ignore_patterns(".history"))
    config = {"TRANSLATIONS_DIR": tmp_path / "t", "CATALOG_HISTORY_DIR": tmp_path / "h",
              "TRANSLATOR_TOKENS": ALL_TOKENS, "PARSE_CACHE_DIR": "off", "RATELIMIT_ENABLED": False}  # fmt: skip
    return create_app(config).test_client(), create_app(config).test_client()


def test_a_replica_lists_another_replicas_publish_at_once(replicas):
    here, there = replicas
    cursor = here.get("/v1/bundles/es").get_json()["cursor"]
    current = there.get("/v1/catalogs/es").data
    fixed = with_unit(current, "Estos tipos de espasmos ceden con reposo.")
    assert there.put("/v1/catalogs/es", data=fixed, headers=publish_headers(current, ANY_AUTH)).status_code == 200
    changes = here.get(f"/v1/changes?since={cursor}&locale=es").get_json()["changes"]
    assert [c["topic"] for c in changes if c["locale"] == "es"] == ["muscle-spasms"]
    assert "ceden con reposo" in here.get(SECTION).get_data(as_text=True)  # and serves what it listed
