"""The widget's notices in Chromium: tagged with the language they are in, after `catalogs init de` (issue 17)."""

import os
import shutil

import pytest
import requests
from click.testing import CliRunner

from api.commands.catalogs import catalogs_cli
from tests.conftest import ROOT, free_port, start_gunicorn, stop_gunicorn
from tests.test_browser import CHROMIUM, browser, open_page, serve_directory  # noqa: F401 (fixtures)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A portal</title>
<script src="{api}/v1/embed.js" defer></script></head><body><h1>Your visit summary</h1>
<patient-content id="de" topic="muscle-spasms" section="definition" locale="de"></patient-content>
<patient-content id="es" topic="muscle-spasms" locale="es"></patient-content>
<patient-content id="offline" topic="muscle-spasms" locale="de" api="{closed}"></patient-content>
</body></html>"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """A service whose translations had `catalogs init de`, and a portal page on a second origin embedding it."""
    translations = tmp_path_factory.mktemp("german") / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRANSLATIONS_DIR", str(translations))
        assert CliRunner().invoke(catalogs_cli, ["init", "de"]).exit_code == 0
    process, api = start_gunicorn({"TRANSLATIONS_DIR": str(translations), "PARSE_CACHE_DIR": "off"}, workers=1)
    site = tmp_path_factory.mktemp("portal")
    page = PAGE.format(api=api, closed=f"http://127.0.0.1:{free_port()}")
    (site / "index.html").write_text(page, encoding="utf-8")
    server, origin = serve_directory(site)
    assert requests.get(api + "/v1/embed.js", timeout=30).ok
    yield f"{origin}/index.html"
    server.shutdown()
    stop_gunicorn(process)


def test_the_widgets_notices_carry_the_language_of_their_words(portal, open_page):  # noqa: F811
    page = open_page(portal, locale="de-DE")
    for selector in ("#de", "#es", "#offline"):
        page.wait_for_selector(f"{selector}:not([aria-busy])[data-state]", timeout=15000)
    fallback = page.locator("#de .notice")
    assert fallback.get_attribute("lang") == "en" and fallback.get_attribute("dir") == "ltr"
    assert fallback.text_content().endswith("It is shown in English.")  # not "Englisch" in English words
    review = page.locator("#es .head .notice")
    assert review.get_attribute("lang") == "es" and "IA (inteligencia artificial)" in review.text_content()
    error = page.locator("#offline [role=alert]")
    assert error.get_attribute("lang") == "en" and error.text_content().startswith("This content could not")
