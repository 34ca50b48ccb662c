"""A raw HTTP/1.1 client (any bytes on the wire) and the checks every hostile answer must pass."""

import gzip
import json
import socket
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
LEAKS = ("Traceback", 'File "', "site-packages", "/work/", str(ROOT), "/usr/lib/python", "werkzeug.", "gunicorn/")


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str, default: str = "") -> str:
        """Return the first header of that name, or default."""
        return next((v for k, v in self.headers if k == name.lower()), default)


@dataclass
class Case:
    id: str
    method: bytes
    target: bytes
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    hostile: bytes = b""  # the raw value, to look for echoes of
    expect: frozenset = frozenset()  # the target statuses, when the issue names them
    wire_only: bool = False  # framing the test client cannot express (gunicorn answers it)
    defect: str = ""  # "branch: why", when a branch in flight fixes what this case catches


def send(base: str, case: Case, timeout: float = 15) -> Reply:
    """Send a case's exact bytes on a new connection and read the whole answer."""
    address = urlsplit(base)
    names = {name.lower() for name, _ in case.headers}
    head = [case.method + b" " + case.target + b" HTTP/1.1"]
    head += [] if b"host" in names else [b"Host: " + address.netloc.encode()]
    head += [name + b": " + value for name, value in case.headers]
    if (case.body or case.method in (b"PUT", b"POST")) and b"content-length" not in names | {b"transfer-encoding"}:
        head.append(b"Content-Length: %d" % len(case.body))
    head.append(b"Connection: close")
    with socket.create_connection((address.hostname, address.port), timeout=timeout) as sock:
        sock.sendall(b"\r\n".join(head) + b"\r\n\r\n" + case.body)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return parse_reply(b"".join(chunks), head_only=case.method == b"HEAD")


def parse_reply(raw: bytes, head_only: bool = False) -> Reply:
    """Split a raw HTTP/1.1 answer into status, headers and body."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = [(k.strip().lower(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:])]
    return Reply(status, headers, b"" if head_only else body)


def is_gunicorn_page(reply: Reply) -> bool:
    """Say whether gunicorn itself rejected the request (its pages have no Server header)."""
    return not reply.header("server") and reply.header("content-type") == "text/html"


def check_reply(case: Case, reply: Reply, base: str) -> None:
    """Assert what every answer to a hostile request must be."""
    assert reply.status < 500, f"{case.id}: {reply.status} {reply.body[:300]!r}"
    if reply.header("content-encoding") == "gzip" and reply.body:  # Accept-Encoding: * accepts gzip (RFC 9110 12.5.3)
        reply = replace(reply, body=gzip.decompress(reply.body))
    if case.expect:
        assert reply.status in case.expect, f"{case.id}: {reply.status}, wanted {sorted(case.expect)}"
    text = reply.body.decode("latin-1") + "\n".join(f"{k}: {v}" for k, v in reply.headers)
    for leak in LEAKS:
        assert leak not in text, f"{case.id}: the answer shows {leak!r}"
    assert all(k != "x-injected" and "\r" not in v and "\n" not in v for k, v in reply.headers), case.id
    location = reply.header("location")
    assert not location or location.startswith("/") or location.startswith(base), f"{case.id}: Location {location}"
    content_type = reply.header("content-type")
    if is_gunicorn_page(reply):  # rejected before the app saw it: gunicorn's own escaped HTML page
        assert reply.status in (400, 414, 431), f"{case.id}: gunicorn answered {reply.status}"
    elif reply.status >= 400:
        assert content_type == "application/problem+json", f"{case.id}: {reply.status} is {content_type!r}"
        assert reply.header("x-content-type-options") == "nosniff", case.id
    if reply.body and "json" in content_type:
        body = json.loads(reply.body)  # an echo inside JSON is a JSON string, escaped
        if reply.status >= 400:
            assert body["status"] == reply.status and body["type"] and body["title"], case.id
    elif case.hostile and b"<" in case.hostile:
        assert case.hostile not in reply.body, f"{case.id}: the markup comes back unescaped"
    if case.hostile and b"<" in case.hostile:
        assert case.hostile.decode("latin-1") not in str(reply.headers), f"{case.id}: markup echoed in a header"
