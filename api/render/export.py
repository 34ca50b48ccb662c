"""Write the whole read API as static files (JSON and HTML fragments), one explicit URL per locale and version."""

import itertools
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from api.render.fragments import section_fragment, topic_fragment
from api.render.listings import after_topic
from api.render.offline import BUNDLE_PAGE, build_bundle
from api.render.service import Service


def static_files(service: Service):
    """Yield (static path, live URL, representation) for every representation of the read API."""
    store = service.store
    yield "v1/locales.json", "/v1/locales", store.locales
    for tag in store.catalogs:
        negotiation = service.negotiator.for_tag(tag)
        yield from topic_pages(store, negotiation, tag)
        yield from bundle_pages(service, negotiation, tag)
        for topic_id, versions in store.library.items():
            for topic in versions:
                base, query = f"v1/topics/{topic_id}/{topic.version}", f"?locale={tag}&version={topic.version}"
                url = f"/v1/topics/{topic_id}"
                yield f"{base}/{tag}.json", url + query, store.topic(topic_id, topic.version, negotiation)
                yield (f"{base}/{tag}.html", f"{url}/fragment{query}",
                       topic_fragment(store, topic_id, topic.version, negotiation))  # fmt: skip
                for section in topic.sections:
                    key = (topic_id, topic.version, section.id, negotiation)
                    at, section_url = f"{base}/sections/{section.id}/{tag}", f"{url}/sections/{section.id}"
                    yield f"{at}.json", section_url + query, store.section(*key)
                    yield f"{at}.html", f"{section_url}/fragment{query}", section_fragment(store, *key)
    for topic_id in store.library:
        yield f"v1/topics/{topic_id}/versions.json", f"/v1/topics/{topic_id}/versions", store.versions(topic_id)
        at = f"v1/topics/{topic_id}/completeness"
        yield f"{at}.json", "/" + at, store.topic_locales(topic_id)


def numbered(prefix: str, tag: str, number: int) -> str:
    """Return the static path of a list's page: <tag>.json, then <tag>.<n>.json (no topic id has a dot)."""
    return f"{prefix}/{tag}.json" if number == 1 else f"{prefix}/{tag}.{number}.json"


def topic_pages(store, negotiation, tag: str):
    """Yield (static path, live URL, representation) of every page of the topic list in one locale."""
    url, (representation, following) = f"/v1/topics?locale={tag}", store.topic_page(negotiation, None, None)
    for number in itertools.count(1):
        yield numbered("v1/topics", tag, number), url, representation
        if following is None:
            return
        query = parse_qs(urlsplit(following).query)
        url = following
        representation, following = store.topic_page(negotiation, after_topic(query["cursor"][0]),
                                                     int(query["limit"][0]))  # fmt: skip


def bundle_pages(service: Service, negotiation, tag: str):
    """Yield (static path, live URL, representation) of every page of a locale's bundle, following its next links."""
    url, page, limit = f"/v1/bundles/{tag}", None, BUNDLE_PAGE
    for number in itertools.count(1):
        representation = build_bundle(service.store, service.negotiator, negotiation, None, page, limit)
        yield numbered("v1/bundles", tag, number), url, representation
        url = json.loads(representation.body)["next"]
        if url is None:
            return
        query = parse_qs(urlsplit(url).query)
        page, limit = query["page"][0], int(query["limit"][0])


def export_static(service: Service, target: Path) -> int:
    """Write every representation (and a .gz beside each bundle) plus manifest.json; return the count."""
    manifest = {}
    for path, url, representation in static_files(service):
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(representation.body)
        if path.startswith("v1/bundles/"):  # every page of every bundle
            out.with_name(out.name + ".gz").write_bytes(representation.gzipped.body)
        manifest["/" + path] = {"url": url, "etag": representation.etag}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return len(manifest)
