"""Patient content API: structured, versioned, localized patient-education pages."""

import os
from pathlib import Path

import click
from flask import Flask
from flask_babel import Babel

from api.commands import catalog_reports as _catalog_reports  # noqa: F401 (adds check and status to catalogs)
from api.commands import store as _store_commands  # noqa: F401 (adds import and export to the groups)
from api.commands.catalogs import catalogs_cli
from api.commands.content import content_cli
from api.commands.openapi import openapi_cli
from api.config import database_url, settings_from_env
from api.errors import SettingError, StartupError
from api.http import catalogs, cds_hooks, demo, embed, handouts, health, infobutton, linked, locales, offline, topics
from api.http.headers import register_headers
from api.http.limits import install_limits
from api.http.memo import ResponseMemo
from api.http.negotiation import select_babel_locale
from api.http.problems import register_error_handlers
from api.http.request import TolerantRequest
from api.i18n.messages import API_DOMAIN, compile_api_messages
from api.parse_cache import ParseCache, no_cache
from api.publishing.live import LiveService
from api.publishing.pinning import PinnedArchive
from api.publishing.tokens import parse_tokens
from api.render.pages import frame_policy
from api.render.service import store_service
from api.render.widget import build_widget
from api.store.builds import StoredBuilds
from api.store.engine import open_engine
from api.store.imports import fill
from api.store.reads import Reads
from api.store.writes import StoreUnavailable


def open_store(config, cache) -> Reads:
    """Open the store, filling it from the repository's files where they changed (an HTTP publish is kept)."""
    engine = open_engine(database_url(config))
    fill(engine, config["CONTENT_DIR"], config["TRANSLATIONS_DIR"], cache, strict=False)
    return Reads(engine, cache)


def create_app(config: dict | None = None) -> Flask:
    """Create the app, or stop with one line naming the file or setting to fix."""
    app = Flask(__name__)
    try:
        return build_app(app, config)
    except (StartupError, ValueError) as error:
        raise stop(app, error) from error
    except StoreUnavailable as error:  # the store cannot be opened or filled: say which setting names it
        raise stop(app, SettingError(f"the store (DATABASE_URL): {error}")) from error


def stop(app: Flask, error: Exception) -> Exception:
    """Return what to raise for a start-up error: one line (click's under `flask`), a traceback only when asked."""
    if app.debug or os.environ.get("LOG_LEVEL", "").strip().lower() == "debug":  # flask --debug, LOG_LEVEL=debug
        app.logger.error("start-up failed: %s", error, exc_info=error)
    elif click.get_current_context(silent=True) is not None:
        return click.ClickException(f"cannot start: {error}")
    return error if isinstance(error, StartupError) else SettingError(str(error))  # gunicorn prints it alone


def build_app(app: Flask, config: dict | None) -> Flask:
    """Set up the app: settings, prebuilt content, localized problems, blueprints."""
    app.url_map.merge_slashes = False  # its redirect would build an absolute Location from the client's Host
    app.request_class = TolerantRequest
    app.config.from_mapping(settings_from_env())
    app.config.update(config or {})
    if "TRANSLATIONS_DIR" in (config or {}) and "CATALOG_HISTORY_DIR" not in config:  # its own data directory
        app.config["CATALOG_HISTORY_DIR"] = Path(app.config["TRANSLATIONS_DIR"]) / ".history"
    app.json.sort_keys = False
    translations, cache_dir = app.config["TRANSLATIONS_DIR"], app.config["PARSE_CACHE_DIR"]
    cache = no_cache if cache_dir == "off" else ParseCache(Path(cache_dir)).get
    reads = app.extensions["reads"] = open_store(app.config, cache)
    entries = max(1, app.config["REPRESENTATION_CACHE_ENTRIES"])
    service = store_service(reads, translations, app.config["DEFAULT_LOCALE"], entries)
    app.extensions["live"] = LiveService(service, reads, translations, app.config["DEFAULT_LOCALE"])
    pinned_off = str(app.config["PINNED_ARCHIVE_DIR"]) == "off"
    app.extensions["pinned_archive"] = PinnedArchive(None if pinned_off else reads.engine)
    app.extensions["handout_builds"] = StoredBuilds(reads.engine)
    app.extensions["translator_tokens"] = parse_tokens(app.config["TRANSLATOR_TOKENS"])
    messages_dir = compile_api_messages(translations)
    app.config.update(BABEL_TRANSLATION_DIRECTORIES=str(messages_dir), BABEL_DOMAIN=API_DOMAIN)
    app.extensions["widget"] = build_widget(service.store.messages)
    policy = frame_policy(app.config["EMBED_FRAME_ANCESTORS"])
    app.extensions["frame_policy"] = (("Content-Security-Policy", policy),)
    Babel(app, locale_selector=select_babel_locale, default_locale=app.config["DEFAULT_LOCALE"])
    register_error_handlers(app)
    register_headers(app)
    blueprints = (topics, handouts, locales, offline, catalogs, health, embed, demo, infobutton, cds_hooks, linked)
    for blueprint in (module.bp for module in blueprints):
        app.register_blueprint(blueprint)
    install_limits(app)
    if app.config["RESPONSE_MEMO_ENTRIES"] > 0:
        app.wsgi_app = ResponseMemo(app.wsgi_app, app.extensions["live"].current, app.config["RESPONSE_MEMO_ENTRIES"])
    app.cli.add_command(openapi_cli)
    app.cli.add_command(catalogs_cli)
    app.cli.add_command(content_cli)
    return app
