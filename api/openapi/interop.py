"""The EHR routes of openapi.yaml: FHIR, JSON-LD, CDS Hooks and the Infobutton knowledge request."""

from api.openapi.infobutton import INFOBUTTON_PARAMETERS, feed_ok
from api.openapi.reads import LOCALIZED, ok


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
                    "description": "Problem type fhir-data-unavailable (CDS Hooks 2.0.1: the service cannot obtain "
                    "the FHIR data it needs). Not prefetched, and not fetchable: fhirServer absent or not allowed (no "
                    "connection is made), no context.patientId, or the server's answer not a usable 200 within "
                    "5 s and 1 MiB (redirects are not followed).",
                    "content": PROBLEM,
                },
                "413": {"description": "Body larger than 524288 bytes.", "content": PROBLEM},
            },
        }
    },
}
