"""Every review method review.yaml allows has honest words of its own, in every rendering (issue 17)."""

import json
import re

import pytest
from marshmallow import validate

from api import create_app
from api.i18n.catalogs import ReviewSchema
from api.render.cards import markdown_text
from api.render.notices import UNREVIEWED_BY_METHOD
from api.render.widget import WIDGET_MESSAGES
from tests.conftest import FIXTURES, ROOT
from tests.test_honest_notices import SECTION, handout_text, needs_poppler, notices

ALLOWED = next(v.choices for v in ReviewSchema().fields["method"].validators if isinstance(v, validate.OneOf))
METHODS = [*ALLOWED, None]  # None: the record does not say how the translation was made
LOCALES = ["es", "fr", "pt-BR", "zh-Hans", "zh-Hant", "vi", "ko", "ar"]
HANDOUT = "/v1/topics/muscle-spasms/handout.pdf?locale=es"
AI = re.compile(r"\bAI\b|\bIA\b|人工智|인공지능|الذكاء الاصطناعي")


def with_method(translations, method) -> object:
    """Return a client whose Spanish review record states this method (or none)."""
    review = translations / "es" / "review.yaml"
    text = review.read_text(encoding="utf-8").replace("method: ai-assisted", f"method: {method or 'null'}")
    review.write_text(text, encoding="utf-8")
    return create_app({"TRANSLATIONS_DIR": translations}).test_client()


def spanish_words(client) -> dict:
    """Return the Spanish widget messages, as the widget script carries them."""
    script = client.get("/v1/embed.js").data.decode()
    return json.loads(re.search(r"const MESSAGES = (\{.*?\});\n", script, re.S).group(1))["es"]


def test_every_method_the_schema_allows_has_a_notice_of_its_own():
    assert set(UNREVIEWED_BY_METHOD) == set(ALLOWED)
    keys = [UNREVIEWED_BY_METHOD.get(m, "unreviewed") for m in METHODS]
    assert len(set(keys)) == len(METHODS) and all(key in WIDGET_MESSAGES for key in keys)


@pytest.mark.parametrize("method", METHODS)
def test_the_notice_says_what_the_record_says_in_the_json_fragment_iframe_and_card(translations, method):
    client = with_method(translations, method)
    section = client.get(SECTION + "?locale=es").json
    assert section["review"]["method"] == method and section["review"]["status"] == "unreviewed"
    expected = spanish_words(client)[UNREVIEWED_BY_METHOD.get(method, "unreviewed")]
    pages = [SECTION + "/fragment?locale=es", "/v1/embed/muscle-spasms/definition?locale=es",
             "/v1/topics/muscle-spasms/fragment?locale=es"]  # fmt: skip
    for page in pages:
        (found,) = [n for n in notices(client.get(page).data.decode()) if n[0] == "unreviewed"]
        assert found[1] == "es" and found[3] == expected, (page, found)
    hook = json.loads((FIXTURES / "cds-hooks" / "spanish-patient-m62830.json").read_text(encoding="utf-8"))
    card = client.post("/cds-services/patient-education", json=hook)
    assert card.json["cards"][0]["detail"].split("\n\n")[0] == markdown_text(expected)
    assert bool(AI.search(expected)) == (method == "ai-assisted")  # AI only when the record says AI
    assert ("humano" in expected) == (method == "human")  # a person only when the record says a person
    assert "aún no ha sido revisada por" in expected.lower()  # and never a review the record does not state


def test_the_widget_script_picks_the_notice_of_each_method():
    script = (ROOT / "api" / "render" / "assets" / "embed.js").read_text(encoding="utf-8")
    (table,) = re.findall(r"const key = (\{[^}]*\})\[served\.review\.method\] \|\| \"unreviewed\";", script)
    pairs = dict(re.findall(r'"?([\w-]+)"?: "(\w+)"', table))
    assert pairs == UNREVIEWED_BY_METHOD


@pytest.mark.parametrize("locale", LOCALES)
def test_every_methods_notice_is_translated_in_every_locale(client, locale):
    script = client.get("/v1/embed.js").data.decode()
    words = json.loads(re.search(r"const MESSAGES = (\{.*?\});\n", script, re.S).group(1))[locale]
    for key in ("unreviewed", *UNREVIEWED_BY_METHOD.values()):
        assert words["lang"][key] == locale and words[key] != WIDGET_MESSAGES[key], key
    assert not AI.search(words["unreviewed_human"]) and AI.search(words["unreviewed_ai"])


@needs_poppler
def test_a_human_made_translations_handout_says_so_and_no_more(translations):
    text = " ".join(handout_text(with_method(translations, "human"), HANDOUT).split())
    assert "Esta traducción la hizo un traductor humano." in text and not AI.search(text.split("Aún no")[0])
