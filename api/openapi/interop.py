"""The EHR routes of openapi.yaml: HL7 Infobutton knowledge requests (MedlinePlus Connect compatible)."""

from api.http.infobutton import SYSTEM_SHAPE
from api.i18n.tags import MAX_TAG_LENGTH, WELL_FORMED_TAG
from api.openapi.reads import LOCALIZED, ok


def query(name: str, description: str, required: bool = False, **schema) -> dict:
    """Return one query parameter."""
    return {
        "in": "query",
        "name": name,
        "required": required,
        "description": description,
        "schema": {"type": "string", **schema},
    }


INFOBUTTON_PARAMETERS = [
    query(
        "mainSearchCriteria.v.c",
        "The code asked about. ICD-10-CM with or without its dot, any case "
        "(M62.838 = m62838). Malformed for its system: 400. A code no topic answers: an empty feed.",
        required=True,
        maxLength=200,
        examples=["M62.838"],
    ),
    query(
        "mainSearchCriteria.v.cs",
        "The code system, by OID (2.16.840.1.113883.6.90, bare or urn:oid:) or "
        "FHIR URI (http://hl7.org/fhir/sid/icd-10-cm). SNOMED CT: 2.16.840.1.113883.6.96. Another system: an "
        "empty feed.",
        required=True,
        maxLength=200,
        pattern=f"^\\s*(?:{SYSTEM_SHAPE.pattern})\\s*$",
        examples=["2.16.840.1.113883.6.90"],
    ),
    query("mainSearchCriteria.v.dn", "The code's display name: for display only, ignored."),
    query(
        "informationRecipient.languageCode.c",
        "The patient's language (BCP 47), negotiated with the locale "
        "chains like ?locale=. Absent: Accept-Language decides (and Vary says so). Malformed: 400.",
        maxLength=MAX_TAG_LENGTH,
        pattern=WELL_FORMED_TAG,
        examples=["vi"],
    ),
    query(
        "knowledgeResponseType",
        "text/xml (Atom, as MedlinePlus Connect), application/atom+xml, or application/json (MedlinePlus "
        "Connect's JSON shape); read in any case (media types are case-insensitive). Absent: the Accept "
        "header chooses among the three (Atom when it prefers none, or is absent), and Vary: Accept says so.",
        enum=["text/xml", "application/atom+xml", "application/json"],
    ),
    "AcceptLanguage",
    "IfNoneMatch",
    "IfModifiedSince",
]


FEED_HEADERS = ("ETag", "Cache-Control", "Content-Language", "Vary")


def feed_ok() -> dict:
    """Return the 200 (JSON or Atom) and 304 responses of the knowledge request."""
    responses = ok(
        "KnowledgeFeed",
        "One entry per topic that answers the code, then one per section (its "
        "source names the topic's entry), each with served locale, fallback and review status. The "
        "other guide parameters (taskContext.c.c, patientPerson.*, age.v.*, performer...) are "
        "accepted and ignored. JSONP is refused: a callback parameter gets a 400 problem, because JSONP would "
        "run this response as a script in the calling page; read routes answer CORS "
        "(Access-Control-Allow-Origin: *), so fetch the JSON instead.",
        FEED_HEADERS,
    )
    atom = {
        "schema": {
            "type": "string",
            "description": "Atom (RFC 4287), Infobutton profile: xml:lang on feed "
            "and entries; links with href, rel, type, hreflang, title; a section's <source><id>; "
            "<pc:served> (namespace tag:patient-content-api,2026:served) per entry.",
        }
    }
    responses["200"]["content"].update({"text/xml": atom, "application/atom+xml": atom})
    return responses


def linked_ok(schema: str, media_type: str, description: str) -> dict:
    """Return the 200 and 304 responses of a linked-data rendering of a topic."""
    responses = ok(schema, description, LOCALIZED)
    responses["200"]["content"] = {media_type: responses["200"]["content"]["application/json"]}
    return responses


TOPIC_PARAMETERS = ["topic", "locale", "version", "rev", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"]
INTEROP_ROUTES = {
    "/v1/topics/{topic_id}/document-reference": (
        "getDocumentReference",
        "A topic as a FHIR R4 DocumentReference (an explicit route, so caches key on the URL)",
        TOPIC_PARAMETERS,
        linked_ok(
            "DocumentReference",
            "application/fhir+json",
            "status current; language; one attachment per "
            "page (the topic's HTML fragment, then each section's iframe page) with URL, content type, "
            "language, SHA-1, size, title and creation; the codes as context.related identifiers; a "
            "text-only type (no LOINC document code is claimed).",
        ),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/medical-web-page": (
        "getMedicalWebPage",
        "A topic as schema.org JSON-LD: a MedicalWebPage for patients (an explicit route)",
        TOPIC_PARAMETERS,
        linked_ok(
            "MedicalWebPage",
            "application/ld+json",
            "inLanguage, audience Patient, about a "
            "MedicalCondition with MedicalCode codes, author, publisher, one WebPageElement per section; "
            "lastReviewed and reviewedBy only when a qualified reviewer signed the translation off.",
        ),
        (400, 404, 405),
    ),
    "/cds-services": (
        "listCdsServices",
        "CDS Hooks discovery: the patient-view service and its prefetch templates",
        ["IfNoneMatch", "IfModifiedSince"],
        ok("CdsDiscovery", "One service, patient-education."),
        (405,),
    ),
    "/v1/infobutton": (
        "getKnowledge",
        "HL7 Infobutton URL-based knowledge request, answered like MedlinePlus Connect, in every locale",
        INFOBUTTON_PARAMETERS,
        feed_ok(),
        (400, 405),
    ),
}


PROBLEM = {"application/problem+json": {"schema": "Problem"}}
CDS_PATHS = {
    "/cds-services/patient-education": {
        "post": {
            "operationId": "patientEducationCards",
            "summary": "CDS Hooks patient-view: one card per topic that answers an active condition",
            "requestBody": {"required": True, "content": {"application/json": {"schema": "HookRequest"}}},
            "responses": {
                "200": {
                    "description": "Cards in the patient's language; not cached (Cache-Control: no-store).",
                    "headers": {"Cache-Control": {"$ref": "#/components/headers/Cache-Control"}},
                    "content": {"application/json": {"schema": "Cards"}},
                },
                "400": {"description": "Not JSON, not an object, or not a patient-view request.", "content": PROBLEM},
                "412": {
                    "description": "Not prefetched, and not fetchable: fhirServer absent or not allowed (no "
                    "connection is made), no context.patientId, or the server's answer not a usable 200 within "
                    "5 s and 1 MiB (redirects are not followed).",
                    "content": PROBLEM,
                },
                "413": {"description": "Body larger than 524288 bytes.", "content": PROBLEM},
            },
        }
    },
}
