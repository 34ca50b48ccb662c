"""Generate openapi.yaml from the marshmallow response schemas, with apispec."""

import yaml
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import fields

from api.http.problems import TITLES, TYPE_PREFIX
from api.openapi.components import HEADERS, PARAMETERS
from api.openapi.embed import CONTENT_SECURITY_POLICY, EMBED_ROUTES
from api.openapi.interop import CDS_PATHS, INTEROP_ROUTES
from api.openapi.locales import LOCALE_ROUTES
from api.openapi.reads import ROUTES, problems
from api.openapi.translators import TRANSLATOR_PATHS
from api.schemas import interop as interop_schemas
from api.schemas import locales as locale_schemas
from api.schemas import offline as offline_schemas
from api.schemas import responses as response_schemas
from api.schemas import translators as translator_schemas
from api.schemas.hooks import HookRequestSchema

DESCRIPTION = (
    "Patient-education pages as structured, versioned, localized JSON, and the catalogs translators publish "
    "them from. Every error is an RFC 9457 "
    "problem; problem types are tag URIs: " + ", ".join(TYPE_PREFIX + slug for slug in TITLES) + "."
)


SERVERS = [{"url": "http://127.0.0.1:8000", "description": "The service on its embedded defaults (BIND)"}]
PROBLEM_HEADERS = {
    "Cache-Control": {"description": "no-store: an error is never cached.", "schema": {"type": "string"}},
    "Vary": {
        "description": "Accept-Language when the title was localized by that header (no ?locale=).",
        "schema": {"type": "string"},
    },
}


def build_spec() -> dict:
    """Return the OpenAPI 3.1 document as a dict."""
    marshmallow = MarshmallowPlugin()
    spec = APISpec("Patient content API", "1.0.0", "3.1.0", plugins=[marshmallow], info={"description": DESCRIPTION})
    marshmallow.map_to_openapi_type(fields.Url, "string", "uri")  # "url" is no JSON Schema format
    for name in ("TopicList", "TopicResponse", "SectionResponse", "VersionList", "Problem", "Health"):
        spec.components.schema(name, schema=getattr(response_schemas, f"{name}Schema"))
    for name in ("LocaleList", "CatalogList", "TopicCompleteness"):
        spec.components.schema(name, schema=getattr(locale_schemas, f"{name}Schema"))
    for name in ("Bundle", "ChangeFeed"):
        spec.components.schema(name, schema=getattr(offline_schemas, f"{name}Schema"))
    for name in ("KnowledgeFeed", "CdsDiscovery", "Cards", "DocumentReference", "MedicalWebPage"):
        spec.components.schema(name, schema=getattr(interop_schemas, f"{name}Schema"))
    spec.components.schema("HookRequest", schema=HookRequestSchema)
    for name in ("DryRun", "Publication", "RevisionList", "RejectedProblem", "UnsupportedUploadProblem"):
        spec.components.schema(name, schema=getattr(translator_schemas, f"{name}Schema"))
    spec.components.security_scheme("translatorToken", {"type": "http", "scheme": "bearer"})
    for name, parameter in PARAMETERS.items():
        spec.components.parameter(name, parameter["in"], {k: v for k, v in parameter.items() if k != "in"})
    for name, header in {**HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY}.items():
        spec.components.header(name, header)
    for path, (operation_id, summary, parameters, responses, errors) in {
        **ROUTES,
        **LOCALE_ROUTES,
        **EMBED_ROUTES,
        **INTEROP_ROUTES,
    }.items():
        get = {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": {**responses, **problems(*(s for s in errors if s != 405))},  # GET and HEAD never get 405
        }
        head = {**get, "operationId": operation_id + "Head", "summary": summary + " (headers only)"}
        spec.path(path, operations={"get": get, "head": head})
    for path, operations in {**TRANSLATOR_PATHS, **CDS_PATHS}.items():
        spec.path(path, operations=operations)
    document = spec.to_dict()
    for operations in document["paths"].values():
        for method, operation in operations.items():
            operation.setdefault("security", [])  # say it outright: no credential needed
            declare_problem_headers(operation["responses"])
            if method == "head":
                operation["responses"] = without_bodies(operation["responses"])
    return {"openapi": document["openapi"], "info": document["info"], "servers": SERVERS,
            "paths": document["paths"], "components": document["components"]}  # fmt: skip


def without_bodies(responses: dict) -> dict:
    """Return a HEAD operation's responses: the GET's headers, no content (a HEAD answer has no body)."""
    return {status: {k: v for k, v in response.items() if k != "content"} for status, response in responses.items()}


def declare_problem_headers(responses: dict) -> None:
    """Declare the Cache-Control and Vary headers every problem+json response carries."""
    for response in responses.values():
        if any(media.startswith("application/problem+json") for media in response.get("content", {})):
            response["headers"] = {**PROBLEM_HEADERS, **response.get("headers", {})}


def render_spec() -> str:
    """Return openapi.yaml's text."""
    header = "# Generated by `flask --app api openapi write` from api/schemas/ and api/openapi/.\n"
    return header + yaml.dump(build_spec(), Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=100)


class PlainDumper(yaml.SafeDumper):
    """A YAML dumper that writes shared objects out in full instead of as &anchors."""

    def ignore_aliases(self, data):
        return True
