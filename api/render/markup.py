"""Build the HTML a fragment is made of: blocks, headings, list items, attribution; sanitize it with nh3."""

from html import escape

import nh3

from api.render.scripts import isolated_html

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = {"article", "section", *HEADINGS, "p", "ul", "li", "strong", "a", "small", "bdi"}
ATTRIBUTES = {
    "article": {"lang", "dir", "class"},
    "section": {"lang", "dir", "class", "id"},
    "a": {"href"},
    "p": {"class", "lang", "dir"},
}
FULL_STOPS = tuple(".:?!。：？！")  # a term ending in one of these needs no separator of its own


def sanitize(html: str) -> str:
    """Keep only our structural tags; links get rel="noopener noreferrer"; no script, style or handlers."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes={"data-"},
                     url_schemes={"https", "http"}, link_rel="noopener noreferrer")  # fmt: skip


def state_attributes(served: dict, requested: str) -> str:
    """Return lang, dir and the data attributes that say which locale was served and why."""
    fallback = served.get("fallback") or {}
    attributes = {
        "lang": served["locale"],
        "dir": served["direction"],
        "data-locale": served["locale"],
        "data-requested-locale": requested,
        "data-review": served["review"]["status"],
        **({"data-fallback-from": fallback["from"], "data-fallback-reason": fallback["reason"]} if fallback else {}),
    }
    return " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())


def term_separator(term: str, locale: str) -> str:
    """Return what goes between a term and its text, so that a screen reader pauses: a colon in the locale's style."""
    if term.rstrip().endswith(FULL_STOPS):
        return " "
    return {"zh": "：", "fr": "\u202f: "}.get(locale.split("-")[0], ": ")


def item_html(item: dict, locale: str, direction: str = "ltr") -> str:
    """Return one list item: its term in bold, a separator, its text."""
    term, text = item.get("term"), item.get("text") or ""
    if not term:
        return f"<li>{isolated_html(text, direction)}</li>"
    separator = term_separator(term, locale) if text else ""
    return f"<li><strong>{isolated_html(term, direction)}</strong>{separator}{isolated_html(text, direction)}</li>"


def heading(level: int, text: str, direction: str = "ltr") -> str:
    """Return a heading at this level (levels past 6 stay at 6); in right-to-left text its Latin runs isolated."""
    level = min(max(level, 1), 6)
    return f"<h{level}>{isolated_html(text, direction)}</h{level}>"


def block_html(block: dict, level: int = 2, locale: str = "en", direction: str = "ltr") -> str:
    """Return one paragraph, labelled list or link list; a list's label is a heading one level under level.

    In right-to-left text every left-to-right run (names, codes, numbers, URLs) is a <bdi>, so that its
    neutral characters stay with it."""
    text = lambda value: isolated_html(value, direction)  # noqa: E731
    if block["type"] == "paragraph":
        return f"<p>{text(block['text'])}</p>"
    if block["type"] == "list":
        label = heading(level + 1, block["label"], direction) if block.get("label") else ""
        return f"{label}<ul>{''.join(item_html(item, locale, direction) for item in block['items'])}</ul>"
    links = "".join(
        f'<li><a href="{escape(link["url"])}">{text(link["label"])}</a> — {text(link["purpose"])}</li>'
        for link in block["links"]
    )
    return f"<ul>{links}</ul>"


def attribution_html(attribution: dict) -> str:
    """Return the attribution line: author, publisher and a link to the source site."""
    source = f'<a href="{escape(attribution["source_url"])}">{escape(attribution["source_site"])}</a>'
    names = f"{escape(attribution['author'])} · {escape(attribution['publisher'])} · {source}"
    return f'<p class="patient-content-attribution" lang="en" dir="ltr"><small>{names}</small></p>'
