"""HL7 Infobutton knowledge requests (URL-based), answered as MedlinePlus Connect answers them, in every locale."""

import re

from flask import Blueprint, current_app, request

from api.content.codes import code_system, display_code, normalize
from api.http.current import current_service
from api.http.problems import Problem
from api.http.respond import send
from api.render.atom import MEDIA_TYPES, knowledge_response
from api.render.medlineplus import knowledge_json

bp = Blueprint("infobutton", __name__, url_prefix="/v1")
CODE, SYSTEM = "mainSearchCriteria.v.c", "mainSearchCriteria.v.cs"
LANGUAGE, RESPONSE_TYPE = "informationRecipient.languageCode.c", "knowledgeResponseType"
# URN and URL schemes are case-insensitive (RFC 8141, RFC 3986), so each letter is matched in either case; the
# pattern goes into openapi.yaml too, where JSON Schema has no case-insensitive flag.
SYSTEM_SHAPE = re.compile(
    r"([uU][rR][nN]:[oO][iI][dD]:)?[0-2](\.(0|[1-9][0-9]{0,15})){1,30}|[hH][tT][tT][pP][sS]?://[\x21-\x7e]{1,200}"
)
# Without knowledgeResponseType, Accept chooses: Atom first (MedlinePlus Connect's default), JSON when preferred.
OFFERED = ("text/xml", "application/atom+xml", "application/json")
JSONP = (
    "JSONP is not supported: it would run this response as a script in the calling page. Read routes answer "
    "CORS (Access-Control-Allow-Origin: *), so fetch the JSON directly."
)


def required(name: str) -> str:
    """Return a required parameter's single value, or raise a 400 naming it."""
    values = request.args.getlist(name)
    if len(values) != 1 or not values[0].strip() or len(values[0]) > 200:
        raise Problem(400, "invalid-parameter", f"{name} is required, once, and at most 200 characters.")
    return values[0]


def matching_topics(service) -> tuple[tuple[str, ...], str]:
    """Return the topics that answer the requested code (none for a code system we do not index) and a subtitle."""
    raw_system, raw_code = required(SYSTEM), required(CODE)
    if not SYSTEM_SHAPE.fullmatch(raw_system.strip()):
        raise Problem(400, "invalid-parameter", f"{SYSTEM} must be a code system OID (like 2.16.840.1.113883.6.90) "
                                                "or URI (like http://hl7.org/fhir/sid/icd-10-cm).")  # fmt: skip
    system = code_system(raw_system)
    if system is None:
        return (), f"Results for {raw_code.strip()} ({raw_system.strip()})"
    code = normalize(system, raw_code)
    if code is None:
        raise Problem(400, "invalid-parameter", f"{CODE} is not a well-formed {system.title} code.")
    return tuple(service.codes.topics_for(system, code)), f"Results for {system.title} {display_code(system, code)}"


def response_type(req) -> tuple[str, bool]:
    """Return the media type wanted (knowledgeResponseType in any case, else Accept) and whether Accept chose."""
    asked = req.args.get(RESPONSE_TYPE)
    if asked is None:
        return req.accept_mimetypes.best_match(OFFERED, default="text/xml"), True
    kind = asked.strip().lower()
    if kind not in MEDIA_TYPES:
        raise Problem(400, "invalid-parameter", f"{RESPONSE_TYPE} must be one of {', '.join(MEDIA_TYPES)}.")
    return kind, False


@bp.get("/infobutton")
def knowledge_request():
    """Answer an Infobutton knowledge request: an Atom feed (default) or MedlinePlus Connect's JSON."""
    service, req = current_service(), request._get_current_object()
    if "callback" in req.args:
        raise Problem(400, "invalid-parameter", JSONP)
    kind, by_accept = response_type(req)
    topics, subtitle = matching_topics(service)
    language = req.args.get(LANGUAGE)
    if language is None:
        negotiation, vary = service.negotiator.for_header(req.environ.get("HTTP_ACCEPT_LANGUAGE")), True
    else:
        negotiation, vary = service.negotiator.for_tag(language), False
        if negotiation is None:
            raise Problem(400, "invalid-parameter", f"{LANGUAGE} must be a BCP 47 language tag, like vi or es-MX.")
    base = current_app.config["PUBLIC_BASE_URL"]
    echo = tuple((name, req.args[name]) for name in (CODE, SYSTEM, LANGUAGE) if name in req.args)
    if kind == "application/json":
        representation = knowledge_json(service.store, topics, negotiation, base, echo, subtitle)
    else:
        representation = knowledge_response(service.store, topics, negotiation, kind, base, echo, subtitle)
    varies = ", ".join(["Accept-Language"] * vary + ["Accept"] * by_accept)
    return send(req, representation, extra=(("Vary", varies),) if varies else ())
