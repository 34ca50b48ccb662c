"""Read settings from environment variables, with embedded defaults."""

import os
import re
from hashlib import sha256
from pathlib import Path
from urllib.parse import urlsplit

from limits import parse_many

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def whole_number(environ, name: str, default: int) -> int:
    """Return a setting that must be a whole number of 0 or more, or raise naming the variable."""
    raw = environ.get(name, str(default))
    if not raw.strip().isdigit():
        raise ValueError(f"{name} must be a whole number of 0 or more, not {raw!r}")
    return int(raw)


def public_base_url(raw: str) -> str:
    """Return an http(s) origin with no trailing slash, or raise naming the variable."""
    base = raw.strip().rstrip("/")
    if not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~\-/]*)?", base):
        raise ValueError(f"PUBLIC_BASE_URL must be an http(s) URL like https://content.example.org, not {raw!r}")
    return base


def fhir_base(raw: str) -> str | None:
    """Return an http(s) base URL in one normal form (lower-case scheme and host, no default port, no trailing
    slash), or None for anything else (credentials, query, fragment, dot segments, odd characters)."""
    try:
        parts = urlsplit(raw.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    path = parts.path.rstrip("/")
    if scheme not in ("http", "https") or not host or parts.username is not None or parts.password is not None:
        return None
    if parts.query or parts.fragment or "?" in raw or "#" in raw or not re.fullmatch(r"(/[A-Za-z0-9._~\-]+)*", path):
        return None
    if any(segment in (".", "..") for segment in path.split("/")) or not re.fullmatch(
        r"[a-z0-9.\-]+|\[[0-9a-f:.]+\]", host if ":" not in host else f"[{host}]"
    ):
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        netloc += f":{port}"
    return f"{scheme}://{netloc}{path}"


def fhir_servers(environ) -> tuple[str, ...]:
    """Return CDS_FHIR_SERVERS (base URLs separated by spaces or commas) in normal form, or raise naming it."""
    found = []
    for raw in re.split(r"[\s,]+", environ.get("CDS_FHIR_SERVERS", "").strip()):
        if raw and not (base := fhir_base(raw)):
            raise ValueError(
                f"CDS_FHIR_SERVERS must list http(s) base URLs such as https://fhir.example.org/r4, not {raw!r}"
            )
        found += [base] if raw else []
    return tuple(found)


def switch(environ, name: str, default: bool) -> bool:
    """Return a setting that is on or off (true/false, 1/0, yes/no, on/off), or raise naming the variable."""
    raw = environ.get(name, str(default)).strip().lower()
    if raw not in ("true", "1", "yes", "on", "false", "0", "no", "off"):
        raise ValueError(f"{name} must be true or false, not {raw!r}")
    return raw in ("true", "1", "yes", "on")


def rate(environ, name: str, default: str) -> str:
    """Return a Flask-Limiter rate such as "10 per minute" (or "10/minute;100/day"), or raise naming the variable."""
    raw = environ.get(name, default)
    try:
        parse_many(raw)
    except ValueError:
        raise ValueError(f"{name} must be a rate such as '10 per minute', not {raw!r}") from None
    return raw


def cache_entries(environ=os.environ) -> int:
    """Return REPRESENTATION_CACHE_ENTRIES: the size of every per-worker cache of built representations."""
    return max(1, whole_number(environ, "REPRESENTATION_CACHE_ENTRIES", 1024))


def settings_from_env(environ=os.environ) -> dict:
    """Return the app's settings: paths resolved, numbers parsed."""
    max_age = whole_number(environ, "LATEST_MAX_AGE", 300)
    stale = whole_number(environ, "LATEST_STALE_WHILE_REVALIDATE", 60)
    translations = Path(environ.get("TRANSLATIONS_DIR", PROJECT_ROOT / "translations")).resolve()
    cache_home = Path(environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return {
        "CONTENT_DIR": Path(environ.get("CONTENT_DIR", PROJECT_ROOT / "content")).resolve(),
        "TRANSLATIONS_DIR": translations,
        # Archived catalog revisions and the audit log of publishes and restores.
        "CATALOG_HISTORY_DIR": Path(environ.get("CATALOG_HISTORY_DIR", translations / ".history")).resolve(),
        # The bytes behind every revision URL (?version=N&rev=<ETag>) served, so they never change; "off" to keep none.
        "PINNED_ARCHIVE_DIR": environ.get("PINNED_ARCHIVE_DIR", str(translations / ".history" / "pinned")),
        # The store (api/store/): sqlite:///path (unset: store.sqlite3 in CATALOG_HISTORY_DIR) or, for a fleet,
        # postgresql://user@host:port/db.
        "DATABASE_URL": environ.get("DATABASE_URL") or None,
        # {"name": {"sha256": "<hex digest of the secret>", "locales": ["es"] or ["*"]}}; unset: no writes.
        "TRANSLATOR_TOKENS": environ.get("TRANSLATOR_TOKENS"),
        # Parsed content and catalogs, keyed by their bytes, so that restarts are quick; "off" to disable.
        "PARSE_CACHE_DIR": environ.get("PARSE_CACHE_DIR", str(cache_home / "patient-content-api")),
        "MAX_CONTENT_LENGTH": whole_number(environ, "MAX_UPLOAD_BYTES", 2 * 1024 * 1024),
        "DEFAULT_LOCALE": environ.get("DEFAULT_LOCALE", "en"),
        # Prebuilt read responses replayed per worker for identical requests, without Flask; 0 turns it off.
        "RESPONSE_MEMO_ENTRIES": whole_number(environ, "RESPONSE_MEMO_ENTRIES", 8192),
        # Representations (and the topics and translations they are built from) kept per worker, each cache an
        # LRU of this many entries: a worker's memory follows this setting, not the size of the library.
        # (Read from the environment when the modules load, so set it there, not in create_app's config.)
        "REPRESENTATION_CACHE_ENTRIES": cache_entries(environ),
        # Who may show a section's iframe page (/v1/embed/...): CSP frame-ancestors sources, such as
        # "https://portal.example.org"; "*" lets any site embed it, "'none'" no site.
        "EMBED_FRAME_ANCESTORS": environ.get("EMBED_FRAME_ANCESTORS", "*"),
        # This service's public origin, for the absolute links EHRs get (Infobutton, CDS Hooks, FHIR, JSON-LD):
        # links never take the request's Host header, so a forged Host cannot poison a cached answer.
        "PUBLIC_BASE_URL": public_base_url(environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")),
        # Rate limits on translator writes (PUT, restore) and on checks, per client address and per sent token.
        "WRITE_RATE_LIMIT": rate(environ, "WRITE_RATE_LIMIT", "10 per minute"),
        "CHECK_RATE_LIMIT": rate(environ, "CHECK_RATE_LIMIT", "20 per minute"),
        # Flask-Limiter's own settings: false turns every limit off; redis://host:6379 shares counters in a fleet.
        "RATELIMIT_ENABLED": switch(environ, "RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # How many proxies in front may set X-Forwarded-For (0: ignore it, the socket's address is the client's).
        "TRUSTED_PROXY_HOPS": whole_number(environ, "TRUSTED_PROXY_HOPS", 0),
        # Cache lifetime of the latest version, and of a translated version without ?rev= (a fix may change it).
        # FHIR servers (base URLs) that CDS Hooks may fetch a patient's data from when the EHR prefetched none;
        # empty: none, and such a request gets 412. A request's fhirServer is compared in normal form.
        "CDS_FHIR_SERVERS": fhir_servers(environ),
        "LATEST_CACHE_CONTROL": f"public, max-age={max_age}, stale-while-revalidate={stale}",
    }


def database_url(config) -> str:
    """Return the store's URL: DATABASE_URL, else an SQLite file in the data directory (CATALOG_HISTORY_DIR).

    A library other than the project's content/ gets its own file there, so that two libraries never mix.
    """
    if config.get("DATABASE_URL"):
        return config["DATABASE_URL"]
    content = Path(config["CONTENT_DIR"]).resolve()
    name = "store" if content == PROJECT_ROOT / "content" else "store-" + sha256(bytes(content)).hexdigest()[:12]
    return f"sqlite:///{Path(config['CATALOG_HISTORY_DIR']) / name}.sqlite3"
