"""`flask --app api catalogs ...`: thin layers over Babel's own frontend, plus our checks."""

import contextlib
import json
import os
import sys
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask.cli import AppGroup

from api.config import PROJECT_ROOT, settings_from_env
from api.content.loader import load_library
from api.content.walk import iter_units
from api.i18n.catalogs import catalog_path, discover_locales, load_catalog, load_review
from api.i18n.checks import check_catalog, required_units, template_of
from api.i18n.messages import API_DOMAIN, compile_api_messages
from api.i18n.previous import mend_previous
from api.i18n.tags import babel_name
from api.parse_cache import ParseCache

catalogs_cli = AppGroup("catalogs", help="Extract, merge, check and report on the gettext catalogs.")
DOMAINS = {"content": "CONTENT_DIR", API_DOMAIN: None}  # domain -> where its source lives
NEW_REVIEW = "status: unreviewed\nreviewer: null\nreviewed_on: null\ncomplete: false\n"


HOLDERS = {"content": "North American Spine Society (source text)", API_DOMAIN: "patient-content-api"}


def pybabel(*args: str) -> None:
    """Run one pybabel command in-process from the project root, as the `pybabel` script would."""
    with contextlib.chdir(PROJECT_ROOT):
        CommandLineInterface().run(["pybabel", "-q", *args])


def dirs() -> tuple[Path, Path]:
    """Return (content dir, translations dir) relative to the project root, without loading the app."""
    settings = settings_from_env()
    return tuple(Path(os.path.relpath(settings[key], PROJECT_ROOT)) for key in ("CONTENT_DIR", "TRANSLATIONS_DIR"))


@catalogs_cli.command("extract", with_appcontext=False)
def extract():
    """Build content.pot from content/ and api.pot from the API's code."""
    content_dir, translations = dirs()
    for domain, source in (("content", content_dir), (API_DOMAIN, Path("api"))):
        template = str(translations / f"{domain}.pot")
        pybabel("extract", "-F", "pyproject.toml", "--no-wrap", "--add-comments", "TRANSLATORS:",
                "--project", "patient-content-api", "--copyright-holder", HOLDERS[domain],
                "-o", template, str(source))  # fmt: skip
        click.echo(f"wrote {template}")


@catalogs_cli.command("init", with_appcontext=False)
@click.argument("locale")
def init(locale):
    """Start a new locale: both catalogs, and a review record saying unreviewed and incomplete."""
    _, translations = dirs()
    for domain in DOMAINS:
        pybabel("init", "-D", domain, "-i", str(translations / f"{domain}.pot"), "-d", str(translations),
                "-l", babel_name(locale), "--no-wrap")  # fmt: skip
    review = translations / babel_name(locale) / "review.yaml"
    if not review.exists():
        review.write_text(NEW_REVIEW, encoding="utf-8")
    click.echo(f"started {locale}: translate {catalog_path(translations, locale)}, then set complete: true")


@catalogs_cli.command("update", with_appcontext=False)
def update():
    """Merge the templates into every catalog; changed units turn fuzzy and keep their previous msgid."""
    _, translations = dirs()
    for domain in DOMAINS:
        pybabel("update", "-D", domain, "-i", str(translations / f"{domain}.pot"), "-d", str(translations),
                "--previous", "--no-wrap", "--ignore-pot-creation-date")  # fmt: skip
    for path in (PROJECT_ROOT / translations).glob("*/LC_MESSAGES/*.po"):  # Babel wraps `#| msgid "..."` mid-string
        text = path.read_text(encoding="utf-8")
        if (mended := mend_previous(text)) != text:
            path.write_text(mended, encoding="utf-8")
    click.echo("updated every catalog; review the fuzzy entries (#, fuzzy) and their #| previous msgid")


@catalogs_cli.command("compile", with_appcontext=False)
def compile_messages():
    """Compile the API's messages, and parse content and catalogs into the parse cache for a quick start."""
    settings = settings_from_env()
    translations = settings["TRANSLATIONS_DIR"]
    click.echo(f"api messages compiled to {compile_api_messages(translations)}")
    if settings["PARSE_CACHE_DIR"] != "off":
        cache = ParseCache(Path(settings["PARSE_CACHE_DIR"])).get
        load_library(settings["CONTENT_DIR"], cache)
        for locale in discover_locales(translations):
            load_catalog(translations, locale, cache)
        click.echo(f"content and catalogs parsed into {settings['PARSE_CACHE_DIR']}")


@catalogs_cli.command("check", with_appcontext=False)
@click.argument("locales", nargs=-1)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
def check(locales, output):
    """Check catalogs; exit 1 on any error, 0 when there are only warnings."""
    content_dir, translations = dirs()
    library = load_library(content_dir)
    template, required = template_of(library), required_units(library)
    reports = []
    for locale in locales or discover_locales(translations):
        path = catalog_path(translations, locale)
        complete = load_review(translations / babel_name(locale) / "review.yaml").complete
        reports.append(check_catalog(path.read_bytes(), locale, str(path), template, required if complete else None))
    if output == "json":
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            click.echo(
                f"{report.locale}: {len(report.errors)} errors, {len(report.findings) - len(report.errors)} warnings"
            )
            for f in report.findings:
                click.echo(f"  {f.severity:7} {f.locale} {f.context or '-'} [{f.rule}] {f.message}")
    sys.exit(1 if any(r.errors for r in reports) else 0)


@catalogs_cli.command("status", with_appcontext=False)
def status():
    """Show each locale's share of units translated, fuzzy, outdated, missing, and its review."""
    content_dir, translations = dirs()
    latest = [versions[-1] for versions in load_library(content_dir).values()]
    units = [u for topic in latest for u in iter_units(topic)]
    click.echo(f"{'locale':8} {'current':>8} {'fuzzy':>6} {'outdated':>9} {'missing':>8}  review")
    for locale in discover_locales(translations):
        catalog = load_catalog(translations, locale)
        states = [catalog.state(u.context, u.text).value for u in units]
        review = load_review(translations / babel_name(locale) / "review.yaml")
        share = {s: f"{states.count(s) / len(units):.0%}" for s in ("current", "outdated", "missing")}
        click.echo(f"{locale:8} {share['current']:>8} {catalog.fuzzy:>6} {share['outdated']:>9} {share['missing']:>8}"
                   f"  {review.status}{' by ' + review.reviewer if review.reviewer else ''}")  # fmt: skip
