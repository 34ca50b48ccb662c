"""The widget, the iframe page and the demo page in Debian's headless Chromium, embedded from a second origin."""

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from babel.messages.pofile import read_po

from api.render.markup import term_separator
from tests.conftest import ROOT, free_port, start_gunicorn, stop_gunicorn
from tests.hostile import write_hostile_catalog

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "tests" / "artifacts"))
SECTION = "/v1/topics/muscle-spasms/sections/{}"
PORTAL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A portal</title>
<script src="{api}{widget}" defer></script></head><body><h1>Your visit summary</h1>
<patient-content id="es" topic="muscle-spasms" section="concerning-signs" locale="es"></patient-content>
<patient-content id="ar" topic="muscle-spasms" section="concerning-signs" locale="ar"></patient-content>
<patient-content id="browser" topic="muscle-spasms" section="definition"></patient-content>
<patient-content id="topic" topic="muscle-spasms" locale="es"></patient-content>
<patient-content id="offline" topic="muscle-spasms" section="definition" locale="es" api="{closed}"></patient-content>
<iframe id="frame" title="Muscle spasms" src="{api}/v1/embed/muscle-spasms/concerning-signs?locale=es"></iframe>
<script>addEventListener("message", (e) => {{ if (e.data && e.data.type === "patient-content:resize")
  document.getElementById("frame").style.height = e.data.height + "px"; }});</script></body></html>"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"
)


def serve_directory(directory: Path):
    """Serve a directory over HTTP on a free 127.0.0.1 port: the portal's own, second origin."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def portal_page(directory: Path, api: str) -> str:
    """Write the portal page that embeds the widget and the iframe from api; return its file name."""
    widget = "/v1/embed.js?v=" + requests.get(api + "/v1/embed.js", timeout=30).headers["ETag"].strip('"')
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there: the widget's network error
    (directory / "portal.html").write_text(PORTAL.format(api=api, widget=widget, closed=closed), encoding="utf-8")
    return "portal.html"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Start the shipped service, one with a hostile Spanish catalog, and the portal's origin."""
    hostile = tmp_path_factory.mktemp("hostile") / "translations"
    shutil.copytree(ROOT / "translations", hostile, ignore=shutil.ignore_patterns(".history"))
    write_hostile_catalog(hostile)
    shipped, api = start_gunicorn(workers=1)
    attacked, hostile_api = start_gunicorn({"TRANSLATIONS_DIR": str(hostile), "PARSE_CACHE_DIR": "off"}, workers=1)
    site = tmp_path_factory.mktemp("portal")
    server, portal = serve_directory(site)
    (site / "hostile").mkdir()
    hostile_page = portal_page(site / "hostile", hostile_api)
    pages = {"portal": f"{portal}/{portal_page(site, api)}", "hostile": f"{portal}/hostile/{hostile_page}"}
    yield {"api": api, **pages}
    server.shutdown()
    stop_gunicorn(shipped)
    stop_gunicorn(attacked)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, request):
    """Open a URL in a fresh context with a browser language; save a screenshot when the test ends."""
    contexts, console = [], []

    def open_url(url: str, locale: str = "en-US", ready: str = "patient-content[data-state]"):
        context = browser.new_context(locale=locale, viewport={"width": 1000, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.fetched = []
        page.on("request", lambda fetched: page.fetched.append(fetched.url))
        page.goto(url)
        page.wait_for_selector(ready, timeout=15000)
        return page

    yield open_url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number, context in enumerate(contexts):
        for page in context.pages:
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{number}.png", full_page=True)
        context.close()
    (ARTIFACTS / f"{request.node.name}.console.txt").write_text("\n".join(console), encoding="utf-8")


def api_json(api: str, path: str, **headers) -> dict:
    return requests.get(api + path, headers=headers, timeout=30).json()


def item_texts(section: dict) -> list[str]:
    """Return what each list item of a section reads as: its term, a separator (a colon), its text."""
    items = [i for block in section["blocks"] if block["type"] == "list" for i in block["items"]]
    return [
        item["term"] + term_separator(item["term"], section["locale"]) + item["text"]
        if item.get("term") and item.get("text") else item.get("term") or item.get("text")
        for item in items
    ]  # fmt: skip


def wait_ready(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}:not([aria-busy])[data-state]", timeout=15000)


def test_the_spanish_section_renders_its_heading_and_items_from_another_origin(servers, open_page):
    page = open_page(servers["portal"])
    wait_ready(page, "#es")
    expected = api_json(servers["api"], SECTION.format("concerning-signs") + "?locale=es")
    assert page.get_attribute("#es", "data-state") == "ready"  # the cross-origin fetch passed CORS
    assert page.locator("#es h2").text_content() == expected["heading"]
    assert page.locator("#es li").all_text_contents() == item_texts(expected)
    assert page.locator("#es section").get_attribute("lang") == "es"
    assert "Jennifer Kurz, MD" in page.locator("#es .attribution").text_content()
    assert page.locator("#es footer, #es header").count() == 0  # no contentinfo or banner landmark in a portal
    assert sum("/sections/concerning-signs?locale=es" in url for url in page.fetched) == 1  # one fetch per widget


def test_the_arabic_section_renders_right_to_left(servers, open_page):
    page = open_page(servers["portal"])
    wait_ready(page, "#ar")
    assert page.locator("#ar section").get_attribute("dir") == "rtl"
    layout = page.locator("#ar h2").evaluate(
        """(heading) => { const range = document.createRange(); range.selectNodeContents(heading);
        const text = range.getBoundingClientRect(), box = heading.getBoundingClientRect();
        return {direction: getComputedStyle(heading).direction, gapRight: box.right - text.right,
                gapLeft: text.left - box.left}; }"""
    )
    assert layout["direction"] == "rtl"
    assert layout["gapRight"] < 2 < layout["gapLeft"]  # the text starts at the right edge


def test_without_a_locale_the_widget_follows_the_browsers_language(servers, open_page):
    page = open_page(servers["portal"], locale="fr-CA")
    wait_ready(page, "#browser")
    expected = api_json(servers["api"], SECTION.format("definition"), **{"Accept-Language": "fr-CA"})
    assert page.locator("#browser h2").text_content() == expected["heading"]
    assert page.locator("#browser section").get_attribute("lang") == "fr"


def test_a_network_error_shows_a_short_message_in_the_wanted_language(servers, open_page):
    page = open_page(servers["portal"])
    wait_ready(page, "#offline")
    with (ROOT / "translations" / "es" / "LC_MESSAGES" / "api.po").open("rb") as f:
        message = read_po(f)["This content could not be loaded. Please try again later."].string
    assert page.get_attribute("#offline", "data-state") == "error"
    assert page.locator("#offline [role=alert]").text_content() == message


def test_the_iframe_page_renders_and_reports_its_height(servers, open_page):
    page = open_page(servers["portal"])
    expected = api_json(servers["api"], SECTION.format("concerning-signs") + "?locale=es")
    frame = page.frame_locator("#frame")
    assert frame.locator("h2").text_content() == expected["heading"]
    page.wait_for_function("document.getElementById('frame').offsetHeight > 300", timeout=10000)


def test_a_hostile_catalog_runs_no_script_in_the_widget_or_the_iframe(servers, open_page):
    page = open_page(servers["hostile"])
    for widget in ("#es", "#topic"):
        wait_ready(page, widget)
        assert page.get_attribute(widget, "data-state") == "ready"
    page.frame_locator("#frame").locator("h2").wait_for()
    page.wait_for_timeout(500)  # time for any injected handler to fire
    frame = page.frame(url=lambda url: "/v1/embed/" in url)
    assert page.evaluate("window.canary") is None and frame.evaluate("window.canary") is None
    assert page.locator("#es h2").text_content().startswith("<script>")  # shown as text
    assert page.locator("#topic img, #topic script, #topic iframe, #topic svg, #es img").count() == 0
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.canary=1\">')")
    page.wait_for_function("window.canary === 1", timeout=5000)  # the canary does catch script that runs


def test_write_routes_stay_closed_to_other_origins(servers, open_page):
    page = open_page(servers["portal"])
    outcome = page.evaluate(
        "async (api) => { try { await fetch(api + '/v1/catalogs'); return 'read'; } catch { return 'blocked'; } }",
        servers["api"],
    )
    assert outcome == "blocked"


def test_the_demo_page_switches_to_arabic(servers, open_page):
    page = open_page(servers["api"] + "/", ready="#widget[data-state=ready]")
    assert page.locator("#locale option").count() == 10  # nine locales and "your browser's language"
    page.select_option("#locale", "ar")
    page.wait_for_selector("#widget[locale=ar][data-state=ready]:not([aria-busy])")
    expected = api_json(servers["api"], "/v1/topics/muscle-spasms?locale=ar")
    assert page.locator("#widget .head h3").text_content() == expected["title"]  # one level under "The widget"
    assert page.locator("#widget section").first.get_attribute("dir") == "rtl"
    style = page.locator("#widget ul").first.evaluate(  # the demo page's CSP does not block the widget's styles
        "(list) => [getComputedStyle(list).paddingInlineStart, getComputedStyle(list).fontSize].map(parseFloat)"
    )
    assert style[0] == pytest.approx(1.4 * style[1])  # embed.js: padding-inline-start: 1.4em
    page.frame_locator("#frame").locator("section[dir=rtl]").wait_for()


def test_a_cds_client_in_another_origin_can_post_a_hook_request(servers, open_page):
    page = open_page(servers["portal"])
    hook = (ROOT / "tests" / "fixtures" / "cds-hooks" / "spanish-patient-m62830.json").read_text(encoding="utf-8")
    outcome = page.evaluate(
        """async ([api, hook]) => {
             const response = await fetch(api + '/cds-services/patient-education', {method: 'POST', body: hook,
               headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ehr-token'}});
             return [response.status, (await response.json()).cards.length];
           }""",
        [servers["api"], hook],
    )
    assert outcome[0] == 200 and outcome[1] >= 1  # Chromium's preflight passed and the cards were read
