"""Lay out a topic's printable handout in HTML: paper, chosen sections (the fragments' markup), trace lines, QR."""

from functools import lru_cache
from urllib.parse import urlencode

import segno
from babel.dates import format_date
from langcodes import Language
from markupsafe import Markup

from api.i18n.messages import N_
from api.i18n.tags import babel_name
from api.render.fragments import noted_by, repeats_scope_note, section_html
from api.render.localize import SOURCE_LOCALE
from api.render.markup import attribution_html
from api.render.notices import language_name, messages_for, notices_html, whole_topic_fell_back
from api.render.pages import PACKAGE, TEMPLATES
from api.render.scripts import print_ready, url_html, with_printed_urls

HANDOUT_MESSAGES = {
    "version": N_("Content version {version}"),
    "revision": N_("Translation revision {revision}"),
    "updated": N_("Updated {date}"),
    # TRANSLATORS: {language} is the name of the language this handout is printed in, in your language.
    "language": N_("Language: {language}"),
    "online": N_("Read this online in your language: scan the code or go to"),
    "online_other": N_("Read this online: scan the code or go to"),
    # TRANSLATORS: the alternative text of the printed QR code; {url} is the address it opens.
    "qr": N_("QR code that opens this page online: {url}"),
}
PAPERS = {"a4": "A4", "letter": "letter"}
# CLDR supplemental measurementData: the regions whose paper is US Letter; every other region prints on A4.
LETTER_REGIONS = frozenset(["US", "CA", "MX", "PH", "BZ", "CL", "CO", "CR", "GT", "NI", "PA", "PR", "SV", "VE"])
CSS = (PACKAGE / "assets" / "handout.css").read_text(encoding="utf-8")


def paper_for(tag: str) -> str:
    """Return the paper of a locale's region ('en' and 'es-MX' -> letter, 'es' and 'fr' -> a4)."""
    try:
        region = Language.get(tag).maximize().territory
    except ValueError:
        return "a4"
    return "letter" if region in LETTER_REGIONS else "a4"


# The longest ?sections= accepted; percent-encoded, it still fits gunicorn's 8190-byte request line.
MAX_SECTIONS_QUERY = 500


def canonical_sections(section_ids: list[str], raw: str | None) -> tuple[str, ...] | None:
    """Return the chosen sections in the topic's order without repeats (None: the whole topic), or raise ValueError."""
    if raw is None:
        return None
    if len(raw) > MAX_SECTIONS_QUERY:
        raise ValueError(f"sections may be at most {MAX_SECTIONS_QUERY} characters long")
    chosen = {part.strip() for part in raw.split(",")} - {""}
    unknown = sorted(chosen - set(section_ids))
    if unknown or not chosen:
        named = ", ".join(section_ids)
        raise ValueError(f"sections must name sections of this topic ({named}), not {unknown or raw!r}")
    ordered = tuple(sid for sid in section_ids if sid in chosen)
    return None if len(ordered) == len(section_ids) else ordered


@lru_cache(maxsize=64)
def qr_data_uri(url: str) -> str:
    """Return a QR code of the URL as an SVG data URI."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


def trace_lines(body: dict, revisions: dict[str, str], table: dict, messages: dict) -> list[str]:
    """Return what traces a printed sheet to its exact text: version, catalog revisions, date, served language."""
    locale = messages["locale"]
    day = format_date(body["modified"], format="long", locale=babel_name(locale))
    lines = [messages["version"].replace("{version}", str(body["version"]))]
    lines += [messages["revision"].replace("{revision}", f"{tag} {rev}") for tag, rev in revisions.items()]
    lines.append(messages["updated"].replace("{date}", day))
    lines.append(messages["language"].replace("{language}", language_name(body["locale"], locale)))
    return lines


def handout_words(table: dict, tag: str) -> dict:
    """Return the messages the handout's own lines are printed in: a locale's, if it has every one, else English."""
    messages = messages_for(table, tag)
    langs = {messages.get("lang", {}).get(key, messages["locale"]) for key in HANDOUT_MESSAGES}
    return messages if langs == {messages["locale"]} else table.get(SOURCE_LOCALE, messages)


def online_link(body: dict, online_base: str) -> tuple[str, str]:
    """Return (key of the line, URL) of the online page: the topic's latest version in the served locale; "in your
    language" only when that is the language asked for."""
    url = f"{online_base}?{urlencode({'locale': body['locale']})}"
    return ("online_other" if body.get("fallback") else "online"), url


def handout_html(body: dict, sections, paper: str, online_base: str, revisions: dict[str, str], table: dict,
                 compact: bool = False) -> str:  # fmt: skip
    """Return the handout's HTML: title, notices, the chosen sections (fragment markup), attribution, trace, QR."""
    requested, messages = body["requested_locale"], handout_words(table, body["locale"])
    chosen = [s for s in body["sections"] if sections is None or s["id"] in sections]
    parts = [section_html(s, requested, None, heading_level=2, messages=table, **noted_by(body)) for s in chosen]
    notices = notices_html(table, body, requested, whole_topic=whole_topic_fell_back(body, chosen))
    online, online_url = online_link(body, online_base)
    parts = [with_printed_urls(part) for part in parts]
    html = TEMPLATES.get_template("handout.html").render(
        locale=body["locale"], direction=body["direction"], title=body["title"], paper=PAPERS[paper], css=Markup(CSS),
        notices=Markup(notices), sections=[Markup(p) for p in parts],
        scope_note=None if repeats_scope_note({**body, "sections": chosen}) else body["scope_note"],
        attribution=Markup(attribution_html(body["attribution"])), source_url=body["attribution"]["source_url"],
        note=body["attribution"].get("note"), trace=trace_lines(body, revisions, table, messages),
        online=messages[online], online_url=url_html(online_url), qr=qr_data_uri(online_url), messages=messages,
        qr_alt=messages["qr"].replace("{url}", online_url), source=url_html(body["attribution"]["source_url"]),
        compact=compact,
    )  # fmt: skip
    head, body_start, rest = html.partition("<body")
    return head + body_start + print_ready(rest, body["direction"])
