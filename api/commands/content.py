"""`flask --app api content ...`: publish drafts as immutable versions."""

from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from api.config import settings_from_env
from api.content.loader import ContentError
from api.content.publish import publish_draft

content_cli = AppGroup("content", help="Publish content versions.")


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
