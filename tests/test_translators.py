"""The translator routes through the test client: read, dry-run, publish, conflicts, rollback, audit."""

from pathlib import Path

import pytest

from api import create_app
from tests.tokens import AUTH, OTHER, PO_TYPE, SECRET, TOKENS, publish_headers

ROOT = Path(__file__).resolve().parent.parent
UNIT = "muscle-spasms/acute-causes/resolution"
OLD = "Estos tipos de espasmos desaparecen con reposo, hidratación y estiramientos suaves."
NEW = "Estos tipos de espasmos se resuelven con reposo, hidratación y estiramientos suaves."
SECTION = "/v1/topics/muscle-spasms/sections/acute-causes"


def spanish(translations: Path) -> bytes:
    return (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()


def test_catalogs_are_listed_and_served_as_po(writer):
    listing = writer.get("/v1/catalogs").get_json()["catalogs"]
    assert {c["locale"] for c in listing} == {"ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant"}
    template = writer.get("/v1/catalogs/template")
    assert template.mimetype == "text/x-gettext-translation"
    assert b'msgctxt "muscle-spasms/meta/title"' in template.data
    po = writer.get("/v1/catalogs/es")
    assert po.mimetype == "text/x-gettext-translation"
    assert po.headers["ETag"] == f'"{next(c for c in listing if c["locale"] == "es")["revision"]}"'
    assert writer.get("/v1/catalogs/es", headers={"If-None-Match": po.headers["ETag"]}).status_code == 304
    assert writer.get("/v1/catalogs/xx").status_code == 404


def test_dry_run_reports_what_would_change_and_publishes_nothing(writer, translations):
    before = spanish(translations)
    result = writer.post(
        "/v1/catalogs/es/checks", data=before.replace(OLD.encode(), NEW.encode()), headers=PO_TYPE
    ).get_json()
    assert result["publishable"] is True
    assert result["changes"]["units"]["changed"] == [UNIT]
    assert writer.get("/v1/catalogs/es").data == before  # the store's catalog, as published


def test_dry_run_names_sections_whose_state_would_change(writer, translations):
    review = translations / "es" / "review.yaml"
    review.write_text(review.read_text().replace("complete: {muscle-spasms: 1}", "complete: {}"))
    app = create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": translations.parent / "h"})
    upload = spanish(translations).replace(f'msgstr "{OLD}"'.encode(), b'msgstr ""')
    result = app.test_client().post("/v1/catalogs/es/checks", data=upload, headers=PO_TYPE).get_json()
    assert result["changes"]["units"]["removed"] == [UNIT]
    assert result["changes"]["sections"] == [
        {"topic": "muscle-spasms", "version": 1, "section": "acute-causes", "before": "current", "after": "missing"}
    ]


@pytest.mark.parametrize(
    ("headers", "status", "slug"),
    [({}, 401, "unauthorized"), ({"Authorization": "Bearer wrong"}, 401, "unauthorized"),
     ({"Authorization": f"Bearer {OTHER}"}, 403, "forbidden"), ({"Authorization": SECRET}, 401, "unauthorized")],
)  # fmt: skip
def test_publishing_needs_a_token_for_the_locale(writer, translations, headers, status, slug):
    before = spanish(translations)
    upload = before.replace(OLD.encode(), NEW.encode())
    response = writer.put("/v1/catalogs/es", data=upload, headers={**publish_headers(before, {}), **headers})
    assert (response.status_code, response.get_json()["type"].rsplit(":", 1)[1]) == (status, slug)
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert writer.get("/v1/catalogs/es").data == before  # the store's catalog, as published


def test_without_tokens_writes_are_disabled(translations, tmp_path):
    client = create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h"}).test_client()
    response = client.put("/v1/catalogs/es", data=spanish(translations), headers=publish_headers(spanish(translations)))
    assert (response.status_code, response.get_json()["type"].endswith(":writes-disabled")) == (403, True)


@pytest.mark.parametrize(
    "mangle",
    [lambda po: po.replace(NEW.encode(), NEW.encode() + b"<script>alert(1)</script>"),
     lambda po: po.replace(b"MD, en www.knowyourback.org", b"MD, en www.evil.example"),
     lambda po: po.replace(b"NASS", b"N.A.S.S."),
     lambda po: po + b'\nmsgid "broken'],
)  # fmt: skip
def test_a_catalog_failing_its_checks_is_refused_with_the_report_and_nothing_changes(writer, translations, mangle):
    before = spanish(translations)
    page = writer.get(SECTION + "?locale=es")
    upload = mangle(before.replace(OLD.encode(), NEW.encode()))
    response = writer.put("/v1/catalogs/es", data=upload, headers=publish_headers(before))
    assert response.status_code == 422
    assert response.get_json()["report"]["errors"] >= 1
    assert writer.get("/v1/catalogs/es").data == before  # the store's catalog, as published
    assert writer.get(SECTION + "?locale=es").data == page.data


def test_publish_is_served_at_once_and_only_that_locale_changes(writer, translations, tmp_path):
    es_before = writer.get(SECTION + "?locale=es")
    fr_before = writer.get(SECTION + "?locale=fr")
    before = spanish(translations)
    response = writer.put("/v1/catalogs/es", data=before.replace(OLD.encode(), NEW.encode()),
                          headers=publish_headers(before))  # fmt: skip
    assert response.status_code == 200
    body = response.get_json()
    assert body["changes"]["counts"] == {"added": 0, "changed": 1, "removed": 0}
    es_after = writer.get(SECTION + "?locale=es")
    assert NEW in es_after.get_json()["blocks"][2]["text"]
    assert es_after.headers["ETag"] != es_before.headers["ETag"]
    assert writer.get(SECTION + "?locale=fr").headers["ETag"] == fr_before.headers["ETag"]
    audit = writer.get("/v1/catalogs/es/revisions").get_json()["revisions"]  # the store's audit log, newest first
    assert [(a["locale"], a["actor"], a["action"], a["after"]) for a in audit] == [
        ("es", "maria", "publish", body["revision"]),
        ("es", audit[1]["actor"], "import", body["previous_revision"]),  # start-up filled the store from the files
    ]
    assert audit[0]["before"] == body["previous_revision"] and audit[0]["at"]
    assert audit[1]["actor"] == "files" or audit[1]["actor"].startswith("git:")


def test_if_match_on_a_stale_revision_is_a_412(writer, translations):
    etag = writer.get("/v1/catalogs/es").headers["ETag"]
    first = spanish(translations).replace(OLD.encode(), NEW.encode())
    assert writer.put("/v1/catalogs/es", data=first, headers={**AUTH, **PO_TYPE, "If-Match": etag}).status_code == 200
    stale = writer.put("/v1/catalogs/es", data=spanish(translations), headers={**AUTH, **PO_TYPE, "If-Match": etag})
    assert stale.status_code == 412
    current = writer.get("/v1/catalogs/es").headers["ETag"]
    again = writer.put("/v1/catalogs/es", data=first, headers={**AUTH, **PO_TYPE, "If-Match": current})
    assert again.status_code == 200


def test_restore_brings_the_old_text_back(writer, translations):
    before = spanish(translations)
    published = writer.put("/v1/catalogs/es", data=before.replace(OLD.encode(), NEW.encode()),
                           headers=publish_headers(before))  # fmt: skip
    previous = published.get_json()["previous_revision"]
    history = writer.get("/v1/catalogs/es/revisions").get_json()
    assert history["current"] == published.get_json()["revision"]
    assert writer.post(f"/v1/catalogs/es/revisions/{previous}/restore").status_code == 401
    current = {"If-Match": published.headers["ETag"]}
    restored = writer.post(f"/v1/catalogs/es/revisions/{previous}/restore", headers={**AUTH, **current})
    assert restored.status_code == 200
    assert restored.get_json()["changes"]["units"]["changed"] == [UNIT]  # a new revision, with the old text
    assert OLD in writer.get(SECTION + "?locale=es").get_json()["blocks"][2]["text"]
    assert [r["action"] for r in writer.get("/v1/catalogs/es/revisions").get_json()["revisions"]] == [
        "restore",
        "publish",
        "import",
    ]
    unknown = writer.post("/v1/catalogs/es/revisions/0123456789abcdef/restore", headers={**AUTH, **current})
    assert unknown.status_code == 404


def test_an_upload_larger_than_the_limit_is_a_413_problem(translations, tmp_path):
    config = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h", "TRANSLATOR_TOKENS": TOKENS,
              "MAX_CONTENT_LENGTH": 1024}  # fmt: skip
    client = create_app(config).test_client()
    response = client.put("/v1/catalogs/es", data=spanish(translations), headers=publish_headers(spanish(translations)))
    assert (response.status_code, response.mimetype) == (413, "application/problem+json")
    assert client.post("/v1/catalogs/es/checks", data=spanish(translations), headers=PO_TYPE).status_code == 413
