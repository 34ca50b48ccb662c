"""What a patient sees in Chromium: whole Korean words, headings no smaller than text, the pasted demo snippet."""

import html
import re

import pytest

from api.render.pages import PLACEHOLDER_ORIGIN, iframe_snippet
from tests.test_accessibility import readme_iframe_snippet
from tests.test_browser import ARTIFACTS, CHROMIUM, browser, serve_directory, servers  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)")
WIDGET_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script src="{api}/v1/embed.js" defer></script></head><body><h1>Visit</h1>
<patient-content id="w" topic="muscle-spasms" locale="{locale}" heading-level="3"></patient-content></body></html>"""
# Every line box of every text node: a Korean line must end at a space or punctuation, not between two syllables.
LINE_ENDS = """(root) => {
  const ends = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && /[\\uac00-\\ud7a3\\u4e00-\\u9fff]/.test(child.data)) {
        const range = document.createRange();
        let top = null;
        for (let i = 0; i < child.data.length; i++) {
          range.setStart(child, i); range.setEnd(child, i + 1);
          const rect = range.getBoundingClientRect();
          if (!rect.height) continue;
          if (top !== null && rect.top > top + 2) ends.push(child.data.slice(i - 1, i + 1));
          top = rect.top;
        }
      } else if (child.nodeType === Node.ELEMENT_NODE) walk(child.shadowRoot || child);
    }
  };
  walk(root.shadowRoot || root);
  return ends;
}"""
HEADING_SIZES = """(root) => {
  const found = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll("*")) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (/^H[1-6]$/.test(el.tagName)) found.push([el.tagName, parseFloat(getComputedStyle(el).fontSize)]);
      if (el.tagName === "P" && !el.className) found.push(["P", parseFloat(getComputedStyle(el).fontSize)]);
    }
  };
  walk(root.shadowRoot || root);
  return found;
}"""


@pytest.fixture
def shoot(browser, request):  # noqa: F811
    """Open a URL at a width; save a full-page screenshot named after the test and the page when done."""
    opened = []

    def open_url(url: str, name: str, width: int = 1280, scheme: str = "light", ready: str = "body"):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(ready, timeout=15000)
        opened.append((context, page, name))
        return page

    yield open_url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for context, page, name in opened:
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        context.close()


def broken_korean(ends: list[str]) -> list[str]:
    """Return the line ends that fall between two Hangul syllables (inside a word)."""
    return [end for end in ends if re.fullmatch(r"[\uac00-\ud7a3]{2}", end)]


@pytest.mark.parametrize("width", [375, 1280])
def test_no_korean_line_ends_inside_a_word(servers, shoot, tmp_path, width):  # noqa: F811
    page = shoot(servers["api"] + "/v1/embed/muscle-spasms?locale=ko", f"page-ko-{width}", width)
    ends = page.evaluate(LINE_ENDS, page.locator("body").element_handle())
    assert ends and not broken_korean(ends), broken_korean(ends)[:5]  # lines do wrap; none inside a word
    (tmp_path / "widget.html").write_text(WIDGET_PAGE.format(api=servers["api"], locale="ko"), encoding="utf-8")
    server, origin = serve_directory(tmp_path)
    try:
        widget = shoot(f"{origin}/widget.html", f"widget-ko-{width}", width, ready="#w[data-state=ready]")
        ends = widget.evaluate(LINE_ENDS, widget.locator("#w").element_handle())
        assert ends and not broken_korean(ends), broken_korean(ends)[:5]
    finally:
        server.shutdown()


CLOSING, OPENING = "，。、；：？！）」』”’》", "（「『“‘《"


@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant"])
def test_chinese_lines_neither_start_with_closing_nor_end_with_opening_punctuation(servers, shoot, locale):  # noqa: F811
    for width in (375, 1280):
        page = shoot(servers["api"] + f"/v1/embed/muscle-spasms?locale={locale}", f"page-{locale}-{width}", width)
        ends = page.evaluate(LINE_ENDS, page.locator("body").element_handle())
        assert ends, "the page's lines wrap"
        wrong = [end for end in ends if len(end) == 2 and (end[1] in CLOSING or end[0] in OPENING)]
        assert not wrong, wrong


@pytest.mark.parametrize("locale", ["ar", "ko", "zh-Hans"])
def test_every_heading_is_at_least_body_size_and_the_title_outranks_sections(servers, shoot, tmp_path, locale):  # noqa: F811
    for width in (375, 1280):
        page = shoot(servers["api"] + f"/v1/embed/muscle-spasms?locale={locale}", f"page-{locale}-{width}", width)
        sizes = page.evaluate(HEADING_SIZES, page.locator("html").element_handle())
        body = max(size for tag, size in sizes if tag == "P")
        assert all(size >= body for tag, size in sizes if tag != "P"), sizes
        title = [size for tag, size in sizes if tag == "H1"]
        assert title and title[0] > max(size for tag, size in sizes if tag == "H2")
        shoot(servers["api"] + f"/v1/embed/muscle-spasms/referral-links?locale={locale}",
              f"frame-{locale}-{width}", width)  # fmt: skip
    (tmp_path / "widget.html").write_text(WIDGET_PAGE.format(api=servers["api"], locale=locale), encoding="utf-8")
    server, origin = serve_directory(tmp_path)
    try:
        widget = shoot(f"{origin}/widget.html", f"widget-{locale}-1280", ready="#w[data-state=ready]")
        sizes = widget.evaluate(HEADING_SIZES, widget.locator("#w").element_handle())
        text = widget.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
        assert {tag for tag, _ in sizes} >= {"H3", "H4", "H5"}  # heading-level="3": title, sections, labels
        assert all(size >= text for tag, size in sizes if tag != "P"), sizes
        assert max(s for t, s in sizes if t == "H3") > max(s for t, s in sizes if t == "H4")  # the title outranks
    finally:
        server.shutdown()


def test_the_demo_snippet_is_the_readmes_and_pasted_it_shows_the_attribution(servers, shoot, tmp_path):  # noqa: F811
    readme = readme_iframe_snippet("http://127.0.0.1:8000")
    assert readme == iframe_snippet("http://127.0.0.1:8000", "muscle-spasms", "concerning-signs", "es", "Muscle spasms")
    demo = shoot(servers["api"] + "/", "demo-1280", ready="#widget[data-state=ready]")
    shown = demo.locator("pre code").nth(1).text_content()
    assert "min-height" in shown and "patient-content:resize" in shown and PLACEHOLDER_ORIGIN not in shown
    page_html = "<!doctype html><html lang='en'><title>Portal</title><h1>Portal</h1>{}<p>End</p></html>"
    (tmp_path / "pasted.html").write_text(page_html.format(shown), encoding="utf-8")
    server, origin = serve_directory(tmp_path)
    try:
        for width in (375, 1280):
            page = shoot(f"{origin}/pasted.html", f"demo-snippet-pasted-{width}", width)
            frame = page.frame_locator("#patient-content-frame")
            frame.locator(".patient-content-attribution").wait_for()
            page.wait_for_function("document.getElementById('patient-content-frame').offsetHeight > 400")
            inner = frame.locator("body").evaluate("(body) => [body.getBoundingClientRect().height, innerHeight]")
            assert inner[0] <= inner[1] + 1  # the whole section, the attribution included, with no inner scrollbar
    finally:
        server.shutdown()
    demo.emulate_media(media="print")
    assert not demo.locator("h1").is_visible() and not demo.locator("pre").first.is_visible()
    assert demo.locator("#widget").is_visible()  # the patient's content, and only it, on the sheet
    assert html.escape("<iframe") in demo.content()


def test_the_iframe_page_stays_light_in_a_dark_system_unless_asked(servers, shoot):  # noqa: F811
    background = "() => getComputedStyle(document.documentElement).backgroundColor"
    light = shoot(servers["api"] + "/v1/embed/muscle-spasms/definition?locale=ar", "frame-ar-dark-system", 375, "dark")
    assert light.evaluate(background) == "rgb(255, 255, 255)"
    auto = shoot(
        servers["api"] + "/v1/embed/muscle-spasms/definition?locale=ar&theme=auto", "frame-ar-auto", 375, "dark"
    )
    assert auto.evaluate(background) != "rgb(255, 255, 255)"
    dark = shoot(servers["api"] + "/v1/embed/muscle-spasms/definition?theme=dark", "frame-en-dark", 375, "light")
    assert dark.evaluate(background) != "rgb(255, 255, 255)"
