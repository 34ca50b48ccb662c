"""Read content catalogs and review records, and say whether each unit is current."""

import hashlib
import io
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import yaml
from babel.messages.pofile import PoFileError, read_po
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.errors import StartupError, field_errors
from api.i18n.strict import PoSyntaxError, strict_text
from api.i18n.tags import babel_name
from api.parse_cache import no_cache

CONTENT_DOMAIN = "content"


class CatalogError(StartupError):
    """A catalog or review file that cannot be used, with the file named."""


class UnitState(StrEnum):
    CURRENT = "current"
    MISSING = "missing"
    OUTDATED = "outdated"


class ReviewSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["unreviewed", "reviewed"]))
    reviewer = fields.String(load_default=None, allow_none=True)
    reviewed_on = fields.Date(load_default=None, allow_none=True)
    note = fields.String(load_default=None, allow_none=True)
    method = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(["ai-assisted", "human"]))
    complete = fields.Dict(  # {topic: version}: every unit of that version is translated; later ones need not be
        keys=fields.String(validate=validate.Length(min=1)),
        values=fields.Integer(strict=True, validate=validate.Range(min=1)),
        load_default=dict,
        error_messages={"invalid": "map each finished topic to the version translated, such as {{muscle-spasms: 1}}"},
    )

    @validates_schema
    def check_sign_off(self, data, **kwargs):
        if data["status"] == "reviewed" and not (data.get("reviewer") and data.get("reviewed_on")):
            raise ValidationError("a reviewed catalog names its reviewer and the date of sign-off", "reviewer")


@dataclass(frozen=True)
class Review:
    status: str  # "source" for the original English, else "unreviewed" or "reviewed"
    reviewer: str | None = None
    reviewed_on: date | None = None
    note: str | None = None
    complete: tuple[tuple[str, int], ...] = ()  # (topic, version) the translators finished: checks refuse gaps there
    method: str | None = None  # how the translation was made: "ai-assisted" or "human" (None: not stated)


SOURCE_REVIEW = Review("source", note="Original English text of the source page.")


@dataclass(frozen=True)
class Catalog:
    tag: str
    review: Review
    revision: str = ""
    current: dict[tuple[str, str], str] = field(default_factory=dict)
    stale_contexts: frozenset[str] = frozenset()
    fuzzy: int = 0
    revised: datetime | None = None  # the PO-Revision-Date header, when it holds a date

    def state(self, context: str, english: str) -> UnitState:
        """Return whether this unit has a current translation, an outdated one, or none."""
        if (context, english) in self.current:
            return UnitState.CURRENT
        return UnitState.OUTDATED if context in self.stale_contexts else UnitState.MISSING

    def translate(self, context: str, english: str) -> str:
        """Return the current translation, or the English when there is none."""
        return self.current.get((context, english), english)


def catalog_path(translations_dir: Path, tag: str) -> Path:
    """Return where a locale's content catalog lives."""
    return translations_dir / babel_name(tag) / "LC_MESSAGES" / f"{CONTENT_DOMAIN}.po"


def load_review(path: Path) -> Review:
    """Read a locale's review record; a locale without one is unreviewed."""
    if not path.exists():
        return Review("unreviewed")
    try:
        data = ReviewSchema().load(yaml.safe_load(path.read_bytes()) or {})
        return Review(**{**data, "complete": tuple(sorted(data["complete"].items()))})
    except yaml.YAMLError as error:
        raise CatalogError(f"{path}: not valid YAML: {str(error).splitlines()[0]}") from None
    except ValidationError as error:
        raise CatalogError(f"{path}: {field_errors(error.messages)}") from None
    except TypeError:
        raise CatalogError(f"{path}: must be a mapping of fields such as status: unreviewed") from None


def read_strict_po(tag: str, raw: bytes, name: str = "<upload>"):
    """Return Babel's reading of PO bytes that msgfmt --check would accept, or raise CatalogError naming the line."""
    try:
        strict_text(raw, name)  # Babel's reader is lenient: an unterminated string would be served cut short
    except PoSyntaxError as error:
        raise CatalogError(f"not a valid PO file: {error}") from None
    source = io.BytesIO(raw)
    source.name = name
    try:
        return read_po(source, locale=babel_name(tag), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        raise CatalogError(f"{name}: not a valid PO file: {error}") from None


def parse_catalog(tag: str, raw: bytes, review: Review, name: str = "<upload>") -> Catalog:
    """Parse PO bytes into the current translations and the contexts whose translation is stale."""
    po = read_strict_po(tag, raw, name)
    current, stale, fuzzy = {}, set(), 0
    for message in po:
        if message.id and message.context and message.string:
            if message.fuzzy:
                stale.add(message.context)
                fuzzy += 1
            else:
                current[(message.context, message.id)] = message.string
    stale |= {m.context for m in po.obsolete.values() if m.context and m.string}
    stale |= {context for context, _ in current}
    revision = hashlib.sha256(raw).hexdigest()[:16]
    revised = po.revision_date if isinstance(po.revision_date, datetime) else None
    return Catalog(tag, review, revision, current, frozenset(stale), fuzzy, revised)


def load_catalog(translations_dir: Path, tag: str, cache=no_cache) -> Catalog:
    """Load one locale's content catalog and review record from disk."""
    path = catalog_path(translations_dir, tag)
    review = load_review(translations_dir / babel_name(tag) / "review.yaml")
    raw = path.read_bytes()
    parsed = cache("catalog", tag.encode() + b"\0" + raw, lambda: parse_catalog(tag, raw, review, str(path)))
    return replace(parsed, review=review)


def discover_locales(translations_dir: Path) -> list[str]:
    """Return the tags of every locale with a content catalog, sorted."""
    found = translations_dir.glob(f"*/LC_MESSAGES/{CONTENT_DOMAIN}.po")
    return sorted(p.parent.parent.name.replace("_", "-") for p in found)
