"""Whatever GNU msgfmt --check refuses, every entry point refuses too: parse, start-up, CLI check, dry run, PUT."""

import os
import shutil
import subprocess
from functools import cache

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api import create_app
from api.commands.catalogs import catalogs_cli
from api.content.loader import load_library
from api.i18n.catalogs import CatalogError, Review, parse_catalog
from api.i18n.checks import check_catalog, template_of
from api.i18n.strict import PoSyntaxError, strict_text
from tests.malformed_po import ROOT, SHIPPED, variants
from tests.tokens import TOKENS, publish_headers

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed (CI installs gettext)")
VARIANTS = variants()
HEADER_RULES = {"nplurals-limit", "plural-forms", "header-charset"}


@cache
def msgfmt_refuses(raw: bytes) -> bool:
    """Say whether msgfmt --check refuses these bytes (exit status non-zero)."""
    result = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", "-"], input=raw, capture_output=True, timeout=30)
    return result.returncode != 0


@cache
def template() -> dict:
    return template_of(load_library(ROOT / "content"))


def refused_by_msgfmt() -> list[str]:
    return [name for name, raw in VARIANTS.items() if MSGFMT and msgfmt_refuses(raw)]


@needs_msgfmt
def test_the_corpus_is_large_and_msgfmt_refuses_most_of_it():
    """At least 40 variants, most of them refused by msgfmt; we refuse every one it refuses and some more."""
    refused = refused_by_msgfmt()
    ours = [name for name, raw in VARIANTS.items() if refuses(raw)]
    assert len(VARIANTS) >= 40 and len(refused) >= 40, (len(VARIANTS), len(refused))
    assert set(refused) <= set(ours), set(refused) - set(ours)


@needs_msgfmt
@pytest.mark.parametrize("path", sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po")), ids=str)
def test_the_shipped_catalogs_pass_msgfmt_and_the_strict_reader(path):
    raw = path.read_bytes()
    assert not msgfmt_refuses(raw)
    assert strict_text(raw, str(path)) == raw.decode("utf-8")


def refuses(raw: bytes) -> bool:
    try:
        strict_text(raw, "upload.po")
    except PoSyntaxError:
        return True
    return False


@needs_msgfmt
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_what_msgfmt_refuses_the_parse_functions_refuse_naming_file_and_line(name):
    raw = VARIANTS[name]
    report = check_catalog(raw, "es", "es/content.po", template(), None)
    assert report.errors, report.findings  # every variant is malformed; some only by our stricter reading
    if not msgfmt_refuses(raw):
        return
    with pytest.raises(PoSyntaxError) as error:
        strict_text(raw, "es/content.po")
    assert error.value.line >= 1 and str(error.value).startswith(f"es/content.po:{error.value.line}: ")
    with pytest.raises(CatalogError, match=r"es/content\.po:\d+: "):
        parse_catalog("es", raw, Review("unreviewed"), "es/content.po")
    # a syntax error names file and line; a header one (Plural-Forms, its bounds) names the header, in a named report
    assert report.file == "es/content.po" and any(
        "es/content.po:" in f.message or f.rule in HEADER_RULES for f in report.errors
    ), report.findings


def test_the_issue_case_names_the_heading_line():
    """Issue 17: the Spanish heading without its closing quote was served as '¿Cuándo son motivo de preocupació'."""
    raw = VARIANTS["unterminated msgstr (issue 17)"]
    line = (
        SHIPPED.read_text(encoding="utf-8")
        .splitlines()
        .index('msgstr "¿Cuándo son motivo de preocupación los espasmos musculares?"')
    )
    with pytest.raises(PoSyntaxError, match="end-of-line within string") as error:
        strict_text(raw, "content.po")
    assert error.value.line == line + 1


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of translations/ with a writer app over it, for the CLI, start-up, dry run and PUT."""
    base = tmp_path_factory.mktemp("strict")
    translations = base / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    config = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": base / "history", "PARSE_CACHE_DIR": "off",
              "TRANSLATOR_TOKENS": TOKENS, "RATELIMIT_ENABLED": False}  # fmt: skip
    return translations, config, create_app(config).test_client()


@needs_msgfmt
def test_what_msgfmt_refuses_start_up_and_the_cli_check_refuse(workspace, monkeypatch):
    translations, config, _ = workspace
    live = translations / "es" / "LC_MESSAGES" / "content.po"
    shipped = live.read_bytes()
    monkeypatch.setenv("TRANSLATIONS_DIR", str(translations))
    runner = CliRunner()
    try:
        assert runner.invoke(catalogs_cli, ["check", "es"]).exit_code == 0  # the shipped catalog passes first
        for name in refused_by_msgfmt():
            live.write_bytes(VARIANTS[name])
            with pytest.raises(CatalogError, match=rf"{live}:\d+: "):
                create_app(config)
            checked = runner.invoke(catalogs_cli, ["check", "es"])
            assert checked.exit_code == 1, (name, checked.output)
            named = any(f"{path}:" in checked.output for path in (live, os.path.relpath(live)))  # as the CLI prints it
            assert named or any(f"[{rule}]" in checked.output for rule in HEADER_RULES), name
    finally:
        live.write_bytes(shipped)


@needs_msgfmt
def test_what_msgfmt_refuses_the_dry_run_and_put_refuse_and_nothing_changes(workspace):
    translations, _, client = workspace
    live = translations / "es" / "LC_MESSAGES" / "content.po"
    shipped, served = live.read_bytes(), client.get("/v1/topics/muscle-spasms?locale=es").get_data()
    for name in refused_by_msgfmt():
        raw = VARIANTS[name]
        dry = client.post("/v1/catalogs/es/checks", data=raw, headers={"Content-Type": "text/x-gettext-translation"})
        refused = (dry.status_code, dry.mimetype) == (422, "application/problem+json")  # a bound, such as nplurals
        assert refused or (dry.status_code, dry.get_json()["publishable"]) == (200, False), name
        put = client.put("/v1/catalogs/es", data=raw, headers=publish_headers(shipped))
        assert (put.status_code, put.mimetype) == (422, "application/problem+json"), (name, put.get_data()[:300])
        errors = [f for f in put.get_json()["report"]["findings"] if f["severity"] == "error"]
        assert any("upload for es:" in f["message"] or f["rule"] in HEADER_RULES for f in errors), (name, errors)
    assert live.read_bytes() == shipped
    assert client.get("/v1/topics/muscle-spasms?locale=es").get_data() == served


LINES = SHIPPED.read_text(encoding="utf-8").split("\n")
EDITS = st.sampled_from(['"', "\\", "#~ ", "#| ", "msgid ", "msgstr ", "msgstr[1] ", "msgctxt ", "\n", "", " x", "\\n"])


@needs_msgfmt
@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.integers(0, len(LINES) - 1), column=st.integers(0, 80), edit=EDITS, duplicate=st.booleans())
def test_random_edits_of_the_shipped_catalog_never_pass_us_when_msgfmt_refuses(line, column, edit, duplicate):
    """Insert a quote, backslash, keyword or line break anywhere (or repeat a line): never looser than msgfmt."""
    lines = list(LINES)
    text = lines[line]
    lines[line] = text[: min(column, len(text))] + edit + text[min(column, len(text)) :]
    if duplicate:
        lines.insert(line, lines[line])
    raw = "\n".join(lines).encode("utf-8")
    if msgfmt_refuses(raw):
        assert refuses(raw), "\n".join(lines[max(0, line - 3) : line + 4])


def test_start_up_refuses_an_api_catalog_msgfmt_refuses(tmp_path):
    """The API's own messages (notices a patient reads) enter at start-up too: a broken api.po is refused by line."""
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    api_po = translations / "es" / "LC_MESSAGES" / "api.po"
    text = api_po.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith('msgstr "') and len(row) > 12)
    rows = text.splitlines()
    rows[line - 1] = rows[line - 1].removesuffix('"')
    api_po.write_text("\n".join(rows) + "\n", encoding="utf-8")
    if MSGFMT:
        assert msgfmt_refuses(api_po.read_bytes())
    with pytest.raises(ValueError, match=rf"{api_po}:{line}: end-of-line within string"):
        create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h", "PARSE_CACHE_DIR": "off"})
