"""Security headers everywhere; CORS for any origin on read routes only, preflight included."""

import pytest

ORIGIN = {"Origin": "https://portal.example"}
PREFLIGHT = {**ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match"}


@pytest.mark.parametrize(
    ("method", "url"),
    [("GET", "/v1/topics/muscle-spasms/sections/definition"), ("GET", "/v1/topics/nope"), ("GET", "/v1/catalogs"),
     ("GET", "/healthz"), ("GET", "/v1/changes"), ("OPTIONS", "/v1/topics"), ("DELETE", "/v1/topics")],
)  # fmt: skip
def test_every_response_says_nosniff_and_sets_a_referrer_policy(client, method, url):
    response = client.open(url, method=method, headers=ORIGIN)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("url", ["/v1/topics/muscle-spasms?locale=es", "/v1/bundles/es", "/v1/topics/nope",
                                 "/v1/topics/muscle-spasms/sections/definition/fragment"])  # fmt: skip
def test_read_routes_are_open_to_any_origin_without_credentials(client, url):
    response = client.get(url, headers=ORIGIN)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    exposed = {name.strip() for name in response.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"ETag", "Content-Language", "Content-Location"} <= exposed


def test_a_read_route_answers_preflight(client):
    response = client.options("/v1/topics/muscle-spasms/sections/concerning-signs", headers=PREFLIGHT)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]


def test_write_routes_have_no_cors(client):
    preflight = client.options("/v1/catalogs/es", headers={**ORIGIN, "Access-Control-Request-Method": "PUT"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in client.get("/v1/catalogs/es", headers=ORIGIN).headers


@pytest.mark.parametrize("path", ["/cds-services/patient-education", "/cds-services"])
def test_a_browser_based_cds_client_may_post_json_with_a_bearer_token(client, path):
    asked = {**ORIGIN, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization,content-type"}  # fmt: skip
    preflight = client.options(path, headers=asked)
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in preflight.headers["Access-Control-Allow-Methods"].split(",")}
    allowed = {h.strip().lower() for h in preflight.headers["Access-Control-Allow-Headers"].split(",")}
    assert "POST" in methods and {"authorization", "content-type"} <= allowed
    read = client.options("/v1/topics", headers={**ORIGIN, "Access-Control-Request-Method": "POST"})
    assert "POST" not in read.headers["Access-Control-Allow-Methods"]  # reads stay GET and HEAD
