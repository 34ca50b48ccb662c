"""A hostile Spanish catalog: markup, script, handlers and URLs where translations belong."""

from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HOSTILE = {
    "muscle-spasms/concerning-signs/heading": "<script>window.canary = 1</script>Encabezado",
    "muscle-spasms/concerning-signs/neurological-disease": '<img src=x onerror="window.canary=1">Texto',
    "muscle-spasms/concerning-signs/movement-disorders/label": '<a href="javascript:window.canary=1">clic</a>',
    "muscle-spasms/concerning-signs/movement-disorders/dystonias/term": '<iframe src="https://evil.example"></iframe>',
    "muscle-spasms/concerning-signs/movement-disorders/dystonias/text": '<p style="top:0">x</p>" onclick="x',
    "muscle-spasms/definition/heading": '<svg onload="window.canary=1"></svg><style>*{display:none}</style>Def',
}


def write_hostile_catalog(translations: Path) -> None:
    """Put the hostile strings into the Spanish content catalog on disk (never uploaded, so never checked)."""
    path = translations / "es" / "LC_MESSAGES" / "content.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.context in HOSTILE:
            message.string = HOSTILE[message.context]
    with path.open("wb") as f:
        write_po(f, catalog, width=0)


class Elements(HTMLParser):
    """Collect every real element and its attributes, as a browser would parse them."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))
