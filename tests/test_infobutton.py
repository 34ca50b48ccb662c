"""GET /v1/infobutton: HL7 Infobutton knowledge requests, answered like MedlinePlus Connect, in every locale."""

import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import feedparser
import pytest
import requests

from tests.conftest import start_gunicorn, stop_gunicorn

ICD10CM_OID = "2.16.840.1.113883.6.90"
SECTIONS = ["definition", "acute-causes", "chronic-causes", "concerning-signs", "referral-links"]
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def ask(code="M62838", system=ICD10CM_OID, **params):
    query = {"mainSearchCriteria.v.c": code, "mainSearchCriteria.v.cs": system, **params}
    return "/v1/infobutton?" + urlencode({k.replace("__", "."): v for k, v in query.items() if v is not None})


VI_JSON = ask(informationRecipient__languageCode__c="vi", knowledgeResponseType="application/json")


def test_a_vietnamese_json_request_for_m62838_links_the_vietnamese_topic_and_each_section(client):
    response = client.get(VI_JSON)
    assert response.status_code == 200 and response.content_type == "application/json"
    feed = response.json["feed"]
    title = client.get("/v1/topics/muscle-spasms?locale=vi").json["title"]
    assert title != "Muscle Spasms" and feed["entry"][0]["title"]["_value"] == title  # as MedlinePlus clients read it
    assert feed["lang"] == "vi" and feed["title"]["_value"] and feed["updated"]["_value"].endswith("Z")
    hrefs = [entry["link"][0]["href"] for entry in feed["entry"]]
    assert hrefs[0] == "http://127.0.0.1:8000/v1/topics/muscle-spasms/fragment?locale=vi"
    assert hrefs[1:] == [f"http://127.0.0.1:8000/v1/embed/muscle-spasms/{s}?locale=vi" for s in SECTIONS]
    for entry in feed["entry"]:
        assert entry["id"]["_value"] and entry["updated"]["_value"] and entry["summary"]["type"] == "html"
        assert entry["served"] == {**entry["served"], "locale": "vi", "requested_locale": "vi", "fallback": None}
        assert entry["served"]["review"]["status"] == "unreviewed"
        assert {link["type"] for link in entry["link"]} >= {"text/html", "application/json"}
    topic_id = feed["entry"][0]["id"]["_value"]
    assert all(entry["source"]["id"]["_value"] == topic_id for entry in feed["entry"][1:])
    assert 'lang="vi"' in feed["entry"][1]["summary"]["_value"] and "<script" not in response.text
    assert all('data-review="unreviewed"' in entry["summary"]["_value"] for entry in feed["entry"])
    assert feed["author"]["name"]["_value"] == "Jennifer Kurz, MD"  # an object, as MedlinePlus Connect's
    assert feed["author"]["uri"]["_value"].startswith("https://")
    assert "North American Spine Society" in feed["contributor"][0]["name"]["_value"]


def medlineplus_client_reads(feed: dict) -> dict:
    """Read a feed the way public MedlinePlus Connect integrations do: every feed-level field, by attribute."""
    return {
        "title": feed["title"]["_value"],
        "subtitle": feed["subtitle"]["_value"],
        "author": feed["author"]["name"]["_value"],
        "author_uri": feed["author"].get("uri", {}).get("_value"),
        "updated": feed["updated"]["_value"],
        "categories": {c["scheme"]: c["term"] for c in feed["category"]},
        "id": feed["id"]["_value"],
        "links": [(e["title"]["_value"], e["link"][0]["href"], e["summary"]["_value"]) for e in feed["entry"]],
    }


@pytest.mark.parametrize("locale", ["en", "ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant"])
def test_the_json_has_medlineplus_connects_feed_level_shape_in_every_locale(client, locale):
    url = ask("m62.838", informationRecipient__languageCode__c=locale, knowledgeResponseType="application/json")
    read = medlineplus_client_reads(client.get(url).json["feed"])
    assert read["categories"] == {"mainSearchCriteria.v.c": "m62.838", "mainSearchCriteria.v.cs": ICD10CM_OID,
                                  "informationRecipient.languageCode.c": locale}  # fmt: skip
    assert read["subtitle"] == "Results for ICD-10-CM M62.838" and read["author"] and read["title"]
    assert len(read["links"]) == 1 + len(SECTIONS) and read["id"] and read["updated"].endswith("Z")


def test_an_empty_json_feed_has_the_same_shape(client):
    feed = client.get(ask("J45.909", knowledgeResponseType="application/json")).json["feed"]
    read = medlineplus_client_reads(feed)
    assert read["links"] == [] and read["author"] == "Patient content API" and read["author_uri"]
    assert set(read["categories"]) == {"mainSearchCriteria.v.c", "mainSearchCriteria.v.cs"}


@pytest.mark.parametrize("spelling", ["APPLICATION/JSON", "Application/Json", " application/json "])
def test_knowledge_response_type_is_read_in_any_case(client, spelling):
    response = client.get(ask(knowledgeResponseType=spelling))
    assert response.status_code == 200 and response.content_type == "application/json"


def test_the_code_systems_urn_prefix_is_read_in_any_case(client):
    response = client.get(ask(system="URN:OID:" + ICD10CM_OID, knowledgeResponseType="application/json"))
    assert response.status_code == 200 and len(response.json["feed"]["entry"]) == 1 + len(SECTIONS)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "text/xml; charset=utf-8"),
        ("*/*", "text/xml; charset=utf-8"),
        ("application/json", "application/json"),
        ("application/json, text/xml;q=0.5", "application/json"),
        ("application/atom+xml", "application/atom+xml; charset=utf-8"),
        ("text/html", "text/xml; charset=utf-8"),
    ],
)
def test_without_knowledge_response_type_accept_chooses_and_vary_says_so(client, accept, media_type):
    response = client.get(ask(), headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.content_type == media_type
    assert "Accept" in [v.strip() for v in response.headers["Vary"].split(",")]
    explicit = client.get(ask(knowledgeResponseType="text/xml"), headers={"Accept": "application/json"})
    assert explicit.content_type == "text/xml; charset=utf-8"
    assert "Accept" not in [v.strip() for v in explicit.headers.get("Vary", "").split(",")]


def test_the_same_request_as_xml_is_atom_in_vietnamese(client):
    response = client.get(ask(informationRecipient__languageCode__c="vi"))  # text/xml is the default
    assert response.status_code == 200 and response.content_type == "text/xml; charset=utf-8"
    root = ET.fromstring(response.data)
    assert root.tag == ATOM + "feed" and root.get(XML_LANG) == "vi"
    entries = root.findall(ATOM + "entry")
    assert len(entries) == 1 + len(SECTIONS) and all(e.get(XML_LANG) == "vi" for e in entries)
    for entry in entries:
        for link in entry.findall(ATOM + "link"):
            assert all(link.get(name) for name in ("href", "rel", "type", "hreflang", "title"))
    assert [e.findtext(f"{ATOM}source/{ATOM}id") for e in entries[1:]] == [entries[0].findtext(ATOM + "id")] * 5
    parsed = feedparser.parse(response.data)  # as a feed reader sees it
    assert not parsed.bozo and parsed.version == "atom10" and parsed.feed.language == "vi"
    assert parsed.entries[0].title == client.get("/v1/topics/muscle-spasms?locale=vi").json["title"]
    assert parsed.entries[1].summary.startswith("<section")


@pytest.mark.parametrize("kind", ["application/json", "text/xml"])
def test_an_unknown_code_gets_an_empty_feed(client, kind):
    response = client.get(ask("J45.909", knowledgeResponseType=kind))
    assert response.status_code == 200
    if kind == "application/json":
        assert response.json["feed"]["entry"] == []
    else:
        assert feedparser.parse(response.data).entries == [] and ET.fromstring(response.data).tag == ATOM + "feed"


def test_a_code_system_we_do_not_index_gets_an_empty_feed(client):
    response = client.get(ask("197361", "2.16.840.1.113883.6.88", knowledgeResponseType="application/json"))
    assert response.status_code == 200 and response.json["feed"]["entry"] == []


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/v1/infobutton", "mainSearchCriteria.v.cs is required"),
        (ask(system=None), "mainSearchCriteria.v.cs is required"),
        (ask(code=None), "mainSearchCriteria.v.c is required"),
        (ask(code="M6"), "not a well-formed ICD-10-CM code"),
        (ask(system="icd10"), "code system OID"),
        (ask(knowledgeResponseType="text/html"), "knowledgeResponseType must be one of"),
        (ask(informationRecipient__languageCode__c="v!"), "BCP 47"),
        (ask(callback="handle"), "JSONP is not supported"),
    ],
)
def test_a_missing_or_malformed_parameter_is_a_400_problem(client, url, says):
    response = client.get(url)
    assert response.status_code == 400 and response.content_type == "application/problem+json"
    assert says in response.json["detail"]


def test_the_guides_other_parameters_are_tolerated_and_change_nothing(client):
    plain = client.get(ask(informationRecipient__languageCode__c="es"))
    others = {
        "taskContext.c.c": "PROBLISTREV",
        "patientPerson.administrativeGenderCode.c": "F",
        "age.v.v": "45",
        "age.v.u": "a",
        "performer": "PROV",
        "informationRecipient": "PAT",
        "mainSearchCriteria.v.dn": "Spasm",
    }
    busy = client.get(ask(informationRecipient__languageCode__c="es") + "&" + urlencode(others))
    assert busy.status_code == 200 and busy.data == plain.data and busy.headers["ETag"] == plain.headers["ETag"]


def test_every_spelling_of_a_code_gets_the_same_entries_and_echoes_its_own_spelling(client):
    spellings = ("M62838", "M62.838", "m62.838", "M62.830", "M62.8")
    feeds = {code: ET.fromstring(client.get(ask(code)).data) for code in spellings}
    entries = {code: b"".join(ET.tostring(e) for e in feed.findall(ATOM + "entry")) for code, feed in feeds.items()}
    assert len(set(entries.values())) == 1  # one answer to one code, however it is spelled
    assert {code: feed.find(ATOM + "category").get("term") for code, feed in feeds.items()} == {c: c for c in spellings}


def test_without_a_language_parameter_accept_language_chooses_and_vary_says_so(client):
    response = client.get(ask(knowledgeResponseType="application/json"), headers={"Accept-Language": "es-MX"})
    assert response.json["feed"]["lang"] == "es" and response.headers["Vary"] == "Accept-Language"
    explicit = client.get(VI_JSON, headers={"Accept-Language": "es-MX"})
    assert explicit.json["feed"]["lang"] == "vi" and "Accept-Language" not in explicit.headers.get("Vary", "")


def test_a_section_a_locale_lacks_says_so_in_its_entry(library):
    content, translations = library  # fr lacks one unit of sample-topic's links section
    with (content / "codes.yaml").open("a") as index:
        index.write("  sample-topic:\n    - {system: icd-10-cm, code: R25.1, display: 'Tremor, unspecified'}\n")
    from api import create_app

    client = create_app({"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations}).test_client()
    feed = client.get(ask("R25.1", informationRecipient__languageCode__c="fr",
                          knowledgeResponseType="application/json")).json["feed"]  # fmt: skip
    served = {entry["id"]["_value"].split("/")[-2]: entry["served"] for entry in feed["entry"]}
    assert served["links"]["locale"] == "en" and served["links"]["fallback"] == {"from": "fr", "reason": "missing"}
    assert served["basics"]["locale"] == "fr" and served["basics"]["fallback"] is None
    root = ET.fromstring(client.get(ask("R25.1", informationRecipient__languageCode__c="fr")).data)
    links_entry = next(e for e in root.findall(ATOM + "entry") if "/links/" in e.findtext(ATOM + "id"))
    assert links_entry.get(XML_LANG) == "en"
    assert links_entry.find("{tag:patient-content-api,2026:served}served").get("fallback-reason") == "missing"


def test_on_gunicorn_the_feed_is_cached_revalidated_and_its_links_resolve():
    process, base = start_gunicorn({"PUBLIC_BASE_URL": "http://links.invalid"}, workers=1)
    try:
        for _ in range(2):  # the second time from the response memo, which must key on Accept
            atom = requests.get(base + ask(), timeout=30)
            json_feed = requests.get(base + ask(), headers={"Accept": "application/json"}, timeout=30)
            assert atom.headers["Content-Type"].startswith("text/xml") and json_feed.json()["feed"]["entry"]
        response = requests.get(base + VI_JSON, timeout=30)
        assert response.status_code == 200 and response.headers["Cache-Control"].startswith("public")
        again = requests.get(base + VI_JSON, headers={"If-None-Match": response.headers["ETag"]}, timeout=30)
        assert again.status_code == 304 and not again.content
        for entry in response.json()["feed"]["entry"]:
            for link in entry["link"]:
                resolved = requests.get(link["href"].replace("http://links.invalid", base), timeout=30)
                assert resolved.status_code == 200, link
                assert resolved.headers["Content-Type"].startswith(link["type"])
                assert link["hreflang"] in resolved.headers["Content-Language"]
    finally:
        stop_gunicorn(process)


@pytest.mark.parametrize(
    "url",
    [VI_JSON, ask(informationRecipient__languageCode__c="vi"), ask("J45.909"), ask(callback="x"), ask(code=None)],
)
def test_responses_match_the_contract(client, url):
    from tests.contract import check_response

    for method in ("GET", "HEAD"):
        response = client.open(url, method=method)
        check_response("/v1/infobutton", method, response.status_code, response.headers, response.data)
