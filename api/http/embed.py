"""Embedding: the <patient-content> widget script and a section's iframe page."""

from flask import Blueprint, current_app, request

from api.http.current import current_service
from api.http.encodings import content_coding
from api.http.negotiation import negotiate
from api.http.problems import Problem
from api.http.respond import IMMUTABLE, send
from api.http.topics import find_version, send_section
from api.render.linked import medical_web_page
from api.render.pages import THEMES, frame_page, topic_page

bp = Blueprint("embed", __name__)


def widget_url() -> str:
    """Return the widget's versioned URL, the one pages should use."""
    return f"/v1/embed.js?v={current_app.extensions['widget'].etag}"


@bp.get("/v1/embed.js")
def get_widget():
    """Return the widget script: immutable at its versioned URL, briefly cached at the bare one."""
    widget, req = current_app.extensions["widget"], request._get_current_object()
    lifetime = IMMUTABLE if req.args.get("v") == widget.etag else current_app.config["LATEST_CACHE_CONTROL"]
    if content_coding(req.environ.get("HTTP_ACCEPT_ENCODING")) == "gzip":
        return send(req, widget.gzipped, encoding="gzip", cache_control=lifetime)
    return send(req, widget, encoding="identity", cache_control=lifetime)


def requested_theme(req) -> str:
    """Return the ?theme= a portal asked for (light by default: most portal pages are light), or raise a 400."""
    theme = req.args.get("theme", "light")
    if theme not in THEMES:
        raise Problem(400, "invalid-parameter", "theme must be auto, light or dark (default: light).")
    return theme


def theme_options(theme: str) -> tuple:
    """Return the theme as a query option of the explicit URL (none for the default)."""
    return () if theme == "light" else (("theme", theme),)


@bp.get("/v1/embed/<topic_id>/<section_id>")
def get_frame(topic_id, section_id):
    """Return one section as a standalone page for an iframe, under a strict Content-Security-Policy."""
    theme = requested_theme(request)

    def build(store, topic, version, section, negotiation):
        return frame_page(store, topic, version, section, negotiation, theme)

    extra = current_app.extensions["frame_policy"]
    return send_section(topic_id, section_id, build, extra=extra, options=theme_options(theme))


@bp.get("/v1/embed/<topic_id>")
def get_topic_page(topic_id):
    """Return a whole topic as a standalone page, under the same Content-Security-Policy as a section's."""
    service, req = current_service(), request._get_current_object()
    version = find_version(service.store, topic_id, req.args.get("version"))
    theme = requested_theme(req)
    negotiation = negotiate(service.negotiator, req)
    base = current_app.config["PUBLIC_BASE_URL"]
    linked = medical_web_page(service.store, service.codes, topic_id, version, negotiation, base).body
    page = topic_page(service.store, topic_id, version, negotiation, linked, theme)
    extra, options = current_app.extensions["frame_policy"], theme_options(theme)
    return send(req, page, negotiation=negotiation, version=version, extra=extra, options=options)
