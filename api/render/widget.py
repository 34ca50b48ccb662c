"""Build the <patient-content> widget script once: its code plus its few messages in every locale."""

import hashlib
from collections.abc import Mapping
from pathlib import Path

import orjson
from babel.support import NullTranslations, Translations

from api.i18n.catalogs import discover_locales
from api.i18n.messages import API_DOMAIN, N_
from api.i18n.tags import babel_name, describe
from api.render.localize import SOURCE_LOCALE
from api.render.representation import Representation

SCRIPT_PATH = Path(__file__).resolve().parent / "assets" / "embed.js"
PLACEHOLDER = "/*@MESSAGES@*/ {}"
WIDGET_MESSAGES = {
    "error": N_("This content could not be loaded. Please try again later."),
    "unreviewed": N_("This translation has not yet been reviewed by a qualified medical translator."),
    "unreviewed_ai": N_(
        "This translation was made with the help of AI (artificial intelligence). "
        "It has not yet been reviewed by a qualified medical translator."
    ),
    "unreviewed_human": N_(
        "This translation was made by a human translator. "
        "It has not yet been reviewed by a qualified medical translator."
    ),
    # TRANSLATORS: {language} is the name of the language shown instead, in your language, such as "English".
    "fallback": N_("This section is not yet available in your language. It is shown in {language}."),
    # TRANSLATORS: {language} is the name of the language shown instead, in your language, such as "English".
    "fallback_topic": N_("This topic is not yet available in your language. It is shown in {language}."),
}


class Untranslated(NullTranslations):
    """Answer None for a message the catalogs before it do not translate."""

    def gettext(self, message):
        return None


def widget_messages(translations_dir: Path, messages_dir: Path, wanted: dict = WIDGET_MESSAGES,
                    chains: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, dict]:  # fmt: skip
    """Return the widget's (or these wanted) messages per locale from the compiled api catalogs.

    A message a locale does not translate comes from the next locale of its chain (chains, else English), and
    "lang" names, per message, the locale whose words it is: a notice is tagged with the language it is in.
    """
    found = {}
    for tag in (SOURCE_LOCALE, *discover_locales(translations_dir)):
        translations = Translations.load(str(messages_dir), [babel_name(tag)], domain=API_DOMAIN)
        translations.add_fallback(Untranslated())
        found[tag] = {key: translations.gettext(text) for key, text in wanted.items()}
    found[SOURCE_LOCALE] = dict(wanted)  # English is the source: its words are the messages themselves
    table = {}
    for tag in found:
        chain = [t for t in (*(chains or {}).get(tag, (tag,)), SOURCE_LOCALE) if t in found]
        lang = {key: next(t for t in chain if found[t][key]) for key in wanted}
        messages = {key: found[lang[key]][key] for key in wanted}
        table[tag] = {"locale": tag, "direction": describe(tag).direction, **messages, "lang": lang}
    return table


def build_widget(table: dict[str, dict]) -> Representation:
    """Return embed.js with its messages (the widget's own, from the service's table) filled in; its ETag is also
    the version in its URL."""
    source = SCRIPT_PATH.read_text(encoding="utf-8")
    if PLACEHOLDER not in source:
        raise ValueError(f"{SCRIPT_PATH} lost its messages placeholder {PLACEHOLDER!r}")
    own = {tag: {"locale": m["locale"], "direction": m["direction"], **{k: m[k] for k in WIDGET_MESSAGES},
                 "lang": {k: m["lang"][k] for k in WIDGET_MESSAGES}} for tag, m in table.items()}  # fmt: skip
    messages = orjson.dumps(own).decode().replace("</", "<\\/")
    body = source.replace(PLACEHOLDER, messages).encode("utf-8")
    etag = hashlib.blake2b(body, digest_size=8).hexdigest()
    # No Last-Modified: the file's mtime says nothing of the api catalogs its messages come from.
    return Representation(body, etag, None, None, "text/javascript; charset=utf-8")
