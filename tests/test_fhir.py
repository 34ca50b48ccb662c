"""Every FHIR resource we serve, in all nine locales, passes the official FHIR R4 JSON Schema, with a narrative.

The schema and the CommonLanguages codes are vendored from registry packages (tests/fixtures/fhir/SOURCE.md) and
checked with jsonschema, which we did not write. The schema's dialect is draft-06 and its `string` rule
(^[ \\r\\n\\t\\S]+$) refuses any whitespace but space, CR, LF and tab.
"""

import gzip
import json
from functools import cache
from xml.etree import ElementTree

import langcodes
import pytest
from jsonschema import Draft6Validator

from tests.conftest import FIXTURES

FHIR_DIR = FIXTURES / "fhir"
LOCALES = ["en", "ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant"]
XHTML = "{http://www.w3.org/1999/xhtml}"
FHIR_LANGUAGE = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}  # the choice api/render/fhir_text.py documents
NARRATIVE_ELEMENTS = {"div", "p", "b", "ul", "li", "a"}  # a subset of what FHIR narrative allows: no script, no form


@cache
def validator() -> Draft6Validator:
    return Draft6Validator(json.loads(gzip.decompress((FHIR_DIR / "fhir.schema.json.gz").read_bytes())))


def document_reference(client, locale: str) -> dict:
    response = client.get(f"/v1/topics/muscle-spasms/document-reference?locale={locale}")
    assert response.status_code == 200
    return response.json


def test_the_schema_refuses_a_no_break_space_an_unknown_status_and_an_unknown_element():
    good = {"resourceType": "DocumentReference", "status": "current", "content": [{"attachment": {"title": "a b"}}]}
    assert not list(validator().iter_errors(good))
    assert list(validator().iter_errors({**good, "description": "Spasmes\u00a0?"}))
    assert list(validator().iter_errors({**good, "status": "final"}))
    assert list(validator().iter_errors({**good, "served": {}}))


@pytest.mark.parametrize("locale", LOCALES)
def test_every_document_reference_passes_the_official_r4_json_schema(client, locale):
    body = document_reference(client, locale)
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator().iter_errors(body)]
    assert errors == []


def test_french_typography_stays_in_the_pages_and_becomes_a_normal_space_in_fhir(client):
    body = json.dumps(document_reference(client, "fr"), ensure_ascii=False)
    assert "\u00a0" not in body and "\u202f" not in body
    titles = [s["heading"] for s in client.get("/v1/topics/muscle-spasms?locale=fr").json["sections"]]
    assert any("\u00a0" in title for title in titles)  # the French JSON keeps its no-break spaces


@pytest.mark.parametrize("locale", LOCALES)
def test_every_document_reference_has_a_generated_xhtml_narrative(client, locale):
    body = document_reference(client, locale)
    assert body["text"]["status"] == "generated"
    div = ElementTree.fromstring(body["text"]["div"])
    assert div.tag == XHTML + "div" and div.get("lang") == body["language"]
    assert {element.tag.removeprefix(XHTML) for element in div.iter()} <= NARRATIVE_ELEMENTS
    assert all(element.tag.startswith(XHTML) for element in div.iter())
    text = "".join(div.itertext())
    assert body["description"] in text and "M62.830" in text
    links = [a.get("href") for a in div.iter(XHTML + "a")]
    assert links == [content["attachment"]["url"] for content in body["content"]]


def test_chinese_is_tagged_with_r4_common_languages_codes_that_mean_the_same_script():
    """zh-Hans and zh-Hant are valid BCP 47, but R4's preferred binding (CommonLanguages) lists zh-CN and zh-TW, and
    HAPI's look-up reads a script subtag as a region; CLDR's likely subtags make zh-CN Simplified, zh-TW Traditional."""
    common = json.loads((FHIR_DIR / "common-languages.json").read_text())["codes"]
    assert "zh-Hans" not in common and "zh-Hant" not in common
    for ours, theirs in FHIR_LANGUAGE.items():
        assert theirs in common
        assert langcodes.Language.get(theirs).maximize().script == langcodes.Language.get(ours).script


@pytest.mark.parametrize("locale", LOCALES)
def test_every_language_code_is_common_or_valid_bcp47(client, locale):
    body = document_reference(client, locale)
    common = json.loads((FHIR_DIR / "common-languages.json").read_text())["codes"]
    codes = {body["language"]} | {c["attachment"]["language"] for c in body["content"]}
    assert all(code in common or langcodes.tag_is_valid(code) for code in codes)
    assert body["language"] in common or locale == "vi"  # Vietnamese is not in R4's CommonLanguages
    assert body["language"] == FHIR_LANGUAGE.get(locale, locale)


@pytest.mark.parametrize("locale", ["fr", "vi", "de", "en"])
def test_the_narrative_carries_the_notices_the_pages_carry(client, locale):
    div = ElementTree.fromstring(document_reference(client, locale)["text"]["div"])
    notices = {p.get("class").split()[-1] for p in div.iter(XHTML + "p") if p.get("class")}
    page = client.get(f"/v1/embed/muscle-spasms?locale={locale}").data.decode()
    expected = {kind for kind in ("unreviewed", "fallback") if f"patient-content-notice-{kind}" in page}
    assert notices == {f"patient-content-notice-{kind}" for kind in expected}
    assert expected == {"fr": {"unreviewed"}, "vi": {"unreviewed"}, "de": {"fallback"}, "en": set()}[locale]
