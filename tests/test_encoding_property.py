"""Accept-Encoding against a literal reading of RFC 9110 12.5.3: q=0 is "not acceptable"."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.http.encodings import content_coding

CODINGS = ("gzip", "x-gzip", "GZIP", "identity", "*", "br", "deflate")
QUALITIES = ("0", "0.0", "0.001", "0.5", "1", "1.0")


def quality(coding: str, entries: list[tuple[str, float]]) -> float:
    """Return a coding's rank: its own entry, else *'s, else 0 (identity is then acceptable but unranked)."""
    own = [q for c, q in entries if c.lower().removeprefix("x-") == coding]
    star = [q for c, q in entries if c == "*"]
    if own:
        return max(own)
    if star:
        return max(star)
    return 0.0


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CODINGS), st.sampled_from(QUALITIES)), max_size=4))
def test_gzip_is_sent_only_when_acceptable_and_preferred_at_least_as_much_as_identity(entries):
    header = ", ".join(f"{coding};q={q}" for coding, q in entries)
    parsed = [(coding, float(q)) for coding, q in entries]
    gzip, identity = quality("gzip", parsed), quality("identity", parsed)
    chosen = content_coding(header)
    if gzip == 0:
        assert chosen == "identity", header  # q=0: not acceptable
    elif gzip > identity:
        assert chosen == "gzip", header
    assert chosen == ("gzip" if gzip > 0 and gzip >= identity else "identity"), header


@pytest.mark.parametrize(
    ("header", "coding"),
    [(None, "identity"), ("", "identity"), ("gzip;q=0", "identity"), ("gzip;q=0, *", "identity"),
     ("*;q=0, identity", "identity"), ("*", "gzip"), ("x-gzip", "gzip"), ("identity, gzip;q=0.5", "identity"),
     ("gzip;q=0.5", "gzip"),
     ("br, deflate", "identity"), ("gzip, br", "gzip"), ("GZip;Q=0.8", "gzip")],
)  # fmt: skip
def test_the_content_coding_of_common_headers(header, coding):
    assert content_coding(header) == coding


@pytest.mark.parametrize("path", ["/v1/bundles/es", "/v1/embed.js"])
def test_a_client_that_refuses_gzip_gets_no_gzip(client, path):
    refused = client.get(path, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers
    assert refused.headers["Vary"].endswith("Accept-Encoding")
    assert client.get(path, headers={"Accept-Encoding": "gzip;q=0.5"}).headers["Content-Encoding"] == "gzip"
