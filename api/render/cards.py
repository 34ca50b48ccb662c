"""CDS Hooks patient-view: the service's discovery document, and cards from a request's prefetched FHIR data."""

import contextlib
import re
import uuid
from datetime import date
from functools import lru_cache

import orjson
from babel import Locale, UnknownLocaleError

from api.config import cache_entries
from api.content.codes import CodeIndex
from api.i18n.negotiate import Negotiation, Negotiator
from api.i18n.tags import babel_name, describe
from api.render.knowledge import topic_entries
from api.render.localize import SOURCE_LOCALE
from api.render.notices import UNREVIEWED_BY_METHOD, unreviewed_key
from api.render.prefetch import PREFETCH, condition_topics, preferred_language, resources
from api.render.representation import BuildError, encode
from api.render.store import Store
from api.schemas.interop import CardsSchema, CdsDiscoverySchema

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


SERVICE_ID = "patient-education"
DEFINED = date(2026, 11, 26)  # when this service's description last changed


@lru_cache(maxsize=1)
def discovery():
    """Return GET /cds-services: one patient-view service with its two prefetch templates."""
    service = {
        "hook": "patient-view",
        "id": SERVICE_ID,
        "title": "Patient education by diagnosis, in the patient's language",
        "description": "One card per topic that answers an active condition's ICD-10-CM code, in the language "
        "of Patient.communication (preferred first), linking each section's page and JSON. Reads the "
        "prefetched data; what was not prefetched is fetched from fhirServer only if the operator allows that "
        "server, else 412.",
        "prefetch": PREFETCH,
    }
    return encode({"services": [service]}, CdsDiscoverySchema)


def markdown_text(text: str) -> str:
    """Return text with every Markdown metacharacter escaped, so a card's detail shows it as written."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~])", r"\\\1", text)


def card_detail(entries: list[dict], messages: dict) -> str | None:
    """Return the notices a card needs in the patient's language: unreviewed translation, sections shown in another."""
    lines = []
    if unreviewed := next((e["served"] for e in entries if e["served"]["review"]["status"] == "unreviewed"), None):
        lines.append(messages[unreviewed_key(unreviewed)])
    words = messages.get("fallback_lang", messages["locale"])  # the language the fallback notice is in
    for served in dict.fromkeys(e["served"]["locale"] for e in entries if e["served"]["fallback"]):
        name = describe(served).english_name
        with contextlib.suppress(UnknownLocaleError, ValueError):
            name = Locale.parse(babel_name(served)).get_display_name(babel_name(words)) or name
        lines.append(messages["fallback"].replace("{language}", name))
    return "\n\n".join(markdown_text(line) for line in lines) or None


def request_cards(request: dict, store: Store, negotiator: Negotiator, index: CodeIndex, base: str,
                  messages: dict[str, dict]) -> bytes:  # fmt: skip
    """Return the response body for one patient-view request: its cards, each instance with a new uuid."""
    prefetch = request.get("prefetch") if isinstance(request.get("prefetch"), dict) else {}
    patients = [r for r in resources(prefetch.get("patient")) if r.get("resourceType") == "Patient"]
    topics = condition_topics(resources(prefetch.get("conditions")), index)
    language = preferred_language(patients[0] if patients else None)
    negotiation = (negotiator.for_tag(language) if language else None) or negotiator.for_tag(negotiator.default)
    wanted = messages.get(negotiation.chain[0], messages[SOURCE_LOCALE])
    notices = {key: wanted[key] for key in ("locale", "unreviewed", *UNREVIEWED_BY_METHOD.values(), "fallback")}
    notices["fallback_lang"] = wanted.get("lang", {}).get("fallback", wanted["locale"])
    cards = cards_of(store, topics, negotiation, base, tuple(notices.items()))
    return orjson.dumps({"cards": [{"uuid": str(uuid.uuid4()), **card} for card in cards]})


@lru_cache(maxsize=ENTRIES)
def cards_of(store: Store, topics: tuple[str, ...], negotiation: Negotiation, base: str, messages: tuple) -> tuple:
    """Return the cards for these topics in this language without their uuids, built and validated once."""
    cards = []
    for topic_id in topics:
        entries = topic_entries(store, topic_id, negotiation, base)
        attribution = store.library[topic_id][-1].attribution
        links = [{"label": e["title"] + (" (JSON)" if link["type"] == "application/json" else ""),
                  "url": link["href"], "type": "absolute"}
                 for e in entries for link in e["links"] if link["rel"] == "alternate"]  # fmt: skip
        cards.append(
            {
                "summary": entries[0]["title"][:140],
                "indicator": "info",
                "source": {
                    "label": f"{attribution.author} · {attribution.publisher} · {attribution.source_site}",
                    "url": attribution.source_url,
                },
                "links": links,
                **({"detail": detail} if (detail := card_detail(entries, dict(messages))) else {}),
                "extension": {"patient-content-api.served": [{"id": e["id"], **e["served"]} for e in entries]},
            }
        )
    if errors := CardsSchema().validate({"cards": [{"uuid": str(uuid.UUID(int=0)), **card} for card in cards]}):
        raise BuildError(f"CardsSchema: {errors}")
    return tuple(cards)
