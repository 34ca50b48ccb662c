"""Pick the locale chain for a request: explicit tag or Accept-Language, each negotiated once."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from api.i18n.tags import canonical_tag, known_tag


@dataclass(frozen=True)
class Negotiation:
    requested: str  # the tag the client asked for, reduced to what CLDR or the locale data know (known_tag)
    chain: tuple[str, ...]  # supported locales to try, best first; always ends in the default
    unsupported: bool = False  # no supported locale serves the requested language


class Negotiator:
    """Match requested tags to supported locales by RFC 4647 lookup plus alias data."""

    def __init__(
        self,
        supported: Iterable[str],
        default: str,
        aliases: Mapping[str, str],
        fallbacks: Mapping[str, Iterable[str]],
        cache_size: int = 4096,
    ):
        self.default = default
        self.supported = {tag.lower(): tag for tag in (*supported, default)}
        self.aliases = {k.lower(): v for k, v in aliases.items() if v.lower() in self.supported}
        self.known = frozenset([*self.supported, *self.aliases])
        self.fallbacks = {
            tag: tuple(f for f in chain if f.lower() in self.supported) for tag, chain in fallbacks.items()
        }
        self.for_tag = lru_cache(maxsize=cache_size)(self._for_tag)
        self.for_header = lru_cache(maxsize=cache_size)(self._for_header)

    def match(self, tag: str) -> str | None:
        """Return the supported locale that serves this canonical tag, or None."""
        subtags = tag.lower().split("-")
        while subtags:
            candidate = "-".join(subtags)
            if candidate in self.supported:
                return self.supported[candidate]
            if candidate in self.aliases:
                return self.aliases[candidate]
            subtags.pop()
            while subtags and len(subtags[-1]) == 1:  # never leave a dangling singleton (-u, -x)
                subtags.pop()
        return None

    def chain(self, target: str | None, excluded: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Return target, its configured fallbacks, then the default; minus excluded ones."""
        steps = [target] if target else []
        steps += [*self.fallbacks.get(target, ()), self.default] if target else [self.default]
        chain = [s for s in dict.fromkeys(steps) if s not in excluded or s == self.default]
        return tuple(chain)

    def _for_tag(self, value: str) -> Negotiation | None:
        """Negotiate an explicit ?locale= value; None when it is not a well-formed tag."""
        tag = canonical_tag(value)
        if tag is None:
            return None
        target = self.match(tag)
        return Negotiation(known_tag(tag, self.known), self.chain(target), unsupported=target is None)

    def _for_header(self, header: str | None) -> Negotiation:
        """Negotiate an Accept-Language value; malformed entries are skipped, never an error."""
        entries = parse_accept_header(header or "", LanguageAccept)
        excluded = frozenset(filter(None, (self.match(t) for t, q in entries if q <= 0 and canonical_tag(t))))
        first_asked = None
        for value, quality in entries:
            if quality <= 0:
                continue
            if value == "*":
                target = next((t for t in (self.default, *self.supported.values()) if t not in excluded), None)
                if target:
                    return Negotiation(target, self.chain(target, excluded))
                continue
            tag = canonical_tag(value)
            if tag is None:
                continue
            first_asked = first_asked or tag
            target = self.match(tag)
            if target and target not in excluded:
                return Negotiation(known_tag(tag, self.known), self.chain(target, excluded))
        if first_asked:
            return Negotiation(known_tag(first_asked, self.known), (self.default,), unsupported=True)
        return Negotiation(self.default, (self.default,))


class ChainsSchema(Schema):
    default = fields.String(load_default=None)
    aliases = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    fallbacks = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), load_default=dict)


def load_negotiator(path: Path, supported: Iterable[str], default: str) -> Negotiator:
    """Build a Negotiator from the chain data in locales.yaml; a missing file means no aliases."""
    data = {}
    if path.exists():
        try:
            data = ChainsSchema().load(yaml.safe_load(path.read_bytes()) or {})
        except (yaml.YAMLError, ValidationError) as error:
            raise ValueError(f"{path}: {getattr(error, 'messages', error)}") from None
    return Negotiator(supported, default, data.get("aliases", {}), data.get("fallbacks", {}))
