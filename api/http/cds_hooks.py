"""CDS Hooks: discovery, and the patient-view service that answers with education cards for the patient."""

import orjson
from flask import Blueprint, Response, current_app, request

from api.http.current import current_service
from api.http.problems import Problem
from api.http.respond import send
from api.render.cards import SERVICE_ID, discovery, request_cards
from api.render.fhir_fetch import FetchRefused, fetch_missing
from api.schemas.hooks import PATIENT_VIEW, hook_request_errors

bp = Blueprint("cds_hooks", __name__, url_prefix="/cds-services")
MAX_HOOK_BYTES = 512 * 1024  # a patient and their conditions; a larger body is refused before it is read whole


@bp.get("")
def list_services():
    """Describe the one CDS service and its prefetch templates."""
    return send(request._get_current_object(), discovery())


def read_hook_request() -> dict:
    """Return the request body as a JSON object, or raise a 413 or 400 problem."""
    if (request.content_length or 0) > MAX_HOOK_BYTES:
        raise Problem(413, "payload-too-large", f"A CDS Hooks request may be at most {MAX_HOOK_BYTES} bytes.")
    raw = request.stream.read(MAX_HOOK_BYTES + 1)
    if len(raw) > MAX_HOOK_BYTES:
        raise Problem(413, "payload-too-large", f"A CDS Hooks request may be at most {MAX_HOOK_BYTES} bytes.")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise Problem(400, "bad-request", "The body must be a CDS Hooks request: a JSON object.") from None
    if not isinstance(body, dict):
        raise Problem(400, "bad-request", "The body must be a CDS Hooks request: a JSON object.")
    if body.get("hook") != PATIENT_VIEW:
        raise Problem(400, "bad-request", f"Service {SERVICE_ID!r} answers the patient-view hook only.")
    if (errors := hook_request_errors(body)) is not None:
        raise Problem(400, "bad-request", f"Not a CDS Hooks 2.0.1 request: {errors}.")
    return body


@bp.post(f"/{SERVICE_ID}")
def patient_education():
    """Return one card per topic that answers the patient's active conditions, in the patient's language."""
    body, service = read_hook_request(), current_service()
    config = current_app.config
    try:
        body["prefetch"] = fetch_missing(body, config["CDS_FHIR_SERVERS"])
    except FetchRefused as refused:
        raise Problem(412, "fhir-data-unavailable", f"{refused} The patient's data was not prefetched.") from None
    store = service.store
    cards = request_cards(body, store, service.negotiator, service.codes, config["PUBLIC_BASE_URL"], store.messages)
    return Response(cards, mimetype="application/json", headers={"Cache-Control": "no-store"})
