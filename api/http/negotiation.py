"""Resolve a request's locale from ?locale= or Accept-Language (each value negotiated once)."""

from flask import Request, request

from api.http.current import current_service
from api.http.problems import Problem
from api.i18n.negotiate import Negotiation, Negotiator
from api.i18n.tags import babel_name


def negotiate(negotiator: Negotiator, req: Request) -> Negotiation:
    """Return the request's negotiation; a malformed ?locale= is a 400."""
    explicit = req.args.get("locale")
    if explicit is None:
        return negotiator.for_header(req.environ.get("HTTP_ACCEPT_LANGUAGE"))
    negotiation = negotiator.for_tag(explicit)
    if negotiation is None:
        raise Problem(400, "invalid-parameter", "locale must be a well-formed BCP 47 language tag, like es-MX.")
    return negotiation


def select_babel_locale() -> str:
    """Return the locale Flask-Babel uses for problem titles; never fails."""
    negotiator = current_service().negotiator
    try:
        negotiation = negotiate(negotiator, request)
    except Problem:
        negotiation = negotiator.for_header(request.environ.get("HTTP_ACCEPT_LANGUAGE"))
    return babel_name(negotiation.chain[0])
