"""Finish WeasyPrint's tagged PDF: /Lang on passages in another language, and page furniture as artifacts."""

from functools import wraps

import pydyf
from weasyprint import draw
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

_build_box_tree = tags._build_box_tree  # WeasyPrint's tag tree builder: one structure element per box
_draw_stacking_context = draw.draw_stacking_context


@wraps(_build_box_tree)
def build_box_tree_with_languages(box, parent, pdf, *args):
    """Build the tag tree as WeasyPrint does, giving /Lang to elements whose language differs from the document's;
    margin boxes (the footer) are artifacts, outside the tree."""
    if isinstance(box, boxes.MarginBox):
        return
    document = getattr(pdf.catalog.get("Lang"), "string", None)
    for element in _build_box_tree(box, parent, pdf, *args):
        node = getattr(box, "element", None)
        language = node.get("lang") if node is not None and box.element_tag not in ("html", "body") else None
        if language and language != document and "Lang" not in element:
            element["Lang"] = pydyf.String(language)
        yield element


@wraps(_draw_stacking_context)
def draw_furniture_as_artifact(stream, stacking_context):
    """Draw as WeasyPrint does; a margin box's content (running footer, page counter) as one untagged artifact."""
    if not isinstance(stacking_context.box, boxes.MarginBox) or getattr(stream, "_tags", None) is None:
        return _draw_stacking_context(stream, stacking_context)
    with stream.artifact():
        marked, stream._tags = stream._tags, None  # no marked content (MCID) inside an artifact
        try:
            return _draw_stacking_context(stream, stacking_context)
        finally:
            stream._tags = marked


def finish_tagging() -> None:
    """Install both once (idempotent): screen readers then read English passages with an English voice, and skip
    the footer that repeats on every page."""
    if tags._build_box_tree is _build_box_tree:
        tags._build_box_tree = build_box_tree_with_languages
        draw.draw_stacking_context = draw_furniture_as_artifact
