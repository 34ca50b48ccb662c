"""Notices tell the truth: tagged with the language they are in, saying how a translation was made (issue 17)."""

import re
import shutil
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from api import create_app
from api.commands.catalogs import catalogs_cli
from api.content.lock import lock_version
from api.render.handout import qr_data_uri
from tests.conftest import ROOT, SAMPLE
from tests.test_handout import poppler

SECTION = "/v1/topics/muscle-spasms/sections/definition"
NOTICE = re.compile(
    r'<p class="patient-content-notice patient-content-notice-(\w+)" lang="([^"]+)" dir="(\w+)">([^<]*)</p>'
)
AI_WORDS = {"es": "IA (inteligencia artificial)", "fr": "l’IA (intelligence artificielle)", "pt-BR": "IA (inteligência",
            "zh-Hans": "人工智能", "zh-Hant": "人工智慧", "vi": "AI (trí tuệ nhân tạo)", "ko": "AI(인공지능)",
            "ar": "الذكاء الاصطناعي"}  # the words for "AI" in each locale's unreviewed notice (api.po)


def notices(html: str) -> list[tuple[str, str, str, str]]:
    """Return (kind, lang, dir, text) of every notice in a fragment or page."""
    return NOTICE.findall(html)


@pytest.fixture
def german(translations, monkeypatch):
    """A copy of the translations after `flask --app api catalogs init de`: German exists, nothing is translated."""
    monkeypatch.setenv("TRANSLATIONS_DIR", str(translations))
    result = CliRunner().invoke(catalogs_cli, ["init", "de"])
    assert result.exit_code == 0, result.output
    assert (translations / "de" / "LC_MESSAGES" / "api.po").exists()
    return create_app({"TRANSLATIONS_DIR": translations}).test_client()


def test_an_untranslated_locales_fallback_notice_is_tagged_english_and_names_english_in_english(german):
    section = german.get(SECTION + "?locale=de").json
    assert section["locale"] == "en" and section["fallback"] == {"from": "de", "reason": "missing"}
    for path in (SECTION + "/fragment", "/v1/embed/muscle-spasms/definition", "/v1/topics/muscle-spasms/fragment"):
        html = german.get(path + "?locale=de").data.decode()
        (found,) = [n for n in notices(html) if n[0] == "fallback"]
        assert found[1:3] == ("en", "ltr"), (path, found)
        assert found[3].endswith("It is shown in English."), found  # not "Englisch" inside English words
        assert "Englisch" not in html
        assert found[3].startswith("This topic" if "/topics/muscle-spasms/fragment" in path else "This section")


def test_the_widget_tags_each_message_with_the_locale_whose_words_it_is(german):
    script = german.get("/v1/embed.js").data.decode()
    entry = re.search(r'"de":(\{"locale":"de".*?"lang":\{[^}]*\}\})', script).group(1)
    assert '"fallback":"en"' in entry and '"unreviewed":"en"' in entry
    spanish = re.search(r'"es":(\{"locale":"es".*?"lang":\{[^}]*\}\})', script).group(1)
    assert '"fallback":"es"' in spanish and '"unreviewed_ai":"es"' in spanish


def test_a_message_missing_in_a_locale_comes_from_the_next_locale_of_its_chain(translations):
    (translations / "locales.yaml").write_text("default: en\nfallbacks:\n  zh-Hant: [zh-Hans]\n", encoding="utf-8")
    po = translations / "zh_Hant" / "LC_MESSAGES" / "api.po"
    text = po.read_text(encoding="utf-8")
    unreviewed = 'msgid "This translation was made with the help of AI'
    start = text.index(unreviewed)
    msgstr = text.index("msgstr", start)
    end = text.index("\n\n", msgstr)
    po.write_text(text[:msgstr] + 'msgstr ""' + text[end:], encoding="utf-8")  # zh-Hant lacks it: zh-Hans has it
    client = create_app({"TRANSLATIONS_DIR": translations}).test_client()
    html = client.get(SECTION + "/fragment?locale=zh-Hant").data.decode()
    (found,) = [n for n in notices(html) if n[0] == "unreviewed"]
    assert found[1] == "zh-Hans" and "人工智能" in found[3]


@pytest.mark.parametrize("locale", ["es", "fr", "pt-BR", "zh-Hans", "zh-Hant", "vi", "ko", "ar"])
def test_the_unreviewed_notice_says_the_translation_is_ai_assisted_in_every_locale(client, locale):
    section = client.get(SECTION + f"?locale={locale}").json
    assert section["review"]["method"] == "ai-assisted"
    html = client.get(SECTION + f"/fragment?locale={locale}").data.decode()
    (found,) = [n for n in notices(html) if n[0] == "unreviewed"]
    assert found[1] == locale and found[2] == ("rtl" if locale == "ar" else "ltr")
    assert AI_WORDS[locale] in found[3], found
    assert found[3] != "This translation has not yet been reviewed by a qualified medical translator."


def test_a_review_method_is_validated_naming_the_file_and_field(translations):
    review = translations / "es" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("method: ai-assisted", "method: robot"))
    with pytest.raises(Exception, match=r"es/review\.yaml.*method"):
        create_app({"TRANSLATIONS_DIR": translations})


def test_a_human_translation_is_not_called_ai_assisted(translations):
    review = translations / "es" / "review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("method: ai-assisted", "method: human"))
    client = create_app({"TRANSLATIONS_DIR": translations}).test_client()
    assert client.get(SECTION + "?locale=es").json["review"]["method"] == "human"
    (found,) = [n for n in notices(client.get(SECTION + "/fragment?locale=es").data.decode()) if n[0] == "unreviewed"]
    assert "IA" not in found[3] and found[1] == "es"


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (.ci/run)")


def handout_text(client, query: str) -> str:
    """Return the text of a handout, lines joined (a URL may wrap)."""
    response = client.get(f"{query}")
    assert response.status_code == 200, response.data[:300]
    return poppler("pdftotext", response.data, "-enc", "UTF-8")


@pytest.fixture
def new_topic(tmp_path):
    """The shipped library plus the sample topic (v1, v2) that no locale has translated yet."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(SAMPLE, content / "sample-topic")
    for version in sorted(SAMPLE.glob("*.yaml")):
        lock_version(content, f"sample-topic/{version.name}", version.read_bytes())
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    return create_app({"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations}).test_client()


@needs_poppler
def test_a_whole_topic_fallback_handout_speaks_of_the_topic_and_offers_no_page_in_your_language(new_topic):
    text = handout_text(new_topic, "/v1/topics/sample-topic/handout.pdf?locale=es&version=1")
    assert "Este tema aún no está disponible en su idioma. Se muestra en inglés." in text
    assert "Esta sección" not in text and "This section" not in text
    assert "in your language" not in text and "en su idioma: escanee" not in text  # the online page is English
    assert "Read this online: scan the code or go to" in text
    flat = text.replace("\n", "")
    assert "/v1/embed/sample-topic?locale=en" in flat and "version=" not in flat.split("/v1/embed/")[1][:40]
    assert "Content version 1" in text  # the footer keeps the printed version
    latest = new_topic.get("/v1/embed/sample-topic?locale=en")
    assert "version=2" in latest.headers["Content-Location"]  # the QR code opens the latest version


@needs_poppler
def test_a_handout_qr_code_encodes_the_printed_url_of_the_latest_version_in_the_served_locale(client):
    html = handout_page(client, "es")
    assert qr_data_uri("http://127.0.0.1:8000/v1/embed/muscle-spasms?locale=es") in html
    assert "Lea esto en línea en su idioma: escanee el código o visite" in html  # the page is in Spanish
    mexico = re.sub("[\u200b\u2060\u2066-\u2069]", "", handout_page(client, "es-MX"))  # break and bidi marks
    assert "/v1/embed/muscle-spasms?locale=es<" in mexico  # the served locale, whatever tag asked for it


@needs_poppler
def test_a_german_handout_after_init_is_honest_in_english(german):
    text = handout_text(german, "/v1/topics/muscle-spasms/handout.pdf?locale=de")
    assert "This topic is not yet available in your language. It is shown in English." in text
    assert "Englisch" not in text and "in your language:" not in text
    assert "/v1/embed/muscle-spasms?locale=en" in text.replace("\n", "")


def handout_page(client, locale: str) -> str:
    """Return the HTML a handout is printed from, built as the handout route builds it."""
    from api.render.handout import handout_html

    body = client.get(f"/v1/topics/muscle-spasms?locale={locale}").json
    body["modified"] = datetime.now(UTC)
    base = "http://127.0.0.1:8000/v1/embed/muscle-spasms"
    messages = client.application.extensions["live"].current().store.messages
    return handout_html(body, None, "a4", base, {}, messages)
