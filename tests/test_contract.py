"""openapi.yaml is valid, generated from the schemas, and what the app answers."""

import pytest
from openapi_spec_validator import validate

from api.commands.openapi import check_spec
from tests.contract import check_response, spec

REQUESTS = [
    ("/v1/topics", "/v1/topics", {}),
    ("/v1/topics/{topic_id}", "/v1/topics/muscle-spasms?locale=ar", {}),
    ("/v1/topics/{topic_id}", "/v1/topics/muscle-spasms?version=1", {"Accept-Language": "zh-TW"}),
    ("/v1/topics/{topic_id}/sections/{section_id}", "/v1/topics/muscle-spasms/sections/referral-links", {}),
    ("/v1/topics/{topic_id}/sections/{section_id}", "/v1/topics/muscle-spasms/sections/definition?locale=de", {}),
    ("/v1/topics/{topic_id}/sections/{section_id}", "/v1/topics/muscle-spasms/sections/nope", {}),
    ("/v1/topics/{topic_id}", "/v1/topics/muscle-spasms?locale=%%%", {}),
    ("/v1/topics/{topic_id}/versions", "/v1/topics/muscle-spasms/versions", {}),
    ("/v1/topics/{topic_id}/versions", "/v1/topics/unknown/versions", {}),
    ("/v1/locales", "/v1/locales", {}),
    ("/healthz", "/healthz", {}),
    ("/readyz", "/readyz", {}),
    ("/v1/bundles/{bundle_locale}", "/v1/bundles/ko", {}),
    ("/v1/bundles/{bundle_locale}", "/v1/bundles/ko", {"Accept-Encoding": "gzip"}),
    ("/v1/changes", "/v1/changes?limit=3", {}),
    ("/v1/topics/{topic_id}/fragment", "/v1/topics/muscle-spasms/fragment?locale=fr", {}),
    (
        "/v1/topics/{topic_id}/sections/{section_id}/fragment",
        "/v1/topics/muscle-spasms/sections/definition/fragment",
        {},
    ),
    ("/v1/changes", "/v1/changes?since=nonsense", {}),
    ("/v1/embed.js", "/v1/embed.js", {}),
    ("/v1/embed/{topic_id}/{section_id}", "/v1/embed/muscle-spasms/concerning-signs?locale=ar", {}),
    ("/v1/embed/{topic_id}/{section_id}", "/v1/embed/muscle-spasms/definition", {"Accept-Language": "vi"}),
    ("/v1/embed/{topic_id}/{section_id}", "/v1/embed/muscle-spasms/nope", {}),
    ("/", "/", {}),
    ("/v1/topics/{topic_id}", "/v1/topics/muscle-spasms?version=1&locale=ko&rev=" + "0" * 32, {}),
    ("/v1/topics/{topic_id}/sections/{section_id}", "/v1/topics/muscle-spasms/sections/definition?rev=x", {}),
]


def test_the_spec_is_valid_openapi_3_1():
    validate(spec())
    assert spec()["openapi"].startswith("3.1")


def test_the_committed_spec_is_what_the_schemas_generate(app):
    result = app.test_cli_runner().invoke(check_spec)
    assert result.exit_code == 0, result.output


def test_every_route_of_the_app_is_in_the_spec(app):
    routes = {
        rule.rule.replace("catalog_locale:", "") for rule in app.url_map.iter_rules() if rule.endpoint != "static"
    }
    documented = {path.replace("{", "<").replace("}", ">") for path in spec()["paths"]}
    assert routes == documented


@pytest.mark.parametrize(("template", "url", "headers"), REQUESTS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_responses_match_the_spec(client, template, url, headers, method):
    response = client.open(url, method=method, headers=headers)
    check_response(template, method, response.status_code, response.headers, response.data)


def test_a_304_matches_the_spec(client):
    etag = client.get("/v1/locales").headers["ETag"]
    response = client.get("/v1/locales", headers={"If-None-Match": etag})
    assert response.status_code == 304
    check_response("/v1/locales", "GET", response.status_code, response.headers, response.data)


def test_no_304_documents_content_metadata_it_never_sends():
    for path, operations in spec()["paths"].items():
        for method, operation in operations.items():
            documented = operation["responses"].get("304", {}).get("headers", {})
            assert not {"Content-Language", "Content-Encoding", "Content-Type"} & set(documented), (path, method)


@pytest.mark.parametrize(("template", "url", "headers"), REQUESTS)
def test_every_304_sends_only_what_its_contract_documents(client, template, url, headers):
    etag = client.get(url, headers=headers).headers.get("ETag")
    if etag is None:
        pytest.skip(f"{url} sends no ETag")
    response = client.get(url, headers={**headers, "If-None-Match": etag})
    assert response.status_code == 304
    check_response(template, "GET", 304, response.headers, response.data)
    documented = spec()["paths"][template]["get"]["responses"]["304"].get("headers", {})
    assert "Content-Language" not in response.headers and "Content-Language" not in documented


def test_no_documented_status_is_one_the_route_cannot_give():
    paths = spec()["paths"]
    assert "405" not in paths["/cds-services/patient-education"]["post"]["responses"]  # the route is POST
    assert set(paths["/readyz"]["get"]["responses"]) == {"200"}  # loaded before any worker answers
