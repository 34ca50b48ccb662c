"""A topic as a FHIR R4 DocumentReference and a schema.org MedicalWebPage: valid, honest, and pointing at real bytes.

fhir.resources 8 ships R4B models (not R4) beside its default R5; R4B's DocumentReference is R4's, so the tests
validate with fhir.resources.R4B. Its models check structure, not code values: they accept status "final" and an
empty content list (the first test shows it), so the tests check those, and that every URL resolves, themselves.
"""

import base64
import hashlib
import json
import shutil
from html.parser import HTMLParser

import pytest
import requests
from fhir.resources.R4B.documentreference import DocumentReference
from pyld import jsonld
from rdflib.namespace import SDO

from tests.conftest import ROOT, start_gunicorn, stop_gunicorn

FHIR = "/v1/topics/muscle-spasms/document-reference"
JSONLD = "/v1/topics/muscle-spasms/medical-web-page"
ISSUE_CODES = ["M62.83", "M62.830", "M62.831", "M62.838", "R25.2"]
SECTIONS = ["definition", "acute-causes", "chronic-causes", "concerning-signs", "referral-links"]


def test_the_fhir_library_checks_structure_not_codes_so_we_check_those_too():
    loose = DocumentReference.model_validate({"resourceType": "DocumentReference", "status": "final", "content": []})
    assert loose.status == "final"


@pytest.mark.parametrize("locale", ["vi", "en", "ar", "de"])
def test_the_document_reference_is_a_valid_r4_resource_with_status_content_language_and_codes(client, locale):
    response = client.get(f"{FHIR}?locale={locale}")
    assert response.status_code == 200 and response.content_type == "application/fhir+json"
    body = response.json
    document = DocumentReference.model_validate(body)  # raises on any structural error
    served = "en" if locale == "de" else locale
    assert document.status == "current" and body["language"] == served
    assert document.content and len(body["content"]) == 1 + len(SECTIONS)
    for content in body["content"]:
        attachment = content["attachment"]
        assert attachment["contentType"] == "text/html" and attachment["language"] == served
        assert attachment["size"] > 0 and len(base64.b64decode(attachment["hash"])) == 20  # SHA-1
        assert attachment["title"] and attachment["creation"] and f"locale={locale}" in attachment["url"]
    assert "coding" not in body["type"] and body["type"]["text"]  # no LOINC code claimed without a citation
    related = body["context"]["related"]
    assert [r["identifier"]["value"] for r in related] == ISSUE_CODES
    assert {r["identifier"]["system"] for r in related} == {"http://hl7.org/fhir/sid/icd-10-cm"}


def test_on_gunicorn_every_attachment_url_resolves_to_the_bytes_it_describes():
    process, base = start_gunicorn({"PUBLIC_BASE_URL": "http://links.invalid"}, workers=1)
    try:
        body = requests.get(base + FHIR + "?locale=vi", timeout=30).json()
        for content in body["content"]:
            attachment = content["attachment"]
            page = requests.get(attachment["url"].replace("http://links.invalid", base), timeout=30)
            assert page.status_code == 200 and page.headers["Content-Type"].startswith(attachment["contentType"])
            assert len(page.content) == attachment["size"]
            assert base64.b64encode(hashlib.sha1(page.content).digest()).decode() == attachment["hash"]
            assert page.headers["Content-Language"] == attachment["language"]
        jsonld_page = requests.get(base + JSONLD + "?locale=vi", timeout=30).json()
        for part in [jsonld_page, *jsonld_page["hasPart"]]:
            assert requests.get(part["url"].replace("http://links.invalid", base), timeout=30).status_code == 200
    finally:
        stop_gunicorn(process)


def no_network(url, options=None):
    """A JSON-LD document loader that refuses to load anything: the document must expand offline."""
    raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")


def terms(node) -> set[str]:
    """Return every property and type name used in a compact JSON-LD document."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found |= {key} if not key.startswith("@") else set()
            found |= {value} if key == "@type" else terms(value)
    elif isinstance(node, list):
        for value in node:
            found |= terms(value)
    return found


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_medical_web_page_is_json_ld_in_schema_org_terms_only(client, locale):
    response = client.get(f"{JSONLD}?locale={locale}")
    assert response.status_code == 200 and response.content_type == "application/ld+json"
    page = response.json
    expanded = jsonld.expand(page, {"documentLoader": no_network})
    assert expanded and expanded[0]["@type"] == ["https://schema.org/MedicalWebPage"]
    assert expanded[0]["https://schema.org/url"] == [{"@id": page["url"]}]
    assert expanded[0]["https://schema.org/name"] == [{"@value": page["name"]}]
    context = page["@context"]
    assert context["@vocab"] == "https://schema.org/" and set(context) - {"@vocab"} <= set(SDO.__annotations__)
    unknown = {term for term in terms({k: v for k, v in page.items() if k != "@context"})}
    unknown -= set(SDO.__annotations__)
    assert not unknown, f"not schema.org terms: {unknown}"
    assert page["inLanguage"] == locale and page["audience"] == {"@type": "Patient"}
    assert page["about"]["@type"] == "MedicalCondition"
    assert [(c["@type"], c["codeValue"], c["codingSystem"]) for c in page["about"]["code"]] == [
        ("MedicalCode", code, "ICD-10-CM") for code in ISSUE_CODES
    ]
    assert page["author"]["name"] == "Jennifer Kurz, MD" and page["publisher"]["name"] == "North American Spine Society"
    assert [part["@type"] for part in page["hasPart"]] == ["WebPageElement"] * len(SECTIONS)
    assert "lastReviewed" not in page and "reviewedBy" not in page  # unreviewed translation, or the source


def test_a_real_review_is_stated_and_only_then(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    review = translations / "es" / "review.yaml"
    text = review.read_text().replace("status: unreviewed", "status: reviewed")
    text = text.replace("reviewer: null", "reviewer: Test Reviewer").replace(
        "reviewed_on: null", "reviewed_on: 2026-11-20"
    )
    review.write_text(text)
    from api import create_app

    client = create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h"}).test_client()
    page = client.get(f"{JSONLD}?locale=es").json
    assert page["lastReviewed"] == "2026-11-20" and page["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer"}
    assert "lastReviewed" not in client.get(f"{JSONLD}?locale=fr").json


def test_both_are_negotiated_cached_and_in_the_contract(client):
    from tests.contract import check_response

    for path, template in ((FHIR, "/v1/topics/{topic_id}/document-reference"),
                           (JSONLD, "/v1/topics/{topic_id}/medical-web-page")):  # fmt: skip
        negotiated = client.get(path, headers={"Accept-Language": "ko"})
        assert negotiated.headers["Vary"] == "Accept-Language" and "locale=ko" in negotiated.headers["Content-Location"]
        again = client.get(path, headers={"Accept-Language": "ko", "If-None-Match": negotiated.headers["ETag"]})
        assert again.status_code == 304
        for url in (path, path + "?locale=ar", path.replace("muscle-spasms", "nope"), path + "?version=x"):
            for method in ("GET", "HEAD"):
                response = client.open(url, method=method)
                check_response(template, method, response.status_code, response.headers, response.data)


def test_no_network_loader_refuses_a_remote_context():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://schema.org", "@type": "WebPage"}, {"documentLoader": no_network})


class Scripts(HTMLParser):
    """Collect each <script>'s type and text, as a browser's tokenizer splits them."""

    def __init__(self):
        super().__init__()
        self.found, self.current = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.current = [dict(attrs).get("type"), ""]

    def handle_data(self, data):
        if self.current is not None:
            self.current[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self.current is not None:
            self.found.append(tuple(self.current))
            self.current = None


@pytest.mark.parametrize("locale", ["en", "ar", "fr", "zh-Hant"])
def test_the_topic_page_carries_its_json_ld_in_a_script_data_block(client, locale):
    page = client.get(f"/v1/embed/muscle-spasms?locale={locale}")
    assert page.status_code == 200
    parser = Scripts()
    parser.feed(page.data.decode())
    (data,) = [text for kind, text in parser.found if kind == "application/ld+json"]
    assert json.loads(data) == client.get(f"{JSONLD}?locale={locale}").json
    assert jsonld.expand(json.loads(data), {"documentLoader": no_network})


def test_the_json_ld_cannot_break_out_of_its_script_element():
    from api.render.pages import script_json

    hostile = {"name": "</script><script>alert(1)</script><!-- & \u2028", "x": "</SCRIPT >"}
    block = str(script_json(json.dumps(hostile).encode()))
    assert "<" not in block and ">" not in block and "&" not in block
    parser = Scripts()
    parser.feed(f'<script type="application/ld+json">{block}</script><p>after</p>')
    assert parser.found == [("application/ld+json", block)] and json.loads(block) == hostile
