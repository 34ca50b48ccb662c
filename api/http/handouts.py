"""Handouts: a topic, or chosen sections of it, as a printable, tagged PDF in one locale."""

from urllib.parse import quote

from flask import Blueprint, current_app, request

from api.http.current import current_service
from api.http.negotiation import negotiate
from api.http.problems import Problem
from api.http.respond import send
from api.http.topics import find_version
from api.render.handout import PAPERS, canonical_sections, paper_for
from api.render.handout_pdf import Handouts

bp = Blueprint("handouts", __name__)
HANDOUTS = Handouts(maxsize=128)  # per worker (a CJK handout is about 400 kB)


def handout_negotiation(negotiator, negotiation):
    """Return the negotiation a handout is built for: the supported locale that serves the request (es-MX -> es),
    or, when none does, the bare language (de-CH -> de); so that handouts are keyed by what the service has."""
    tag = negotiation.requested.split("-")[0] if negotiation.unsupported else negotiation.chain[0]
    return negotiator.for_tag(tag)


def online_base(topic_id: str) -> str:
    """Return the absolute URL of the topic's page, for the QR code (the handout adds its served locale): no version,
    so that it always opens the latest."""
    base = current_app.config["PUBLIC_BASE_URL"]  # never the request's Host: a handout is cached and replayed
    return f"{base}/v1/embed/{quote(topic_id)}"


@bp.get("/v1/topics/<topic_id>/handout.pdf")
def get_handout(topic_id):
    """Return a print-ready PDF of the topic (or ?sections=) in the negotiated locale, on A4 or US Letter."""
    service, req = current_service(), request._get_current_object()
    version = find_version(service.store, topic_id, req.args.get("version"))
    requested = negotiate(service.negotiator, req)
    negotiation = handout_negotiation(service.negotiator, requested)
    section_ids = [section.id for section in service.store.library[topic_id][version - 1].sections]
    try:
        sections = canonical_sections(section_ids, req.args.get("sections"))
    except ValueError as error:
        raise Problem(400, "invalid-parameter", str(error)) from None
    paper = req.args.get("paper", paper_for(requested.requested))
    if paper not in PAPERS:
        raise Problem(400, "invalid-parameter", "paper must be a4 or letter (default: by the locale's region).")
    shared = current_app.extensions.get("handout_builds")  # the store: built once per fleet, then kept
    base = online_base(topic_id)
    handout = HANDOUTS.get(service.store, topic_id, version, negotiation, sections, paper, base, shared)
    options = (("paper", paper), *((("sections", ",".join(sections)),) if sections else ()))
    name = f"{topic_id}-{handout.content_language}.pdf".replace('"', "")  # the topic and the served locale
    disposition = (("Content-Disposition", f'inline; filename="{name}"'),)
    return send(req, handout, negotiation=negotiation, version=version, options=options, extra=disposition)
