"""What FHIR R4 asks of our text: its string rule, its language codes, and a generated narrative."""

from html import escape

from api.render.fragments import noted_by
from api.render.notices import notices_html, whole_topic_fell_back

# R4 `string` is ^[ \r\n\t\S]+$: space, CR, LF and tab are the only whitespace it allows, so French no-break spaces
# (U+00A0 before ":;!?", U+202F in numbers) and any other Unicode space fail the official JSON Schema. In FHIR
# strings only, each becomes a normal space; every other rendering keeps the typography.
OTHER_SPACES = {ord(c): " " for c in map(chr, range(0x3001)) if (c.isspace() and c not in " \r\n\t")}
OTHER_SPACES[0xFEFF] = " "  # ECMAScript's \s (the schema's own dialect) counts the byte-order mark as a space

# R4 binds Resource.language and Attachment.language to CommonLanguages (preferred; maximum: AllLanguages, any
# BCP 47 tag). CommonLanguages has zh-CN and zh-TW but no script tags, and HAPI's language look-up reads the second
# subtag as a region, so it rejects zh-Hans and zh-Hant. Their CLDR likely-subtag expansions are zh-Hans-CN and
# zh-Hant-TW, so in FHIR we say zh-CN for Simplified and zh-TW for Traditional Chinese (tests/test_fhir.py).
# Other locales are used as they are: ar, en, es, fr, ko, pt-BR are in CommonLanguages, vi is plain BCP 47.
FHIR_LANGUAGE = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}


def fhir_language(tag: str) -> str:
    """Return the language code FHIR resources carry for one of our locales."""
    return FHIR_LANGUAGE.get(tag, tag)


def fhir_strings(value):
    """Return a JSON value with every string's non-FHIR whitespace replaced by a normal space."""
    if isinstance(value, str):
        return value.translate(OTHER_SPACES)
    if isinstance(value, dict):
        return {key: fhir_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fhir_strings(item) for item in value]
    return value


def page_notices(topic: dict, table: dict) -> list[str]:
    """Return the notices the topic's pages show (XHTML paragraphs, or ""): the topic's, then each section's."""
    requested, whole = topic["requested_locale"], whole_topic_fell_back(topic, topic["sections"])
    notices = [notices_html(table, topic, requested, whole_topic=whole)]
    return notices + [notices_html(table, s, requested, **noted_by(topic)) for s in topic["sections"]]


def narrative(language: str, title: str, codes: list[str], pages: list[dict], notices: list[str]) -> dict:
    """Return a generated Narrative (XHTML): the title, its notices, the codes, and a link to each page with its own
    notices (notices[0] is the topic's, then one per section; each already escaped XHTML paragraphs, or "")."""
    items = "".join(f'<li><a href="{escape(p["url"])}">{escape(p["title"])}</a>{notice}</li>'
                    for p, notice in zip(pages, ["", *notices[1:]], strict=True))  # fmt: skip
    return {
        "status": "generated",
        "div": f'<div xmlns="http://www.w3.org/1999/xhtml" lang="{escape(language)}" xml:lang="{escape(language)}">'
        f"<p><b>{escape(title)}</b></p>{notices[0]}<p>{escape(', '.join(codes))}</p><ul>{items}</ul></div>",
    }
