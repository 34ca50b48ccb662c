"""Babel extractor: yield every translatable unit of a topic version file as a pgettext call."""

from pathlib import Path

from api.content.loader import parse_topic_file
from api.content.walk import iter_units


def line_of(raw: str, text: str) -> int:
    """Return the 1-based line where text starts in the file, or 0 if it is not there verbatim."""
    offset = raw.find(": " + text)
    offset = raw.find(text) if offset < 0 else offset
    return raw.count("\n", 0, offset) + 1 if offset >= 0 else 0


def extract_content(fileobj, keywords, comment_tags, options):
    """Yield (lineno, funcname, (msgctxt, msgid), comments) for Babel's extract frontend."""
    path = Path(getattr(fileobj, "name", "<content>"))
    if not path.stem.isdigit():
        return
    raw = fileobj.read()
    topic = parse_topic_file(path, raw)
    text = raw.decode("utf-8")
    for unit in iter_units(topic):
        yield line_of(text, unit.text), "pgettext", (unit.context, unit.text), [unit.comment]
