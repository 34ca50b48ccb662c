"""A script on another origin can read every response header the contract documents on a read route."""

import pytest
import requests
import yaml

from api.http.headers import is_read_route
from bench.library import generate
from tests.conftest import ROOT, start_gunicorn, stop_gunicorn
from tests.test_browser import CHROMIUM, FLAGS, pytestmark, serve_directory

ORIGIN = {"Origin": "https://portal.example"}
# Fetch's CORS-safelisted response headers: a script reads them without being told.
SAFELISTED = {"cache-control", "content-language", "content-length", "content-type", "expires", "last-modified",
              "pragma"}  # fmt: skip
NOT_FOR_SCRIPTS = {"content-security-policy"}  # it governs the document it comes with: a fetch has nothing to read
FOLLOW = """async (api) => {
  const first = await fetch(api + '/v1/topics?limit=1&locale=en');
  const link = first.headers.get('Link');
  const next = link && link.match(/<([^>]+)>; rel="next"/);
  const second = next ? await (await fetch(api + next[1])).json() : null;
  return {link, second: second && second.topics.map((t) => t.id)};
}"""


def documented_read_headers() -> set[str]:
    """Return every response header openapi.yaml documents on a route open to every origin (lower case)."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    names = set()
    for path, operations in spec["paths"].items():
        for operation in (o for o in operations.values() if isinstance(o, dict) and is_read_route(path)):
            for response in operation.get("responses", {}).values():
                names |= {name.lower() for name in response.get("headers") or {}}
    return names


def exposed(response) -> set[str]:
    return {name.strip().lower() for name in response.headers["Access-Control-Expose-Headers"].split(",")}


def test_every_documented_read_header_is_exposed(client):
    wanted = documented_read_headers() - SAFELISTED - NOT_FOR_SCRIPTS
    assert {"link", "etag", "content-location"} <= wanted  # the contract was read
    for url in ("/v1/topics?limit=1", "/v1/topics/muscle-spasms?locale=es", "/v1/topics/nope", "/healthz"):
        assert wanted <= exposed(client.get(url, headers=ORIGIN)), url


@pytest.fixture(scope="module")
def paged_api(tmp_path_factory):
    """Start the shipped gunicorn on a generated three-topic library: /v1/topics?limit=1 has a next page."""
    work = tmp_path_factory.mktemp("paged")
    content, translations = generate(3, work / "lib")
    env = {"CONTENT_DIR": str(content), "TRANSLATIONS_DIR": str(translations), "PARSE_CACHE_DIR": "off",
           "DATABASE_URL": f"sqlite:///{work}/store.db", "CATALOG_HISTORY_DIR": str(work / "history")}  # fmt: skip
    process, api = start_gunicorn(env, workers=1)
    yield api
    stop_gunicorn(process)


def test_gunicorn_exposes_the_next_pages_link(paged_api):
    response = requests.get(f"{paged_api}/v1/topics?limit=1", headers=ORIGIN, timeout=30)
    assert response.headers["Link"].endswith('; rel="next"')
    assert "link" in exposed(response) and response.headers["Access-Control-Allow-Origin"] == "*"


@pytestmark
def test_a_page_on_another_origin_follows_the_topic_lists_next_link(paged_api, tmp_path):
    from playwright.sync_api import sync_playwright

    server, portal = serve_directory(tmp_path)
    (tmp_path / "page.html").write_text("<!doctype html><title>portal</title>", encoding="utf-8")
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            page = chromium.new_page()
            page.goto(f"{portal}/page.html")
            read = page.evaluate(FOLLOW, paged_api)
            chromium.close()
    finally:
        server.shutdown()
    assert read["link"] is not None, "Chromium hid the Link header from the page"
    assert read["second"] == ["topic-00001"]
