"""A topic as linked data for EHRs and search engines: FHIR DocumentReference and schema.org JSON-LD."""

from flask import Blueprint, current_app, request

from api.http.current import current_service
from api.http.negotiation import negotiate
from api.http.respond import send
from api.http.topics import find_version
from api.render.linked import document_reference, medical_web_page

bp = Blueprint("linked", __name__, url_prefix="/v1/topics")


def send_linked(topic_id: str, build):
    """Send one topic's linked-data representation, negotiated and versioned like its JSON."""
    service, req = current_service(), request._get_current_object()
    version = find_version(service.store, topic_id, req.args.get("version"))
    negotiation = negotiate(service.negotiator, req)
    base = current_app.config["PUBLIC_BASE_URL"]
    representation = build(service.store, service.codes, topic_id, version, negotiation, base)
    return send(req, representation, negotiation=negotiation, version=version)


@bp.get("/<topic_id>/document-reference")
def get_document_reference(topic_id):
    """Return the topic as a FHIR R4 DocumentReference."""
    return send_linked(topic_id, document_reference)


@bp.get("/<topic_id>/medical-web-page")
def get_medical_web_page(topic_id):
    """Return the topic as a schema.org MedicalWebPage in JSON-LD."""
    return send_linked(topic_id, medical_web_page)
