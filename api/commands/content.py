"""`flask --app api content ...`: publish drafts as immutable versions."""

from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from api.config import settings_from_env
from api.content.loader import ContentError
from api.content.publish import publish_draft
from api.render.export import export_static

content_cli = AppGroup("content", help="Publish content versions, or export the read API as static files.")


@content_cli.command("publish", with_appcontext=False)
@click.argument("topic")
@click.option("--note", required=True, help="The change note clients see for this version.")
def publish(topic, note):
    """Publish content/TOPIC/draft.yaml as the topic's next version and lock it."""
    try:
        path = publish_draft(settings_from_env()["CONTENT_DIR"], topic, note, datetime.now(UTC).date())
    except ContentError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"published {path}; now run `flask --app api catalogs extract` and `catalogs update`")


@content_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export(directory):
    """Write the whole read API under DIRECTORY as static files, with manifest.json mapping them to URLs."""
    count = export_static(current_app.extensions["live"].current(), directory)
    click.echo(f"wrote {count} representations under {directory}; manifest.json maps each to its live URL")
