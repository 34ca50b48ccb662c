"""The demo page: what a person sees first, and what a portal developer copies from."""

from flask import Blueprint, request

from api.http.current import current_service
from api.http.embed import widget_url
from api.http.respond import send
from api.render.localize import SOURCE_LOCALE
from api.render.pages import DEMO_POLICY, demo_page

bp = Blueprint("demo", __name__)


@bp.get("/")
def get_demo():
    """Return the demo page: the widget with a switcher across every locale, and the embed code to copy."""
    service, req = current_service(), request._get_current_object()
    page = demo_page(service.store, service.negotiator.for_tag(SOURCE_LOCALE), widget_url())
    return send(req, page, extra=(("Content-Security-Policy", DEMO_POLICY),))
