"""What a patient sees, in Chromium: visible notices, the guide's iframe snippet, and axe-core's WCAG 2.1 AA audit."""

import json
import re
import subprocess

import pytest

from tests.conftest import ROOT
from tests.test_browser import ARTIFACTS, CHROMIUM, FLAGS, api_json, browser, portal_page, serve_directory, servers  # noqa: F401  # noqa: F401 (fixtures)

AXE_VERSION = "4.14.1"  # pinned; installed from npm into a git-ignored directory
AXE = ROOT / "tests" / ".node" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FRAME = "/v1/embed/muscle-spasms/{}?locale={}"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def axe_source() -> str:
    """Return axe-core's script, installing the pinned version from npm the first time."""
    if not AXE.exists():
        command = ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE.parents[2]),
                   f"axe-core@{AXE_VERSION}"]  # fmt: skip
        subprocess.run(command, check=True, timeout=180, capture_output=True)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def visit(browser, request):  # noqa: F811
    """Open a URL (CSP bypassed, so that axe can be injected); save a screenshot of each page when done."""
    contexts = []

    def open_url(url: str, width: int = 1000, scheme: str = "light", ready: str = "body"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(ready, timeout=15000)
        return page

    yield open_url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number, context in enumerate(contexts):
        for page in context.pages:
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{number}.png", full_page=True)
        context.close()


def audit(page, axe_source: str, name: str) -> list[dict]:
    """Run axe-core's WCAG 2.1 A and AA rules on the page; keep the report; return critical and serious findings."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(result["violations"], indent=1), encoding="utf-8")
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["html"][:120] for n in v["nodes"]]}
        for v in result["violations"] if v["impact"] in ("critical", "serious")
    ]  # fmt: skip


@pytest.mark.parametrize(("locale", "kind"), [("de", "fallback"), ("ko", "unreviewed")])
def test_the_iframe_page_shows_its_notice_visibly(servers, visit, locale, kind):  # noqa: F811
    page = visit(servers["api"] + FRAME.format("definition", locale))
    notice = page.locator(f".patient-content-notice-{kind}")
    expected = {
        "de": "It is shown in English.",
        "ko": "이 번역은 AI(인공지능)의 도움을 받아 작성되었습니다. "
        "아직 자격을 갖춘 의료 번역가의 검토를 받지 않았습니다.",
    }
    assert notice.is_visible() and expected[locale] in notice.text_content()
    box, heading = notice.bounding_box(), page.locator("h2").bounding_box()
    assert box["height"] > 10 and box["y"] > heading["y"]  # just under the heading, on screen
    assert page.locator(".patient-content-attribution").get_attribute("lang") == "en"


@pytest.mark.parametrize(("locale", "scheme"), [("ar", "light"), ("zh-Hant", "dark"), ("de", "light"), ("ko", "dark")])
def test_the_iframe_page_has_no_serious_wcag_violation(servers, visit, axe_source, locale, scheme):  # noqa: F811
    page = visit(servers["api"] + FRAME.format("concerning-signs", locale), scheme=scheme)
    assert audit(page, axe_source, f"frame-{locale}-{scheme}") == []


def test_the_demo_page_has_no_serious_wcag_violation_and_fits_320_pixels(servers, visit, axe_source):  # noqa: F811
    page = visit(servers["api"] + "/", ready="#widget[data-state=ready]")
    assert audit(page, axe_source, "demo") == []
    narrow = visit(servers["api"] + "/", width=320, ready="#widget[data-state=ready]")
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    handout = narrow.locator("#handout")
    narrow.select_option("#locale", "ar")
    narrow.wait_for_selector("#widget[locale=ar][data-state=ready]:not([aria-busy])")
    assert handout.get_attribute("href") == "/v1/topics/muscle-spasms/handout.pdf?locale=ar"
    heading = api_json(servers["api"], "/v1/topics/muscle-spasms/sections/definition?locale=ar")["heading"]
    narrow.wait_for_function("(title) => document.getElementById('frame').title === title", arg=heading)


def test_a_portal_page_with_the_widget_has_no_serious_wcag_violation(servers, visit, axe_source):  # noqa: F811
    page = visit(servers["portal"], ready="#topic[data-state=ready]")
    page.wait_for_selector("#es[data-state=ready], #ar[data-state=ready]")
    assert audit(page, axe_source, "portal") == []
    assert page.evaluate("document.querySelectorAll('header, footer').length") == 0


def readme_iframe_snippet(api: str) -> str:
    """Return the integrators' guide's iframe snippet, pointed at this server."""
    readme = (ROOT / "docs" / "integrators.md").read_text(encoding="utf-8")
    block = re.search(r"\*\*The iframe page\*\*.*?```html\n(.*?)```", readme, re.S).group(1)
    return block.replace("http://127.0.0.1:8000", api)


def test_the_readme_iframe_snippet_shows_the_whole_section_as_pasted(servers, visit, tmp_path):  # noqa: F811
    site = tmp_path / "site"
    site.mkdir()
    page_html = "<!doctype html><html lang='en'><title>Portal</title><h1>Portal</h1>{}</html>"
    (site / "snippet.html").write_text(page_html.format(readme_iframe_snippet(servers["api"])), encoding="utf-8")
    server, origin = serve_directory(site)
    try:
        page = visit(origin + "/snippet.html")
        frame = page.frame_locator("#patient-content-frame")
        frame.locator(".patient-content-attribution").wait_for()
        page.wait_for_function(
            "() => { const f = document.getElementById('patient-content-frame');"
            " const d = f.contentDocument; return d === null ? f.offsetHeight > 400 : false; }",
            timeout=10000,
        )  # cross-origin: measured from outside
        inner = frame.locator("body").evaluate("(body) => [body.getBoundingClientRect().height, innerHeight]")
        assert inner[0] <= inner[1] + 1  # the frame is as tall as its content: nothing cut off
    finally:
        server.shutdown()
