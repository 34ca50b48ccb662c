"""Locale negotiation rules a client relies on: singletons, q=0 exclusions, the * wildcard, chains."""

import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from api.i18n.catalogs import discover_locales
from api.i18n.negotiate import Negotiator, load_negotiator

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


@pytest.fixture(scope="module")
def negotiator():
    return load_negotiator(TRANSLATIONS / "locales.yaml", discover_locales(TRANSLATIONS), "en")


@contextmanager
def at_most(seconds: float):
    """Fail the block if it runs longer than seconds (a negotiation must never loop)."""

    def expire(signum, frame):
        raise TimeoutError(f"still negotiating after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("tag", "served"),
    [("es-x-foo", "es"), ("es-MX-x-a-b", "es"), ("ko-u-ca-dangi", "ko"), ("pt-BR-u-nu-latn", "pt-BR"),
     ("zh-Hant-x-y", "zh-Hant")],
)  # fmt: skip
def test_a_tag_with_a_singleton_is_matched_by_its_language_without_looping(negotiator, tag, served):
    with at_most(2):
        negotiation = negotiator.for_tag(tag)
    assert negotiation.chain[0] == served
    assert not negotiation.unsupported


def test_a_dangling_singleton_is_never_a_candidate():
    negotiator = Negotiator(["es-x"], "en", {}, {})  # a locale named like a dangling singleton
    with at_most(2):
        assert negotiator.match("es-x-foo") is None


def test_a_q_zero_entry_is_an_exclusion_not_a_request(negotiator):
    negotiation = negotiator.for_header("es;q=0")
    assert negotiation == negotiator.for_header("")  # nothing asked for: the default, no "unsupported" notice
    assert not negotiation.unsupported


def test_an_excluded_locale_is_skipped_for_the_next_one(negotiator):
    negotiation = negotiator.for_header("es-MX, es;q=0, fr;q=0.5")
    assert negotiation.chain == ("fr", "en")
    assert negotiation.requested == "fr"


def test_star_accepts_any_language_so_the_default_is_no_fallback(negotiator):
    negotiation = negotiator.for_header("de, *;q=0.5")  # RFC 9110 12.5.4: * matches every other tag
    assert (negotiation.chain, negotiation.requested, negotiation.unsupported) == (("en",), "en", False)


def test_star_with_the_default_excluded_picks_another_supported_locale(negotiator):
    negotiation = negotiator.for_header("en;q=0, *")
    assert negotiation.chain[0] != "en"
    assert negotiation.chain[0] in discover_locales(TRANSLATIONS)
    assert negotiation.requested == negotiation.chain[0]
    assert not negotiation.unsupported


def test_star_when_everything_is_excluded_falls_to_the_default():
    negotiator = Negotiator(["es"], "en", {}, {})
    negotiation = negotiator.for_header("es;q=0, en;q=0, *")
    assert negotiation.chain == ("en",)


def test_an_unsupported_first_choice_is_named_when_nothing_matches(negotiator):
    negotiation = negotiator.for_header("de-AT, nl;q=0.5")
    assert (negotiation.requested, negotiation.chain, negotiation.unsupported) == ("de-AT", ("en",), True)


def test_fallbacks_keep_their_order_and_skip_unsupported_and_excluded_locales():
    negotiator = Negotiator(["es", "zh-Hans", "zh-Hant"], "en", {}, {"zh-Hant": ["zh-Hans", "ja", "en"]})
    assert negotiator.for_tag("zh-Hant").chain == ("zh-Hant", "zh-Hans", "en")
    assert negotiator.for_header("zh-Hant, zh-Hans;q=0").chain == ("zh-Hant", "en")


def test_an_alias_to_an_unsupported_locale_is_ignored():
    negotiator = Negotiator(["es"], "en", {"pt": "pt-BR", "ca": "es"}, {})
    assert negotiator.for_tag("pt").unsupported
    assert negotiator.for_tag("CA").chain == ("es", "en")


def test_a_malformed_locales_yaml_names_the_file(tmp_path):
    (tmp_path / "locales.yaml").write_text("aliases: [not, a, mapping]\n")
    with pytest.raises(ValueError, match=r"locales\.yaml"):
        load_negotiator(tmp_path / "locales.yaml", ["es"], "en")


def test_no_locales_yaml_means_no_aliases(tmp_path):
    negotiator = load_negotiator(tmp_path / "locales.yaml", ["es"], "en")
    assert negotiator.for_tag("es-MX").chain == ("es", "en")
    assert negotiator.for_tag("pt").unsupported


@pytest.mark.parametrize(
    ("header", "served"),
    [("es-MX;q=0, es", "es"), ("fr-CA;q=0, fr", "fr"), ("pt-PT;q=0, pt-BR", "pt-BR"), ("zh-TW;q=0, zh-Hant", "zh-Hant"),
     ("pt;q=0, pt-BR", "pt-BR"), ("ES-mx;Q=0, Es", "es")],
)  # fmt: skip
def test_an_exclusion_refuses_only_the_tags_it_names(negotiator, header, served):
    negotiation = negotiator.for_header(header)  # RFC 4647 3.3.1: a range names itself and its longer tags
    assert negotiation.chain[0] == served
    assert negotiation.unsupported is False
    assert negotiator.for_header("es;q=0, es-MX").chain == ("en",)  # es names es-MX: refused


def test_lookup_goes_on_truncating_past_an_excluded_locale():
    negotiator = Negotiator(["zh", "zh-Hant"], "en", {}, {})
    assert negotiator.for_header("zh-Hant-TW, zh-Hant;q=0").chain == ("zh", "en")  # RFC 4647 3.4: zh-Hant-TW, zh
    assert negotiator.excluded([("zh-hant", 0), ("zh-hant-tw", 1)]) == {"zh-Hant"}
    assert negotiator.excluded([("*", 0), ("zh", 0.5)]) == {"en"}  # zh names zh and zh-Hant: not refused
    assert negotiator.excluded([("zh", 0), ("*", 1)]) == {"zh", "zh-Hant"}
    assert negotiator.excluded([("zh-", 0), ("x-zh", 0)]) == frozenset()  # malformed ranges name nothing
    assert negotiator.for_header("e, 12345;q=0.9, zh-Hant;q=0.5").chain[0] == "zh-Hant"  # malformed: skipped
