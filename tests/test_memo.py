"""The response memo replays exactly what Flask answered, per service, and never across languages or publishes."""

import pytest

from api import create_app
from tests.test_translators import NEW, OLD, SECTION, spanish
from tests.tokens import AUTH, TOKENS, publish_headers

REQUESTS = [
    ("GET", SECTION, {"Accept-Language": "es-MX,es;q=0.9"}),
    ("GET", SECTION, {"Accept-Language": "ar"}),
    ("HEAD", SECTION + "?locale=ko", {}),
    ("GET", SECTION + "/fragment?locale=vi", {}),
    ("GET", "/v1/bundles/fr", {"Accept-Encoding": "gzip"}),
    ("GET", "/v1/bundles/fr", {}),
    ("GET", "/v1/embed.js", {"Accept-Encoding": "gzip"}),
    ("GET", "/v1/embed/muscle-spasms/definition?locale=zh-TW", {}),
    ("GET", "/v1/topics", {"Accept-Language": "pt"}),
    ("GET", "/", {}),
]


@pytest.fixture
def pair(translations, tmp_path):
    """The same service with the memo and without it."""
    config = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h", "TRANSLATOR_TOKENS": TOKENS}
    return create_app(config).test_client(), create_app({**config, "RESPONSE_MEMO_ENTRIES": 0}).test_client()


def test_a_replayed_answer_is_byte_for_byte_what_flask_answered(pair):
    memo, plain = pair
    for method, url, headers in REQUESTS * 2:  # the second round is answered from the memo
        expected = plain.open(url, method=method, headers=headers)
        got = memo.open(url, method=method, headers=headers)
        assert (got.status, got.headers.to_wsgi_list(), got.data) == (
            expected.status, expected.headers.to_wsgi_list(), expected.data)  # fmt: skip
        revalidate = {**headers, "If-None-Match": expected.headers["ETag"]}
        assert memo.open(url, method=method, headers=revalidate).status_code == 304


def test_alternating_languages_never_get_each_others_answer(pair):
    memo, _ = pair
    for _ in range(3):
        for tag, heading in (("es", "¿Qué causa"), ("en", "What causes"), ("fr", "Qu")):
            body = memo.get(SECTION, headers={"Accept-Language": tag}).get_json()
            assert body["locale"] == tag and body["heading"].startswith(heading)


def test_a_publish_is_never_hidden_by_a_remembered_answer(pair, translations):
    memo, _ = pair
    assert OLD.encode() in memo.get(SECTION + "?locale=es").data
    upload = spanish(translations).replace(OLD.encode(), NEW.encode())
    assert memo.put("/v1/catalogs/es", data=upload, headers=publish_headers(spanish(translations))).status_code == 200
    assert NEW.encode() in memo.get(SECTION + "?locale=es").data


def test_only_prebuilt_answers_are_remembered(pair):
    memo, _ = pair
    for url in ("/v1/changes?limit=1", "/v1/catalogs/es", "/healthz", "/v1/topics/nope", SECTION + "?locale=es"):
        memo.get(url)
    memo.get(SECTION + "?locale=es", headers=AUTH)  # a credential: never remembered
    remembered = [(key[1], key[2]) for key in memo.application.wsgi_app.entries]
    assert remembered == [(SECTION, "locale=es")]


def test_a_full_memo_starts_again_and_stays_right(translations):
    client = create_app({"TRANSLATIONS_DIR": translations, "RESPONSE_MEMO_ENTRIES": 2}).test_client()
    for _ in range(2):
        for tag in ("es", "ko", "ar", "vi"):
            assert client.get(SECTION, headers={"Accept-Language": tag}).get_json()["locale"] == tag
