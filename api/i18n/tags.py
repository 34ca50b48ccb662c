"""Parse BCP 47 language tags and describe locales, using langcodes and Babel."""

import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
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


def babel_name(tag: str) -> str:
    """Return the Babel/gettext directory name of a tag ('pt-BR' -> 'pt_BR')."""
    return tag.replace("-", "_")


@dataclass(frozen=True)
class LocaleInfo:
    tag: str
    english_name: str
    native_name: str
    direction: str


def describe(tag: str) -> LocaleInfo:
    """Return a locale's names and text direction from CLDR data, via Babel."""
    try:
        locale = Locale.parse(babel_name(tag))
    except (UnknownLocaleError, ValueError):
        return LocaleInfo(tag, tag, tag, "ltr")
    return LocaleInfo(tag, locale.get_display_name("en"), locale.get_display_name(), locale.text_direction)
