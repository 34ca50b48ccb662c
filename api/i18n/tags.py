"""Parse BCP 47 language tags and describe locales, using langcodes and Babel."""

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from langcodes import Language, LanguageTagError

MAX_TAG_LENGTH = 64


def canonical_tag(value: str) -> str | None:
    """Return the tag in canonical case ('zh-hant_tw' -> 'zh-Hant-TW'), or None if malformed."""
    value = value.strip().replace("_", "-")
    if not value or len(value) > MAX_TAG_LENGTH or not value.isascii():
        return None
    try:
        language = Language.get(value, normalize=False)
    except (LanguageTagError, ValueError):
        return None
    code = language.language or ""
    if not (code.isalpha() and (2 <= len(code) <= 3 or 5 <= len(code) <= 8)):
        return None
    return language.to_tag()


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
