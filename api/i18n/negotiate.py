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

    def candidates(self, tag: str):
        """Yield the supported locales that serve this canonical tag, by RFC 4647 lookup's truncation."""
        subtags = tag.lower().split("-")
        while subtags:
            candidate = "-".join(subtags)
            if candidate in self.supported:
                yield self.supported[candidate]
            elif candidate in self.aliases:
                yield self.aliases[candidate]
            subtags.pop()
            while subtags and len(subtags[-1]) == 1:  # never leave a dangling singleton (-u, -x)
                subtags.pop()

    def match(self, tag: str) -> str | None:
        """Return the supported locale that serves this canonical tag, or None."""
        return next(self.candidates(tag), None)

    def excluded(self, entries) -> frozenset[str]:
        """Return the supported locales that Accept-Language refuses: the most specific range naming them has q=0.

        A range names a tag when it is the tag or a prefix of it ending at a "-" (RFC 4647 3.3.1), and * names
        every tag no other range names (RFC 9110 12.5.4): "es-MX;q=0, es" refuses Mexican Spanish, not Spanish.
        """
        named = [(value, q) for value, q in entries if value == "*" or canonical_tag(value)]  # a malformed range: none
        ranges = [(value if value == "*" else canonical_tag(value).lower(), q) for value, q in named]
        refused = set()
        for tag in self.supported.values():
            low = tag.lower()
            naming = [(len(r), q) for r, q in ranges if r == "*" or low == r or low.startswith(r + "-")]
            if naming and max(naming)[1] <= 0:  # * is one character, shorter than any tag: the least specific
                refused.add(tag)
        return frozenset(refused)

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
        excluded = self.excluded(entries)
        first_asked = None
        for value, quality in sorted(entries, key=lambda entry: -entry[1]):  # by q; werkzeug already put * after tags
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
            target = next((t for t in self.candidates(tag) if t not in excluded), None)
            if target:
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
