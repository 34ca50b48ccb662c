"""Uploads anyone can send: a plural entry gets a report, not a 500; a huge nplurals or entry count costs nothing."""

import os
import shutil
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import start_gunicorn, stop_gunicorn
from tests.timing import cpu_seconds
from tests.tokens import AUTH, PO_TYPE, TOKENS

ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals={n}; plural=(n != 1);\\n"\n\n'
)
# Issue 11's reproductions: a plural entry (a 500 on main), and nplurals=20000000 with three plural entries (595 MB).
PLURAL_REPRO = (HEADER.format(n=2) + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\n').encode()
HUGE = "".join(f'msgid "a{i}"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\n\n' for i in range(3))
MIB = 1024 * 1024


def with_plural(translations: Path, forms: list[str]) -> bytes:
    """Return the shipped Spanish catalog with one plural entry added."""
    strings = "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms))
    entry = f'\nmsgctxt "t/p/days"\nmsgid "one day"\nmsgid_plural "%(n)d days"\n{strings}'
    return (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes() + entry.encode()


def findings(report: dict) -> list[tuple[str, str | None, str]]:
    return [(f["severity"], f["context"], f["rule"]) for f in report["findings"]]


def test_a_plural_entry_gets_a_report_on_an_anonymous_dry_run_not_a_500(client, translations):
    response = client.post("/v1/catalogs/es/checks", data=PLURAL_REPRO, headers=PO_TYPE)
    assert (response.status_code, response.mimetype) == (200, "application/json")
    assert ("warning", None, "unknown-unit") in findings(response.get_json()["report"])
    response = client.post(
        "/v1/catalogs/es/checks", data=with_plural(translations, ["un día", "%(n)d días"]), headers=PO_TYPE
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["publishable"], findings(body["report"])) == (True, [("warning", "t/p/days", "unknown-unit")])


def test_a_plural_entry_is_published_by_put_and_a_broken_one_is_a_422_naming_it(writer, translations):
    current = writer.get("/v1/catalogs/es")
    headers = {**AUTH, **PO_TYPE, "If-Match": current.headers["ETag"]}
    broken = writer.put("/v1/catalogs/es", data=with_plural(translations, ["un día"]), headers=headers)
    assert (broken.status_code, broken.mimetype) == (422, "application/problem+json")
    errors = [f for f in broken.get_json()["report"]["findings"] if f["severity"] == "error"]
    assert [(f["context"], f["rule"]) for f in errors] == [("t/p/days", "plural-forms")]
    assert "msgstr[1]" in errors[0]["message"]
    published = writer.put("/v1/catalogs/es", data=with_plural(translations, ["un día", "%(n)d días"]),
                           headers=headers)  # fmt: skip
    assert published.status_code == 200, published.get_data()[:500]
    assert writer.get("/v1/topics/muscle-spasms?locale=es").status_code == 200


def peak_rss(pid: int) -> int:
    """Return a process's peak resident memory (VmHWM), in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) * 1024


def only_worker(master: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if len(children) == 1:
            return int(children[0])
        time.sleep(0.1)
    pytest.fail(f"gunicorn {master} has no single worker")


@pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(), reason="reads workers' memory from /proc"
)
def test_huge_uploads_are_refused_quickly_naming_the_limit_and_worker_memory_stays_bounded(tmp_path):
    shutil.copytree(ROOT / "translations", tmp_path / "t", ignore=shutil.ignore_patterns(".history"))
    env = {"TRANSLATIONS_DIR": str(tmp_path / "t"), "CATALOG_HISTORY_DIR": str(tmp_path / "h"),
           "TRANSLATOR_TOKENS": TOKENS, "PARSE_CACHE_DIR": "off", "MAX_UPLOAD_BYTES": str(256 * 1024),
           "RATELIMIT_ENABLED": "false"}  # fmt: skip
    process, base = start_gunicorn(env, workers=1)
    try:
        worker = only_worker(process.pid)
        etag = requests.get(base + "/v1/catalogs/es", timeout=10).headers["ETag"]
        before = peak_rss(worker)
        for written in ("nplurals=20000000;", "nplurals=+20000000;", 'nplurals="20000000";'):
            body = HEADER.format(n=2).replace("nplurals=2;", written) + HUGE
            cpu = cpu_seconds(worker)  # the worker's own work: what a stranger's upload costs, whatever the load
            checked = requests.post(base + "/v1/catalogs/es/checks", data=body.encode(), headers=PO_TYPE, timeout=30)
            assert cpu_seconds(worker) - cpu < 2, written
            assert (checked.status_code, checked.headers["Content-Type"]) == (422, "application/problem+json")
            assert checked.json()["detail"].startswith("nplurals-limit: nplurals must be from 1 to 6"), written
            assert ("error", None, "nplurals-limit") in findings(checked.json()["report"]), written
        writing = {**AUTH, **PO_TYPE, "If-Match": etag}
        huge = (HEADER.format(n=20_000_000) + HUGE).encode()
        put = requests.put(base + "/v1/catalogs/es", data=huge, headers=writing, timeout=30)
        assert (put.status_code, put.headers["Content-Type"]) == (422, "application/problem+json")
        assert [f["rule"] for f in put.json()["report"]["findings"]] == ["nplurals-limit"]
        assert "from 1 to 6" in put.json()["report"]["findings"][0]["message"]
        many = HEADER.format(n=2) + "".join(f'msgid "e{i}"\nmsgstr "x"\n\n' for i in range(5000))
        for response in (
            requests.put(base + "/v1/catalogs/es", data=many.encode(), headers=writing, timeout=30),
            requests.post(base + "/v1/catalogs/es/checks", data=many.encode(), headers=PO_TYPE, timeout=30),
        ):
            assert (response.status_code, response.json()["detail"][:12]) == (422, "entry-limit:")
            assert [f["rule"] for f in response.json()["report"]["findings"]] == ["entry-limit"]
        big = requests.post(base + "/v1/catalogs/es/checks", data=b"#" * (256 * 1024 + 1), headers=PO_TYPE, timeout=30)
        assert (big.status_code, big.headers["Content-Type"]) == (413, "application/problem+json")
        grown = peak_rss(worker) - before
        print(f"worker peak RSS {before / MIB:.0f} MiB before, grew {grown / MIB:.1f} MiB")
        assert grown < 50 * MIB  # main grew by about 600 MiB for one 20,000,000 upload
        assert requests.get(base + "/v1/catalogs/es", timeout=10).headers["ETag"] == etag  # nothing was published
    finally:
        stop_gunicorn(process)
