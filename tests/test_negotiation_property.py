"""Accept-Language against an independent, literal reading of RFC 9110 12.5.4 and RFC 4647 (lookup, basic filtering)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from api.i18n.negotiate import Negotiator

SUPPORTED = ("es", "fr", "pt-BR", "zh-Hans", "zh-Hant", "ko", "ar", "zh")
RANGES = ("*", "es", "es-MX", "es-419", "fr", "fr-CA", "pt", "pt-BR", "pt-PT", "zh", "zh-Hant", "zh-Hant-TW",
          "zh-Hans", "en", "en-GB", "de", "ko-KR", "ar-EG", "x-foo")  # fmt: skip
QUALITIES = ("0", "0.001", "0.5", "0.9", "1")
ENTRY = st.tuples(st.sampled_from(RANGES), st.sampled_from(QUALITIES))


def quality_of(tag: str, entries: list[tuple[str, float]]) -> float | None:
    """Return the q-value the header gives tag: its longest matching range decides; * names what no other range does."""
    low, best = tag.lower(), None
    for value, q in entries:
        rng = value.lower()
        names = rng == "*" or low == rng or low.startswith(rng + "-")
        if names and (best is None or len(rng if rng != "*" else "") > len(best[0])):
            best = (rng if rng != "*" else "", q)
    return None if best is None else best[1]


def lookup(entries: list[tuple[str, float]], supported: list[str], default: str) -> str:
    """Return the locale RFC 4647 3.4 lookup picks: ranges by q (a tag before * on a tie), truncated, not refused."""
    acceptable = {s for s in supported if quality_of(s, entries) != 0}
    ordered = sorted((e for e in entries if e[1] > 0), key=lambda e: (-e[1], e[0] == "*"))
    for value, _ in ordered:
        if value == "*":
            return next((s for s in [default, *supported] if s in acceptable), default)
        parts = value.split("-")
        while parts:
            match = next((s for s in supported if s.lower() == "-".join(parts).lower()), None)
            if match in acceptable:
                return match
            parts.pop()
    return default


@settings(max_examples=400, deadline=None)
@given(st.lists(ENTRY, min_size=1, max_size=5, unique_by=lambda e: e[0]))
def test_the_served_locale_is_the_one_rfc_4647_lookup_picks(entries):
    negotiator = Negotiator(SUPPORTED, "en", {}, {})
    header = ", ".join(f"{tag};q={q}" for tag, q in entries)
    parsed = [(tag, float(q)) for tag, q in entries if tag != "x-foo"]  # x-foo alone is no language range
    served = negotiator.for_header(header).chain[0]
    assert served == lookup(parsed, [*SUPPORTED, "en"], "en"), header
    if served != "en":
        assert quality_of(served, parsed) != 0, "an excluded locale was served"
