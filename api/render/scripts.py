"""Make text read right in every script: isolate left-to-right runs in right-to-left text, keep Korean words whole."""

import re
from html import escape, unescape

from markupsafe import Markup

LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate, pop directional isolate (UAX #9)
WORD_JOINER, BREAK = "\u2060", "\u200b"  # no line break here; a line break may go here (UAX #14)
_LATIN = r"A-Za-z0-9\u00c0-\u024f"
_TOKEN = rf"[{_LATIN}][{_LATIN}.,:;/?&=_%#@+~'’\-]*"
# A left-to-right run: Latin words, numbers, codes and URLs, with the single spaces between them.
LTR_RUN = re.compile(rf"{_TOKEN}(?: {_TOKEN})*")
TRAILING = ".,:;?!"  # sentence punctuation after a run belongs to the surrounding right-to-left sentence
HANGUL_PAIR = re.compile(r"(?<=[\uac00-\ud7a3])(?=[\uac00-\ud7a3])")
TEXT_NODE = re.compile(r">([^<]+)<")
LINK = re.compile(r'(<a href="([^"]+)"[^>]*>.*?</a>)', re.S)


def ltr_runs(text: str) -> list[tuple[str, bool]]:
    """Split text into (part, is_ltr_run) pairs, a run's trailing sentence punctuation left outside it."""
    parts, start = [], 0
    for found in LTR_RUN.finditer(text):
        run = found.group().rstrip(TRAILING) if not found.group().endswith("://") else found.group()
        if not run:
            continue
        parts += [(text[start : found.start()], False), (run, True)]
        start = found.start() + len(run)
    parts.append((text[start:], False))
    return [(part, ltr) for part, ltr in parts if part]


def isolate_with_controls(text: str) -> str:
    """Return text with each left-to-right run between LRI and PDI (for renderers without unicode-bidi: isolate)."""
    return "".join(f"{LRI}{part}{PDI}" if ltr else part for part, ltr in ltr_runs(text))


def isolated_html(text: str, direction: str) -> str:
    """Return text escaped for HTML; in right-to-left text each left-to-right run is a <bdi>."""
    if direction != "rtl":
        return escape(text)
    return "".join(f"<bdi>{escape(part)}</bdi>" if ltr else escape(part) for part, ltr in ltr_runs(text))


def keep_korean_words(text: str) -> str:
    """Return text with a word joiner between Hangul syllables: a line breaks at spaces only (word-break: keep-all)."""
    return HANGUL_PAIR.sub(WORD_JOINER, text)


def printable_url(url: str) -> str:
    """Return a URL that breaks only at its own separators: after a path's '/', before '?' and '&'; never inside
    its scheme, host or a hyphenated word."""
    scheme, _, rest = url.rpartition("://")
    host, slash, path = rest.partition("/")
    joined = "-" + WORD_JOINER
    path = path.replace("-", joined).replace("/", "/" + BREAK)
    for separator in "?&#":
        path = path.replace(separator, BREAK + separator + WORD_JOINER)
    return (f"{scheme}://" if scheme else "") + host.replace("-", joined) + slash + (BREAK if path else "") + path


def print_ready(html: str, direction: str) -> str:
    """Return a page's body markup with its text isolated (right-to-left) and Korean words kept whole."""

    def text(found: re.Match) -> str:
        value = unescape(found.group(1))
        if direction == "rtl" and LRI not in value:
            value = isolate_with_controls(value)
        return ">" + escape(keep_korean_words(value), quote=False) + "<"

    return TEXT_NODE.sub(text, html)


def url_html(url: str, before: str = "", after: str = "") -> Markup:
    """Return a printed URL: English, left to right and isolated, breaking only at its own separators."""
    text = escape(before + printable_url(url) + after, quote=False)
    return Markup(f'<span class="url" lang="en" dir="ltr">{LRI}{text}{PDI}</span>')


def with_printed_urls(html: str) -> str:
    """Return section markup with each link's URL printed after it, since paper cannot be clicked."""
    return LINK.sub(lambda found: f"{found.group(1)} {url_html(unescape(found.group(2)), '(', ')')}", html)
