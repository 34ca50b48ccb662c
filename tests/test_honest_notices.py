"""Notices tell the truth: tagged with the language they are in, saying how a translation was made (issue 17)."""

import re

import pytest
from click.testing import CliRunner

from api import create_app
from api.commands.catalogs import catalogs_cli

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
