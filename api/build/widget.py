"""Build the <patient-content> widget script once: its code plus its few messages in every locale."""

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import orjson
from babel.support import Translations

from api.build.localize import SOURCE_LOCALE
from api.build.representation import Representation
from api.i18n.catalogs import discover_locales
from api.i18n.messages import API_DOMAIN, N_
from api.i18n.tags import babel_name, describe

SCRIPT_PATH = Path(__file__).resolve().parent / "assets" / "embed.js"
PLACEHOLDER = "/*@MESSAGES@*/ {}"
WIDGET_MESSAGES = {
    "error": N_("This content could not be loaded. Please try again later."),
    "unreviewed": N_("This translation has not yet been reviewed by a qualified medical translator."),
    # TRANSLATORS: {language} is the name of the language shown instead, in your language, such as "English".
    "fallback": N_("This section is not yet available in your language. It is shown in {language}."),
}


def widget_messages(translations_dir: Path, messages_dir: Path, wanted: dict = WIDGET_MESSAGES) -> dict[str, dict]:
    """Return the widget's (or these wanted) messages per locale, from the compiled api catalogs (English where
    untranslated)."""
    table = {}
    for tag in (SOURCE_LOCALE, *discover_locales(translations_dir)):
        translations = Translations.load(str(messages_dir), [babel_name(tag)], domain=API_DOMAIN)
        info = describe(tag)
        messages = {key: translations.gettext(text) for key, text in wanted.items()}
        table[tag] = {"locale": tag, "direction": info.direction, **messages}
    return table


def build_widget(translations_dir: Path, messages_dir: Path) -> Representation:
    """Return embed.js with its messages filled in; its ETag is also the version in its URL."""
    source = SCRIPT_PATH.read_text(encoding="utf-8")
    if PLACEHOLDER not in source:
        raise ValueError(f"{SCRIPT_PATH} lost its messages placeholder {PLACEHOLDER!r}")
    messages = orjson.dumps(widget_messages(translations_dir, messages_dir)).decode().replace("</", "<\\/")
    body = source.replace(PLACEHOLDER, messages).encode("utf-8")
    etag = hashlib.blake2b(body, digest_size=8).hexdigest()
    modified = datetime.fromtimestamp(SCRIPT_PATH.stat().st_mtime, UTC).replace(microsecond=0)
    return Representation(body, etag, min(modified, datetime.now(UTC)), None, "text/javascript; charset=utf-8")
