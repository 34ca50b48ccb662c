"""`flask --app api catalogs ...`: the group, and thin layers over Babel's own frontend."""

import contextlib
import os
import re
import sys
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask.cli import AppGroup

from api.config import PROJECT_ROOT, settings_from_env
from api.content.loader import load_library
from api.i18n.catalogs import catalog_path, discover_locales, load_catalog
from api.i18n.checks import template_of
from api.i18n.durable import write_atomically
from api.i18n.merge import merge_domain, refusals
from api.i18n.messages import API_DOMAIN, compile_api_messages
from api.i18n.tags import babel_name
from api.parse_cache import ParseCache

catalogs_cli = AppGroup("catalogs", help="Extract, merge, check and report on the gettext catalogs.")
DOMAINS = {"content": "CONTENT_DIR", API_DOMAIN: None}  # domain -> where its source lives
NEW_REVIEW = (
    "status: unreviewed\n# method: how the translation is made, ai-assisted | human; the unreviewed notice says it.\n"
    "method: null\nreviewer: null\nreviewed_on: null\ncomplete: {}\n"
)


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
    """Build content.pot from content/ and api.pot from the API's code; a failure leaves each template as it was."""
    content_dir, translations = dirs()
    for domain, source in (("content", content_dir), (API_DOMAIN, Path("api"))):
        template = translations / f"{domain}.pot"
        partial = template.with_name(f".{template.name}.partial")
        try:  # references name files, not lines: an edit that moves text within a file rewrites no catalog
            pybabel("extract", "-F", "pyproject.toml", "--no-wrap", "--add-comments", "TRANSLATORS:",
                    "--add-location", "file",
                    "--project", "patient-content-api", "--copyright-holder", HOLDERS[domain],
                    "-o", str(partial), str(source))  # fmt: skip
            keep_unless_changed(PROJECT_ROOT / partial, PROJECT_ROOT / template)
        finally:
            (PROJECT_ROOT / partial).unlink(missing_ok=True)
        click.echo(f"wrote {template}")


def keep_unless_changed(fresh: Path, template: Path) -> None:
    """Move fresh over template, unless they differ only in POT-Creation-Date: then keep the template untouched."""
    def undated(path: Path) -> bytes:
        return re.sub(rb'(?m)^"POT-Creation-Date: .*\n', b"", path.read_bytes()) if path.exists() else b""

    if template.exists() and undated(fresh) == undated(template):
        fresh.unlink()
    else:
        os.replace(fresh, template)


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
    folder = catalog_path(translations, locale).parent
    click.echo(f"started {locale}: translate {folder / 'content.po'} and {folder / 'api.po'}; add each topic done "
               f"to complete: in {review}")  # fmt: skip


@catalogs_cli.command("update", with_appcontext=False)
@click.option("--allow-obsolete", is_flag=True, help="Let more than a small share of a catalog become obsolete.")
def update(allow_obsolete):
    """Merge the templates into every catalog: new units missing, changed English fuzzy, nothing dropped unseen."""
    content_dir, translations = dirs()
    with contextlib.chdir(PROJECT_ROOT):
        live = {context for context, _ in template_of(load_library(content_dir))}
        try:
            merges = [m for domain in DOMAINS for m in merge_domain(translations, domain)]
        except ValueError as error:
            raise click.ClickException(f"{error}; no catalog was changed") from None
        for m in merges:
            for message in m.dropped:
                click.echo(f"obsolete in {m.path}: {message.context or '-'} {message.id!r:.70}")
        reasons = refusals(merges, live, allow_obsolete)
        if reasons:
            click.echo("\n".join(["refused; no catalog was changed:", *reasons]), err=True)
            sys.exit(1)
        for m in (m for m in merges if m.new != m.old):
            write_atomically(m.path, m.new)
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
