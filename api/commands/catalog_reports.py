"""`flask --app api catalogs check | status`: what the catalogs hold, per locale, and whether they may be published."""

import json
import sys

import click

from api.commands.catalogs import catalogs_cli, dirs
from api.content.loader import load_library
from api.content.walk import iter_units
from api.i18n.catalogs import catalog_path, discover_locales, load_catalog, load_review
from api.i18n.checks import check_catalog, required_units, template_of
from api.i18n.tags import babel_name


@catalogs_cli.command("check", with_appcontext=False)
@click.argument("locales", nargs=-1)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
def check(locales, output):
    """Check catalogs; exit 1 on any error, 0 when there are only warnings."""
    content_dir, translations = dirs()
    library = load_library(content_dir)
    template, reports = template_of(library), []
    for locale in locales or discover_locales(translations):
        path = catalog_path(translations, locale)
        required = required_units(library, load_review(translations / babel_name(locale) / "review.yaml").complete)
        reports.append(check_catalog(path.read_bytes(), locale, str(path), template, required))
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
