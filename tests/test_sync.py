"""The sync protocol loses no update: same-minute publishes, git dates, a publish mid-launch, If-Modified-Since."""

import hashlib
import json
import re
import time
from datetime import UTC, datetime

import pytest

from api import create_app
from tests.sync_client import OfflineApp
from tests.test_translators import NEW, OLD
from tests.tokens import publish_headers

ANY_SECRET = "all-locales-secret"
ALL_TOKENS = json.dumps({"ops": {"sha256": hashlib.sha256(ANY_SECRET.encode()).hexdigest(), "locales": ["*"]}})
ANY_AUTH = {"Authorization": f"Bearer {ANY_SECRET}"}


@pytest.fixture
def publisher(translations, tmp_path):
    config = {
        "TRANSLATIONS_DIR": translations,
        "CATALOG_HISTORY_DIR": tmp_path / "history",
        "TRANSLATOR_TOKENS": ALL_TOKENS,
        "RATELIMIT_ENABLED": False,  # a translator here publishes many fixes in a minute on purpose
    }
    return create_app(config).test_client()


def get_json(client):
    """Return a get_json(path) for OfflineApp over a Flask test client."""

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True))
        return response.get_json()

    return get


def same_minute() -> None:
    """Wait, if needed, so that the next few seconds fall in one minute (as in the issue's repro)."""
    if datetime.now(UTC).second >= 50:
        time.sleep(61 - datetime.now(UTC).second)


def publish(client, locale: str, old: bytes, new: bytes) -> str:
    upload = client.get(f"/v1/catalogs/{locale}").data
    assert old in upload
    response = client.put(
        f"/v1/catalogs/{locale}", data=upload.replace(old, new, 1), headers=publish_headers(upload, ANY_AUTH)
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["revision"]


def test_publishes_in_the_same_minute_all_reach_the_delta(publisher):
    same_minute()
    cursor = publisher.get("/v1/changes").get_json()["next"]
    publish(publisher, "es", OLD.encode(), NEW.encode())
    cursor = publisher.get(f"/v1/changes?since={cursor}").get_json()["next"]
    title = 'msgid "Muscle Spasms"\nmsgstr "التشنجات العضلية'.encode()  # a unit: what a store records as changed
    ar = publish(publisher, "ar", title, title + " ؟".encode())
    es = publish(publisher, "es", NEW.encode(), OLD.encode())
    delta = publisher.get(f"/v1/changes?since={cursor}").get_json()["changes"]
    assert {(c["locale"], c["catalog_revision"]) for c in delta} >= {("ar", ar), ("es", es)}


def test_a_catalog_deployed_through_git_with_an_old_date_reaches_the_delta(translations, tmp_path):
    config = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "history"}
    cursor = create_app(config).test_client().get("/v1/changes").get_json()["next"]
    po = translations / "fr" / "LC_MESSAGES" / "content.po"
    dated = re.sub(rb"PO-Revision-Date: [^\\]*", b"PO-Revision-Date: 2001-01-01 00:00+0000", po.read_bytes())
    po.write_bytes(dated.replace(b'msgstr "Spasmes musculaires"', b'msgstr "Spasmes des muscles"', 1))
    restarted = create_app(config).test_client()  # a deploy: the replica imports the new files as it starts
    delta = restarted.get(f"/v1/changes?since={cursor}").get_json()["changes"]
    assert [c["locale"] for c in delta] == ["fr"]


def test_if_modified_since_never_answers_304_for_changed_content(publisher):
    same_minute()
    url = "/v1/topics/muscle-spasms?locale=es"
    publish(publisher, "es", OLD.encode(), NEW.encode())
    first = publisher.get(url)
    stamp = first.headers.get("Last-Modified") or datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    publish(publisher, "es", NEW.encode(), OLD.encode())
    again = publisher.get(url, headers={"If-Modified-Since": stamp})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    assert publisher.get(url, headers={"If-None-Match": again.headers["ETag"]}).status_code == 304


def test_a_publish_between_the_bundle_and_the_first_delta_is_not_missed(publisher):
    app = OfflineApp("fr", get_json(publisher))
    bundle = publisher.get("/v1/bundles/fr").get_json()
    app.topics = {topic["topic"]: topic for topic in bundle["topics"]}
    publish(publisher, "fr", b'msgstr "Spasmes musculaires"', b'msgstr "Spasmes des muscles"')  # a unit changes
    app.cursor = bundle.get("cursor") or publisher.get("/v1/changes").get_json()["next"]  # the old README's order
    assert [(c["topic"], c["locale"]) for c in app.sync()] == [("muscle-spasms", "fr")]
    assert app.topics == app.served()


def test_a_bundle_carries_the_cursor_and_revision_of_exactly_its_content(publisher):
    bundle = publisher.get("/v1/bundles/es-MX").get_json()
    assert bundle["locale"]["catalog_revision"] == publisher.get("/v1/catalogs/es").headers["ETag"].strip('"')
    assert publisher.get(f"/v1/changes?since={bundle['cursor']}").get_json()["changes"] == []
    revision = publish(publisher, "es", OLD.encode(), NEW.encode())
    delta = publisher.get(f"/v1/changes?since={bundle['cursor']}&locale=es").get_json()
    assert [(c["topic"], c["locale"], c["version"], c["catalog_revision"]) for c in delta["changes"]] == [
        ("muscle-spasms", "es", 1, revision)
    ]
    fetched = publisher.get(delta["changes"][0]["url"])
    assert fetched.headers["Cache-Control"].endswith("immutable") and NEW in fetched.get_data(as_text=True)
    assert publisher.get(f"/v1/changes?since={delta['next']}").get_json()["changes"] == []


def test_an_old_format_cursor_is_a_400_that_says_to_sync_again(client):
    old = "YzE6MjAyNi0xMS0yNVQwOTo0NTowMCswMDowMHxtdXNjbGUtc3Bhc21zfHpoLUhhbnQ"  # a c1 cursor main handed out
    problem = client.get(f"/v1/changes?since={old}").get_json()
    assert problem["status"] == 400 and "sync again from the bundle" in problem["detail"]
    es_cursor = client.get("/v1/bundles/es").get_json()["cursor"]
    assert client.get(f"/v1/changes?since={es_cursor}&locale=fr").status_code == 400
    assert client.get("/v1/changes?locale=!!").status_code == 400


def test_a_review_deployed_through_git_lists_every_topic_of_its_locale_once(translations, tmp_path):
    config = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "history"}
    cursor = create_app(config).test_client().get("/v1/bundles/es").get_json()["cursor"]
    review = translations / "es" / "review.yaml"
    review.write_text(review.read_text().replace("not yet reviewed by", "awaiting review by"))
    client = create_app(config).test_client()  # the next start-up imports the changed review record
    delta = client.get(f"/v1/changes?since={cursor}").get_json()
    assert delta["changes"] and {(c["topic"], c["locale"]) for c in delta["changes"]} == {("muscle-spasms", "es")}
    topic = client.get(delta["changes"][0]["url"]).get_json()
    assert "awaiting review by" in json.dumps(topic)
