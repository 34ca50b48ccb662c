"""`flask --app api openapi ...`: write or check the generated contract."""

import sys

import click
from flask.cli import AppGroup

from api.config import PROJECT_ROOT

openapi_cli = AppGroup("openapi", help="Generate openapi.yaml from the response schemas.")
SPEC_PATH = PROJECT_ROOT / "openapi.yaml"


@openapi_cli.command("write")
def write_spec():
    """Regenerate openapi.yaml."""
    from api.openapi.spec import render_spec  # apispec is a developer's tool, in the test set only

    SPEC_PATH.write_text(render_spec(), encoding="utf-8")
    click.echo(f"wrote {SPEC_PATH}")


@openapi_cli.command("check")
def check_spec():
    """Exit non-zero if openapi.yaml differs from what the schemas generate."""
    from api.openapi.spec import render_spec

    if SPEC_PATH.read_text(encoding="utf-8") != render_spec():
        click.echo(f"{SPEC_PATH} is stale: run `flask --app api openapi write`", err=True)
        sys.exit(1)
    click.echo(f"{SPEC_PATH} is up to date")
