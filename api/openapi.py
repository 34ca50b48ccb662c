"""Generate openapi.yaml from the marshmallow response schemas, with apispec."""

import yaml
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from api import offline_payloads, payloads, translator_payloads
from api.http.problems import TITLES, TYPE_PREFIX
from api.openapi_components import HEADERS, PARAMETERS
from api.openapi_translators import TRANSLATOR_PATHS

PROBLEM = {"content": {"application/problem+json": {"schema": "Problem"}}}


def ok(schema: str, description: str, headers=("ETag", "Cache-Control", "Last-Modified")) -> dict:
    """Return the 200 and 304 responses of a read route."""
    refs = {name: {"$ref": f"#/components/headers/{name}"} for name in headers}
    return {
        "200": {"description": description, "headers": refs, "content": {"application/json": {"schema": schema}}},
        "304": {"description": "Not Modified: the If-None-Match tag matches.", "headers": refs},
    }


def html_ok(description: str, headers) -> dict:
    """Return the 200 and 304 responses of an HTML fragment route."""
    responses = ok("TopicResponse", description, headers)
    responses["200"]["content"] = {"text/html": {"schema": {"type": "string"}}}
    return responses


def problems(*statuses: int) -> dict:
    """Return the problem responses a route can give."""
    reasons = {400: "Malformed parameter.", 404: "Unknown topic, section, version or route.", 405: "Wrong method."}
    return {str(s): {"description": reasons[s], **PROBLEM} for s in statuses}


def probe(description: str) -> dict:
    """Return a health probe's response."""
    return {
        "description": description,
        "headers": {"Cache-Control": {"$ref": "#/components/headers/Cache-Control"}},
        "content": {"application/json": {"schema": "Health"}},
    }


BUNDLE_HEADERS = ("ETag", "Cache-Control", "Last-Modified", "Content-Language", "Vary", "Content-Encoding")
LOCALIZED = ("ETag", "Cache-Control", "Last-Modified", "Content-Language", "Vary", "Content-Location")
ROUTES = {
    "/v1/topics": (
        "listTopics",
        "List topics",
        ["locale", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        ok("TopicList", "Every topic, with localized title.", LOCALIZED),
        (400, 405),
    ),
    "/v1/topics/{topic_id}": (
        "getTopic",
        "A topic with all its sections",
        ["topic", "locale", "version", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        ok("TopicResponse", "The topic; each section carries its own locale.", LOCALIZED),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/sections/{section_id}": (
        "getSection",
        "One section, whole, in one locale",
        ["topic", "section", "locale", "version", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        ok("SectionResponse", "The section; fallback says why it is not in the wanted locale.", LOCALIZED),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/fragment": (
        "getTopicFragment",
        "A topic as a sanitized HTML fragment (an explicit route, so caches key on the URL)",
        ["topic", "locale", "version", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        html_ok("An <article> with lang, dir and data-locale / data-fallback-* attributes.", LOCALIZED),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/sections/{section_id}/fragment": (
        "getSectionFragment",
        "One section as a sanitized HTML fragment, with its attribution line",
        ["topic", "section", "locale", "version", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        html_ok("A <section> with lang, dir and data-locale / data-fallback-* attributes.", LOCALIZED),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/versions": (
        "listVersions",
        "A topic's published versions",
        ["topic", "IfNoneMatch", "IfModifiedSince"],
        ok("VersionList", "Every published version, oldest first."),
        (404, 405),
    ),
    "/v1/locales": (
        "listLocales",
        "Supported locales",
        ["IfNoneMatch", "IfModifiedSince"],
        ok("LocaleList", "Names, direction, review status and completeness per topic."),
        (405,),
    ),
    "/v1/bundles/{bundle_locale}": (
        "getBundle",
        "Everything an app needs for one locale: every topic's latest version and the locale",
        ["bundleLocale", "AcceptEncoding", "IfNoneMatch", "IfModifiedSince"],
        ok("Bundle", "The bundle, gzip-compressed when Accept-Encoding allows.", BUNDLE_HEADERS),
        (400, 405),
    ),
    "/v1/changes": (
        "listChanges",
        "What changed since a cursor: (topic, locale, version, catalog revision), oldest first",
        ["since", "limit"],
        {
            "200": {
                "description": "A page of changes and the cursor to send next.",
                "headers": {"Cache-Control": {"$ref": "#/components/headers/Cache-Control"}},
                "content": {"application/json": {"schema": "ChangeFeed"}},
            }
        },
        (400, 405),
    ),
    "/healthz": ("healthz", "Liveness", [], {"200": probe("Up.")}, (405,)),
    "/readyz": (
        "readyz",
        "Readiness",
        [],
        {"200": probe("Content loaded and built."), "503": probe("Loading.")},
        (405,),
    ),
}
DESCRIPTION = (
    "Patient-education pages as structured, versioned, localized JSON, and the catalogs translators publish "
    "them from. Every error is an RFC 9457 "
    "problem; problem types are tag URIs: " + ", ".join(TYPE_PREFIX + slug for slug in TITLES) + "."
)


def build_spec() -> dict:
    """Return the OpenAPI 3.1 document as a dict."""
    spec = APISpec(
        "Patient content API", "1.0.0", "3.1.0", plugins=[MarshmallowPlugin()], info={"description": DESCRIPTION}
    )
    for name in ("TopicList", "TopicResponse", "SectionResponse", "VersionList", "LocaleList", "Problem", "Health"):
        spec.components.schema(name, schema=getattr(payloads, f"{name}Schema"))
    for name in ("Bundle", "ChangeFeed"):
        spec.components.schema(name, schema=getattr(offline_payloads, f"{name}Schema"))
    for name in ("CatalogList", "DryRun", "Publication", "RevisionList", "RejectedProblem"):
        spec.components.schema(name, schema=getattr(translator_payloads, f"{name}Schema"))
    spec.components.security_scheme("translatorToken", {"type": "http", "scheme": "bearer"})
    for name, parameter in PARAMETERS.items():
        spec.components.parameter(name, parameter["in"], {k: v for k, v in parameter.items() if k != "in"})
    for name, header in HEADERS.items():
        spec.components.header(name, header)
    for path, (operation_id, summary, parameters, responses, errors) in ROUTES.items():
        get = {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": {**responses, **problems(*errors)},
        }
        head = {**get, "operationId": operation_id + "Head", "summary": summary + " (headers only)"}
        spec.path(path, operations={"get": get, "head": head})
    for path, operations in TRANSLATOR_PATHS.items():
        spec.path(path, operations=operations)
    document = spec.to_dict()
    return {key: document[key] for key in ("openapi", "info", "paths", "components")}


def render_spec() -> str:
    """Return openapi.yaml's text."""
    header = "# Generated by `flask --app api openapi write` from api/payloads.py and api/openapi.py.\n"
    return header + yaml.dump(build_spec(), Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=100)


class PlainDumper(yaml.SafeDumper):
    """A YAML dumper that writes shared objects out in full instead of as &anchors."""

    def ignore_aliases(self, data):
        return True
