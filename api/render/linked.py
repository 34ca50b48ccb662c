"""A topic as a FHIR R4 DocumentReference and as a schema.org MedicalWebPage (JSON-LD), each built once."""

import base64
import hashlib
from dataclasses import replace
from functools import lru_cache

from api.config import cache_entries
from api.content.codes import ICD10CM, CodeIndex
from api.i18n.negotiate import Negotiation
from api.render.fhir_text import fhir_language, fhir_strings, narrative, page_notices
from api.render.fragments import topic_fragment
from api.render.knowledge import ID_PREFIX, page_url, stamp
from api.render.pages import frame_page
from api.render.representation import Representation, encode
from api.render.store import Store
from api.schemas import interop as schemas

# Inline, so that a JSON-LD processor expands it with no network: schema.org's own context is remote and large.
# @vocab makes every term a schema.org term; url is an IRI, as schema.org's context says. Search engines read it.
CONTEXT = {"@vocab": "https://schema.org/", "url": {"@type": "@id"}}
ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


def url(base: str, path: str, negotiation: Negotiation, version: int) -> str:
    """Return the explicit URL of one representation: requested locale and pinned version."""
    return page_url(base, path, negotiation.requested) + f"&version={version}"


def pages(store: Store, topic_id: str, version: int, negotiation: Negotiation, base: str) -> list[dict]:
    """Return the topic's HTML fragment, then each section's iframe page: URL, title, locale and representation."""
    body = store.topic_body(topic_id, version, negotiation)
    found = [
        {
            "url": url(base, f"/v1/topics/{topic_id}/fragment", negotiation, version),
            "title": body["title"],
            "locale": body["locale"],
            "review": body["review"],
            "representation": topic_fragment(store, topic_id, version, negotiation),
        }
    ]
    for section in body["sections"]:
        found.append(
            {
                "url": url(base, f"/v1/embed/{topic_id}/{section['id']}", negotiation, version),
                "title": section["heading"],
                "locale": section["locale"],
                "review": section["review"],
                "representation": frame_page(store, topic_id, version, section["id"], negotiation),
            }
        )
    return found


def attachment(page: dict) -> dict:
    """Return a FHIR Attachment for one page: its URL, type, language, SHA-1, size, title and date."""
    representation: Representation = page["representation"]
    digest = base64.b64encode(hashlib.sha1(representation.body, usedforsecurity=False).digest()).decode()
    return {
        "contentType": representation.media_type.split(";")[0],
        "language": fhir_language(page["locale"]),
        "url": page["url"],
        "size": len(representation.body),
        "hash": digest,
        "title": page["title"],
        "creation": stamp(representation.modified),
    }


@lru_cache(maxsize=ENTRIES)
def document_reference(store: Store, codes: CodeIndex, topic_id: str, version: int, negotiation, base: str):
    """Return the topic as a FHIR R4 DocumentReference: status current, its pages as attachments, its codes."""
    found = pages(store, topic_id, version, negotiation, base)
    topic, attribution = found[0], store.library[topic_id][version - 1].attribution
    language, codings = fhir_language(topic["locale"]), codes.codings(topic_id)
    printed = [f"{c.system.title} {c.printed}" for c in codings]
    notices = page_notices(store.topic_body(topic_id, version, negotiation), store.messages)
    body = {
        "resourceType": "DocumentReference",
        "id": f"{topic_id}-{version}-{topic['locale']}"[:64],
        "text": narrative(language, topic["title"], printed, found, notices),
        "masterIdentifier": {
            "system": "urn:ietf:rfc:3986",
            "value": f"{ID_PREFIX}{topic_id}/{version}/{topic['locale']}",
        },
        "status": "current",
        "type": {"text": "Patient education material"},  # no LOINC code: none could be read and cited here
        "date": stamp(topic["representation"].modified),
        "author": [{"display": attribution.author}],
        "custodian": {"display": attribution.publisher},
        "description": topic["title"],
        "language": language,
        "content": [{"attachment": attachment(page)} for page in found],
        "context": {
            "related": [
                {"identifier": {"system": c.system.uri, "value": c.printed}, "display": c.display} for c in codings
            ]
        },
    }
    return frozen(fhir_strings(body), schemas.DocumentReferenceSchema, found, "application/fhir+json")


@lru_cache(maxsize=ENTRIES)
def medical_web_page(store: Store, codes: CodeIndex, topic_id: str, version: int, negotiation, base: str):
    """Return the topic as schema.org JSON-LD: a MedicalWebPage for patients, one WebPageElement per section."""
    found = pages(store, topic_id, version, negotiation, base)
    topic, source = found[0], store.library[topic_id][version - 1]
    body = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "url": topic["url"],
        "name": topic["title"],
        "inLanguage": topic["locale"],
        "audience": {"@type": "Patient"},
        "about": {
            "@type": "MedicalCondition",
            "name": topic["title"],
            "code": [
                {
                    "@type": "MedicalCode",
                    "codeValue": c.printed,
                    "codingSystem": "ICD-10-CM" if c.system is ICD10CM else c.system.title,
                }
                for c in codes.codings(topic_id)
            ],
        },
        "author": {"@type": "Person", "name": source.attribution.author},
        "publisher": {
            "@type": "Organization",
            "name": source.attribution.publisher,
            "url": source.attribution.source_url,
        },
        "datePublished": source.published.isoformat(),
        "hasPart": [
            {"@type": "WebPageElement", "name": page["title"], "url": page["url"], "inLanguage": page["locale"]}
            for page in found[1:]
        ],
    }
    review = topic["review"]
    if review["status"] == "reviewed" and review["reviewer"] and review["reviewed_on"]:  # a real review only
        body |= {"lastReviewed": review["reviewed_on"], "reviewedBy": {"@type": "Person", "name": review["reviewer"]}}
    return frozen(body, schemas.MedicalWebPageSchema, found, "application/ld+json")


def frozen(body: dict, schema: type, found: list[dict], media_type: str) -> Representation:
    """Validate and encode a body; it changes when its pages do, and is in the languages they are in."""
    modified = max(page["representation"].modified for page in found)
    languages = ", ".join(dict.fromkeys(page["locale"] for page in found))
    return replace(encode(body, schema, modified, languages), media_type=media_type)
