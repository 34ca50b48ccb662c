"""Language tags: what canonical_tag accepts, refuses and returns, and what describe says of a locale."""

import subprocess
import sys
from pathlib import Path

import babel
import pytest

from api.i18n import tags
from api.i18n.tags import MAX_TAG_LENGTH, babel_name, canonical_tag, describe

ROOT = Path(__file__).resolve().parent.parent

LONGEST = "en-x-" + "-".join(["abcdefgh"] * 6) + "-abcde"  # well-formed, exactly MAX_TAG_LENGTH characters


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("zh-hant_tw", "zh-Hant-TW"),  # script title case, region upper case, "_" read as "-"
        ("EN-gb", "en-GB"),
        ("sr_LATN_rs", "sr-Latn-RS"),
        ("pt_br", "pt-BR"),
        ("es-419", "es-419"),  # a numeric region
        ("zh-yue", "zh-yue"),  # an extended language subtag
        ("sl-rozaj", "sl-rozaj"),  # a 5-8 character variant
        ("de-1996", "de-1996"),  # a digit-led 4 character variant
        ("de-DE-u-co-phonebk", "de-DE-u-co-phonebk"),  # an extension
        ("EN-X-FOO", "en-x-foo"),  # private use
        ("ABCDE", "abcde"),  # a 5-8 letter language langcodes does not parse: lower case
        ("ABCDE_1996", "abcde-1996"),  # ... and "_" is still read as "-"
        (LONGEST, LONGEST),
    ],
)
def test_well_formed_tags_come_back_in_canonical_case(value, canonical):
    assert canonical_tag(value) == canonical


@pytest.mark.parametrize(
    "value",
    [LONGEST + "b", "es-", "es--MX", "es-M", "es-MXX1", "de-19", "x-private", "i-klingon", "en-x", "es MX", "es/MX",
     "zh-Hant-TW-", "e1", "en-a", "en-Latn-Latn-Latn"],
)  # fmt: skip
def test_malformed_tags_are_refused(value):
    assert canonical_tag(value) is None


def test_the_longest_tag_is_the_limit():
    assert len(LONGEST) == MAX_TAG_LENGTH


def test_babel_names_use_underscores():
    assert babel_name("pt-BR") == "pt_BR"
    assert babel_name("zh-Hant") == "zh_Hant"


def test_a_locale_is_described_from_cldr():
    arabic = describe("ar")
    assert (arabic.tag, arabic.english_name, arabic.native_name, arabic.direction) == ("ar", "Arabic", "العربية", "rtl")
    assert describe("pt-BR").english_name == "Portuguese (Brazil)"
    assert describe("es").direction == "ltr"


def test_a_locale_cldr_does_not_know_is_named_by_its_tag_and_left_to_right():
    unknown = describe("qaa")
    assert (unknown.english_name, unknown.native_name, unknown.direction) == ("qaa", "qaa", "ltr")


def test_an_echoed_tag_is_cut_to_what_cldr_knows_and_anything_unparsable_is_und():
    from api.i18n.tags import known_tag

    assert [known_tag(tag) for tag in ("!!", "123", "de-x-1", "de-AT-1996")] == ["und", "und", "de", "de-AT"]


def test_an_echoed_tag_is_never_rewritten_from_a_deprecated_code():
    """What a client wrote is echoed, cut down, never replaced: "iw" is no CLDR locale, so it is und, not "he"."""
    from api.i18n.tags import known_tag

    assert (known_tag("iw"), known_tag("he"), known_tag("mo")) == ("und", "he", "und")


def test_describe_through_keeps_what_the_parse_cache_holds_under_babels_version(monkeypatch):
    monkeypatch.setattr(tags, "_DESCRIBED", {})
    asked, held = [], tags.LocaleInfo("de", "held", "gehalten", "rtl")

    def cache(kind, raw, parse):
        asked.append((kind, raw))
        return held if raw.endswith(b" de") else parse()

    tags.describe_through(cache, ["de", "ar"])
    assert asked == [("locale", f"{babel.__version__} de".encode()), ("locale", f"{babel.__version__} ar".encode())]
    assert describe("de") is held  # the cache's answer, not CLDR's
    assert describe("ar") == tags.LocaleInfo("ar", "Arabic", "العربية", "rtl")  # parsed when the cache had none
    assert describe("fr").english_name == "French"  # a locale not prepared is still described


def test_a_start_after_an_import_reads_no_cldr_data(tmp_path):
    probe = (
        "import sys; from pathlib import Path; from babel import localedata; from api.parse_cache import ParseCache; "
        "from api.i18n.tags import describe, describe_through; "
        "describe_through(ParseCache(Path(sys.argv[1])).get, ['de', 'ar', 'zh-Hant']); "
        "print(describe('ar').direction, describe('zh-Hant').english_name, sorted(localedata._cache))"
    )
    run = [sys.executable, "-c", probe, str(tmp_path)]
    first = subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT, timeout=120).stdout
    again = subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT, timeout=120).stdout
    assert first.startswith("rtl Chinese (Traditional) [") and "'de'" in first  # the import read CLDR's data
    assert again == "rtl Chinese (Traditional) []\n"  # the start: the same answers, and no locale's data read
