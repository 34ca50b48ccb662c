"""Offline sync: bundles per locale (gzip when accepted) and the changes feed with its cursor."""

import gzip
import json

from tests.test_translators import NEW, OLD
from tests.tokens import publish_headers


def test_a_bundle_holds_every_topic_and_the_locale_and_is_gzipped_when_accepted(client):
    plain = client.get("/v1/bundles/ar")
    packed = client.get("/v1/bundles/ar", headers={"Accept-Encoding": "gzip, deflate"})
    body = plain.get_json()
    assert body["locale"]["direction"] == "rtl" and body["locale"]["review"]["status"] == "unreviewed"
    assert [t["topic"] for t in body["topics"]] == ["muscle-spasms"]
    assert {s["locale"] for s in body["topics"][0]["sections"]} == {"ar"}
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert json.loads(gzip.decompress(packed.data)) == body
    assert packed.headers["ETag"] != plain.headers["ETag"]
    assert plain.headers["Vary"] == packed.headers["Vary"] == "Accept-Encoding"
    again = client.get("/v1/bundles/ar", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/v1/bundles/!!").status_code == 400


def test_the_changes_feed_pages_with_a_stable_cursor(client):
    everything = client.get("/v1/changes").get_json()
    assert {(c["topic"], c["locale"]) for c in everything["changes"]} == {
        ("muscle-spasms", tag) for tag in ("en", "ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant")
    }
    first = client.get("/v1/changes?limit=4").get_json()
    rest = client.get(f"/v1/changes?since={first['next']}").get_json()
    assert first["more"] is True and rest["more"] is False
    assert first["changes"] + rest["changes"] == everything["changes"]
    caught_up = client.get(f"/v1/changes?since={everything['next']}").get_json()
    assert caught_up == {"changes": [], "next": everything["next"], "more": False}


def test_locale_filters_the_feed_and_every_change_names_its_immutable_url(client):
    only = client.get("/v1/changes?locale=ar-EG").get_json()
    assert [(c["topic"], c["locale"], c["version"]) for c in only["changes"]] == [("muscle-spasms", "ar", 1)]
    fetched = client.get(only["changes"][0]["url"])
    assert fetched.status_code == 200 and fetched.headers["Cache-Control"].endswith("immutable")
    assert fetched.get_json() == client.get("/v1/topics/muscle-spasms?locale=ar").get_json()


def test_a_catalog_publish_appears_in_the_feed_after_the_cursor(writer):
    cursor = writer.get("/v1/changes").get_json()["next"]
    current = writer.get("/v1/catalogs/es").data
    upload = current.replace(OLD.encode(), NEW.encode())
    published = writer.put("/v1/catalogs/es", data=upload, headers=publish_headers(current)).get_json()
    delta = writer.get(f"/v1/changes?since={cursor}").get_json()["changes"]
    assert [(c["topic"], c["locale"], c["version"], c["catalog_revision"]) for c in delta] == [
        ("muscle-spasms", "es", 1, published["revision"])
    ]


def test_garbage_or_expired_cursors_are_a_clear_400(client):
    for cursor in ("garbage!", "YzA6eHh4", "YzE6bm90LWEtZGF0ZXx4fHk", "c2.bm9wZQ", "c2.e30"):
        response = client.get(f"/v1/changes?since={cursor}")
        assert response.status_code == 400
        assert "since:" in response.get_json()["detail"]
    assert client.get("/v1/changes?limit=0").status_code == 400
