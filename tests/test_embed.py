"""The widget script, the iframe page and the demo page: caching, CSP, locales and hostile catalogs."""

import base64
import gzip
import hashlib
import re

import pytest
from babel.messages.pofile import read_po

from api import create_app
from api.render.widget import WIDGET_MESSAGES
from tests.conftest import ROOT
from tests.hostile import Elements

FRAME = "/v1/embed/muscle-spasms/concerning-signs"


def inline(html: str, tag: str) -> list[str]:
    """Return the text of every inline <tag> element."""
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)


def allowed(policy: str, directive: str) -> set[str]:
    """Return the sources a CSP directive allows."""
    for part in policy.split(";"):
        name, *sources = part.split()
        if name == directive:
            return set(sources)
    return set()


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_versioned_widget_url_is_immutable_and_the_bare_one_short_lived(client):
    bare = client.get("/v1/embed.js")
    assert bare.mimetype == "text/javascript" and "max-age=300" in bare.headers["Cache-Control"]
    version = bare.headers["ETag"].strip('"')
    pinned = client.get(f"/v1/embed.js?v={version}")
    assert pinned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert pinned.data == bare.data and pinned.headers["Access-Control-Allow-Origin"] == "*"
    stale = client.get("/v1/embed.js?v=0000")
    assert "immutable" not in stale.headers["Cache-Control"]
    again = client.get(f"/v1/embed.js?v={version}", headers={"If-None-Match": pinned.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    packed = client.get(f"/v1/embed.js?v={version}", headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip" and packed.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(packed.data) == bare.data and len(packed.data) < len(bare.data) / 2


@pytest.mark.parametrize("locale", ["es", "ar", "zh_Hant"])
def test_the_widget_carries_each_locales_messages_from_its_api_catalog(client, locale):
    script = client.get("/v1/embed.js").data.decode()
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "api.po").open("rb") as f:
        catalog = read_po(f)
    for english in WIDGET_MESSAGES.values():
        translated = catalog[english].string
        assert translated and translated != english and translated in script
    assert f'"{locale.replace("_", "-")}":{{"locale":' in script


def test_the_frame_page_is_a_whole_page_in_the_served_locale_under_a_strict_policy(client):
    response = client.get(FRAME + "?locale=ar")
    html, policy = response.data.decode(), response.headers["Content-Security-Policy"]
    assert html.startswith("<!doctype html>") and '<html lang="ar" dir="rtl" data-theme="light">' in html
    assert response.headers["Content-Language"] == "ar"
    section = client.get("/v1/topics/muscle-spasms/sections/concerning-signs?locale=ar").json
    assert f"<title>{section['heading']}</title>" in html
    assert allowed(policy, "default-src") == {"'none'"}
    assert allowed(policy, "script-src") == {sha256(s) for s in inline(html, "script")}
    assert allowed(policy, "style-src") == {sha256(s) for s in inline(html, "style")}
    assert allowed(policy, "frame-ancestors") == {"*"} and "src=" not in html.split("<body>")[1].split("<section")[0]
    revalidated = client.get(FRAME + "?locale=ar", headers={"If-None-Match": response.headers["ETag"]})
    assert revalidated.status_code == 304 and revalidated.headers["Content-Security-Policy"] == policy


def test_the_frame_page_falls_back_whole_and_says_so(client):
    html = client.get(FRAME + "?locale=de").data.decode()
    assert '<html lang="en" dir="ltr" data-theme="light">' in html and 'data-fallback-reason="unsupported"' in html


def test_frame_ancestors_are_configurable_and_a_bad_value_stops_start_up(translations, tmp_path):
    portals = "https://portal.example.org https://*.clinic.example"
    app = create_app({"EMBED_FRAME_ANCESTORS": portals, "TRANSLATIONS_DIR": translations})
    policy = app.test_client().get(FRAME).headers["Content-Security-Policy"]
    assert allowed(policy, "frame-ancestors") == set(portals.split())
    with pytest.raises(ValueError, match="EMBED_FRAME_ANCESTORS"):
        create_app({"EMBED_FRAME_ANCESTORS": "*; script-src *", "TRANSLATIONS_DIR": translations})


def test_a_hostile_catalog_gets_no_script_into_the_frame_page(hostile_client):
    response = hostile_client.get(FRAME + "?locale=es")
    html = response.data.decode()
    policy = response.headers["Content-Security-Policy"]
    assert len(inline(html, "script")) == 1 and allowed(policy, "script-src") == {sha256(inline(html, "script")[0])}
    elements = Elements(html).found
    assert [tag for tag, _ in elements if tag in {"script", "iframe", "img", "style", "svg"}] == ["style", "script"]
    attributes = [(name, value or "") for _, attrs in elements for name, value in attrs.items()]
    assert not [name for name, _ in attributes if name.startswith("on") or name == "style"]
    assert not [value for name, value in attributes if name == "href" and not value.startswith("https://")]


def test_the_demo_page_offers_every_locale_and_loads_the_versioned_widget(client):
    response = client.get("/")
    html = response.data.decode()
    tags = [locale["tag"] for locale in client.get("/v1/locales").json["locales"]]
    assert len(tags) == 9
    assert all(f'<option value="{tag}" lang="{tag}">' in html for tag in tags)
    version = client.get("/v1/embed.js").headers["ETag"].strip('"')
    assert f'<script src="/v1/embed.js?v={version}" defer></script>' in html
    policy = response.headers["Content-Security-Policy"]
    assert allowed(policy, "script-src") == {"'self'", *(sha256(s) for s in inline(html, "script"))}
    assert allowed(policy, "frame-ancestors") == {"'none'"}


def test_unknown_topics_and_sections_in_a_frame_url_are_problems(client):
    assert client.get("/v1/embed/nope/definition").status_code == 404
    response = client.get("/v1/embed/muscle-spasms/nope?locale=es")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert client.get("/v1/embed/muscle-spasms/definition?locale=%%").status_code == 400
