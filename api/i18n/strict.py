"""Refuse a catalog GNU `msgfmt --check` would refuse, before Babel reads it: one call for every entry point."""

import re
from collections import Counter

from api.i18n.grammar import Entry, read_entries
from api.i18n.plurals import PluralFormsError, parse_plural_forms
from api.i18n.syntax import PoSyntaxError, decode

__all__ = ["PoSyntaxError", "strict_text"]

DIRECTIVE = re.compile(r"%(?:\d+\$)?(?:\([^)]*\))?[-#0 +']*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlLqjzt]*[a-zA-Z%]|\{[^{}]*\}")
FORMATS = frozenset({"c-format", "python-format", "python-brace-format"})  # the ones compared here; others refused


def strict_text(raw: bytes, name: str) -> str:
    """Return the catalog's text, or raise PoSyntaxError naming the file and the line msgfmt would refuse."""
    text = decode(raw, name)
    entries = read_entries(text, name)
    nplurals = check_header(entries, name)
    seen: dict[tuple, int] = {}
    for entry in entries:
        key = (entry.fields.get("msgctxt"), entry.fields["msgid"])
        if key in seen:
            raise PoSyntaxError(name, entry.line, f"duplicate message definition (first at line {seen[key]})")
        seen[key] = entry.line
        if entry is not entries[0] and not key[1]:
            raise PoSyntaxError(name, entry.line, 'an empty msgid "" is only for the header entry')
        problem = None if entry.obsolete or entry is entries[0] else entry_problem(entry, nplurals)
        if problem:
            raise PoSyntaxError(name, entry.line, problem[1], problem[0], entry.fields.get("msgctxt"))
    return text


def check_header(entries: list[Entry], name: str) -> int | None:
    """Check the header entry, which comes first; return its nplurals, or None without a Plural-Forms."""
    first = entries[0] if entries else None
    if first is None or first.obsolete or first.fields.get("msgid") != "" or "msgctxt" in first.fields:
        raise PoSyntaxError(name, first.line if first else 1, 'the first entry must be the header (msgid "")')
    lines = (line.partition(":") for line in first.fields.get("msgstr", "").split("\n"))
    headers = {key.strip().lower(): value.strip() for key, colon, value in lines if colon}
    charset = re.search(r"charset\s*=\s*([^\s;]*)", headers.get("content-type", ""))
    if charset and charset.group(1).lower() != "utf-8":  # Babel would decode by it; a missing one is check_headers'
        raise PoSyntaxError(name, first.line, "Content-Type must declare charset=UTF-8", "header-charset")
    if "plural-forms" not in headers:
        return None
    try:
        return parse_plural_forms(headers["plural-forms"])[0]
    except PluralFormsError as error:
        raise PoSyntaxError(name, first.line, str(error), "plural-forms") from None


def entry_problem(entry: Entry, nplurals: int | None) -> tuple[str, str] | None:
    """Return (rule, why) msgfmt --check refuses one entry's plural forms, newlines or format strings, or None."""
    msgid, plural = entry.fields["msgid"], entry.fields.get("msgid_plural")
    if plural is not None and nplurals is None:
        return "plural-forms", "a plural entry, but the header has no Plural-Forms"
    if plural is not None and len(entry.forms) != nplurals:
        return "plural-forms", (
            f"msgstr[{len(entry.forms)}] is missing: a plural entry needs all nplurals={nplurals} forms"
            if len(entry.forms) < nplurals
            else f"more msgstr[n] than the header's nplurals={nplurals}"
        )
    forms = entry.forms or [entry.fields["msgstr"]]
    translations = forms if any(forms) else []  # msgfmt checks every form of a translated entry, even an empty one
    for text in [t for t in (plural, *translations) if t is not None]:
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(msgid, "\n") != test(text, "\n"):
                return "po-syntax", f"msgid and its translation do not both {where} with \\n"
    kinds = {flag for flag in entry.flags if flag.endswith("-format") and not flag.startswith("no-")}
    if kinds - FORMATS:
        return "po-syntax", f"format flag {sorted(kinds - FORMATS)[0]!r}: content catalogs use only {sorted(FORMATS)}"
    sources = (msgid, plural if plural is not None else msgid)  # msgstr[0] keeps msgid's, the others msgid_plural's
    for index, text in enumerate(translations if kinds else ()):
        wanted = Counter(DIRECTIVE.findall(sources[min(index, 1)]))
        if Counter(DIRECTIVE.findall(text)) != wanted:
            return "placeholders", f"format directives {sorted(wanted.elements())} must all stay, unchanged"
    return None
