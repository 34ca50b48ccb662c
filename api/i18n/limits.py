"""Bound an upload before and while Babel parses it, and keep the headers as Babel read them."""

import io
import re

from babel.messages.catalog import Catalog, _parse_datetime_header, parse_separated_header
from babel.messages.pofile import PoFileParser

from api.i18n.plurals import MAX_PLURALS

# Babel strips each line, so an entry may be indented, and `#~ msgid` entries (obsolete) are parsed too.
ENTRY = re.compile(r"^[ \t]*(?:#~[ \t]*)?msgid[ \t\[]", re.MULTILINE)
NPLURALS_LIMIT, ENTRY_LIMIT = "nplurals-limit", "entry-limit"
LIMIT_RULES = frozenset({NPLURALS_LIMIT, ENTRY_LIMIT})  # the bounds an upload is refused by before it is read
DATE_HEADERS = ("POT-Creation-Date", "PO-Revision-Date")  # Babel parses these as dates, and raises when it cannot
HEADER = re.compile(r'^"(?P<name>[A-Za-z-]+):\s*(?P<value>.*?)\\n"$', re.MULTILINE)


class RefusedHeader(ValueError):
    """A header found out of bounds or unreadable while parsing: rule names the limit or the header's rule."""

    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


def nplurals_problem(count: int) -> str | None:
    """Return why a declared number of plural forms is out of bounds, or None."""
    return None if 1 <= count <= MAX_PLURALS else f"nplurals must be from 1 to {MAX_PLURALS}, not {count}"


def readable_nplurals(written: str) -> bool:
    """Say whether Babel can read a Plural-Forms header's nplurals as a number."""
    try:
        int(parse_separated_header(f" ;{written}").get("nplurals", 2))
    except ValueError:
        return False
    return True


def unreadable_header(headers: dict[str, str], error: ValueError) -> RefusedHeader:
    """Return why Babel could not read the headers, naming the header: a malformed Plural-Forms, or a date."""
    written = headers.get("plural-forms")
    if written is not None and not readable_nplurals(written):
        return RefusedHeader("plural-forms", f"malformed Plural-Forms {written!r}: write nplurals=N; ...")
    for name in DATE_HEADERS:
        value = headers.get(name.lower(), "")
        try:
            if value.strip() and "YEAR" not in value:  # Babel skips an empty or template date
                _parse_datetime_header(value)
        except ValueError:
            return RefusedHeader("header-date", f"{name} {value!r} is not a date: write YYYY-MM-DD HH:MM+ZZZZ")
    return RefusedHeader("po-syntax", f"a header Babel cannot read (a Language such as 12?): {error}")


def po_headers(raw: str) -> dict[str, str]:
    """Return the header entry's one-line fields, by lower-case name, read from the text without parsing."""
    return {m["name"].lower(): m["value"] for m in HEADER.finditer(raw.split("\n\n", 1)[0])}


def max_entries(template: dict) -> int:
    """Return how many entries a catalog may hold: a few times the template, so that stale units still fit."""
    return 4 * len(template) + 100


def over_limits(text: str, template: dict) -> list[tuple[str, str]]:
    """Return the bounds an upload breaks, read before Babel parses it (Babel allocates nplurals per entry)."""
    problems = []
    declared = re.search(r"nplurals\s*=\s*(\d+)", po_headers(text).get("plural-forms", ""))
    if declared and (problem := nplurals_problem(int(declared.group(1)))):
        problems.append((NPLURALS_LIMIT, problem))
    entries, limit = len(ENTRY.findall(text)), max_entries(template)
    if entries > limit:
        problems.append((ENTRY_LIMIT, f"{entries} entries; a catalog holds at most {limit} (4x the template)"))
    return problems


class BoundedCatalog(Catalog):
    """A catalog that refuses an out-of-bounds nplurals before any plural entry is allocated, and keeps its headers.

    Babel reads the header however a tool wrapped, quoted or signed it (`nplurals=+9`, split lines, CRLF),
    so the bound is enforced where Babel reads it, not only by the text scan in over_limits.
    """

    headers: dict[str, str]

    def _set_mime_headers(self, headers) -> None:
        headers = list(headers)
        self.headers = {str(name).lower(): str(value) for name, value in headers}
        try:
            super()._set_mime_headers(headers)
        except ValueError as error:  # Babel's int() of nplurals=two, its strptime() of a date, or a Language
            raise unreadable_header(self.headers, error) from None
        if self._num_plurals is not None and (problem := nplurals_problem(self._num_plurals)):
            raise RefusedHeader(NPLURALS_LIMIT, problem)


def read_bounded(raw: bytes, babel_locale: str, name: str) -> BoundedCatalog:
    """Parse PO bytes as read_po(abort_invalid=True) does, into a BoundedCatalog."""
    catalog = BoundedCatalog(locale=babel_locale)
    catalog.headers = {}
    source = io.BytesIO(raw)
    source.name = name
    PoFileParser(catalog, ignore_obsolete=False, abort_invalid=True).parse(source)
    return catalog
