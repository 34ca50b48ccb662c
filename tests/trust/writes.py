"""Hostile writes: tokens, content types, bodies and preconditions on the translators' routes."""

import gzip
from pathlib import Path

from tests.test_translators import NEW, OLD
from tests.tokens import OTHER, SECRET
from tests.trust.corpus import HEADER_VALUES, MARKUP, URL_VALUES
from tests.trust.wire import Case

ROOT = Path(__file__).resolve().parents[2]
PUT, CHECKS = b"/v1/catalogs/es", b"/v1/catalogs/es/checks"
RESTORE = b"/v1/catalogs/es/revisions/%s/restore"
PO_TYPE = (b"Content-Type", b"text/x-gettext-translation")
STALE = (b"If-Match", b'"0000000000000000"')  # never the current revision: nothing can publish
AUTH = (b"Authorization", b"Bearer " + SECRET.encode())
HEADER = (b'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          b'"Plural-Forms: nplurals=%d; plural=(n != 1);\\n"\n\n')  # fmt: skip
PLURAL_ENTRY = b'msgid "a%d"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\n\n'


def spanish_upload() -> bytes:
    """Return a valid Spanish catalog that differs from the published one."""
    raw = (ROOT / "translations" / "es" / "LC_MESSAGES" / "content.po").read_bytes()
    return raw.replace(OLD.encode(), NEW.encode())


def token_cases():
    """Yield bad credentials on every write route."""
    tokens = {"none": None, "empty-bearer": b"Bearer", "huge": b"Bearer " + b"x" * 5000, "basic": b"Basic ZXM6eA==",
              "invalid-utf8": b"Bearer \xff\xfe", "near-miss": b"Bearer " + SECRET.encode() + b"x",
              "other-locale": b"bearer  " + OTHER.encode(), "markup": b"Bearer " + MARKUP,
              "control": b"Bearer " + SECRET.encode() + b"\x01"}  # fmt: skip
    for label, value in tokens.items():
        for method, target in ((b"PUT", PUT), (b"POST", RESTORE % b"0123456789abcdef")):
            headers = [PO_TYPE, STALE] + ([(b"Authorization", value)] if value else [])
            expect = {401, 403} | ({400} if label == "control" else set())  # gunicorn refuses control bytes
            yield Case(f"{method.decode()} {target.decode()} token={label}", method, target, headers,
                       spanish_upload(), MARKUP if label == "markup" else b"", frozenset(expect))  # fmt: skip


def precondition_cases():
    """Yield garbage If-Match values on a valid, authorized upload: 412, and nothing published."""
    for label, value in HEADER_VALUES.items():
        if label != "star":
            yield Case(
                f"PUT {PUT.decode()} If-Match={label}",
                b"PUT",
                PUT,
                [PO_TYPE, AUTH, (b"If-Match", value)],
                spanish_upload(),
                expect=frozenset({412} | ({400} if label == "control" else set())),
            )
    for label, value in URL_VALUES.items():
        if value:
            yield Case(f"POST restore revision={label}", b"POST", RESTORE % value, [AUTH, STALE])


def content_type_cases():
    """Yield a valid catalog under other content types: a 415 on both routes that read uploads."""
    for media in (b"application/x-www-form-urlencoded", b"multipart/form-data; boundary=x", b"application/json",
                  b"text/plain", b"text/html", b"image/png", b"\xff\xfe/\x00"):  # fmt: skip
        expect = frozenset({415} | ({400} if b"\x00" in media else set()))  # gunicorn itself refuses a NUL: 400
        for target in (PUT, CHECKS):
            yield Case(f"{target.decode()} Content-Type={media[:24]!r}", b"PUT" if target == PUT else b"POST",
                       target, [(b"Content-Type", media), AUTH, STALE], spanish_upload(), expect=expect)  # fmt: skip


def body_cases():
    """Yield odd bodies on both routes that read uploads."""
    bodies = {
        "empty": (b"", None, ""),
        "nuls": (b"\x00" * 4096, None, ""),
        "invalid-utf8": (b'msgid ""\nmsgstr "\xff\xfe\xc0\xaf"\n', None, ""),
        "bom": (b"\xef\xbb\xbf" + spanish_upload(), None, ""),
        "markup": (b'msgid ""\nmsgstr "' + MARKUP + b'"\n', None, ""),
        "too-large": (b"#" * (3 * 1024 * 1024), frozenset({412, 413}), ""),  # PUT: the stale If-Match comes first
        "many-headers": (b'msgid ""\nmsgstr ""\n' + b'"X: y\\n"\n' * 20000, None, ""),
        "plural-entry": (HEADER % 2 + PLURAL_ENTRY % 1, frozenset({200, 412, 422}), ""),
        "huge-nplurals": (
            HEADER % 1000000 + b"".join(PLURAL_ENTRY % i for i in range(3)),
            frozenset({412, 413, 422}),
            "",
        ),
        "gzip-bomb-declared": (gzip.compress(b"\x00" * 1000), None, ""),
    }
    for label, (body, expect, defect) in bodies.items():
        for target in (PUT, CHECKS):
            method = b"PUT" if target == PUT else b"POST"
            if expect and target == CHECKS:
                expect = (expect - {412}) | ({200} if label == "plural-entry" else set())
            yield Case(f"{method.decode()} {target.decode()} body={label}", method, target, [PO_TYPE, AUTH, STALE],
                       body, MARKUP if label == "markup" else b"", frozenset(expect or ()),
                       defect=defect if target == CHECKS else "")  # a PUT: its stale If-Match first, 412  # fmt: skip
    framing = {"negative-length": [(b"Content-Length", b"-1")], "text-length": [(b"Content-Length", b"abc")],
               "declared-huge": [(b"Content-Length", b"999999999")],
               "bad-chunks": [(b"Transfer-Encoding", b"chunked")],
               "gzip": [(b"Content-Encoding", b"gzip")]}  # fmt: skip
    for label, headers in framing.items():
        body = b"zz\r\nnot hex\r\n0\r\n\r\n" if label == "bad-chunks" else b""
        yield Case(f"PUT body framing={label}", b"PUT", PUT, [PO_TYPE, AUTH, STALE, *headers], body, wire_only=True)


def write_cases():
    """Yield every hostile write."""
    yield from token_cases()
    yield from precondition_cases()
    yield from content_type_cases()
    yield from body_cases()
