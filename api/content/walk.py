"""Walk a topic version's translatable units in order, through one translate function."""

from collections.abc import Callable
from typing import NamedTuple

from api.content.model import ItemList, LinkList, Paragraph, Section, TopicVersion

META = "meta"

# translate(msgctxt, english, comment) returns the text to show for that unit.
Translate = Callable[[str, str, str], str]


class Unit(NamedTuple):
    context: str
    text: str
    comment: str
    group: str


def comment_for(topic: TopicVersion, text: str, what: str, note: str | None) -> str:
    """Return the translator comment for one unit."""
    parts = [what]
    kept = [term for term in topic.protected_terms if term.lower() in text.lower()]
    if kept:
        parts.append("Keep " + ", ".join(kept) + " exactly as written.")
    if "http://" in text or "https://" in text:
        parts.append("Keep the URL exactly as written.")
    if note:
        parts.append(note)
    return " ".join(parts)


def render_meta(topic: TopicVersion, translate: Translate) -> dict:
    """Return the topic's translatable metadata, translated."""

    def unit(name, text, what):
        return translate(f"{topic.topic}/{META}/{name}", text, comment_for(topic, text, what, None))

    attribution = topic.attribution
    return {
        "title": unit("title", topic.title, "Title of the topic."),
        "scope_note": unit("scope-note", topic.scope_note, "Scope note shown with the topic."),
        "attribution": {
            "author": attribution.author,
            "publisher": attribution.publisher,
            "source_site": attribution.source_site,
            "source_url": attribution.source_url,
            "note": attribution.note
            and unit("attribution-note", attribution.note, "Attribution line; keep the author's name as written."),
        },
    }


def render_section(topic: TopicVersion, section: Section, translate: Translate) -> dict:
    """Return one section with every unit translated, keeping its structure."""
    where = f"in the section “{section.heading}”"

    def unit(path, text, what, note=None):
        context = f"{topic.topic}/{section.id}/{path}"
        return translate(context, text, comment_for(topic, text, f"{what} {where}.", note))

    def render_block(block):
        if isinstance(block, Paragraph):
            text = unit(block.id, block.text, "Paragraph", block.translator_note)
            return {"type": "paragraph", "id": block.id, "text": text}
        if isinstance(block, ItemList):
            rendered = {"type": "list", "id": block.id, "label": None, "items": []}
            if block.label:
                rendered["label"] = unit(f"{block.id}/label", block.label, "Label of a list", block.translator_note)
            for item in block.items:
                entry = {"id": item.id, "term": None, "text": None}
                if item.term:
                    entry["term"] = unit(f"{block.id}/{item.id}/term", item.term, "Term (a short label) of a list item")
                if item.text:
                    what = f"Text of the list item “{item.term}”" if item.term else "Text of a list item"
                    entry["text"] = unit(f"{block.id}/{item.id}/text", item.text, what, item.translator_note)
                rendered["items"].append(entry)
            return rendered
        assert isinstance(block, LinkList)
        links = []
        for link in block.links:
            path = f"{block.id}/{link.id}"
            links.append(
                {
                    "id": link.id,
                    "label": unit(
                        f"{path}/label", link.label, f"Label of the link to {link.url}", link.translator_note
                    ),
                    "url": link.url,
                    "purpose": unit(f"{path}/purpose", link.purpose, f"What the link to {link.url} is for"),
                }
            )
        return {"type": "links", "id": block.id, "links": links}

    heading = unit("heading", section.heading, "Heading")
    return {"id": section.id, "heading": heading, "blocks": [render_block(b) for b in section.blocks]}


def iter_units(topic: TopicVersion) -> list[Unit]:
    """Return every translatable unit of a topic version, in reading order."""
    units: list[Unit] = []

    def recorder(group):
        def record(context, text, comment):
            units.append(Unit(context, text, comment, group))
            return text

        return record

    render_meta(topic, recorder(META))
    for section in topic.sections:
        render_section(topic, section, recorder(section.id))
    return units
