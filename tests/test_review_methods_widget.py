"""The widget in Chromium says how each translation was made as its review record states: human, AI, or unstated."""

import os
import shutil

import pytest
import requests

from tests.conftest import ROOT, start_gunicorn, stop_gunicorn
from tests.test_browser import CHROMIUM, browser, open_page, serve_directory  # noqa: F401 (fixtures)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A portal</title>
<script src="{api}/v1/embed.js" defer></script></head><body><h1>Your visit summary</h1>
<patient-content id="es" topic="muscle-spasms" section="definition" locale="es"></patient-content>
<patient-content id="fr" topic="muscle-spasms" section="definition" locale="fr"></patient-content>
<patient-content id="vi" topic="muscle-spasms" section="definition" locale="vi"></patient-content>
</body></html>"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """A service whose Spanish is made by a human, whose French states no method, and a portal embedding both."""
    translations = tmp_path_factory.mktemp("methods") / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    for locale, method in (("es", "human"), ("fr", "null")):
        review = translations / locale / "review.yaml"
        review.write_text(review.read_text(encoding="utf-8").replace("method: ai-assisted", f"method: {method}"))
    process, api = start_gunicorn({"TRANSLATIONS_DIR": str(translations), "PARSE_CACHE_DIR": "off"}, workers=1)
    site = tmp_path_factory.mktemp("portal")
    (site / "index.html").write_text(PAGE.format(api=api), encoding="utf-8")
    server, origin = serve_directory(site)
    assert requests.get(api + "/v1/embed.js", timeout=5).ok
    yield f"{origin}/index.html"
    server.shutdown()
    stop_gunicorn(process)


def test_the_widget_says_how_each_translation_was_made_and_claims_no_more(portal, open_page):  # noqa: F811
    page = open_page(portal, locale="en-US")
    for selector in ("#es", "#fr", "#vi"):
        page.wait_for_selector(f"{selector}:not([aria-busy])[data-state]", timeout=15000)
    human = page.locator("#es .notice").text_content()
    assert human.startswith("Esta traducción la hizo un traductor humano.") and "IA" not in human
    unstated = page.locator("#fr .notice").text_content()
    assert "IA" not in unstated and "humain" not in unstated and "traducteur médical qualifié" in unstated
    assert "AI (trí tuệ nhân tạo)" in page.locator("#vi .notice").text_content()
