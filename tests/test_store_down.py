"""A store that goes away (PostgreSQL stopped, as in a restart or failover): reads keep answering from memory,
writes and store reads get a 503 problem with Retry-After, never a 500, and all works again once it is back."""

import pytest

from api import create_app
from tests.servers import PostgresCluster, postgres_available
from tests.test_translators import NEW, OLD
from tests.tokens import TOKENS, publish_headers

TOPIC = "/v1/topics/muscle-spasms?locale=es"


@pytest.fixture
def cluster():
    if not postgres_available():
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql)")
    cluster = PostgresCluster()  # its own: this test stops it
    cluster.start()
    yield cluster
    cluster.remove()


def test_a_stopped_postgresql_gives_writes_a_503_and_reads_keep_answering(cluster, translations, tmp_path):
    app = create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h",
                      "DATABASE_URL": cluster.url, "TRANSLATOR_TOKENS": TOKENS})  # fmt: skip
    client = app.test_client()
    page, po = client.get(TOPIC), client.get("/v1/catalogs/es").data
    cluster.stop()
    assert client.get(TOPIC).data == page.data  # served from what the worker holds
    put = client.put("/v1/catalogs/es", data=po.replace(OLD.encode(), NEW.encode()), headers=publish_headers(po))
    assert put.status_code == 503, put.data
    assert put.headers["Retry-After"].isdigit() and put.json["type"].endswith(":not-ready")
    assert "nothing was changed" in put.json["detail"]
    catalog = client.get("/v1/catalogs/es")
    assert catalog.status_code == 503 and catalog.headers["Retry-After"].isdigit()
    cluster.start()
    put = client.put("/v1/catalogs/es", data=po.replace(OLD.encode(), NEW.encode()), headers=publish_headers(po))
    assert put.status_code == 200, put.data
    assert NEW in client.get(TOPIC).get_json()["sections"][1]["blocks"][2]["text"]


def test_a_read_only_postgresql_gives_writes_a_503(cluster, translations, tmp_path):
    app = create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h",
                      "DATABASE_URL": cluster.url, "TRANSLATOR_TOKENS": TOKENS})  # fmt: skip
    client = app.test_client()
    page, po = client.get(TOPIC), client.get("/v1/catalogs/es").data
    cluster.psql("ALTER SYSTEM SET default_transaction_read_only = on")  # as a hot standby, or a failover's old primary
    cluster.psql("SELECT pg_reload_conf()")
    app.extensions["reads"].engine.dispose()  # new sessions read the setting
    put = client.put("/v1/catalogs/es", data=po.replace(OLD.encode(), NEW.encode()), headers=publish_headers(po))
    assert put.status_code == 503 and put.headers["Retry-After"].isdigit(), put.data
    assert "read-only" in put.json["detail"]
    assert client.get(TOPIC).data == page.data and client.get("/v1/catalogs/es").data == po
