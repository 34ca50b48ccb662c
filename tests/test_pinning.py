"""Revision URLs: a translated version is pinned by ?rev=<ETag>, and those bytes never change, even after a fix."""

import sqlite3

import pytest

from api import create_app
from tests.test_translators import NEW, OLD, SECTION, spanish
from tests.tokens import TOKENS, publish_headers

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def archive(tmp_path):
    return "on"  # anything but "off": revision URLs' bytes live in the store


def pinned_rows(tmp_path) -> list[tuple]:
    """Return the store's archived revision URLs (the SQLite file in the test's data directory)."""
    with sqlite3.connect(tmp_path / "history" / "store.sqlite3") as db:
        return db.execute("SELECT key, url FROM pinned").fetchall()


@pytest.fixture
def service(translations, tmp_path, archive):
    def start(pinned=archive):
        config = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "history",
                  "TRANSLATOR_TOKENS": TOKENS, "PINNED_ARCHIVE_DIR": pinned}  # fmt: skip
        return create_app(config).test_client()

    return start


def publish_correction(client, translations):
    """Publish the Spanish catalog with one sentence reworded, as a translator would."""
    upload = spanish(translations).replace(OLD.encode(), NEW.encode())
    assert client.put("/v1/catalogs/es", data=upload, headers=publish_headers(spanish(translations))).status_code == 200


def test_a_translated_version_is_short_lived_and_names_its_revision_url(service):
    client = service()
    pinned = client.get(SECTION + "?version=1&locale=es")
    assert "immutable" not in pinned.headers["Cache-Control"]  # a translator's fix may still change it
    url = pinned.headers["Content-Location"]
    assert url.endswith(f"&rev={pinned.headers['ETag'][1:-1]}")
    named = client.get(url)
    assert named.headers["Cache-Control"] == IMMUTABLE and named.data == pinned.data
    assert named.headers["Content-Location"] == url


def test_a_version_no_catalog_can_change_is_immutable_as_it_is(service):
    english = service().get(SECTION + "?version=1&locale=en")
    assert english.headers["Cache-Control"] == IMMUTABLE
    assert "rev=" not in english.headers["Content-Location"]
    german = service().get(SECTION + "?version=1&locale=de")  # served in English until a German catalog exists
    assert "immutable" not in german.headers["Cache-Control"] and "rev=" in german.headers["Content-Location"]


def test_a_revision_url_serves_the_same_bytes_after_a_correction_and_a_restart(service, translations):
    client = service()
    before = client.get(SECTION + "?version=1&locale=es")
    old_url = before.headers["Content-Location"]
    publish_correction(client, translations)
    after = client.get(SECTION + "?version=1&locale=es")
    assert NEW.encode() in after.data and OLD.encode() not in after.data
    assert after.headers["Content-Location"] != old_url
    for current in (client, service()):  # the same process, and a restarted one
        old = current.get(old_url)
        assert old.status_code == 200 and old.data == before.data and OLD.encode() in old.data
        assert old.headers["Cache-Control"] == IMMUTABLE and old.headers["ETag"] == before.headers["ETag"]
        assert current.get(old_url, headers={"If-None-Match": before.headers["ETag"]}).status_code == 304


def test_without_an_archive_an_old_revision_is_a_clear_404(service, translations):
    client = service(pinned="off")
    old_url = client.get(SECTION + "?version=1&locale=es").headers["Content-Location"]
    publish_correction(client, translations)
    gone = client.get(old_url)
    assert gone.status_code == 404 and gone.mimetype == "application/problem+json"
    assert gone.get_json()["type"].endswith(":unknown-revision")


def test_a_revision_has_the_shape_of_an_etag_and_pins_only_with_its_version(service):
    client = service()
    malformed = client.get(SECTION + "?version=1&locale=es&rev=xyz")
    assert malformed.status_code == 400 and malformed.get_json()["type"].endswith(":invalid-parameter")
    etag = client.get(SECTION + "?locale=es").headers["ETag"][1:-1]
    latest = client.get(SECTION + f"?locale=es&rev={etag}")  # the latest version's revision, while it lasts
    assert latest.status_code == 200 and "immutable" not in latest.headers["Cache-Control"]


def test_an_unknown_revision_is_a_404(service):
    response = service().get(SECTION + "?version=1&locale=es&rev=" + "0" * 32)
    assert response.status_code == 404 and response.get_json()["type"].endswith(":unknown-revision")


def test_fragments_and_frame_pages_have_revision_urls_too(service):
    client = service()
    for path in (SECTION + "/fragment", "/v1/embed/muscle-spasms/acute-causes"):
        first = client.get(path + "?version=1&locale=ar")
        pinned = client.get(first.headers["Content-Location"])
        assert pinned.headers["Cache-Control"] == IMMUTABLE and pinned.data == first.data


def test_a_damaged_archive_entry_is_a_404_not_a_500(service, translations, tmp_path):
    client = service()
    old_url = client.get(SECTION + "?version=1&locale=es").headers["Content-Location"]
    publish_correction(client, translations)
    assert pinned_rows(tmp_path)
    with sqlite3.connect(tmp_path / "history" / "store.sqlite3") as db:
        db.execute("UPDATE pinned SET header = 'not json' || header")
    assert service().get(old_url).status_code == 404


def test_thousands_of_requested_tags_add_no_archive_entries(service, tmp_path):
    service = service()
    for url in ("/v1/topics/muscle-spasms?version=1&locale=es", "/v1/topics/muscle-spasms?version=1&locale=de"):
        assert service.get(url).status_code == 200
    files = len(pinned_rows(tmp_path))
    for i in range(1500):  # bounded
        assert service.get(f"/v1/topics/muscle-spasms?version=1&locale=es-x-{i}").status_code == 200
        section = f"/v1/topics/muscle-spasms/sections/definition?version=1&locale=de-x-{i}"
        assert service.get(section).status_code == 200
        headers = {"Accept-Language": f"es-MX-x-{i}"}
        assert service.get("/v1/topics/muscle-spasms?version=1", headers=headers).status_code == 200
    assert len(pinned_rows(tmp_path)) <= files + 2  # the section in "de" and the topic in "es-MX", once
