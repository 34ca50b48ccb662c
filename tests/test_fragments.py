"""HTML fragments: structure, lang and dir, fallback state, attribution, and no way for a catalog to inject script."""

from pathlib import Path

from api.build.fragments import sanitize
from tests.hostile import Elements

SECTION = "/v1/topics/muscle-spasms/sections/concerning-signs/fragment"


def test_a_section_fragment_has_lang_dir_structure_links_and_attribution(client):
    response = client.get(SECTION + "?locale=ar")
    html = response.data.decode()
    assert response.mimetype == "text/html"
    assert response.headers["ETag"] and response.headers["Content-Language"] == "ar"
    assert html.startswith('<section class="patient-content-section" id="concerning-signs" lang="ar" dir="rtl"')
    assert 'data-locale="ar"' in html and 'data-review="unreviewed"' in html
    assert "<h2>" in html and "<h3>" in html and "<li><strong>" in html
    assert "Jennifer Kurz, MD · North American Spine Society" in html
    links = client.get("/v1/topics/muscle-spasms/sections/referral-links/fragment").data.decode()
    assert links.count('rel="noopener noreferrer"') == 3


def test_a_fallback_is_stated_in_data_attributes(client):
    html = client.get(SECTION + "?locale=de-CH").data.decode()
    assert 'lang="en"' in html
    assert 'data-fallback-from="de-CH" data-fallback-reason="unsupported"' in html


def test_the_topic_fragment_negotiates_like_the_json_and_revalidates(client):
    response = client.get("/v1/topics/muscle-spasms/fragment", headers={"Accept-Language": "zh-TW"})
    assert response.data.decode().startswith('<article class="patient-content-topic" lang="zh-Hant"')
    assert response.headers["Vary"] == "Accept-Language"
    revalidate = {"Accept-Language": "zh-TW", "If-None-Match": response.headers["ETag"]}
    again = client.get("/v1/topics/muscle-spasms/fragment", headers=revalidate)
    assert again.status_code == 304


def test_a_hostile_catalog_cannot_put_markup_or_script_into_a_fragment(hostile_client):
    html = hostile_client.get(SECTION + "?locale=es").data.decode()
    elements = Elements(html).found
    assert {tag for tag, _ in elements} <= {"section", "h2", "h3", "p", "ul", "li", "strong", "a", "footer", "small"}
    attributes = {name for _, attrs in elements for name in attrs}
    assert not {name for name in attributes if name.startswith("on") or name == "style"}
    assert all(attrs["href"].startswith("https://") for tag, attrs in elements if tag == "a")
    assert "&lt;script&gt;window.canary = 1&lt;/script&gt;Encabezado" in html  # shown as text, never run
    assert sanitize(html) == html


def test_fragments_are_in_the_contract(app):
    routes = {rule.rule for rule in app.url_map.iter_rules()}
    assert {"/v1/topics/<topic_id>/fragment", "/v1/topics/<topic_id>/sections/<section_id>/fragment"} <= routes
    assert Path(__file__).resolve().parent.parent.joinpath("openapi.yaml").read_text().count("/fragment:") == 2
