"""Say what the data says, in the wanted language: the fallback and unreviewed notices of a rendering."""

from html import escape

from babel import Locale, UnknownLocaleError

from api.i18n.tags import babel_name
from api.render.localize import SOURCE_LOCALE
from api.render.widget import WIDGET_MESSAGES

ENGLISH = {"locale": SOURCE_LOCALE, "direction": "ltr", **WIDGET_MESSAGES}
TRADITIONAL = {"hant", "tw", "hk", "mo"}
NOTICE_CLASS = "patient-content-notice"
# review.yaml's method -> the unreviewed notice that says it; a method not stated gets the notice that claims none
UNREVIEWED_BY_METHOD = {"ai-assisted": "unreviewed_ai", "human": "unreviewed_human"}


def messages_for(table: dict, tag: str) -> dict:
    """Return the messages of a tag, as the widget picks them: exact, zh script or region, language, English."""
    wanted = (tag or "").lower()
    by_lower = {key.lower(): key for key in table}
    if wanted in by_lower:
        return table[by_lower[wanted]]
    language, *rest = wanted.split("-")
    if language == "zh":
        return table.get("zh-Hant" if TRADITIONAL & set(rest) else "zh-Hans") or table.get(SOURCE_LOCALE, ENGLISH)
    same = next((key for key in table if key.lower().split("-")[0] == language), None)
    return table[same] if same else table.get(SOURCE_LOCALE, ENGLISH)


def language_name(tag: str, in_language: str) -> str:
    """Return the name of a language in another language ('en' in 'de' -> 'Englisch'), or the tag."""
    try:
        return Locale.parse(babel_name(tag)).get_display_name(Locale.parse(babel_name(in_language))) or tag
    except (UnknownLocaleError, ValueError):
        return tag


def shown(table: dict, messages: dict, key: str) -> tuple[str, dict]:
    """Return one message and the messages of the locale whose words it is (for its lang, dir, language names)."""
    tag = messages.get("lang", {}).get(key, messages["locale"])
    return messages[key], table.get(tag) or (messages if tag == messages["locale"] else ENGLISH)


def unreviewed_key(served: dict) -> str:
    """Return the unreviewed notice that says how this translation was made, as its review record states."""
    return UNREVIEWED_BY_METHOD.get(served["review"].get("method"), "unreviewed")


def whole_topic_fell_back(topic: dict, sections: list[dict]) -> bool:
    """Return whether a topic's title and every one of these sections fell back to the same locale."""
    return bool(topic.get("fallback")) and all(s.get("fallback") and s["locale"] == topic["locale"] for s in sections)


def fallback_text(table: dict, served: dict, requested: str, key: str = "fallback") -> tuple[dict, str] | None:
    """Return (messages of its words, text) of the fallback notice of a section or topic, or None when it did not
    fall back; the name of the language shown is in the language of the notice."""
    if not served.get("fallback"):
        return None
    wanted = (served.get("wanted") or {}).get("locale") or served["fallback"]["from"]
    text, words = shown(table, messages_for(table, requested if wanted == SOURCE_LOCALE else wanted), key)
    return words, text.replace("{language}", language_name(served["locale"], words["locale"]))


def notice_html(kind: str, text: str, messages: dict) -> str:
    """Return one notice paragraph, with its class and its own lang and dir."""
    return (
        f'<p class="{NOTICE_CLASS} {NOTICE_CLASS}-{kind}" lang="{escape(messages["locale"])}" '
        f'dir="{escape(messages["direction"])}">{escape(text)}</p>'
    )


def notices_html(
    table: dict, served: dict, requested: str, review_noted: str | None = None, fallback_noted: str | None = None,
    whole_topic: bool = False,
) -> str:  # fmt: skip
    """Return the fallback notice and the unreviewed notice a rendering needs, to go just after its heading.

    review_noted and fallback_noted name a locale whose notice the enclosing topic already shows; whole_topic
    says the notice speaks of a topic that fell back whole.
    """
    html = ""
    key = "fallback_topic" if whole_topic else "fallback"
    if served["locale"] != fallback_noted and (fallback := fallback_text(table, served, requested, key)) is not None:
        html += notice_html("fallback", fallback[1], fallback[0])
    if served["review"]["status"] == "unreviewed" and served["locale"] != review_noted:
        text, words = shown(table, messages_for(table, served["locale"]), unreviewed_key(served))
        html += notice_html("unreviewed", text, words)
    return html
