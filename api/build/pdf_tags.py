"""Mark the language of each passage in a tagged PDF: WeasyPrint sets only the document's /Lang."""

from functools import wraps

import pydyf
from weasyprint.pdf import tags

_build_box_tree = tags._build_box_tree  # WeasyPrint's tag tree builder: one structure element per box


@wraps(_build_box_tree)
def build_box_tree_with_languages(box, parent, pdf, *args):
    """Build the tag tree as WeasyPrint does, giving /Lang to elements whose language differs from the document's."""
    document = getattr(pdf.catalog.get("Lang"), "string", None)
    for element in _build_box_tree(box, parent, pdf, *args):
        node = getattr(box, "element", None)
        language = node.get("lang") if node is not None and box.element_tag not in ("html", "body") else None
        if language and language != document and "Lang" not in element:
            element["Lang"] = pydyf.String(language)
        yield element


def mark_languages() -> None:
    """Install the builder once (idempotent): screen readers then read English passages with an English voice."""
    if tags._build_box_tree is _build_box_tree:
        tags._build_box_tree = build_box_tree_with_languages
