"""How a publish spreads over the replicas, measured soundly on a loaded machine."""

import time

import requests

SECTION = "/v1/topics/muscle-spasms/sections/acute-causes"


def served_text(base: str) -> str:
    """Return the watched unit's Spanish text as this server serves it now."""
    body = requests.get(base + SECTION + "?locale=es", timeout=30).json()
    return next(block["text"] for block in body["blocks"] if block.get("id") == "resolution")


def wait_until_served(bases: list[str], text: str, limit: float, since: float | None = None) -> dict[str, float]:
    """Poll every server until it serves text; fail if one still served another text when asked limit s after since.

    since is the moment the publish was answered (default: now). A poll sent limit seconds or more after it was
    decided by the server after that moment, however loaded the machine: an old text then breaks the promise.
    Returns each server's seconds from since until the answer that showed text arrived: an upper bound (it
    includes this test's own delays), for reports, not for a bound.
    """
    since = time.monotonic() if since is None else since
    took = {}
    while len(took) < len(bases):  # ends: past limit, every poll either shows text or fails
        for base in (base for base in bases if base not in took):
            sent = time.monotonic()
            seen = served_text(base)
            if seen == text:
                took[base] = time.monotonic() - since
            else:
                late = sent - since
                assert late < limit, f"{base} served {seen!r}, not {text!r}, when asked {late:.3f} s after the publish"
        time.sleep(0.02)
    return took
