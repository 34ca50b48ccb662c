"""The read API through Flask's test client: localization, fallback, versions, caching, errors."""

import pytest

from api.config import settings_from_env

LOCALES = ["es", "fr", "pt-BR", "zh-Hans", "zh-Hant", "vi", "ko", "ar"]
SECTIONS = ["definition", "acute-causes", "chronic-causes", "concerning-signs", "referral-links"]
TOPIC = "/v1/topics/muscle-spasms"


def test_spanish_section_by_accept_language(client):
    response = client.get(f"{TOPIC}/sections/concerning-signs", headers={"Accept-Language": "es-MX,es;q=0.9"})
    body = response.get_json()
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "es"
    assert response.headers["Vary"] == "Accept-Language"
    revision = response.headers["ETag"].strip('"')
    assert response.headers["Content-Location"].endswith(f"?locale=es-MX&version=1&rev={revision}")
    assert (body["locale"], body["requested_locale"], body["fallback"]) == ("es", "es-MX", None)
    assert body["heading"].startswith("¿")
    assert body["review"]["status"] == "unreviewed"
    assert "not yet reviewed" in body["review"]["note"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_serves_every_section_with_no_fallback(client, locale):
    english = client.get(f"{TOPIC}?locale=en").get_json()
    body = client.get(f"{TOPIC}?locale={locale}").get_json()
    assert [s["id"] for s in body["sections"]] == SECTIONS
    assert {s["locale"] for s in body["sections"]} == {locale}
    assert all(s["fallback"] is None for s in body["sections"])
    assert body["title"] != english["title"]
    assert body["sections"][3]["heading"] != english["sections"][3]["heading"]


def test_arabic_topic_is_right_to_left(client):
    body = client.get(TOPIC, headers={"Accept-Language": "ar-EG"}).get_json()
    assert body["direction"] == "rtl"
    assert {s["direction"] for s in body["sections"]} == {"rtl"}


def test_english_is_the_source_and_says_so(client):
    body = client.get(f"{TOPIC}?locale=en").get_json()
    assert body["review"]["status"] == "source"
    assert body["attribution"]["author"] == "Jennifer Kurz, MD"


def test_unsupported_locale_is_served_in_english_with_the_fallback_recorded(client):
    response = client.get(f"{TOPIC}/sections/definition?locale=de-AT")
    body = response.get_json()
    assert response.status_code == 200
    assert body["locale"] == "en"
    assert body["fallback"] == {"from": "de-AT", "reason": "unsupported"}
    assert "Vary" not in response.headers  # ?locale= decided, not the header


def test_a_section_missing_a_unit_falls_back_whole(library_client):
    body = library_client.get("/v1/topics/sample-topic?locale=fr").get_json()
    basics, links = body["sections"]
    assert (basics["locale"], basics["fallback"]) == ("fr", None)
    assert links["locale"] == "en"
    assert links["fallback"] == {"from": "fr", "reason": "missing"}
    assert links["blocks"][0]["links"][0]["label"] == "Example.org"  # nothing French leaks into it


def test_a_changed_english_unit_makes_its_section_outdated_but_pinned_versions_keep_theirs(library_client):
    latest = library_client.get("/v1/topics/sample-topic?locale=es-MX").get_json()
    basics = latest["sections"][0]
    assert (latest["version"], basics["locale"]) == (2, "en")
    assert basics["fallback"] == {"from": "es", "reason": "outdated"}
    assert basics["wanted"] == {"locale": "es", "units": 5, "current": 4, "outdated": 1, "missing": 0}
    assert latest["sections"][1]["locale"] == "es"
    pinned = library_client.get("/v1/topics/sample-topic?locale=es-MX&version=1").get_json()
    assert [s["locale"] for s in pinned["sections"]] == ["es", "es"]
    assert pinned["sections"][0]["blocks"][0]["text"] == "[es] The sample is a fixture."


def test_mixed_topic_lists_every_served_language(library_client):
    response = library_client.get("/v1/topics/sample-topic?locale=fr")
    assert response.headers["Content-Language"] == "fr, en"


def test_pinned_revision_is_immutable_and_latest_is_short_lived(client):
    latest = client.get(f"{TOPIC}?locale=es")
    pinned = client.get(latest.headers["Content-Location"])  # ?locale=es&version=1&rev=<ETag>
    assert pinned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "stale-while-revalidate" in latest.headers["Cache-Control"]
    assert pinned.data == latest.data  # version 1 is the latest today


def test_if_none_match_gets_304_with_its_headers_and_no_body(client):
    first = client.get(f"{TOPIC}/sections/definition", headers={"Accept-Language": "ko"})
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get(f"{TOPIC}/sections/definition", headers={"Accept-Language": "ko", "If-None-Match": header})
        assert again.status_code == 304, header
        assert again.data == b""
        assert again.headers["ETag"] == etag
        assert again.headers["Vary"] == "Accept-Language"
        assert "Content-Type" not in again.headers
    other = client.get(f"{TOPIC}/sections/definition", headers={"Accept-Language": "vi", "If-None-Match": etag})
    assert other.status_code == 200


def test_the_etag_is_the_only_validator_so_if_modified_since_never_hides_a_change(client):
    first = client.get(f"{TOPIC}?locale=fr")
    assert "Last-Modified" not in first.headers  # PO-Revision-Date is no exact change date
    for since in ("Mon, 01 Jan 2024 00:00:00 GMT", "Fri, 01 Jan 2100 00:00:00 GMT"):
        assert client.get(f"{TOPIC}?locale=fr", headers={"If-Modified-Since": since}).status_code == 200
    both = {"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT", "If-None-Match": first.headers["ETag"]}
    assert client.get(f"{TOPIC}?locale=fr", headers=both).status_code == 304
    for url in ("/v1/topics", "/v1/locales", f"{TOPIC}/versions", f"{TOPIC}/sections/definition", "/v1/bundles/ko"):
        assert "Last-Modified" not in client.get(url).headers


def test_listings(client):
    topics = client.get("/v1/topics?locale=zh-TW").get_json()
    assert topics["topics"][0]["locale"] == "zh-Hant"
    assert set(topics["topics"][0]["locales"]) == {"en", *LOCALES}
    versions = client.get(f"{TOPIC}/versions").get_json()
    assert versions["versions"][0]["content_hash"].startswith("sha256:")
    locales = {entry["tag"]: entry for entry in client.get("/v1/locales").get_json()["locales"]}
    assert locales["ar"]["direction"] == "rtl"
    assert locales["ar"]["native_name"] == "العربية"
    assert locales["es"]["review"]["status"] == "unreviewed"
    assert locales["es"]["completeness"]["ratio"] == 1.0  # over the library; per topic under the topic
    assert client.get(f"{TOPIC}/completeness").get_json()["completeness"]["es"]["ratio"] == 1.0


@pytest.mark.parametrize(
    ("url", "status", "slug"),
    [
        ("/v1/topics/nope", 404, "unknown-topic"),
        (f"{TOPIC}/sections/nope", 404, "unknown-section"),
        (f"{TOPIC}?version=7", 404, "unknown-version"),
        (f"{TOPIC}?version=0", 400, "invalid-parameter"),
        (f"{TOPIC}?version=1.5", 400, "invalid-parameter"),
        (f"{TOPIC}?locale=../../etc/passwd", 400, "invalid-parameter"),
        (f"{TOPIC}/sections/definition?locale=%00", 400, "invalid-parameter"),
        ("/v1/nothing-here", 404, "not-found"),
    ],
)
def test_errors_are_problem_details(client, url, status, slug):
    response = client.get(url)
    body = response.get_json()
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert body["type"].endswith(":" + slug)
    assert (body["status"], bool(body["title"]), bool(body["detail"])) == (status, True, True)


def test_wrong_method_is_a_405_problem_with_allow(client):
    response = client.delete(TOPIC)
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert "GET" in response.headers["Allow"]


def test_problem_titles_are_localized(client):
    spanish = client.get("/v1/topics/nope", headers={"Accept-Language": "es"}).get_json()
    arabic = client.get("/v1/topics/nope?locale=ar").get_json()
    english = client.get("/v1/topics/nope").get_json()
    assert english["title"] == "Unknown topic"
    assert spanish["title"] == "Tema desconocido"
    assert arabic["title"] not in (english["title"], spanish["title"])


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200


@pytest.mark.parametrize("name", ["LATEST_MAX_AGE", "RESPONSE_MEMO_ENTRIES", "MAX_UPLOAD_BYTES"])
def test_a_malformed_number_setting_names_its_variable(name):
    with pytest.raises(ValueError, match=f"{name} must be a whole number"):
        settings_from_env({name: "-5"})


def test_a_raw_query_string_that_is_not_utf8_is_a_400_problem_not_a_500(client):
    raw = b"locale=\xff\xfe".decode("latin-1")  # what a WSGI server hands over for raw bytes in the request line
    response = client.get("/v1/topics", environ_overrides={"QUERY_STRING": raw})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"].endswith(":invalid-parameter")
    bare = client.get("/v1/topics", environ_overrides={"QUERY_STRING": b"\xff".decode("latin-1")})
    assert bare.status_code == 200
