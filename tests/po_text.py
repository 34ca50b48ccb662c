"""Small PO catalogs written as text, and the findings check_catalog reports for them."""

from api.i18n.checks import check_catalog

SPANISH_PLURALS = "nplurals=2; plural=(n != 1);"
CONTEXT = "t/s/text"
TEMPLATE = {(CONTEXT, "Rest the muscle for a day."): (), ("t/s/other", "Drink water."): ()}


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def header(language="es", content_type="text/plain; charset=UTF-8", plural_forms=SPANISH_PLURALS) -> str:
    """Return a PO header entry; a field given as None is left out."""
    fields = {"Language": language, "Content-Type": content_type, "Plural-Forms": plural_forms}
    lines = "".join(quoted(f"{name}: {value}\n") + "\n" for name, value in fields.items() if value is not None)
    return 'msgid ""\nmsgstr ""\n' + lines + "\n"


def entry(context: str, english: str, translated: str, fuzzy=False) -> str:
    flags = "#, fuzzy\n" if fuzzy else ""
    return f"{flags}msgctxt {quoted(context)}\nmsgid {quoted(english)}\nmsgstr {quoted(translated)}\n\n"


def plural_entry(context: str, singular: str, plural: str, forms: list[str]) -> str:
    strings = "".join(f"msgstr[{i}] {quoted(form)}\n" for i, form in enumerate(forms))
    return f"msgctxt {quoted(context)}\nmsgid {quoted(singular)}\nmsgid_plural {quoted(plural)}\n{strings}\n"


def check(text: str, locale="es", template=TEMPLATE, required=None):
    return check_catalog(text.encode("utf-8"), locale, "test.po", template, required)


def found(report) -> list[tuple[str, str | None, str]]:
    return [(f.severity, f.context, f.rule) for f in report.findings]


def translated(text: str, **headers) -> list[tuple[str, str | None, str]]:
    """Return the findings for a catalog that translates the one template unit as text."""
    return found(check(header(**headers) + entry(CONTEXT, "Rest the muscle for a day.", text)))
