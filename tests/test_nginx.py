"""The shipped nginx front (deploy/nginx.conf), for real, on 127.0.0.1 in front of gunicorn."""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import free_port, start_gunicorn, stop_gunicorn
from tests.test_translators import NEW, OLD, SECTION
from tests.tokens import TOKENS, publish_headers

ROOT = Path(__file__).resolve().parent.parent


def start_nginx(upstream: str):
    """Run deploy/nginx.conf with its placeholders filled; return (process, base URL, run dir)."""
    port = free_port()

    def config(run: Path) -> str:
        values = {"LISTEN": f"127.0.0.1:{port}", "UPSTREAM_SERVERS": f"server {upstream};",
                  "CACHE_DIR": str(run / "cache"), "RUN_DIR": str(run)}  # fmt: skip
        text = (ROOT / "deploy" / "nginx.conf").read_text()
        for name, value in values.items():
            text = text.replace("${" + name + "}", value)
        return text

    return start_nginx_with(config, port)


def start_nginx_with(config, port: int):
    """Run nginx with config(run dir) as its configuration on 127.0.0.1:port."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx not installed")
    run = Path(tempfile.mkdtemp(prefix="nginx-", dir="/tmp"))
    (run / "cache").mkdir()
    for path in (run, run / "cache"):
        path.chmod(0o777)  # nginx's workers drop root for nobody
    (run / "nginx.conf").write_text(config(run))
    process = subprocess.Popen([nginx, "-p", str(run), "-c", str(run / "nginx.conf"), "-g", "daemon off;"])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30  # any answer will do (a busy upstream's too); it exits if its port is taken
    while time.monotonic() < deadline and process.poll() is None:
        try:
            requests.get(base + "/healthz", timeout=5)
            return process, base, run
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    log = run / "error.log"
    pytest.fail("nginx did not start: " + (log.read_text()[-2000:] if log.exists() else f"exit {process.wait()}"))


def stop_nginx(process, run: Path) -> None:
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(run, ignore_errors=True)


@pytest.fixture(scope="module")
def front(live_server):
    process, base, run = start_nginx(live_server.removeprefix("http://"))
    yield base
    stop_nginx(process, run)


def test_alternating_languages_never_get_each_others_answer(front):
    for i in range(40):
        language = ("es-MX,es;q=0.9", "en-US,en;q=0.8")[i % 2]
        response = requests.get(front + SECTION, headers={"Accept-Language": language}, timeout=30)
        assert response.headers["Content-Language"] == ("es" if i % 2 == 0 else "en")
        assert response.json()["locale"] == response.headers["Content-Language"]
    assert response.headers["X-Cache-Status"] == "HIT"


def test_revalidation_through_nginx_gets_304s(front):
    first = requests.get(front + SECTION + "?locale=ko", timeout=30)
    again = requests.get(front + SECTION + "?locale=ko", headers={"If-None-Match": first.headers["ETag"]}, timeout=30)
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]


def test_pinned_versions_are_served_from_the_cache(front):
    location = requests.get(front + "/v1/topics/muscle-spasms?version=1&locale=vi", timeout=30).headers
    url = front + location["Content-Location"]  # the revision URL: ?locale=vi&version=1&rev=<ETag>
    requests.get(url, timeout=30)
    second = requests.get(url, timeout=30)
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_gzip_and_plain_bundles_are_cached_apart(front):
    plain = requests.get(front + "/v1/bundles/fr", headers={"Accept-Encoding": "identity"}, timeout=30)
    packed = requests.get(front + "/v1/bundles/fr", headers={"Accept-Encoding": "gzip"}, timeout=30)
    again = requests.get(front + "/v1/bundles/fr", headers={"Accept-Encoding": "identity"}, timeout=30)
    assert "Content-Encoding" not in plain.headers and "Content-Encoding" not in again.headers
    assert packed.headers["Content-Encoding"] == "gzip"


def test_a_new_catalog_is_visible_through_nginx_within_the_max_age(tmp_path):
    shutil.copytree(ROOT / "translations", tmp_path / "t", ignore=shutil.ignore_patterns(".history"))
    env = {"TRANSLATIONS_DIR": str(tmp_path / "t"), "CATALOG_HISTORY_DIR": str(tmp_path / "h"),
           "TRANSLATOR_TOKENS": TOKENS, "LATEST_MAX_AGE": "2", "LATEST_STALE_WHILE_REVALIDATE": "0"}  # fmt: skip
    app, upstream = start_gunicorn(env)
    nginx, base, run = start_nginx(upstream.removeprefix("http://"))
    try:
        url = base + SECTION + "?locale=es"
        assert OLD in requests.get(url, timeout=30).text
        assert requests.get(url, timeout=30).headers["X-Cache-Status"] == "HIT"
        current = (tmp_path / "t" / "es" / "LC_MESSAGES" / "content.po").read_bytes()
        upload = current.replace(OLD.encode(), NEW.encode())
        response = requests.put(base + "/v1/catalogs/es", data=upload, headers=publish_headers(current), timeout=30)
        assert response.status_code == 200
        published = time.monotonic()
        while True:  # ends: a request sent past max-age (and nginx's 1 s granularity) either shows NEW or fails
            sent = time.monotonic()
            if NEW in requests.get(url, timeout=30).text:
                break
            assert sent - published < 2 + 3, "still the old catalog when asked past its max-age"  # sent: load-proof
            time.sleep(0.2)
    finally:
        stop_nginx(nginx, run)
        stop_gunicorn(app)


def test_a_burst_of_reads_beyond_the_limit_gets_429s_from_nginx(live_server):
    process, base, run = start_nginx(live_server.removeprefix("http://"))  # its own zone: a fresh budget
    try:
        answers, deadline = [], time.monotonic() + 20
        with requests.Session() as session:
            while len(answers) < 400 and time.monotonic() < deadline:
                response = session.get(base + "/v1/topics?locale=es", timeout=30)
                answers.append((response.status_code, response.headers.get("X-Content-Type-Options")))
        statuses = [status for status, _ in answers]
        assert statuses[:200] == [200] * 200  # the burst
        assert statuses.count(429) >= 100, statuses.count(429)
        assert {nosniff for _, nosniff in answers} == {"nosniff"}
    finally:
        stop_nginx(process, run)


@pytest.mark.parametrize(("headers", "path", "status"), [({}, "/v1/topics?x=" + "a" * 9000, 414),
                                                         ({"X-Big": "b" * 9000}, "/v1/topics", 400)])
def test_nginx_errors_for_over_long_requests_carry_nosniff(front, headers, path, status):
    response = requests.get(front + path, headers=headers, timeout=30)
    assert response.status_code == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_app_answers_through_nginx_carry_nosniff_once(front):
    response = requests.get(front + "/v1/topics", timeout=30)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_recipe_in_the_header_gives_a_configuration_nginx_accepts(tmp_path):
    """Run the header's recipe as written, with its paths moved under a temporary directory, then `nginx -t`."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        pytest.skip("nginx not installed")
    header = (ROOT / "deploy" / "nginx.conf").read_text().split("\n\n", 1)[0]
    recipe = "\n".join(line[4:] for line in header.splitlines() if line.startswith("#   "))
    assert 'mkdir -p "$RUN_DIR"' in recipe
    recipe = (recipe.replace("/var/cache/patient-content", str(tmp_path / "cache"))
              .replace("/run/patient-content", str(tmp_path / "run" / "patient-content"))
              .replace("/etc/nginx/nginx.conf", str(tmp_path / "nginx.conf"))
              .replace("nginx -t && nginx", f"{nginx} -t -p {tmp_path} -c {tmp_path / 'nginx.conf'}"))  # fmt: skip
    done = subprocess.run(["bash", "-e", "-c", recipe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "test is successful" in done.stderr
