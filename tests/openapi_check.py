"""Validate live HTTP responses against openapi.yaml with openapi-core, HEAD and problems included."""

import json
from functools import cache

import requests
import yaml
from jsonschema_path import SchemaPath
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

from tests.contract import SPEC_PATH

API_BASES: set[str] = set()  # the gunicorns tests start (start_gunicorn adds each), not static or other servers


def text(raw: bytes, **parameters) -> str:
    """Decode a text body; openapi-core passes the media type's parameters (charset=...) as keywords."""
    return raw.decode(parameters.get("charset", "utf-8"))


def binary(raw: bytes, **parameters) -> str:
    """Return a binary body as a string of its bytes, for a `type: string` schema."""
    return raw.decode("latin-1")


def json_body(raw: bytes, **parameters):
    """Parse a JSON body of a +json media type."""
    return json.loads(raw)


MEDIA_TYPES = {  # what openapi-core does not deserialize by itself
    "application/problem+json": json_body,
    "text/x-gettext-translation": text,
    "text/javascript": text,
    "text/html": text,
    "application/fhir+json": json_body,
    "application/ld+json": json_body,
    "application/pdf": binary,
    "text/xml": text,
    "application/atom+xml": text,
}
# gunicorn answers these itself, before the app, with its own page (SECURITY.md): the contract does not describe them.
GUNICORN_OWN = {400, 414, 431}


@cache
def openapi() -> OpenAPI:
    """Return openapi.yaml for openapi-core, its server made relative so that any test port matches."""
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    document["servers"] = [{"url": "/"}]
    return OpenAPI(SchemaPath.from_dict(document), config=Config(extra_media_type_deserializers=MEDIA_TYPES))


def check_live_response(response: requests.Response) -> None:
    """Raise unless openapi.yaml documents this response (status, headers, media type, body).

    A method or path the contract does not declare (a deliberate 405 or an unknown route) has
    nothing to be checked against, and is skipped.
    """
    if response.status_code in GUNICORN_OWN and "problem+json" not in response.headers.get("Content-Type", ""):
        return
    request = RequestsOpenAPIRequest(response.request)
    try:
        openapi().validate_response(request, RequestsOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound):
        return


def validating_send(send):
    """Wrap requests.Session.send so that every answer of a test's gunicorn is checked against the contract."""

    def checked(session, prepared, **kwargs):
        response = send(session, prepared, **kwargs)
        if prepared.url.split("/", 3)[:3] in [base.split("/") for base in API_BASES] and not kwargs.get("stream"):
            check_live_response(response)
        return response

    return checked
