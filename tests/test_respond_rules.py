"""Conditional GET, caching and negotiation headers of the ready read responses (api/http/respond.py)."""


import pytest

# RFC 9110 15.4.5: a 304 with an ETag sends no other representation metadata.
ENTITY = ("Content-Type", "Content-Length", "Content-Encoding", "Content-Language", "Last-Modified")
IMMUTABLE = "public, max-age=31536000, immutable"
LATEST = "public, max-age=300, stale-while-revalidate=60"
OTHER_REVISION = "0" * 32
READS = ["/v1/topics/muscle-spasms?locale=es", "/v1/topics/muscle-spasms/sections/definition",
         "/v1/locales", "/v1/topics", "/v1/topics/muscle-spasms/versions", "/v1/bundles/ko",
         "/v1/topics/muscle-spasms/sections/definition/fragment?locale=ar",
         "/v1/embed/muscle-spasms/definition?locale=es"]  # fmt: skip


@pytest.mark.parametrize("url", READS)
def test_a_304_keeps_the_validators_and_caching_headers_but_no_entity_headers(client, url):
    full = client.get(url, headers={"Accept-Encoding": "gzip"})
    response = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": full.headers["ETag"]})
    assert response.status_code == 304
    assert response.data == b""
    for name in ENTITY:
        assert name not in response.headers, name
    for name in ("ETag", "Cache-Control", "Vary", "Content-Location", "Content-Security-Policy",
                 "X-Content-Type-Options", "Access-Control-Allow-Origin"):  # RFC 9110 15.4.5  # fmt: skip
        assert response.headers.get(name) == full.headers.get(name), name
    assert int(full.headers["Content-Length"]) == len(full.data)


def test_if_none_match_compares_weakly_and_accepts_a_list(client):
    etag = client.get("/v1/locales").headers["ETag"]
    assert client.get("/v1/locales", headers={"If-None-Match": "W/" + etag}).status_code == 304
    assert client.get("/v1/locales", headers={"If-None-Match": f'"nope", {etag}'}).status_code == 304
    assert client.get("/v1/locales", headers={"If-None-Match": "*"}).status_code == 304
    assert client.get("/v1/locales", headers={"If-None-Match": '"nope"'}).status_code == 200


def test_the_etag_is_the_only_validator_if_modified_since_never_gives_a_304(client):
    full = client.get("/v1/locales")
    assert "Last-Modified" not in full.headers  # no date is exact: a same-minute fix would hide behind it
    for since in ("Fri, 01 Jan 2100 00:00:00 GMT", "not a date"):
        assert client.get("/v1/locales", headers={"If-Modified-Since": since}).status_code == 200
    matching = {"If-None-Match": full.headers["ETag"], "If-Modified-Since": "Fri, 01 Jan 1999 00:00:00 GMT"}
    assert client.get("/v1/locales", headers=matching).status_code == 304


@pytest.mark.parametrize("url", ["/v1/locales", "/v1/topics/muscle-spasms/versions", "/v1/bundles/es",
                                 "/v1/topics", "/v1/topics/muscle-spasms?locale=es",
                                 "/v1/topics/muscle-spasms?locale=en"])  # fmt: skip
def test_unversioned_reads_are_cached_briefly_never_for_a_year(client, url):
    assert client.get(url).headers["Cache-Control"] == LATEST


def test_a_catalog_free_version_is_immutable_and_a_translated_one_only_with_its_rev(client):
    english = client.get("/v1/topics/muscle-spasms?locale=en&version=1")
    assert english.headers["Cache-Control"] == IMMUTABLE
    assert english.headers["Content-Location"] == "/v1/topics/muscle-spasms?locale=en&version=1"
    french = client.get("/v1/topics/muscle-spasms?locale=fr&version=1")
    assert french.headers["Cache-Control"] == LATEST
    rev = french.headers["ETag"].strip('"')
    location = f"/v1/topics/muscle-spasms?locale=fr&version=1&rev={rev}"
    assert french.headers["Content-Location"] == location
    pinned = client.get(location)
    assert (pinned.status_code, pinned.headers["Cache-Control"], pinned.data) == (200, IMMUTABLE, french.data)
    latest_with_rev = client.get(f"/v1/topics/muscle-spasms?locale=fr&rev={rev}")  # no version: not for good
    assert latest_with_rev.headers["Cache-Control"] == LATEST


@pytest.mark.parametrize("url", ["/v1/topics/muscle-spasms?locale=en&version=1", "/v1/topics/muscle-spasms?locale=en",
                                 "/v1/topics?locale=es", "/v1/topics/muscle-spasms?locale=es&version=1"])  # fmt: skip
def test_a_rev_this_service_never_had_is_a_404(client, url):
    response = client.get(f"{url}&rev={OTHER_REVISION}")
    assert response.status_code == 404
    assert response.json["type"].endswith(":unknown-revision")


def test_a_catalog_free_representation_serves_its_own_rev(client):
    english = client.get("/v1/topics/muscle-spasms?locale=en&version=1")
    rev = english.headers["ETag"].strip('"')
    again = client.get(f"/v1/topics/muscle-spasms?locale=en&version=1&rev={rev}")
    assert (again.status_code, again.data) == (200, english.data)


@pytest.mark.parametrize("rev", ["abc", "0" * 31, "G" * 32, "0" * 33, "../" * 11])
def test_a_malformed_rev_is_a_400(client, rev):
    response = client.get(f"/v1/topics/muscle-spasms?locale=es&version=1&rev={rev}")
    assert response.status_code == 400
    assert response.json["type"].endswith(":invalid-parameter")


def test_vary_names_accept_language_only_when_it_chose_the_locale(client):
    negotiated = client.get("/v1/topics/muscle-spasms", headers={"Accept-Language": "es"})
    assert negotiated.headers["Vary"] == "Accept-Language"
    assert negotiated.headers["Content-Language"] == "es"
    assert negotiated.headers["Content-Location"].startswith("/v1/topics/muscle-spasms?locale=es&version=1&rev=")
    explicit = client.get("/v1/topics/muscle-spasms?locale=es", headers={"Accept-Language": "fr"})
    assert "Vary" not in explicit.headers
    assert explicit.headers["Content-Language"] == "es"


def test_a_coded_bundle_says_its_coding_and_varies_on_accept_encoding(client):
    gzipped = client.get("/v1/bundles/es", headers={"Accept-Encoding": "gzip"})
    assert (gzipped.headers["Content-Encoding"], gzipped.headers["Vary"]) == ("gzip", "Accept-Encoding")
    assert int(gzipped.headers["Content-Length"]) == len(gzipped.data)
    plain = client.get("/v1/bundles/es", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["Vary"] == "Accept-Encoding"


def test_ready_responses_expose_their_headers_to_any_origin(client):
    response = client.get("/v1/topics/muscle-spasms?locale=es")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    exposed = {name.strip() for name in response.headers["Access-Control-Expose-Headers"].split(",")}
    assert exposed == {"ETag", "Content-Language", "Content-Location", "Link", "Retry-After", "Content-Disposition",
                       "Content-Encoding", "Vary"}  # fmt: skip
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
