"""Everything built once, before any request: representations, fragments, pages, the widget, bundles, export."""
