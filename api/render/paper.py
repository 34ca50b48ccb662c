"""Lay a handout out on paper as a tagged PDF, shrinking the layout when its closing block would need a sheet."""

OPTIONS = {"pdf_variant": "pdf/ua-1"}
ROOM = 0.45  # the closing block starts in the top 45% of the last sheet: that sheet is mostly the block


def closing_block_top(document) -> float | None:
    """Return where the attribution and QR block starts on the last sheet, as a fraction of the sheet's height."""
    page = document.pages[-1]
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and "about" in (element.get("class") or "").split():
            return box.position_y / page.height
    return None


def write_pdf(html: str, compact_html: str) -> bytes:
    """Return the PDF of html; of compact_html instead when the closing block would start the last sheet and the
    smaller layout needs fewer sheets (the block joins the last section rather than take a sheet of its own)."""
    # Here, not at start-up: a server without pango still serves everything but handouts, and a worker that never
    # builds one never loads WeasyPrint (a second of start-up, and its memory).
    import weasyprint

    from api.render.pdf_tags import finish_tagging

    finish_tagging()
    document = weasyprint.HTML(string=html).render(**OPTIONS)
    top = closing_block_top(document)
    if len(document.pages) > 1 and top is not None and top < ROOM:
        smaller = weasyprint.HTML(string=compact_html).render(**OPTIONS)
        if len(smaller.pages) < len(document.pages):
            document = smaller
    return document.write_pdf(**OPTIONS)
