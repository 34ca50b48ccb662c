"""HTML fragments: structure, lang and dir, fallback state, attribution, and no way for a catalog to inject script."""

from pathlib import Path

from api.render.markup import sanitize
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
    assert {tag for tag, _ in elements} <= {"section", "h2", "h3", "p", "ul", "li", "strong", "a", "small"}
    attributes = {name for _, attrs in elements for name in attrs}
    assert not {name for name in attributes if name.startswith("on") or name == "style"}
    assert all(attrs["href"].startswith("https://") for tag, attrs in elements if tag == "a")
    assert "&lt;script&gt;window.canary = 1&lt;/script&gt;Encabezado" in html  # shown as text, never run
    assert sanitize(html) == html


def test_fragments_are_in_the_contract(app):
    routes = {rule.rule for rule in app.url_map.iter_rules()}
    assert {"/v1/topics/<topic_id>/fragment", "/v1/topics/<topic_id>/sections/<section_id>/fragment"} <= routes
    assert Path(__file__).resolve().parent.parent.joinpath("openapi.yaml").read_text().count("/fragment:") == 2


def test_a_fallback_fragment_states_it_in_a_notice_just_after_the_heading(client):
    html = client.get(SECTION + "?locale=de").data.decode()
    heading_end = html.index("</h2>")
    notice = html.index('<p class="patient-content-notice patient-content-notice-fallback" lang="en" dir="ltr">')
    assert notice == heading_end + len("</h2>")
    assert "This section is not yet available in your language. It is shown in English." in html


def test_an_unreviewed_fragment_states_it_in_the_wanted_language(client):
    html = client.get(SECTION + "?locale=ko").data.decode()
    assert '<p class="patient-content-notice patient-content-notice-unreviewed" lang="ko" dir="ltr">' in html
    assert "이 번역은 AI(인공지능)의 도움을 받아 작성되었습니다. 아직 자격을 갖춘 의료 번역가의 검토를" in html
    assert '<p class="patient-content-attribution" lang="en" dir="ltr">' in html  # read with an English voice


def test_a_french_fallback_is_stated_in_french(library_client):
    html = library_client.get("/v1/topics/sample-topic/sections/links/fragment?locale=fr").data.decode()
    assert 'data-fallback-reason="missing"' in html
    assert 'patient-content-notice-fallback" lang="fr"' in html and "anglais" in html


def test_fragments_take_a_heading_level_and_a_topic_nests_its_sections(client):
    topic = client.get("/v1/topics/muscle-spasms/fragment?locale=es&heading-level=3")
    html = topic.data.decode()
    assert html.count("<h3>") == 1 and html.count("<h4>") == 5 and "<h2>" not in html
    assert "heading-level=3" in topic.headers["Content-Location"]
    section = client.get(SECTION + "?heading-level=1").data.decode()
    assert "<h1>" in section and "<h2>" in section and "<h3>" not in section
    assert client.get(SECTION + "?heading-level=7").status_code == 400


def test_terms_are_separated_from_their_text_and_the_scope_sentence_shows_once(client):
    html = client.get("/v1/topics/muscle-spasms/fragment?locale=es").data.decode()
    assert "</strong>: " in html and "</strong> " not in html
    topic = client.get("/v1/topics/muscle-spasms?locale=es").json
    assert html.count(topic["scope_note"]) == 1
    assert "</strong>：" in client.get(SECTION + "?locale=zh-Hant").data.decode()


def test_left_to_right_runs_in_right_to_left_text_are_isolated(client):
    arabic = client.get("/v1/topics/muscle-spasms/sections/referral-links/fragment?locale=ar").data.decode()
    assert "من <bdi>NASS</bdi>" in arabic and "><bdi>KnowYourBack.org</bdi></a>" in arabic
    assert 'class="patient-content-attribution" lang="en" dir="ltr"' in arabic  # English, its own direction
    spanish = client.get("/v1/topics/muscle-spasms/sections/referral-links/fragment?locale=es").data.decode()
    assert "<bdi>" not in spanish  # left-to-right text needs no isolation
