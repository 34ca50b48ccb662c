"""The Infobutton route's parameters and responses in openapi.yaml (MedlinePlus Connect compatible)."""

from api.http.infobutton import SYSTEM_SHAPE
from api.i18n.tags import MAX_TAG_LENGTH, WELL_FORMED_TAG
from api.openapi.reads import ok


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
            "description": "Atom (RFC 4287), Infobutton profile, with MedlinePlus Connect's feed-level "
            "shape: title, subtitle, author, updated, one category per request parameter (scheme: its name, "
            "term: its value, as sent), id; xml:lang on feed and entries; links with href, rel, type, "
            "hreflang, title; a section's <source><id>; <pc:served> (namespace "
            "tag:patient-content-api,2026:served) per entry.",
        }
    }
    responses["200"]["content"].update({"text/xml": atom, "application/atom+xml": atom})
    return responses
