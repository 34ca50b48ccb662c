"""The gettext catalogs: built by the standard pybabel commands, current, complete and faithful to markup."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from api import create_app
from api.content.loader import load_library
from api.content.walk import iter_units
from api.i18n.catalogs import SOURCE_REVIEW, CatalogError, UnitState, discover_locales, load_catalog, parse_catalog

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]
LOCALES = discover_locales(TRANSLATIONS)
URL = re.compile(r"https?://\S+|www\.\S+[a-z]")


def pybabel(*args: str) -> None:
    subprocess.run([*PYBABEL, *args], cwd=ROOT, check=True, capture_output=True)


def entries(path: Path):
    with path.open("rb") as f:
        return [(m.context, m.id, tuple(m.auto_comments), m.string) for m in read_po(f) if m.id]


@pytest.mark.parametrize(("domain", "source"), [("content", "content/"), ("api", "api/")])
def test_templates_are_what_pybabel_extracts_with_the_pyproject_mapping(tmp_path, domain, source):
    pybabel("extract", "-F", "pyproject.toml", "-c", "TRANSLATORS:", "--no-wrap", "-o", str(tmp_path / "t.pot"), source)
    assert entries(tmp_path / "t.pot") == entries(TRANSLATIONS / f"{domain}.pot")


def test_every_content_unit_has_a_stable_context_and_a_translator_comment():
    template = entries(TRANSLATIONS / "content.pot")
    contexts = [context for context, *_ in template]
    assert len(contexts) == len(set(contexts))
    assert all(re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+/[a-z0-9/-]+", c) for c in contexts)
    assert all(comments for _, _, comments, _ in template)


def semantic_entries(path: Path) -> dict:
    """Return a catalog's entries by (msgctxt, msgid): what a merge decides, not how a tool wrapped or ordered it."""
    with path.open("rb") as f:
        catalog = read_po(f)
    live = {
        (m.context, m.id): (m.string, sorted(m.flags), m.auto_comments, m.user_comments, m.previous_id)
        for m in catalog
        if m.id
    }
    return {**live, **{("obsolete", key): message.string for key, message in catalog.obsolete.items()}}


def assert_merged(tmp_path: Path, translations: Path, domain: str) -> None:
    """Assert that `pybabel update` would change no entry of any catalog (`--check` misreports msgctxt: babel#1307)."""
    shutil.copytree(translations, tmp_path / "t")
    template, target = str(tmp_path / "t" / f"{domain}.pot"), str(tmp_path / "t")
    pybabel(
        "update", "-D", domain, "-i", template, "-d", target, "--no-wrap", "--previous", "--ignore-pot-creation-date"
    )
    for po in translations.glob(f"*/LC_MESSAGES/{domain}.po"):
        merged, shipped = semantic_entries(tmp_path / "t" / po.relative_to(translations)), semantic_entries(po)
        differing = sorted(str(key) for key in merged.keys() ^ shipped.keys() | {
            key for key in merged.keys() & shipped.keys() if merged[key] != shipped[key]})  # fmt: skip
        assert differing == [], f"{po}: entries differ from the merged template: {differing}"


@pytest.mark.parametrize("domain", ["content", "api"])
def test_catalogs_are_merged_with_their_template(tmp_path, domain):
    """`flask catalogs update` would change no entry: wrapping, header order and charset case are formatting."""
    assert_merged(tmp_path, TRANSLATIONS, domain)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_locale_translates_every_unit_of_every_version(locale):
    catalog = load_catalog(TRANSLATIONS, locale)
    for versions in load_library(ROOT / "content").values():
        for topic in versions:
            stale = [u.context for u in iter_units(topic) if (u.context, u.text) not in catalog.current]
            assert stale == [], (locale, topic.topic, topic.version)


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_urls_and_protected_terms(locale):
    protected = {t.lower() for vs in load_library(ROOT / "content").values() for v in vs for t in v.protected_terms}
    path = TRANSLATIONS / locale.replace("-", "_") / "LC_MESSAGES" / "content.po"
    for context, english, _, translated in entries(path):
        assert URL.findall(translated) == URL.findall(english), context
        for term in protected:
            assert (term in english.lower()) <= (term in translated.lower()), (context, term)
        assert "<" not in translated or "<" in english, context


@pytest.mark.parametrize("locale", LOCALES)
def test_review_status_is_recorded_and_honest(locale):
    """Every shipped catalog is an AI-assisted draft: it says unreviewed, and names no reviewer, until a sign-off."""
    review = load_catalog(TRANSLATIONS, locale).review
    assert (review.status, review.reviewer, review.reviewed_on) == ("unreviewed", None, None)
    assert review.note


def test_a_signed_off_review_is_served_with_its_reviewer_and_date(tmp_path):
    shutil.copytree(TRANSLATIONS, tmp_path / "t")
    record = "status: reviewed\nreviewer: Dr. Kim\nreviewed_on: 2026-11-20\ncomplete: {muscle-spasms: 1}\n"
    (tmp_path / "t" / "ko" / "review.yaml").write_text(record, encoding="utf-8")
    client = create_app({"TRANSLATIONS_DIR": tmp_path / "t"}).test_client()
    review = {c["locale"]: c["review"] for c in client.get("/v1/catalogs").get_json()["catalogs"]}
    assert review["ko"] == {"status": "reviewed", "reviewer": "Dr. Kim", "reviewed_on": "2026-11-20", "note": None,
                            "method": None}
    assert review["es"]["status"] == "unreviewed"


def test_msgfmt_accepts_every_shipped_catalog():
    if not shutil.which("msgfmt"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext's msgfmt is missing: .ci/run installs it")
        pytest.skip("msgfmt not installed")
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_units_are_current_outdated_or_missing():
    po = PO_HEADER + (
        'msgctxt "t/s/current"\nmsgid "Same"\nmsgstr "Igual"\n\n'
        '#, fuzzy\nmsgctxt "t/s/fuzzy"\nmsgid "New text"\nmsgstr "Texto viejo"\n\n'
        'msgctxt "t/s/changed"\nmsgid "Old English"\nmsgstr "Inglés viejo"\n\n'
        '#~ msgctxt "t/s/obsolete"\n#~ msgid "Gone"\n#~ msgstr "Ido"\n\n'
        'msgctxt "t/s/empty"\nmsgid "Untranslated"\nmsgstr ""\n'
    )
    catalog = parse_catalog("es", po.encode(), SOURCE_REVIEW)
    assert catalog.state("t/s/current", "Same") is UnitState.CURRENT
    assert catalog.translate("t/s/current", "Same") == "Igual"
    assert catalog.state("t/s/fuzzy", "New text") is UnitState.OUTDATED  # fuzzy is never served
    assert catalog.translate("t/s/fuzzy", "New text") == "New text"
    assert catalog.state("t/s/changed", "New English") is UnitState.OUTDATED
    assert catalog.state("t/s/obsolete", "Back again") is UnitState.OUTDATED
    assert catalog.state("t/s/empty", "Untranslated") is UnitState.MISSING
    assert catalog.state("t/s/never", "Anything") is UnitState.MISSING


def test_a_malformed_catalog_stops_start_up_naming_the_file(tmp_path):
    shutil.copytree(TRANSLATIONS, tmp_path / "t")
    po = tmp_path / "t" / "es" / "LC_MESSAGES" / "content.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgctxt "x"\nmsgid "dangling"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=re.escape(str(po))):
        create_app({"TRANSLATIONS_DIR": tmp_path / "t"})


@pytest.mark.parametrize(
    ("record", "rule"),
    [("status: approved\n", "status"), ("status: reviewed\nreviewer: Dr. Kim\n", "reviewer and the date")],
)
def test_a_review_record_that_is_not_a_sign_off_is_rejected(tmp_path, record, rule):
    shutil.copytree(TRANSLATIONS, tmp_path / "t")
    review = tmp_path / "t" / "ko" / "review.yaml"
    review.write_text(record, encoding="utf-8")
    with pytest.raises(CatalogError, match=re.escape(str(review))) as error:
        create_app({"TRANSLATIONS_DIR": tmp_path / "t"})
    assert rule in str(error.value)
