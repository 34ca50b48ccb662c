"""Catalog checks and the `flask catalogs` commands, on copies of the shipped catalogs."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
UNIT = "muscle-spasms/referral-links/resources/nass-find-a-specialist/purpose"


def flask(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "flask", "--app", "api", "catalogs", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """Copies of content/ and translations/, selected through the environment like production."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    import os

    env = {**os.environ, "CONTENT_DIR": str(tmp_path / "content"), "TRANSLATIONS_DIR": str(tmp_path / "translations")}
    return tmp_path, env


def edit_catalog(translations: Path, locale: str, edits: dict[str, str], fuzzy=()) -> Path:
    """Set msgstr (and fuzzy flags) of some units in a copied catalog."""
    path = translations / locale / "LC_MESSAGES" / "content.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.context in edits:
            message.string = edits[message.context]
        if message.context in fuzzy:
            message.flags.add("fuzzy")
    with path.open("wb") as f:
        write_po(f, catalog, width=0)
    return path


def test_shipped_catalogs_pass_and_report_as_json():
    result = flask("check", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    reports = json.loads(result.stdout)
    assert {r["locale"] for r in reports} == {"ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant"}
    assert all(r["errors"] == 0 for r in reports)


@pytest.mark.parametrize(
    ("context", "text", "rule"),
    [
        ("muscle-spasms/definition/what-it-is", "Un espasmo<script>alert(1)</script>.", "unsafe-html"),
        ("muscle-spasms/definition/what-it-is", 'Un <a href="javascript:alert(1)">espasmo</a>.', "unsafe-html"),
        (UNIT, "Para encontrar un profesional cerca de usted", "protected-term"),
        (
            "muscle-spasms/meta/attribution-note",
            "Extracto de un recurso de Jennifer Kurz, MD en www.example.org.",
            "urls",
        ),
        ("muscle-spasms/definition/what-it-is", "Un espasmo dura 3 minutos.", "numbers"),
        ("muscle-spasms/definition/what-it-is", "Un espasmo %(name)s.", "placeholders"),
        ("muscle-spasms/definition/what-it-is", "Un <b>espasmo</b>.", "markup"),
    ],
)
def test_a_broken_translation_is_an_error_naming_locale_context_and_rule(workspace, context, text, rule):
    tmp_path, env = workspace
    edit_catalog(tmp_path / "translations", "es", {context: text})
    result = flask("check", "--format", "json", "es", env=env)
    assert result.returncode == 1
    findings = json.loads(result.stdout)[0]["findings"]
    assert {"severity": "error", "locale": "es", "context": context, "rule": rule} in [
        {k: f[k] for k in ("severity", "locale", "context", "rule")} for f in findings
    ]


def test_fuzzy_units_in_a_complete_catalog_are_errors_and_warnings_alone_exit_zero(workspace):
    tmp_path, env = workspace
    edit_catalog(tmp_path / "translations", "fr", {}, fuzzy={"muscle-spasms/definition/heading"})
    result = flask("check", "fr", env=env)
    assert result.returncode == 1
    assert "fr muscle-spasms/definition/heading [incomplete]" in result.stdout
    english = "A muscle spasm is a sudden, involuntary contraction of one or more muscles. A spasm results from an abnormally sustained muscle contraction and is often painful."  # noqa: E501
    edit_catalog(tmp_path / "translations", "ko", {"muscle-spasms/definition/what-it-is": english})
    result = flask("check", "ko", env=env)
    assert result.returncode == 0, result.stdout
    assert "warning ko muscle-spasms/definition/what-it-is [identical]" in result.stdout  # on that unit


def test_a_wrong_plural_forms_header_is_an_error(workspace):
    tmp_path, env = workspace
    path = tmp_path / "translations" / "ar" / "LC_MESSAGES" / "content.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Plural-Forms: nplurals=6;', '"Plural-Forms: nplurals=2;'), encoding="utf-8")
    result = flask("check", "ar", env=env)
    assert result.returncode == 1
    # msgfmt --check refuses this header too, so start-up refuses the catalog (issue 17): `flask` stops while it
    # loads the app to find the command, and the error's last line names the file, the line and the cause
    last = result.stderr.strip().splitlines()[-1]
    assert last.endswith("ar/LC_MESSAGES/content.po:6: the plural expression gives an index outside 0..1"), last


def test_update_marks_a_changed_unit_fuzzy_and_keeps_its_previous_msgid(workspace):
    tmp_path, env = workspace
    v1 = tmp_path / "content" / "muscle-spasms" / "1.yaml"
    old = "These types of spasms resolve with rest, hydration and gentle stretching."
    v1.with_name("draft.yaml").write_text(v1.read_text(encoding="utf-8").replace(old, old + " (v2)"))
    published = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "api", "content", "publish", "muscle-spasms", "--note", "Reworded."],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert flask("extract", env=env).returncode == 0
    assert flask("update", env=env).returncode == 0
    po = tmp_path / "translations" / "es" / "LC_MESSAGES" / "content.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    changed = catalog.get(old + " (v2)", context="muscle-spasms/acute-causes/resolution")
    assert changed.fuzzy
    assert '#| msgid "These types of spasms resolve' in po.read_text(encoding="utf-8")  # what changed
    assert catalog.get(old, context="muscle-spasms/acute-causes/resolution").string  # v1 keeps its translation
    status = flask("status", env=env).stdout
    assert "unreviewed" in status


def test_pofilter_critical_tests_pass_on_every_shipped_catalog(tmp_path):
    """translate-toolkit's pofilter writes a file for each catalog with a failing unit."""
    tests = ["escapes", "newlines", "tabs", "printf", "pythonbraceformat", "variables", "xmltags", "nplurals"]
    command = [sys.executable, "-m", "translate.filters.pofilter", "--progress=none"]
    command += [f"--test={t}" for t in tests] + ["-i", str(ROOT / "translations"), "-o", str(tmp_path / "out")]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    failures = list((tmp_path / "out").rglob("*.po")) if (tmp_path / "out").exists() else []
    assert failures == [], [f.read_text()[-1500:] for f in failures]
