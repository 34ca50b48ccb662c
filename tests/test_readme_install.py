"""Issue 17: the README's "Adding a topic" and "Adding a locale", run from the README's run-command install.

Each test copies the repository and points its .venv at a venv built from requirements/run.txt alone (the
`run_venv` fixture), so the catalog commands run exactly as a new user's would, with no `pip install -e .`.
"""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from babel.messages.pofile import read_po

from tests.conftest import start_gunicorn, stop_gunicorn
from tests.test_readme import ROOT, SKIPPED, run_walkthrough, served
from tests.tokens import AUTH, PO_TYPE, TOKENS

LOCALES = ["ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant"]
OLD, NEW = 'msgstr "Espasmos musculares"', 'msgstr "Espasmos de los músculos"'  # a one-line Spanish fix


@pytest.fixture
def run_copy(tmp_path, run_venv):
    """Copy the working tree (no .git, no venv) and make its .venv the run-command install."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=SKIPPED)
    (copy / ".venv").symlink_to(run_venv, target_is_directory=True)
    return copy


def flask(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `.venv/bin/flask --app api ...` in the copy, as the README does."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_DIR") and k != "TRANSLATOR_TOKENS"}
    env["XDG_CACHE_HOME"] = str(copy.parent / "cache")
    return subprocess.run([copy / ".venv" / "bin" / "flask", "--app", "api", *args], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def catalogs(copy: Path) -> dict[Path, bytes]:
    """Return the bytes of every catalog in the copy."""
    return {path: path.read_bytes() for path in sorted((copy / "translations").glob("*/LC_MESSAGES/*.po"))}


def translated(raw: bytes) -> set[tuple]:
    """Return the (msgctxt, msgid, msgstr) of every current (translated, not fuzzy) unit of a catalog."""
    return {(m.context, m.id, m.string) for m in read_po(io.BytesIO(raw)) if m.id and m.string and not m.fuzzy}


def test_adding_a_topic_keeps_every_translation_and_lets_a_translator_publish(run_copy):
    before = catalogs(run_copy)
    run_walkthrough(run_copy, "Adding a topic")
    after = catalogs(run_copy)
    for path, raw in before.items():
        assert translated(raw) <= translated(after[path]), f"{path} lost a translation"
        new_units = [m for m in read_po(io.BytesIO(after[path])) if (m.context or "").startswith("example-topic/")]
        if path.name == "content.po":  # a new unit is missing: untranslated, never a fuzzy guess
            assert new_units and all(not m.string and not m.fuzzy for m in new_units), path
    check = flask(run_copy, "catalogs", "check")
    assert check.returncode == 0, check.stdout + check.stderr

    env = {"TRANSLATOR_TOKENS": TOKENS, "PARSE_CACHE_DIR": "off", "PINNED_ARCHIVE_DIR": "off"}
    python = run_copy / ".venv" / "bin" / "python"
    process, base = start_gunicorn(env, workers=1, python=python, root=run_copy, default_store=True)
    try:
        assert (run_copy / "translations" / ".history" / "store.sqlite3").exists()  # the copy's default store
        current = requests.get(f"{base}/v1/catalogs/es", timeout=10)
        assert OLD.encode() in current.content
        fixed = current.content.replace(OLD.encode(), NEW.encode())
        headers = {**AUTH, **PO_TYPE, "If-Match": current.headers["ETag"]}
        published = requests.put(f"{base}/v1/catalogs/es", data=fixed, headers=headers, timeout=30)
        assert published.status_code == 200, published.text
        assert requests.get(f"{base}/v1/topics/muscle-spasms?locale=es", timeout=10).json()["title"] == NEW[8:-1]
        for locale in LOCALES:
            topic = requests.get(f"{base}/v1/topics/example-topic?locale={locale}", timeout=10).json()
            for section in topic["sections"]:
                assert section["locale"] == "en"
                assert section["fallback"] == {"from": locale, "reason": "missing"}, (locale, section["id"])
    finally:
        stop_gunicorn(process)


def test_adding_a_locale_then_a_topic_leaves_both_missing_and_the_checks_green(run_copy):
    run_walkthrough(run_copy, "Adding a locale")
    run_walkthrough(run_copy, "Adding a topic")
    check = flask(run_copy, "catalogs", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    german = read_po(io.BytesIO((run_copy / "translations" / "de" / "LC_MESSAGES" / "content.po").read_bytes()))
    contexts = {m.context for m in german if m.id}
    assert {"muscle-spasms/meta/title", "example-topic/meta/title"} <= contexts
    assert not any(m.string or m.fuzzy for m in german if m.id), "a new locale starts with every unit missing"


def test_a_failing_extract_keeps_the_template_and_an_emptied_template_changes_no_catalog(run_copy):
    template = run_copy / "translations" / "content.pot"
    kept = template.read_bytes()
    (run_copy / "content" / "muscle-spasms" / "2.yaml").write_text("title: [unterminated\n", encoding="utf-8")
    failed = flask(run_copy, "catalogs", "extract")
    assert failed.returncode != 0
    assert template.read_bytes() == kept
    hidden = sorted(p.name for p in template.parent.iterdir() if p.name.startswith("."))
    assert hidden in ([], [".history"])  # no partial file left (.history holds the store the command opened)
    (run_copy / "content" / "muscle-spasms" / "2.yaml").unlink()

    before = catalogs(run_copy)
    template.write_bytes(b"")
    refused = flask(run_copy, "catalogs", "update")
    assert refused.returncode != 0
    assert catalogs(run_copy) == before
    assert "no catalog was changed" in refused.stderr
    assert "obsolete in translations/es/LC_MESSAGES/content.po: muscle-spasms/meta/title 'Muscle Spasms'" in (
        refused.stdout
    )


def test_a_new_version_with_changed_english_makes_only_that_unit_fuzzy_and_keeps_the_checks_green(run_copy):
    old, new = "What is a muscle spasm?", "What exactly is a muscle spasm?"
    draft = run_copy / "content" / "muscle-spasms" / "draft.yaml"
    shutil.copy(run_copy / "content" / "muscle-spasms" / "1.yaml", draft)  # as "Publishing a new version" says
    draft.write_text(draft.read_text(encoding="utf-8").replace(f"heading: {old}", f"heading: {new}"), encoding="utf-8")
    for command in (["content", "publish", "muscle-spasms", "--note", "Reworded."], ["catalogs", "extract"],
                    ["catalogs", "update"], ["catalogs", "check"]):  # fmt: skip
        done = flask(run_copy, *command)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    spanish = (run_copy / "translations" / "es" / "LC_MESSAGES" / "content.po").read_text(encoding="utf-8")
    assert f'#, fuzzy\n#| msgid "{old}"\nmsgctxt "muscle-spasms/definition/heading"\nmsgid "{new}"\n' in spanish
    client = served(run_copy)
    section = client.get("/v1/topics/muscle-spasms/sections/definition?locale=es").json
    assert section["fallback"] == {"from": "es", "reason": "outdated"}
    assert client.get("/v1/topics/muscle-spasms/sections/definition?locale=es&version=1").json["fallback"] is None
