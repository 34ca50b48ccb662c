"""Check a content catalog before anyone is served from it: every finding names locale, msgctxt and rule."""

import html
import io
import re
import statistics
from collections import Counter
from dataclasses import asdict, dataclass

from babel.messages.pofile import PoFileError, read_po

from api.content.walk import iter_units
from api.i18n.plurals import MAX_PLURALS, plural_forms_problem
from api.i18n.tags import babel_name

PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]?\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[^{}\s]*\}")
TAG = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)[^>]*>")
URL = re.compile(r"https?://[^\s\"'<>»”)]+|www\.[^\s\"'<>»”)]+[A-Za-z0-9/]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
UNSAFE = re.compile(r"<\s*(script|iframe|object|embed|style)|javascript\s*:|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)
ENTRY = re.compile(r"^msgid\s", re.MULTILINE)
HEADER = re.compile(r'^"(?P<name>[A-Za-z-]+):\s*(?P<value>.*?)\\n"$', re.MULTILINE)


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" refuses the catalog; "warning" is for a human to look at
    locale: str
    context: str | None
    rule: str
    message: str


@dataclass
class Report:
    locale: str
    file: str
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def as_dict(self) -> dict:
        """Return the report as plain data for JSON."""
        warnings = len(self.findings) - len(self.errors)
        findings = [asdict(f) for f in self.findings]
        return {"locale": self.locale, "file": self.file, "errors": len(self.errors), "warnings": warnings,
                "findings": findings}  # fmt: skip


def numbers(text: str) -> Counter:
    """Count the numbers in a text outside its URLs, in any script's digits."""
    return Counter(
        "".join(str(int(d)) if d.isdigit() else d for d in match) for match in NUMBER.findall(URL.sub(" ", text))
    )


def compare(english: str, translated: str, protected: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return (rule, message) for every way a translation breaks its source's fixed parts."""
    problems = []
    if Counter(PLACEHOLDER.findall(english)) != Counter(PLACEHOLDER.findall(translated)):
        problems.append(("placeholders", f"placeholders {PLACEHOLDER.findall(english)} must all stay, unchanged"))
    if Counter(t.lower() for t in TAG.findall(english)) != Counter(t.lower() for t in TAG.findall(translated)):
        problems.append(("markup", "tags must match the source's"))
    if Counter(URL.findall(english)) != Counter(URL.findall(translated)):
        problems.append(("urls", f"URLs must stay exactly {URL.findall(english)}"))
    if numbers(english) != numbers(translated):
        problems.append(("numbers", f"numbers {sorted(numbers(english).elements())} must stay the same"))
    for term in protected:
        if term.lower() in english.lower() and term.lower() not in translated.lower():
            problems.append(("protected-term", f"{term!r} must appear as written"))
    unsafe = UNSAFE.search(html.unescape(translated))
    if unsafe and not UNSAFE.search(html.unescape(english)):
        problems.append(("unsafe-html", f"HTML or script not in the source: {unsafe.group(0).strip()!r}"))
    return problems


def po_headers(raw: str) -> dict[str, str]:
    """Return the header entry's fields, by lower-case name, read from the text without parsing the catalog."""
    return {m["name"].lower(): m["value"] for m in HEADER.finditer(raw.split("\n\n", 1)[0])}


def check_headers(raw: str, locale: str) -> list[tuple[str, str]]:
    """Return problems with the Language, Content-Type and Plural-Forms headers."""
    headers = po_headers(raw)
    problems = []
    if headers.get("language", "").replace("-", "_").lower() != babel_name(locale).lower():
        problems.append(("header-language", f"Language must be {babel_name(locale)}, not {headers.get('language')!r}"))
    if "charset=utf-8" not in headers.get("content-type", "").lower().replace(" ", ""):
        problems.append(("header-charset", "Content-Type must declare charset=UTF-8"))
    problem = plural_forms_problem(headers.get("plural-forms"), babel_name(locale))
    if problem:
        problems.append(("plural-forms", problem))
    return problems


def over_limits(text: str, template: dict) -> list[tuple[str, str]]:
    """Return the bounds an upload breaks, read before Babel parses it (Babel allocates nplurals per entry)."""
    problems = []
    declared = re.search(r"nplurals\s*=\s*(\d+)", po_headers(text).get("plural-forms", ""))
    if declared and not 1 <= int(declared.group(1)) <= MAX_PLURALS:
        problems.append(("nplurals-limit", f"nplurals must be from 1 to {MAX_PLURALS}, not {declared.group(1)}"))
    entries, limit = len(ENTRY.findall(text)), max_entries(template)
    if entries > limit:
        problems.append(("entry-limit", f"{entries} entries; a catalog holds at most {limit} (4x the template)"))
    return problems


def max_entries(template: dict) -> int:
    """Return how many entries a catalog may hold: a few times the template, so that stale units still fit."""
    return 4 * len(template) + 100


def template_of(library) -> dict[tuple[str, str], tuple[str, ...]]:
    """Return every unit of every published version: {(msgctxt, english): protected terms}."""
    return {
        (unit.context, unit.text): version.protected_terms
        for versions in library.values()
        for version in versions
        for unit in iter_units(version)
    }


def required_units(library) -> set[tuple[str, str]]:
    """Return the (msgctxt, english) of every unit of each topic's latest version."""
    return {(unit.context, unit.text) for versions in library.values() for unit in iter_units(versions[-1])}


def check_catalog(raw: bytes, locale: str, name: str, template: dict, required: set | None) -> Report:
    """Check PO bytes for one locale against the template {(msgctxt, english): protected terms}.

    required is None for a catalog in progress; for one marked complete, it is the units that must
    all be translated and not fuzzy.
    """
    report = Report(locale, name, [])

    def add(severity, context, rule, message):
        report.findings.append(Finding(severity, locale, context, rule, message))

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        add("error", None, "po-syntax", f"{name}: {error}")
        return report
    for rule, message in over_limits(text, template):
        add("error", None, rule, message)
    if report.findings:
        return report
    try:
        source = io.BytesIO(raw)
        source.name = name
        catalog = read_po(source, locale=babel_name(locale), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        add("error", None, "po-syntax", f"{name}: {error}")
        return report
    for rule, message in check_headers(text, locale):
        add("error", None, rule, message)
    present = {(m.context, m.id) for m in catalog if m.id}
    for context, english in sorted(required - present) if required is not None else ():
        add("error", context, "incomplete", f"missing from a catalog marked complete: {english[:60]!r}")
    ratios = []
    for message in catalog:
        if not message.id:
            continue
        context, english, translated = message.context, message.id, message.string
        protected = template.get((context, english))
        if protected is None:
            add("warning", context, "unknown-unit", "not in the current template: run `flask catalogs update`")
            protected = ()
        # A plural entry has a tuple of sources (singular, plural) and one translation per plural form.
        sources = english if isinstance(english, tuple) else (english,)
        forms = translated if isinstance(translated, tuple) else (translated,)
        if any(forms) and not all(forms):
            add("error", context, "plural-forms", f"msgstr[{forms.index('')}] is empty: fill every plural form")
        if not any(forms) or message.fuzzy:
            if required is not None:
                add("error", context, "incomplete", "fuzzy in a catalog marked complete" if any(forms) else
                    "untranslated in a catalog marked complete")  # fmt: skip
            continue
        for index, form in enumerate(forms):
            for rule, text_problem in compare(sources[min(index, len(sources) - 1)], form, protected):
                add("error", context, rule, text_problem)
        english, translated = sources[0], forms[0]
        bare = english
        for term in protected:
            bare = re.sub(re.escape(term), "", bare, flags=re.IGNORECASE)
        if translated == english and re.search(r"[A-Za-z]{3}", URL.sub("", bare)):
            add("warning", context, "identical", "translation is identical to the source")
        if len(english) >= 20:
            ratios.append((context, len(translated) / len(english)))
    if len(ratios) >= 5:
        norm = statistics.median(ratio for _, ratio in ratios)
        for context, ratio in ratios:
            if ratio > norm * 2.5 or ratio < norm / 2.5:
                add(
                    "warning",
                    context,
                    "length-ratio",
                    f"length is {ratio:.2f}x the source; this locale's norm is {norm:.2f}x",
                )
    return report
