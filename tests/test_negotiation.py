"""Locale negotiation: explicit tags, Accept-Language, chains from data."""

from pathlib import Path

import pytest

from api.i18n.catalogs import discover_locales
from api.i18n.negotiate import load_negotiator

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


@pytest.fixture(scope="module")
def negotiator():
    return load_negotiator(TRANSLATIONS / "locales.yaml", discover_locales(TRANSLATIONS), "en")


@pytest.mark.parametrize(
    ("tag", "served"),
    [
        ("es-MX", "es"),
        ("fr-CA", "fr"),
        ("pt", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hans-HK", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant-CN", "zh-Hant"),
        ("zh_hant_tw", "zh-Hant"),
        ("ar-EG", "ar"),
        ("AR_sa", "ar"),
        ("ko-KR", "ko"),
        ("vi", "vi"),
        ("en-GB", "en"),
    ],
)
def test_tags_follow_their_chain_and_every_chain_ends_in_english(negotiator, tag, served):
    negotiation = negotiator.for_tag(tag)
    assert negotiation.chain[0] == served
    assert negotiation.chain[-1] == "en"
    assert not negotiation.unsupported


def test_an_unsupported_well_formed_tag_falls_back_to_the_default_and_says_so(negotiator):
    negotiation = negotiator.for_tag("de-AT")
    assert negotiation.chain == ("en",)
    assert negotiation.unsupported
    assert negotiation.requested == "de-AT"


@pytest.mark.parametrize("tag", ["", "!!", "../../etc/passwd", "e", "123", "x-private", "es;q=1", "a" * 65, "es\x00"])
def test_malformed_tags_are_refused(negotiator, tag):
    assert negotiator.for_tag(tag) is None


@pytest.mark.parametrize(
    ("header", "served", "requested"),
    [
        ("es-MX,es;q=0.9", "es", "es-MX"),
        ("de, fr;q=0.5", "fr", "fr"),  # a later, supported language beats an unsupported first one
        ("fr;q=0.2, ko;q=0.8", "ko", "ko"),  # q-values order, not position
        ("de, es;q=0, *", "en", "en"),  # * is anything but Spanish: English is acceptable, not a fallback from de
        ("en;q=0, es;q=0.1, *;q=0.05", "es", "es"),
        ("junk!!, ;;, vi", "vi", "vi"),  # malformed entries are ignored
        ("", "en", "en"),
        ("*", "en", "en"),
    ],
)
def test_accept_language_honours_q_values_star_and_exclusions(negotiator, header, served, requested):
    negotiation = negotiator.for_header(header)
    assert (negotiation.chain[0], negotiation.requested) == (served, requested)
    assert not negotiation.unsupported  # each header names or accepts (*) a language this service has


def test_q_zero_removes_a_locale_from_the_chain(negotiator):
    negotiation = negotiator.for_header("es-MX, es;q=0")
    assert "es" not in negotiation.chain
    assert negotiation.unsupported


def test_each_header_value_is_negotiated_once(negotiator):
    negotiator.for_header.cache_clear()
    first = negotiator.for_header("ko-KR,ko;q=0.9")
    assert negotiator.for_header("ko-KR,ko;q=0.9") is first
    assert negotiator.for_header.cache_info().hits == 1


def test_chains_are_data(tmp_path):
    (tmp_path / "locales.yaml").write_text("aliases: {pt: es}\nfallbacks: {zh-Hant: [zh-Hans]}\n")
    negotiator = load_negotiator(tmp_path / "locales.yaml", ["es", "zh-Hans", "zh-Hant"], "en")
    assert negotiator.for_tag("pt-PT").chain == ("es", "en")
    assert negotiator.for_tag("zh-TW").unsupported  # no alias for zh-TW in this data
    assert negotiator.for_tag("zh-Hant").chain == ("zh-Hant", "zh-Hans", "en")


def test_the_requested_tags_a_client_can_make_us_echo_are_bounded_by_cldr_and_our_data(negotiator):
    requested = set()
    for i in range(3000):  # bounded: private use, variants, extensions and unknown subtags add nothing
        requested.add(negotiator.for_tag(f"de-x-{i}").requested)
        requested.add(negotiator.for_tag(f"es-MX-u-nu-{i:04d}").requested)
        requested.add(negotiator.for_header(f"zh-Hant-TW-x-{i}, fr;q=0.5").requested)
        requested.add(negotiator.for_header(f"q{chr(97 + i % 20)}{chr(97 + i // 20 % 26)}-x-{i}").requested)
    assert requested == {"de", "es-MX", "zh-Hant-TW", "und"}


@pytest.mark.parametrize(
    ("tag", "requested"),
    [("es-MX", "es-MX"), ("de-AT-1996", "de-AT"), ("es-Latn-MX", "es-MX"), ("zh-TW-x-a", "zh-TW"),
     ("pt-PT", "pt-PT"), ("de-AA", "de"), ("en-US-u-ca-gregory", "en-US"), ("qaa", "und")],
)  # fmt: skip
def test_a_requested_tag_is_echoed_as_the_longest_part_cldr_or_the_locale_data_know(negotiator, tag, requested):
    assert negotiator.for_tag(tag).requested == requested
