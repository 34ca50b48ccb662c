"""Resolve the request's locale once per request, from ?locale= or Accept-Language."""

from flask import current_app, g, request

from api.http.problems import Problem
from api.i18n.negotiate import Negotiation
from api.i18n.tags import babel_name


def negotiate() -> Negotiation:
    """Return the request's negotiation; a malformed ?locale= is a 400."""
    if "negotiation" not in g:
        negotiator = current_app.extensions["service"].negotiator
        explicit = request.args.get("locale")
        if explicit is not None:
            negotiation = negotiator.for_tag(explicit)
            if negotiation is None:
                raise Problem(400, "invalid-parameter", "locale must be a well-formed BCP 47 language tag, like es-MX.")
        else:
            negotiation = negotiator.for_header(request.headers.get("Accept-Language"))
        g.negotiation = negotiation
    return g.negotiation


def select_babel_locale() -> str:
    """Return the locale Flask-Babel uses for problem titles; never fails."""
    if "negotiation" in g:
        return babel_name(g.negotiation.chain[0])
    negotiator = current_app.extensions["service"].negotiator
    negotiation = negotiator.for_tag(request.args.get("locale", "")) if "locale" in request.args else None
    negotiation = negotiation or negotiator.for_header(request.headers.get("Accept-Language"))
    return babel_name(negotiation.chain[0])
