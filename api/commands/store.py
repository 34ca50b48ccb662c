"""`flask --app api content import`, `catalogs import` and `catalogs export`: git's files in and out of the store."""

from pathlib import Path

import click

from api.commands.catalogs import catalogs_cli
from api.commands.content import content_cli
from api.config import database_url, settings_from_env
from api.i18n.tags import babel_name
from api.store.engine import open_engine
from api.store.imports import ImportConflict, fill
from api.store.reads import Reads
from api.store.writes import StoreUnavailable

FORCE = click.option("--force", is_flag=True, help="Overwrite HTTP publishes that the files do not contain.")


def run_import(part: str, force: bool) -> None:
    """Import one part of the repository's files as an audited import (actor git:<commit>), or name the conflict."""
    settings = settings_from_env()
    engine = open_engine(database_url(settings))
    try:
        done = fill(engine, settings["CONTENT_DIR"], settings["TRANSLATIONS_DIR"], force=force, parts=(part,))
    except ImportConflict as conflict:
        raise click.ClickException(f"not imported: {conflict}") from None
    except StoreUnavailable as error:
        raise click.ClickException(f"the store refused the import: {error}") from None
    finally:
        engine.dispose()
    if part == "content":
        click.echo(f"imported {done['topics']} new topic versions and the codes index")
    else:
        click.echo(
            f"imported {', '.join(done['catalogs']) or 'nothing more: the store holds the files'} "
            "(every start-up also imports what changed; GET /v1/catalogs/<locale>/revisions lists imports)"
        )


@content_cli.command("import", with_appcontext=False)
@FORCE
def import_content(force):
    """Bring content/ (new topic versions, codes.yaml) into the store."""
    run_import("content", force)


@catalogs_cli.command("import", with_appcontext=False)
@FORCE
def import_catalogs(force):
    """Bring translations/ (each locale's content.po and review.yaml) into the store; stop on an HTTP publish."""
    run_import("catalogs", force)


@catalogs_cli.command("export", with_appcontext=False)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_catalogs(directory):
    """Write the store's current catalogs (and review records) under DIRECTORY as PO files, to commit."""
    settings = settings_from_env()
    reads = Reads(open_engine(database_url(settings)))
    for tag in reads.locales():
        target = directory / babel_name(tag) / "LC_MESSAGES" / "content.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(reads.catalog_raw(tag))
        review = reads.review_raw(tag)
        if review is not None:
            (directory / babel_name(tag) / "review.yaml").write_bytes(review)
        click.echo(f"wrote {target} ({reads.catalog_meta(tag).revision})")
    reads.engine.dispose()
