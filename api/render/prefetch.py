"""Read what a CDS Hooks request prefetched: the Patient's preferred language and the active Conditions' codes.

Prefetched data comes from the EHR as it is; every helper tolerates any JSON shape and skips what is malformed.
"""

from api.content.codes import CodeIndex, code_system, normalize

# Condition.clinicalStatus: recurrence and relapse are kinds of active (the code system's hierarchy), but a FHIR
# search for clinical-status=active does not return them, so the prefetch template and our own fetch name all three.
ACTIVE = ("active", "recurrence", "relapse")
INACTIVE = {"inactive", "remission", "resolved"}  # Condition.clinicalStatus codes that are not active
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}&clinical-status=" + ",".join(ACTIVE),
}
NOT_A_DIAGNOSIS = {"refuted", "entered-in-error"}  # Condition.verificationStatus codes to ignore


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
