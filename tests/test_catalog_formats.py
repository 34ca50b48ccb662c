"""Catalogs as translation tools write them pass every check; a catalog whose entries really differ still fails."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from api import create_app
from api.i18n.catalogs import discover_locales
from tests.test_catalogs import assert_merged
from tests.tokens import PO_TYPE

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LOCALES = discover_locales(TRANSLATIONS)
TOOLS = {  # each rewrites a catalog in place, as the translators' tool would commit it
    "msgmerge": lambda po, pot: ["msgmerge", "--quiet", "--previous", "-o", po, po, pot],
    "msgcat --no-wrap": lambda po, pot: ["msgcat", "--no-wrap", "-o", po, po],
    "msgcat -w 77 (Weblate's wrap)": lambda po, pot: ["msgcat", "-w", "77", "-o", po, po],
}
TITLE = "muscle-spasms/meta/title"

pytestmark = pytest.mark.skipif(
    not shutil.which("msgmerge") and not os.environ.get("CI"), reason="GNU gettext not installed (.ci/run installs it)"
)


def rewrite(tmp_path: Path, tool: str) -> Path:
    """Copy the shipped catalogs and run a tool over every one of them; return the copy's translations dir."""
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, translations, ignore=shutil.ignore_patterns(".history"))
    for po in translations.glob("*/LC_MESSAGES/*.po"):
        pot = translations / f"{po.stem}.pot"
        subprocess.run(TOOLS[tool](str(po), str(pot)), check=True, capture_output=True, timeout=60)
    return translations


def catalogs_check(translations: Path, *locales: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRANSLATIONS_DIR": str(translations)}
    command = [sys.executable, "-m", "flask", "--app", "api", "catalogs", "check", "--format", "json", *locales]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def po_bytes(translations: Path, locale: str) -> bytes:
    return (translations / locale.replace("-", "_") / "LC_MESSAGES" / "content.po").read_bytes()


@pytest.fixture(scope="module")
def shipped_client():
    return create_app({"RATELIMIT_ENABLED": False}).test_client()  # dry runs of every locale and format, at once


@pytest.mark.parametrize("tool", TOOLS)
def test_a_catalog_rewritten_by_a_translation_tool_passes_staleness_checks_and_a_dry_run(
    tmp_path, tool, shipped_client
):
    translations = rewrite(tmp_path, tool)
    rewritten = [locale for locale in LOCALES if po_bytes(translations, locale) != po_bytes(TRANSLATIONS, locale)]
    assert rewritten == LOCALES  # the tool really changed every file's bytes
    for domain in ("content", "api"):
        assert_merged(tmp_path / domain, translations, domain)
    result = catalogs_check(translations)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(r["locale"] for r in json.loads(result.stdout) if r["errors"] == 0) == LOCALES
    for locale in LOCALES:
        upload = po_bytes(translations, locale)
        response = shipped_client.post(f"/v1/catalogs/{locale}/checks", data=upload, headers=PO_TYPE)
        assert response.status_code == 200, (locale, response.get_data()[:500])
        body = response.get_json()
        assert (locale, body["publishable"], body["report"]["errors"]) == (locale, True, 0), body["report"]
        assert body["changes"]["counts"] == {"added": 0, "changed": 0, "removed": 0}  # the same entries


def drop_entry(po: Path, context: str) -> None:
    """Remove one entry (its comments too) from a PO file's text, as a careless hand edit would."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    kept = [block for block in blocks if f'msgctxt "{context}"' not in block]
    assert len(kept) == len(blocks) - 1
    po.write_text("\n\n".join(kept), encoding="utf-8")


def test_a_rewritten_catalog_missing_a_unit_still_fails_naming_it(tmp_path, shipped_client):
    translations = rewrite(tmp_path, "msgmerge")
    drop_entry(translations / "es" / "LC_MESSAGES" / "content.po", TITLE)
    with pytest.raises(AssertionError, match=re.escape(f"('{TITLE}', 'Muscle Spasms')")):
        assert_merged(tmp_path / "merge", translations, "content")
    result = catalogs_check(translations, "es")  # es is marked complete: a missing unit is an error
    assert result.returncode == 1
    assert [(f["rule"], f["context"]) for f in json.loads(result.stdout)[0]["findings"]] == [("incomplete", TITLE)]
    body = shipped_client.post("/v1/catalogs/es/checks", data=po_bytes(translations, "es"), headers=PO_TYPE).get_json()
    assert body["publishable"] is False
    assert [(f["rule"], f["context"]) for f in body["report"]["findings"]] == [("incomplete", TITLE)]


def test_a_rewritten_catalog_keeping_an_old_msgid_live_still_fails_naming_it(tmp_path, shipped_client):
    translations = rewrite(tmp_path, "msgcat -w 77 (Weblate's wrap)")
    po = translations / "es" / "LC_MESSAGES" / "content.po"
    text = po.read_text(encoding="utf-8")
    stale = f'msgctxt "{TITLE}"\nmsgid "Muscle spasm"\n'  # the English it translated before a change
    po.write_text(text.replace(f'msgctxt "{TITLE}"\nmsgid "Muscle Spasms"\n', stale), encoding="utf-8")
    with pytest.raises(AssertionError, match=re.escape(f"('{TITLE}', 'Muscle spasm')")):
        assert_merged(tmp_path / "merge", translations, "content")
    result = catalogs_check(translations, "es")
    findings = [(f["severity"], f["rule"], f["context"]) for f in json.loads(result.stdout)[0]["findings"]]
    assert findings == [("error", "incomplete", TITLE), ("warning", "unknown-unit", TITLE)]
    body = shipped_client.post("/v1/catalogs/es/checks", data=po_bytes(translations, "es"), headers=PO_TYPE).get_json()
    assert body["publishable"] is False
    assert ("error", "incomplete", TITLE) in [
        (f["severity"], f["rule"], f["context"]) for f in body["report"]["findings"]
    ]
