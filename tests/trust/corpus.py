"""The hostile corpus: every operation and parameter in openapi.yaml, crossed with hostile values."""

from pathlib import Path
from urllib.parse import quote

import yaml

from tests.trust.wire import Case

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi.yaml").read_text())
VALID = {"topic_id": b"muscle-spasms", "section_id": b"concerning-signs", "locale": b"es",
         "bundle_locale": b"es", "revision": b"0123456789abcdef"}  # fmt: skip
MARKUP = b"<script>alert(1)</script>"
# Values as they go on the wire in a path segment or a query value (percent-encoded, or raw where noted).
URL_VALUES = {
    "huge": b"a" * 5000,
    "unicode": quote("ünï😀\u202egnp.exe\u200b").encode(),
    "nul": b"%00",
    "control": b"%01%1b%7f",
    "traversal": b"..%2f..%2f..%2fetc%2fpasswd",
    "double-encoded": b"%252e%252e%252fetc%252fpasswd",
    "dotdot": b"..",
    "backslash": b"..%5c..%5cwin.ini",
    "crlf": b"es%0d%0aX-Injected:%20yes",
    "invalid-utf8": b"%ff%fe%c0%af",
    "raw-invalid-utf8": b"\xff\xfe",
    "markup": quote(MARKUP).encode(),
    "template": quote("{{7*7}}${jndi:ldap://x}").encode(),
    "format": b"%25s%25n%25x",
    "odd-tag": b"de-x-" + b"-".join([b"abcdefgh"] * 8),
    "empty": b"",
}
TYPED_VALUES = {  # extras by parameter, on top of URL_VALUES
    "locale": [b"*", b"es;q=2", b"i-klingon", b"und", b"ES_mx", b"es--mx", b"-es", b"a" * 65, b"x-" * 30],
    "version": [b"-1", b"0", b"9" * 40, b"1e3", b"0x10", b"%D9%A1", b"1.0", b"+1", b"%201"],
    "limit": [b"-1", b"0", b"5001", b"9" * 40, b"1.5"],
    "rev": [b"0" * 32, b"G" * 32, b"a" * 31, b"A" * 32],
    "since": [b"0", b"-1", b"AAAA", b"%3D%3D%3D", b"v0.garbage"],
    "v": [b"0" * 64, b"%22x%22"],
}
HEAD_SAMPLE = {"huge", "markup", "invalid-utf8", "latin1", "crlf"}  # HEAD answers like GET: a sample suffices
HEADER_VALUES = {
    "huge": b"x" * 7000,
    "unicode": "ésü😀".encode(),
    "latin1": b"\xe9s",
    "control": b"es\x01\x7f",
    "markup": MARKUP,
    "garbage-etag": b'W/"' + b"a" * 4000,
    "unterminated": b'"unterminated',
    "star": b"*",
    "many": b", ".join(b'"%d"' % i for i in range(500)),
    "qvalues": b"es;q=NaN, fr;q=-1, de;q=1e999, *;q=0",
    "commas": b",,,;;;===,q=0.5",
}


def resolve(parameter: dict) -> dict:
    """Return a parameter, following its $ref into components."""
    ref = parameter.get("$ref")
    return SPEC["components"]["parameters"][ref.rsplit("/", 1)[1]] if ref else parameter


def operations():
    """Yield (path template, METHOD, parameters) for every operation in the spec."""
    for template, item in SPEC["paths"].items():
        for method, operation in item.items():
            yield template, method.upper(), [resolve(p) for p in operation.get("parameters", [])]


def fill(template: str, values: dict) -> bytes:
    """Return the path with every {parameter} replaced by a value (valid unless given)."""
    path = template.encode()
    for name, valid in VALID.items():
        path = path.replace(b"{%s}" % name.encode(), values.get(name, valid))
    return path


def parameter_cases(template, method, parameters):
    """Yield one case per hostile value of every path, query and header parameter of an operation."""
    verb = method.encode()
    body = b"not a catalog" if method in ("PUT", "POST") else b""
    for p in parameters:
        name, where = p["name"], p["in"]
        if where in ("path", "query"):
            values = {**URL_VALUES, **{f"typed{i}": v for i, v in enumerate(TYPED_VALUES.get(name, []))}}
            for label, value in values.items():
                if method == "HEAD" and label not in HEAD_SAMPLE:
                    continue
                target = fill(template, {name: value}) if where == "path" else fill(template, {}) + b"?" + \
                    name.encode() + b"=" + value  # fmt: skip
                if where == "path" and not value:
                    continue
                yield Case(f"{method} {template} {where}:{name}={label}", verb, target, body=body,
                           hostile=MARKUP if label == "markup" else b"")  # fmt: skip
        elif where == "header":
            for label, value in HEADER_VALUES.items():
                if method == "HEAD" and label not in HEAD_SAMPLE:
                    continue
                yield Case(f"{method} {template} header:{name}={label}", verb, fill(template, {}),
                           [(name.encode(), value)], body, MARKUP if label == "markup" else b"")  # fmt: skip


def route_cases(template, method):
    """Yield the cases every route gets: odd methods, framing, oversized and repeated headers."""
    path, verb = fill(template, {}), method.encode()
    if method != "GET":
        return
    for odd in (b"TRACE", b"PROPFIND", b"DELETE", b"PATCH", b"FOO"):
        yield Case(f"{odd.decode()} {template}", odd, path)
    yield Case(f"{method} {template} oversized-header", verb, path, [(b"X-Big", b"b" * 9000)], wire_only=True)
    yield Case(f"{method} {template} 150-headers", verb, path, [(b"X-%d" % i, b"v") for i in range(150)],
               wire_only=True)  # fmt: skip
    yield Case(f"{method} {template} long-request-line", verb, path + b"?pad=" + b"p" * 9000, wire_only=True)
    yield Case(f"{method} {template} absolute-form", verb, b"http://evil.example" + path, wire_only=True)
    yield Case(f"{method} {template} duplicated-slashes", verb, b"/" + path.replace(b"/", b"//"),
               [(b"Host", b"evil.example")], wire_only=True)


def all_cases() -> list[Case]:
    """Return the whole corpus: every operation's parameters, every route's framing, every write."""
    from tests.trust.writes import write_cases

    cases = []
    for template, method, parameters in operations():
        cases += parameter_cases(template, method, parameters)
        cases += route_cases(template, method)
    return cases + list(write_cases())
