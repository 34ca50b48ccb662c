"""CDS Hooks patient-view: the service's discovery document, and cards from a request's prefetched FHIR data."""

import uuid
from datetime import date
from functools import lru_cache

import orjson

from api.build.knowledge import topic_entries
from api.build.representation import BuildError, day_start, encode
from api.build.store import Store
from api.content.codes import CodeIndex, code_system, normalize
from api.i18n.negotiate import Negotiation, Negotiator
from api.schemas.interop import CardsSchema, CdsDiscoverySchema

SERVICE_ID = "patient-education"
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}&clinical-status=active",
}
INACTIVE = {"inactive", "remission", "resolved"}  # Condition.clinicalStatus codes that are not active
NOT_A_DIAGNOSIS = {"refuted", "entered-in-error"}  # Condition.verificationStatus codes to ignore
DEFINED = date(2026, 11, 26)  # when this service's description last changed


@lru_cache(maxsize=1)
def discovery():
    """Return GET /cds-services: one patient-view service with its two prefetch templates."""
    service = {
        "hook": "patient-view",
        "id": SERVICE_ID,
        "title": "Patient education by diagnosis, in the patient's language",
        "description": "One card per topic that answers an active condition's ICD-10-CM code, in the language "
        "of Patient.communication (preferred first), linking each section's page and JSON. Reads only the "
        "prefetched data: without it, no cards.",
        "prefetch": PREFETCH,
    }
    return encode({"services": [service]}, CdsDiscoverySchema, day_start(DEFINED))


def as_list(value) -> list:
    """Return a JSON array as is, and anything else as an empty list."""
    return value if isinstance(value, list) else []


def resources(found) -> list[dict]:
    """Return the resources in a prefetched value: a resource, or a searchset Bundle's entries."""
    if not isinstance(found, dict):
        return []
    if found.get("resourceType") == "Bundle":
        return [
            e["resource"]
            for e in as_list(found.get("entry"))
            if isinstance(e, dict) and isinstance(e.get("resource"), dict)
        ]
    return [found]


def codes_of(concept) -> list[str]:
    """Return the codes of a CodeableConcept's codings, as lists of strings (malformed parts skipped)."""
    codings = as_list(concept.get("coding")) if isinstance(concept, dict) else []
    return [c.get("code") for c in codings if isinstance(c, dict) and isinstance(c.get("code"), str)]


def preferred_language(patient: dict | None) -> str | None:
    """Return the patient's preferred language tag from Patient.communication, else its first, else None."""
    found = [c for c in as_list((patient or {}).get("communication")) if isinstance(c, dict)]
    for entry in sorted(found, key=lambda c: c.get("preferred") is not True):
        tags = codes_of(entry.get("language"))
        if tags:
            return tags[0]
    return None


def condition_topics(conditions: list[dict], index: CodeIndex) -> tuple[str, ...]:
    """Return the topics that answer the active conditions' codes, once each, in library order."""
    topics = set()
    for condition in conditions:
        if condition.get("resourceType") != "Condition":
            continue
        if set(codes_of(condition.get("clinicalStatus"))) & INACTIVE:
            continue
        if set(codes_of(condition.get("verificationStatus"))) & NOT_A_DIAGNOSIS:
            continue
        concept = condition.get("code") if isinstance(condition.get("code"), dict) else {}
        for coding in as_list(concept.get("coding")):
            if not isinstance(coding, dict) or not all(isinstance(coding.get(k), str) for k in ("system", "code")):
                continue
            system = code_system(coding["system"])
            code = normalize(system, coding["code"]) if system else None
            if code:
                topics.update(index.topics_for(system, code))
    return tuple(t for t in index.by_topic if t in topics)


def request_cards(request: dict, store: Store, negotiator: Negotiator, index: CodeIndex, base: str) -> bytes:
    """Return the response body for one patient-view request: its cards, from prefetched data only."""
    prefetch = request.get("prefetch") if isinstance(request.get("prefetch"), dict) else {}
    patients = [r for r in resources(prefetch.get("patient")) if r.get("resourceType") == "Patient"]
    topics = condition_topics(resources(prefetch.get("conditions")), index)
    language = preferred_language(patients[0] if patients else None)
    negotiation = (negotiator.for_tag(language) if language else None) or negotiator.for_tag(negotiator.default)
    return cards_body(store, topics, negotiation, base)


@lru_cache(maxsize=4096)
def cards_body(store: Store, topics: tuple[str, ...], negotiation: Negotiation, base: str) -> bytes:
    """Return {"cards": [...]} for these topics in this language, built once."""
    cards = []
    for topic_id in topics:
        entries = topic_entries(store, topic_id, negotiation, base)
        attribution = store.library[topic_id][-1].attribution
        links = [{"label": e["title"] + (" (JSON)" if link["type"] == "application/json" else ""),
                  "url": link["href"], "type": "absolute"}
                 for e in entries for link in e["links"] if link["rel"] == "alternate"]  # fmt: skip
        cards.append(
            {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, entries[0]["id"])),
                "summary": entries[0]["title"][:140],
                "indicator": "info",
                "source": {
                    "label": f"{attribution.author} · {attribution.publisher} · {attribution.source_site}",
                    "url": attribution.source_url,
                },
                "links": links,
                "extension": {"patient-content-api.served": [{"id": e["id"], **e["served"]} for e in entries]},
            }
        )
    if errors := CardsSchema().validate({"cards": cards}):
        raise BuildError(f"CardsSchema: {errors}")
    return orjson.dumps({"cards": cards})
