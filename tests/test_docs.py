"""The documentation site builds with `mkdocs build --strict`: no broken link, no page left out, no network."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.test_browser import CHROMIUM, browser, serve_directory  # noqa: F401 (browser: a fixture)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Build the site once into a temporary directory, strictly, and return it."""
    where = tmp_path_factory.mktemp("site")
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(where)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return where


def test_every_guide_is_built(site):
    for page in ("apps", "integrators", "translators", "operators", "contributors", "reference"):
        assert (site / page / "index.html").is_file(), page


def test_the_reference_renders_the_committed_contract_with_no_network(site):
    assert (site / "openapi.yaml").read_bytes() == (ROOT / "openapi.yaml").read_bytes()
    frames = list((site / "reference").glob("swagger-*.html"))
    assert len(frames) == 1
    page = frames[0].read_text(encoding="utf-8")
    assert 'url = "../openapi.yaml"' in page
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert scripts and all(not s.startswith(("http:", "https:", "//")) for s in scripts), scripts
    assert all((frames[0].parent / s).resolve().is_file() for s in scripts), scripts


def test_included_pages_carry_their_sources(site):
    security = (site / "operators" / "security" / "index.html").read_text(encoding="utf-8")
    assert "Threat model" in security  # SECURITY.md, included, not copied
    assert "Trust suite" in (site / "contributors" / "tests" / "index.html").read_text(encoding="utf-8")
    assert "bench/run.py" in (site / "contributors" / "benchmarks" / "index.html").read_text(encoding="utf-8")
    assert "--generate-hashes" in (site / "contributors" / "index.html").read_text(encoding="utf-8")  # README's part


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)")
def test_the_reference_shows_every_operation_in_chromium_from_local_files_only(site, browser):  # noqa: F811
    server, origin = serve_directory(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        fetched = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(origin + "/reference/")
        frame = page.frame_locator("iframe.swagger-ui-iframe")
        frame.locator(".opblock").first.wait_for(timeout=20000)
        paths = frame.locator(".opblock-summary-path").all_inner_texts()
        assert "/v1/topics/{topic_id}" in paths and "/cds-services/patient-education" in paths, paths
        spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
        methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
        assert len(paths) == sum(len(methods & set(item)) for item in spec["paths"].values())  # every operation
        assert fetched and not [url for url in fetched if not url.startswith(origin)]
    finally:
        context.close()
        server.shutdown()
