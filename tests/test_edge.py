"""The edge of the translator routes, through the test client: media type, If-Match, rate limits and their settings."""

import pytest

from api import create_app
from api.config import settings_from_env
from api.http.limits import is_limiter_hook
from api.schemas.translators import UnsupportedUploadProblemSchema
from tests.test_translators import NEW, OLD, spanish
from tests.tokens import AUTH, PO_TYPE, TOKENS, publish_headers


def writer_with(translations, tmp_path, **config):
    settings = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "history",
                "TRANSLATOR_TOKENS": TOKENS, **config}  # fmt: skip
    return create_app(settings).test_client()


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", None],
)
def test_an_upload_not_sent_as_po_is_a_415_naming_the_accepted_type_and_nothing_changes(writer, translations,
                                                                                         content_type):
    before = spanish(translations)
    headers = {k: v for k, v in publish_headers(before).items() if k != "Content-Type"}
    if content_type:
        headers["Content-Type"] = content_type
    upload = before.replace(OLD.encode(), NEW.encode())
    for response in (writer.put("/v1/catalogs/es", data=upload, headers=headers),
                     writer.post("/v1/catalogs/es/checks", data=upload, headers=headers)):  # fmt: skip
        assert (response.status_code, response.mimetype) == (415, "application/problem+json")
        assert response.get_json()["accepted"] == ["text/x-gettext-translation"]
        assert UnsupportedUploadProblemSchema().validate(response.get_json()) == {}  # as openapi.yaml says
        assert "text/x-gettext-translation" in response.get_json()["detail"]
    assert writer.get("/v1/catalogs/es").data == before  # the store's catalog, as published


def test_a_po_upload_with_a_charset_parameter_is_accepted(writer, translations):
    headers = {"Content-Type": "text/x-gettext-translation; charset=UTF-8"}
    assert writer.post("/v1/catalogs/es/checks", data=spanish(translations), headers=headers).status_code == 200


@pytest.mark.parametrize("if_match", [None, "*", ""])
def test_a_write_without_a_revision_in_if_match_is_a_428_and_nothing_changes(writer, translations, if_match):
    before = spanish(translations)
    headers = {**AUTH, **PO_TYPE, **({"If-Match": if_match} if if_match is not None else {})}
    response = writer.put("/v1/catalogs/es", data=before.replace(OLD.encode(), NEW.encode()), headers=headers)
    assert (response.status_code, response.mimetype) == (428, "application/problem+json")
    assert response.get_json()["type"].endswith(":precondition-required")
    assert writer.get("/v1/catalogs/es").data == before  # the store's catalog, as published


def test_a_restore_without_if_match_is_a_428(writer, translations):
    before = spanish(translations)
    published = writer.put("/v1/catalogs/es", data=before.replace(OLD.encode(), NEW.encode()),
                           headers=publish_headers(before))  # fmt: skip
    previous = published.get_json()["previous_revision"]
    assert writer.post(f"/v1/catalogs/es/revisions/{previous}/restore", headers=AUTH).status_code == 428
    assert NEW.encode() in writer.get("/v1/catalogs/es").data  # the store's catalog: still the publish


def test_checks_beyond_the_limit_get_a_429_problem_with_retry_after(translations, tmp_path):
    client = writer_with(translations, tmp_path, CHECK_RATE_LIMIT="2 per minute")
    statuses = [client.post("/v1/catalogs/es/checks", data=b"", headers=PO_TYPE) for _ in range(3)]
    assert [r.status_code for r in statuses[:2]] == [200, 200]
    limited = statuses[2]
    assert (limited.status_code, limited.mimetype) == (429, "application/problem+json")
    assert limited.get_json()["type"].endswith(":rate-limited")
    assert 1 <= int(limited.headers["Retry-After"]) <= 61  # the window, rounded up


def test_a_wrong_token_flood_gets_429s_as_well_as_401s(translations, tmp_path):
    client = writer_with(translations, tmp_path, WRITE_RATE_LIMIT="5 per minute")
    wrong = {"Authorization": "Bearer wrong", **PO_TYPE, "If-Match": '"x"'}
    statuses = [client.put("/v1/catalogs/es", data=b"x", headers=wrong).status_code for _ in range(8)]
    assert statuses == [401] * 5 + [429] * 3


def test_a_token_has_its_own_budget_whatever_address_it_comes_from(translations, tmp_path):
    client = writer_with(translations, tmp_path, WRITE_RATE_LIMIT="3 per minute")
    wrong = {"Authorization": "Bearer wrong", **PO_TYPE}
    statuses = [client.put("/v1/catalogs/es", data=b"x", headers=wrong,
                           environ_base={"REMOTE_ADDR": f"10.0.0.{i}"}).status_code for i in range(5)]  # fmt: skip
    assert statuses == [401] * 3 + [429] * 2


def test_ratelimit_enabled_false_from_the_environment_turns_every_limit_off(translations, tmp_path):
    settings = settings_from_env({"RATELIMIT_ENABLED": "false"})
    assert settings["RATELIMIT_ENABLED"] is False
    client = writer_with(translations, tmp_path, RATELIMIT_ENABLED=False, CHECK_RATE_LIMIT="1 per minute",
                         WRITE_RATE_LIMIT="1 per minute")  # fmt: skip
    assert {client.post("/v1/catalogs/es/checks", data=b"", headers=PO_TYPE).status_code for _ in range(5)} == {200}
    assert {client.put("/v1/catalogs/es", data=b"", headers=AUTH).status_code for _ in range(5)} == {415}


@pytest.mark.parametrize(
    ("name", "value"),
    [("RATELIMIT_ENABLED", "maybe"), ("WRITE_RATE_LIMIT", "lots"), ("CHECK_RATE_LIMIT", "5 per fortnight"),
     ("TRUSTED_PROXY_HOPS", "-1")],
)  # fmt: skip
def test_a_malformed_limit_setting_stops_start_up_naming_it(name, value):
    with pytest.raises(ValueError, match=name):
        settings_from_env({name: value})


def test_reads_run_no_rate_limiter_code(translations, tmp_path):
    client = writer_with(translations, tmp_path, RATELIMIT_STORAGE_URI="redis://127.0.0.1:9/0", RESPONSE_MEMO_ENTRIES=0)
    limiter = client.application.extensions["rate_limiter"]
    app = client.application
    hooks = [*app.before_request_funcs.get(None, []), *app.after_request_funcs.get(None, [])]
    assert not [hook for hook in hooks if is_limiter_hook(hook, limiter)]
    for url in ("/v1/topics", "/v1/topics/muscle-spasms?locale=es", "/v1/catalogs/es", "/healthz", "/v1/locales"):
        assert client.get(url).status_code == 200
    assert not limiter._storage_dead  # no read tried the unreachable storage


def test_a_browser_on_another_site_gets_no_preflight_for_a_po_upload(client):
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}  # fmt: skip
    response = client.options("/v1/catalogs/es/checks", headers=preflight)
    assert not [name for name, _ in response.headers.items() if name.lower().startswith("access-control-")]


def test_with_the_shared_storage_down_checks_are_still_limited_in_memory(translations, tmp_path):
    unreachable = "redis://127.0.0.1:9/0"
    client = writer_with(translations, tmp_path, RATELIMIT_STORAGE_URI=unreachable, CHECK_RATE_LIMIT="2/minute")
    statuses = [client.post("/v1/catalogs/es/checks", data=b"", headers=PO_TYPE).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
