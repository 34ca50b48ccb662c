"""The read requests of the mixed load: every GET route in openapi.yaml, the nine locales, asked two ways."""

from dataclasses import dataclass

import requests

from tests.trust.corpus import SPEC, fill, operations

LOCALES = ["en", "es", "fr", "pt-BR", "zh-Hans", "zh-Hant", "vi", "ko", "ar"]
VARIANTS = {"en": "en-GB", "es": "es-MX", "fr": "fr-CA", "pt-BR": "pt", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW",
            "vi": "vi-VN", "ko": "ko-KR", "ar": "ar-EG"}  # fmt: skip


@dataclass(frozen=True)
class Read:
    url: str
    headers: tuple
    wanted: str  # the locale the request asks for, after aliases and lookup
    revalidates: bool  # the spec gives the route a 304

    def get(self, session: requests.Session, base: str, etag: str | None = None) -> requests.Response:
        """Send it, conditionally when given an ETag."""
        headers = dict(self.headers) | ({"If-None-Match": etag} if etag else {})
        return session.get(base + self.url, headers=headers, timeout=30)


def read_requests() -> list[Read]:
    """Return each GET route once per locale: by ?locale= where it takes one, and by Accept-Language."""
    reads = []
    for template, method, parameters in operations():
        if method != "GET" or template.endswith("/handout.pdf"):
            continue  # a handout is built on a worker's first request for it (1-2 s, WeasyPrint): bench/README.md
        revalidates = "304" in SPEC["paths"][template]["get"]["responses"]
        names = {p["name"] for p in parameters}
        required = "&".join(f"{p['name']}={p['schema']['examples'][0]}" for p in parameters
                            if p.get("required") and p["in"] == "query")  # the spec's example for each  # fmt: skip
        for locale in LOCALES:
            path = fill(template, {"bundle_locale": locale.encode(), "locale": locale.encode()}).decode()
            path += f"?{required}" if required else ""
            if "{locale}" in template and locale == "en":
                continue  # there is no English catalog
            reads.append(Read(path, (("Accept-Language", f"{VARIANTS[locale]},en;q=0.5"),), locale, revalidates))
            if "locale" in names:
                joiner = "&" if required else "?"
                reads.append(Read(f"{path}{joiner}locale={VARIANTS[locale]}", (), locale, revalidates))
    return reads


def served_locale(response: requests.Response) -> str | None:
    """Return the first locale in Content-Language (the topic's), or None."""
    header = response.headers.get("Content-Language")
    return header.split(",")[0].strip() if header else None
