"""Check a live HTTP response against openapi.yaml: status, media type, body schema, headers."""

import gzip
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"


@cache
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def resolve(node: dict) -> dict:
    """Follow one local $ref."""
    if "$ref" not in node:
        return node
    target = spec()
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return target


def check_response(path_template: str, method: str, status: int, headers, body: bytes) -> None:
    """Raise AssertionError unless the response is one openapi.yaml documents."""
    operation = spec()["paths"][path_template][method.lower()]
    documented = operation["responses"].get(str(status))
    assert documented is not None, f"{method} {path_template}: status {status} is not documented"
    for name in ("ETag", "Content-Language", "Vary", "Content-Location", "Cache-Control", "Last-Modified",
                 "Content-Encoding", "Content-Security-Policy"):  # fmt: skip
        if name in headers and status < 400:
            assert name in documented.get("headers", {}), f"{method} {path_template} {status}: {name} undocumented"
    if status == 304 or method.upper() == "HEAD":
        assert body == b""
        return
    media_type = headers["Content-Type"].split(";")[0]
    content = documented.get("content", {})
    assert media_type in content, f"{method} {path_template} {status}: {media_type} undocumented"
    schema = {**content[media_type]["schema"], "components": spec()["components"]}
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    document = body.decode() if media_type.startswith("text/") else yaml.safe_load(body) if body else None
    Draft202012Validator(schema).validate(document)
