"""`flask --app api catalogs check` refuses a catalog start-up refuses, naming file and line, and exits 1."""

import os
import shutil
import subprocess
import sys

from tests.malformed_po import ROOT, SHIPPED, variants


def check_es(tmp_path, raw: bytes) -> subprocess.CompletedProcess:
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    (translations / "es" / "LC_MESSAGES" / "content.po").write_bytes(raw)
    env = {**os.environ, "TRANSLATIONS_DIR": str(translations), "PARSE_CACHE_DIR": "off"}
    command = [sys.executable, "-m", "flask", "--app", "api", "catalogs", "check", "es"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_issue_case_exits_1_naming_file_and_line(tmp_path):
    """Issue 17: this exited 0 and the heading was served cut short. Flask loads the app to find `catalogs`, and
    create_app refuses the catalog: one line names file and line, with no traceback (issue 21)."""
    result = check_es(tmp_path, variants()["unterminated msgstr (issue 17)"])
    line = (
        SHIPPED.read_text(encoding="utf-8")
        .splitlines()
        .index('msgstr "¿Cuándo son motivo de preocupación los espasmos musculares?"')
        + 1
    )
    assert result.returncode == 1, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    last = lines[-1]
    assert last.endswith(f"es/LC_MESSAGES/content.po:{line}: end-of-line within string"), last


def test_the_shipped_catalog_still_checks_clean(tmp_path):
    result = check_es(tmp_path, SHIPPED.read_bytes())
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
