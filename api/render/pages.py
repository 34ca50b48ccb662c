"""Build the standalone iframe page of a section and the demo page, with their Content-Security-Policy."""

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

import orjson
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from api.config import cache_entries
from api.i18n.negotiate import Negotiation
from api.i18n.tags import describe
from api.render.fragments import section_fragment, topic_fragment
from api.render.localize import SOURCE_LOCALE
from api.render.representation import Representation, freeze_html
from api.render.store import Store

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


PACKAGE = Path(__file__).resolve().parent
TEMPLATES = Environment(loader=FileSystemLoader(PACKAGE / "templates"), autoescape=select_autoescape(["html"]))
PLACEHOLDER_ORIGIN = "https://content.example.org"
THEMES = ("auto", "light", "dark")  # the iframe page's ?theme=: light unless the portal asks otherwise


def asset(name: str) -> str:
    """Return one of the inline assets (CSS or script) shipped with the package."""
    return (PACKAGE / "assets" / name).read_text(encoding="utf-8")


def csp_hash(source: str) -> str:
    """Return the CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


FRAME_CSS, FRAME_SCRIPT = asset("frame.css"), asset("frame.js")
DEMO_CSS, DEMO_SCRIPT = asset("demo.css"), asset("demo.js")


def frame_policy(frame_ancestors: str) -> str:
    """Return the iframe page's CSP: nothing from elsewhere, only our own inline style and script."""
    sources = frame_ancestors.split()
    if not sources or any(c in frame_ancestors for c in ";,\r\n"):
        raise ValueError(f"EMBED_FRAME_ANCESTORS must be CSP sources separated by spaces, not {frame_ancestors!r}")
    return (
        f"default-src 'none'; style-src {csp_hash(FRAME_CSS)}; script-src {csp_hash(FRAME_SCRIPT)}; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {' '.join(sources)}"
    )


DEMO_POLICY = (
    f"default-src 'none'; script-src 'self' {csp_hash(DEMO_SCRIPT)}; style-src {csp_hash(DEMO_CSS)}; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@lru_cache(maxsize=ENTRIES)
def frame_page(store: Store, topic_id: str, version: int, section_id: str, negotiation: Negotiation, theme="light"):
    """Return a section's standalone iframe page, built once from its sanitized fragment."""
    fragment: Representation = section_fragment(store, topic_id, version, section_id, negotiation)
    body = orjson.loads(store.section(topic_id, version, section_id, negotiation).body)
    html = TEMPLATES.get_template("frame.html").render(
        locale=body["locale"],
        direction=body["direction"],
        title=body["heading"],
        theme=theme,
        css=Markup(FRAME_CSS),
        script=Markup(FRAME_SCRIPT),
        fragment=Markup(fragment.body.decode()),  # already escaped and sanitized by nh3
    )
    return freeze_html(html, fragment.modified, fragment.content_language)


def script_json(raw: bytes) -> Markup:
    """Return JSON for a <script> data block: <, > and & as JSON escapes, so no "</script>" or "<!--" can occur."""
    text = raw.decode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=ENTRIES)
def topic_page(store: Store, topic_id: str, version: int, negotiation: Negotiation, linked: bytes = b"",
               theme: str = "light"):  # fmt: skip
    """Return a whole topic as a standalone page (the online version a handout's QR code points to).

    linked: the topic's JSON-LD (a MedicalWebPage), carried in a <script type="application/ld+json"> data block.
    """
    fragment: Representation = topic_fragment(store, topic_id, version, negotiation, heading_level=1)
    body = orjson.loads(store.topic(topic_id, version, negotiation).body)
    html = TEMPLATES.get_template("frame.html").render(
        locale=body["locale"], direction=body["direction"], title=body["title"], theme=theme, css=Markup(FRAME_CSS),
        script=Markup(FRAME_SCRIPT), fragment=Markup(fragment.body.decode()),
        linked=script_json(linked) if linked else None,
    )  # fmt: skip
    return freeze_html(html, fragment.modified, fragment.content_language)


def iframe_snippet(origin: str, topic: str, section: str, locale: str, title: str) -> str:
    """Return the iframe snippet a portal pastes (the README's): the frame, min-height, and its resize listener."""
    snippet = TEMPLATES.get_template("iframe-snippet.html")
    return snippet.render(origin=origin, topic=topic, section=section, locale=locale, title=title).strip() + "\n"


@lru_cache(maxsize=8)
def demo_page(store: Store, english: Negotiation, widget_url: str) -> Representation:
    """Return the demo page: every topic through the widget, with a switcher across every locale."""
    source = store.topic_list(english)
    topics = [
        {"id": topic["id"], "title": topic["title"], "section": store.library[topic["id"]][-1].sections[0].id}
        for topic in orjson.loads(source.body)["topics"]
    ]
    tags = [SOURCE_LOCALE, *sorted(tag for tag in store.catalogs if tag != SOURCE_LOCALE)]
    first = topics[0]
    snippet = iframe_snippet(PLACEHOLDER_ORIGIN, first["id"], first["section"], "es", first["title"])
    html = TEMPLATES.get_template("demo.html").render(
        topics=topics,
        iframe_snippet=snippet,
        locales=[describe(tag) for tag in tags],
        widget_url=widget_url,
        placeholder_origin=PLACEHOLDER_ORIGIN,
        css=Markup(DEMO_CSS),
        script=Markup(DEMO_SCRIPT),
    )
    return freeze_html(html, source.modified, "en")
