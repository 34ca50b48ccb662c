"""Compare one translated text with its English source: the parts a translation must keep, and what it must not add."""

import html
import re
from collections import Counter

PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]?\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[^{}\s]*\}")
TAG = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)[^>]*>")
URL = re.compile(r"https?://[^\s\"'<>»”)]+|www\.[^\s\"'<>»”)]+[A-Za-z0-9/]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
UNSAFE = re.compile(r"<\s*(script|iframe|object|embed|style)|javascript\s*:|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)
LATIN_WORD = re.compile(r"[A-Za-z]{3}")


def numbers(text: str) -> Counter:
    """Count the numbers in a text outside its URLs, in any script's digits."""
    return Counter(
        "".join(str(int(d)) if d.isdigit() else d for d in match) for match in NUMBER.findall(URL.sub(" ", text))
    )


def compare(english: str, translated: str, protected: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return (rule, message) for every way a translation breaks its source's fixed parts."""
    problems = []
    if Counter(PLACEHOLDER.findall(english)) != Counter(PLACEHOLDER.findall(translated)):
        problems.append(("placeholders", f"placeholders {PLACEHOLDER.findall(english)} must all stay, unchanged"))
    if Counter(t.lower() for t in TAG.findall(english)) != Counter(t.lower() for t in TAG.findall(translated)):
        problems.append(("markup", "tags must match the source's"))
    if Counter(URL.findall(english)) != Counter(URL.findall(translated)):
        problems.append(("urls", f"URLs must stay exactly {URL.findall(english)}"))
    if numbers(english) != numbers(translated):
        problems.append(("numbers", f"numbers {sorted(numbers(english).elements())} must stay the same"))
    for term in protected:
        if term.lower() in english.lower() and term.lower() not in translated.lower():
            problems.append(("protected-term", f"{term!r} must appear as written"))
    unsafe = UNSAFE.search(html.unescape(translated))
    if unsafe and not UNSAFE.search(html.unescape(english)):
        problems.append(("unsafe-html", f"HTML or script not in the source: {unsafe.group(0).strip()!r}"))
    return problems


def left_untranslated(english: str, translated: str, protected: tuple[str, ...]) -> bool:
    """Say whether a translation repeats English words that are not protected terms or URLs."""
    bare = english
    for term in protected:
        bare = re.sub(re.escape(term), "", bare, flags=re.IGNORECASE)
    return translated == english and bool(LATIN_WORD.search(URL.sub("", bare)))
