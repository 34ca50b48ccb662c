"""Parse BCP 47 language tags and describe locales, using langcodes and Babel."""

import re
from dataclasses import dataclass
from functools import cache, partial

import babel
from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers
from langcodes import Language, LanguageTagError

MAX_TAG_LENGTH = 64
# RFC 5646 "langtag" (no grandfathered or private-use-only tags), with "_" accepted for "-".
# ECMA-262 syntax, so openapi.yaml publishes the very same rule.
_ALNUM, _SEP = "[A-Za-z0-9]", "[-_]"
WELL_FORMED_TAG = (
    rf"^(?:[A-Za-z]{{2,3}}(?:{_SEP}[A-Za-z]{{3}}){{0,3}}|[A-Za-z]{{4,8}})"  # language, extlang
    rf"(?:{_SEP}[A-Za-z]{{4}})?"  # script
    rf"(?:{_SEP}(?:[A-Za-z]{{2}}|[0-9]{{3}}))?"  # region
    rf"(?:{_SEP}(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:{_SEP}[0-9A-WYZa-wyz](?:{_SEP}{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:{_SEP}[xX](?:{_SEP}{_ALNUM}{{1,8}})+)?$"  # private use
)
_WELL_FORMED = re.compile(WELL_FORMED_TAG)


def canonical_tag(value: str) -> str | None:
    """Return the tag in canonical case ('zh-hant_tw' -> 'zh-Hant-TW'), or None if malformed."""
    if len(value) > MAX_TAG_LENGTH or not _WELL_FORMED.fullmatch(value):
        return None
    value = value.replace("_", "-")
    try:
        return Language.get(value, normalize=False).to_tag()
    except (LanguageTagError, ValueError):
        return value.lower()


@cache
def cldr_locales() -> frozenset[str]:
    """Return every locale CLDR has data for, lower case with "-" ('zh-hant-tw'): about 1,150 of them."""
    return frozenset(name.lower().replace("_", "-") for name in locale_identifiers())


def known_tag(tag: str, also: frozenset[str] = frozenset()) -> str:
    """Return the longest language[-Script][-REGION] of a canonical tag that CLDR or also (lower case) knows.

    Variants, extensions and private use are dropped, and a language nothing knows is "und", so the
    tags a service echoes (and builds responses for) are bounded by its data, not by what clients send.
    """
    try:
        parsed = Language.get(tag, normalize=False)
    except (LanguageTagError, ValueError):
        return "und"
    language, script, region = parsed.language, parsed.script, parsed.territory
    for parts in ((language, script, region), (language, script), (language, region), (language,)):
        candidate = "-".join(parts) if language and all(parts) else None
        if candidate and (candidate.lower() in cldr_locales() or candidate.lower() in also):
            return candidate
    return "und"


def babel_name(tag: str) -> str:
    """Return the Babel/gettext directory name of a tag ('pt-BR' -> 'pt_BR')."""
    return tag.replace("-", "_")


@dataclass(frozen=True)
class LocaleInfo:
    tag: str
    english_name: str
    native_name: str
    direction: str


_DESCRIBED: dict[str, LocaleInfo] = {}  # what describe_through() prepared: no CLDR data read again for these


def describe(tag: str) -> LocaleInfo:
    """Return a locale's names and text direction from CLDR data, via Babel."""
    found = _DESCRIBED.get(tag)
    if found is not None:
        return found
    try:
        locale = Locale.parse(babel_name(tag))
    except (UnknownLocaleError, ValueError):
        return LocaleInfo(tag, tag, tag, "ltr")
    return LocaleInfo(tag, locale.get_display_name("en"), locale.get_display_name(), locale.text_direction)


def describe_through(cache, tags) -> None:
    """Describe these locales through the parse cache (keyed by Babel's version), so a start reads no CLDR data."""
    for tag in tags:
        _DESCRIBED[tag] = cache("locale", f"{babel.__version__} {tag}".encode(), partial(describe, tag))
