"""Merge a template into catalogs so that no translation is lost unseen: Babel's update, minus its guesses."""

import io
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from api.i18n.previous import mend_previous
from api.i18n.strict import strict_text

MAX_OBSOLETE_SHARE = 0.1  # more than this share of a catalog's translations dropped at once is refused


@dataclass
class Merge:
    path: Path
    locale: str
    old: bytes
    new: bytes = b""
    dropped: list[Message] = field(default_factory=list)  # translated units the merge would make obsolete
    translated: int = 0  # translated units before the merge


def carry_changed_english(catalog: Catalog, before: dict[str, Message]) -> None:
    """Give a new unit whose msgctxt had other English that translation, fuzzy, with its previous msgid."""
    for message in catalog:
        old = before.get(message.context) if message.id and not message.string else None
        if old is None or old.id == message.id or not isinstance(old.id, str) or not isinstance(message.id, str):
            continue
        message.string, message.previous_id = old.string, [old.id]
        message.flags.add("fuzzy")
        catalog.obsolete.pop((old.id, old.context), None)  # carried on as the fuzzy unit, not dropped


def merge(path: Path, locale: str, domain: str, template: Catalog) -> Merge:
    """Return what `pybabel update --no-fuzzy-matching --previous --no-wrap` would make of one catalog.

    A new msgid is left untranslated (missing), never a fuzzy guess from other English; only a msgctxt
    whose English changed gets its old translation back as fuzzy, with `#| msgid` showing the old English.
    """
    raw = path.read_bytes()
    try:
        strict_text(raw, str(path))  # Babel's reader would cut a broken string short, and the merge would keep it cut
        catalog = read_po(io.BytesIO(raw), locale=locale, domain=domain, abort_invalid=True)
    except (PoFileError, ValueError) as error:
        raise ValueError(f"{path}: not a valid PO file, so not merged: {error}") from None
    translated = {(m.id, m.context): m for m in catalog if m.id and m.string}
    before = {m.context: m for m in sorted(translated.values(), key=lambda m: not m.fuzzy) if m.context}
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    carry_changed_english(catalog, before)
    dropped = [m for m in catalog.obsolete.values() if (m.id, m.context) in translated]
    out = io.BytesIO()
    write_po(out, catalog, include_previous=True, width=None)
    new = mend_previous(out.getvalue().decode("utf-8")).encode("utf-8")  # Babel wraps `#| msgid` mid-string
    return Merge(path, locale, raw, new, dropped, len(translated))


def merge_domain(translations: Path, domain: str) -> list[Merge]:
    """Return the merge of a domain's template into each locale's catalog of that domain."""
    with open(translations / f"{domain}.pot", "rb") as pot:
        template = read_po(pot, abort_invalid=True)
    paths = sorted(translations.glob(f"*/LC_MESSAGES/{domain}.po"))
    return [merge(path, path.parent.parent.name, domain, template) for path in paths]


def refusals(merges: list[Merge], live_contexts: set[str], allow_obsolete: bool) -> list[str]:
    """Return why these merges must not be written: a live unit dropped, or too large a share of a catalog."""
    reasons = []
    for m in merges:
        live = [d for d in m.dropped if d.context in live_contexts]
        if live:
            reasons.append(f"{m.path}: {len(live)} translated units whose msgctxt is still in content/ would be "
                           "dropped; is the template stale or empty? Run `catalogs extract` first")  # fmt: skip
        elif len(m.dropped) > MAX_OBSOLETE_SHARE * m.translated and not allow_obsolete:
            reasons.append(f"{m.path}: {len(m.dropped)} of {m.translated} translations would become obsolete "
                           f"(more than {MAX_OBSOLETE_SHARE:.0%}); pass --allow-obsolete if that is meant")  # fmt: skip
    return reasons
