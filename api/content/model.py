"""Plain dataclasses for one published version of a topic."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str
    translator_note: str | None = None
    type: str = "paragraph"


@dataclass(frozen=True)
class Item:
    id: str
    term: str | None = None
    text: str | None = None
    translator_note: str | None = None


@dataclass(frozen=True)
class ItemList:
    id: str
    items: tuple[Item, ...]
    label: str | None = None
    translator_note: str | None = None
    type: str = "list"


@dataclass(frozen=True)
class Link:
    id: str
    label: str
    url: str
    purpose: str
    translator_note: str | None = None


@dataclass(frozen=True)
class LinkList:
    id: str
    links: tuple[Link, ...]
    type: str = "links"


Block = Paragraph | ItemList | LinkList


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Attribution:
    author: str
    publisher: str
    source_site: str
    source_url: str
    note: str | None = None


@dataclass(frozen=True)
class TopicVersion:
    topic: str
    version: int
    published: date
    change_note: str
    title: str
    scope_note: str
    attribution: Attribution
    sections: tuple[Section, ...]
    protected_terms: tuple[str, ...] = ()
    content_hash: str = ""
    path: str = ""

    def section(self, section_id: str) -> Section | None:
        """Return the section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)
