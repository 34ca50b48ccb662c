"""Build each handout's tagged PDF once (WeasyPrint, pdf/ua-1) and keep the latest, least recently used out first."""

import hashlib
import threading
from collections import OrderedDict
from importlib.metadata import version as installed_version

import orjson

from api.i18n.negotiate import Negotiation
from api.render.handout import CSS, handout_html
from api.render.pages import PACKAGE
from api.render.paper import write_pdf
from api.render.representation import Representation
from api.render.store import Store
from api.store.builds import StoredBuilds

TEMPLATE_SOURCE = (PACKAGE / "templates" / "handout.html").read_text(encoding="utf-8")
BUILD_VERSION = hashlib.blake2b(
    (CSS + TEMPLATE_SOURCE + installed_version("weasyprint")).encode(), digest_size=8
).hexdigest()  # a change of template, styles or renderer gives every handout a new ETag


class Handouts:
    """Hold built handouts, at most maxsize, least recently used out first; key on what their bytes depend on."""

    def __init__(self, maxsize: int = 512):
        self.maxsize, self.built, self.lock = maxsize, OrderedDict(), threading.Lock()

    def get(self, store: Store, topic_id: str, version: int, negotiation: Negotiation, sections, paper: str,
            online_base: str, shared: StoredBuilds | None = None) -> Representation:  # fmt: skip
        """Return the handout, building it on first request: a publish changes only the keys of what it changed."""
        source = store.topic(topic_id, version, negotiation)
        body = orjson.loads(source.body)
        served = dict.fromkeys([body["locale"], *(s["locale"] for s in body["sections"])])
        revisions = {tag: c.revision[:12] for tag in served if (c := store.catalogs.get(tag)) is not None}
        key = (topic_id, version, sections, paper, online_base, source.etag, tuple(revisions.items()), BUILD_VERSION)
        with self.lock:
            if (found := self.built.get(key)) is not None:
                self.built.move_to_end(key)
                return found

        def build():
            full = {**body, "modified": source.modified}
            html, compact = (handout_html(full, sections, paper, online_base, revisions, store.messages, compact=c)
                             for c in (False, True))  # fmt: skip
            return {}, write_pdf(html, compact)

        etag = hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()
        pdf = (shared.get("handout-" + etag, build) if shared is not None else build())[1]  # once per fleet
        handout = Representation(pdf, etag, source.modified, source.content_language, "application/pdf")
        with self.lock:
            self.built[key] = handout
            while len(self.built) > self.maxsize:
                self.built.popitem(last=False)
        return handout
