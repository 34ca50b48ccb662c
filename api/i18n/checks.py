"""Check a content catalog before anyone is served from it: every finding names locale, msgctxt and rule."""

import statistics

from babel.messages.pofile import PoFileError

from api.content.walk import iter_units
from api.i18n.findings import Report
from api.i18n.limits import RefusedHeader, max_entries, over_limits, po_headers, read_bounded
from api.i18n.plurals import plural_forms_problem
from api.i18n.rules import NUMBER, PLACEHOLDER, TAG, UNSAFE, URL, compare, left_untranslated, numbers
from api.i18n.strict import PoSyntaxError, strict_text
from api.i18n.tags import babel_name

# The per-text rules live in rules.py and the upload bounds in limits.py; their names stay importable from here.
__all__ = ["NUMBER", "PLACEHOLDER", "TAG", "UNSAFE", "URL", "compare", "max_entries", "numbers", "over_limits"]
__all__ += ["check_catalog", "check_headers", "po_headers", "required_units", "template_of"]


def check_headers(headers: dict[str, str], locale: str) -> list[tuple[str, str]]:
    """Return problems with the Language, Content-Type and Plural-Forms headers, as Babel read them."""
    problems = []
    if headers.get("language", "").replace("-", "_").lower() != babel_name(locale).lower():
        problems.append(("header-language", f"Language must be {babel_name(locale)}, not {headers.get('language')!r}"))
    if "charset=utf-8" not in headers.get("content-type", "").lower().replace(" ", ""):
        problems.append(("header-charset", "Content-Type must declare charset=UTF-8"))
    problem = plural_forms_problem(headers.get("plural-forms"), babel_name(locale))
    if problem:
        problems.append(("plural-forms", problem))
    return problems


def template_of(library) -> dict[tuple[str, str], tuple[str, ...]]:
    """Return every unit of every published version: {(msgctxt, english): protected terms}."""
    return {
        (unit.context, unit.text): version.protected_terms
        for versions in library.values()
        for version in versions
        for unit in iter_units(version)
    }


def required_units(library, complete) -> set[tuple[str, str]]:
    """Return the (msgctxt, english) of every unit of each (topic, version) a locale marks complete."""
    done = [v for topic, number in complete for v in library.get(topic, ()) if v.version == number]
    return {(unit.context, unit.text) for version in done for unit in iter_units(version)}


def parse_upload(raw: bytes, report: Report, template: dict):
    """Return the parsed catalog, or None after reporting why it cannot be parsed within bounds."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return report.add("error", None, "po-syntax", f"{report.file}: {error}")
    for rule, message in over_limits(text, template):
        report.add("error", None, rule, message)
    if report.findings:
        return None
    try:
        catalog = read_bounded(raw, babel_name(report.locale), report.file)
        strict_text(raw, report.file)  # Babel reads leniently: what msgfmt --check refuses is refused here
        return catalog
    except PoSyntaxError as error:
        report.add("error", error.context, error.rule, str(error))
    except RefusedHeader as error:
        report.add("error", None, error.rule, str(error))
    except PoFileError as error:
        if "num_plurals" in str(error):  # Babel: more msgstr[n] than the header's nplurals
            count = error.catalog.num_plurals
            return report.add("error", None, "plural-forms", f"{report.file}:{error.lineno}: a plural entry has more "
                              f"msgstr[n] than the header's nplurals={count}")  # fmt: skip
        report.add("error", None, "po-syntax", f"{report.file}: {error}")
    except (UnicodeDecodeError, ValueError) as error:
        report.add("error", None, "po-syntax", f"{report.file}: {error}")
    return None


def check_catalog(raw: bytes, locale: str, name: str, template: dict, required: set | None) -> Report:
    """Check PO bytes for one locale against the template {(msgctxt, english): protected terms}.

    required is the units that must all be translated and not fuzzy: those of the topic versions the locale
    marks complete (None or empty for none). Any other unit may be missing, untranslated or fuzzy.
    """
    report = Report(locale, name, [])
    required = required or set()
    catalog = parse_upload(raw, report, template)
    if catalog is None:
        return report
    for rule, message in check_headers(catalog.headers, locale):
        report.add("error", None, rule, message)
    present = {(m.context, m.id) for m in catalog if m.id}
    for context, english in sorted(required - present):
        report.add("error", context, "incomplete", f"missing from a topic marked complete: {english[:60]!r}")
    ratios = [check_entry(report, message, template, (message.context, message.id) in required, catalog.num_plurals)
              for message in catalog if message.id]  # fmt: skip
    check_lengths(report, [ratio for ratio in ratios if ratio is not None])
    return report


def check_entry(report: Report, message, template: dict, complete: bool, nplurals: int):
    """Check one entry; return (msgctxt, length ratio) for the locale's length norm, or None."""
    context, english, translated = message.context, message.id, message.string
    protected = template.get((context, english))
    if protected is None:
        report.add("warning", context, "unknown-unit", "not in the current template: run `flask catalogs update`")
        protected = ()
    # A plural entry has a tuple of sources (singular, plural) and one translation per plural form.
    sources = english if isinstance(english, tuple) else (english,)
    forms = translated if isinstance(translated, tuple) else (translated,)
    if any(forms) and not all(forms):
        report.add("error", context, "plural-forms", f"msgstr[{forms.index('')}] is empty or missing: "
                   f"a plural entry needs all nplurals={nplurals} forms")  # fmt: skip
    if not any(forms) or message.fuzzy:
        if complete:
            report.add("error", context, "incomplete", "fuzzy in a topic marked complete" if any(forms) else
                       "untranslated in a topic marked complete")  # fmt: skip
        return None
    for index, form in enumerate(forms):
        for rule, problem in compare(sources[min(index, len(sources) - 1)], form, protected) if form else ():
            report.add("error", context, rule, problem)
    if left_untranslated(sources[0], forms[0], protected):
        report.add("warning", context, "identical", "translation is identical to the source")
    return (context, len(forms[0]) / len(sources[0])) if len(sources[0]) >= 20 else None


def check_lengths(report: Report, ratios: list[tuple[str, float]]) -> None:
    """Warn about translations far longer or shorter than this locale's usual length ratio."""
    if len(ratios) < 5:
        return
    norm = statistics.median(ratio for _, ratio in ratios)
    for context, ratio in ratios:
        if ratio > norm * 2.5 or ratio < norm / 2.5:
            report.add("warning", context, "length-ratio",
                       f"length is {ratio:.2f}x the source; this locale's norm is {norm:.2f}x")  # fmt: skip
