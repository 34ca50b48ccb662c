"""Accept every Plural-Forms formula a translation tool may write for a language: gettext's, CLDR's or Babel's."""

import gettext
import re
from functools import lru_cache

from babel import Locale
from babel.messages.plurals import get_plural
from babel.plural import to_gettext
from weblate_language_data.languages import LANGUAGES
from weblate_language_data.plurals import CLDRPLURALS, EXTRAPLURALS

MAX_PLURALS = 6  # every language CLDR knows has from 1 to 6 plural categories
DECLARED = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
# Enough numbers to tell every known formula apart: the small ones, the teens and hundreds, and CLDR's millions.
SAMPLES = (*range(1001), 1_000_000, 1_000_001, 2_000_000, 10**9)


class PluralFormsError(ValueError):
    """A Plural-Forms header that is malformed, or out of bounds."""


def parse_plural_forms(header: str) -> tuple[int, tuple[int, ...]]:
    """Return (nplurals, the formula's plural index for each sample number), or raise PluralFormsError."""
    match = DECLARED.match(header)
    if not match:
        raise PluralFormsError(f"malformed Plural-Forms {header!r}: write nplurals=N; plural=EXPRESSION;")
    count = int(match.group(1))
    if not 1 <= count <= MAX_PLURALS:
        raise PluralFormsError(f"nplurals={count} is out of bounds: every language has from 1 to {MAX_PLURALS}")
    try:
        formula = gettext.c2py(match.group(2))
        indexes = tuple(int(formula(n)) for n in SAMPLES)
    except (ValueError, RecursionError, ZeroDivisionError) as error:
        raise PluralFormsError(f"malformed plural expression {match.group(2)!r}: {error}") from None
    if not all(0 <= index < count for index in indexes):
        raise PluralFormsError(f"the plural expression gives an index outside 0..{count - 1}")
    return count, indexes


@lru_cache(maxsize=64)
def known_plural_forms(babel_locale: str) -> dict[tuple[int, tuple[int, ...]], str]:
    """Return every formula known for a language, by its behaviour: Weblate's gettext and CLDR tables, and Babel's."""
    locale = Locale.parse(babel_locale)
    names = {str(locale), locale.language}
    headers = [f"nplurals={n}; plural={f};" for table in (LANGUAGES, EXTRAPLURALS, CLDRPLURALS)
               for code, _, n, f in table if code in names]  # fmt: skip
    headers += [str(get_plural(locale)), to_gettext(locale.plural_form)]
    known = {}
    for header in reversed(headers):
        try:
            known[parse_plural_forms(header)] = header
        except PluralFormsError:  # Babel writes CLDR's exponent operand `e`, which gettext has not got
            continue
    return known


def plural_forms_problem(header: str | None, babel_locale: str) -> str | None:
    """Return why a Plural-Forms header is wrong for a language, or None when a known formula matches it."""
    known = known_plural_forms(babel_locale)
    if not header:
        return f"Plural-Forms is missing; write one of {sorted(set(known.values()))}"
    try:
        declared = parse_plural_forms(header)
    except PluralFormsError as error:
        return str(error)
    if declared not in known:
        return f"{header!r} matches no formula known for {babel_locale}: {sorted(set(known.values()))}"
    return None
