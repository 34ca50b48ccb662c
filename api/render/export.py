"""Write the whole read API as static files (JSON and HTML fragments), one explicit URL per locale and version."""

import json
from pathlib import Path

from api.render.fragments import section_fragment, topic_fragment
from api.render.offline import build_bundle
from api.render.service import Service


def static_files(service: Service):
    """Yield (static path, live URL, representation) for every representation of the read API."""
    store = service.store
    yield "v1/locales.json", "/v1/locales", store.locales
    for tag in store.catalogs:
        negotiation = service.negotiator.for_tag(tag)
        yield f"v1/topics/{tag}.json", f"/v1/topics?locale={tag}", store.topic_list(negotiation)
        yield f"v1/bundles/{tag}.json", f"/v1/bundles/{tag}", build_bundle(store, service.negotiator, negotiation)
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


def export_static(service: Service, target: Path) -> int:
    """Write every representation (and a .gz beside each bundle) plus manifest.json; return the count."""
    manifest = {}
    for path, url, representation in static_files(service):
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(representation.body)
        if path.startswith("v1/bundles/"):
            out.with_name(out.name + ".gz").write_bytes(representation.gzipped.body)
        manifest["/" + path] = {"url": url, "etag": representation.etag}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return len(manifest)
