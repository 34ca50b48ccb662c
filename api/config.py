"""Read settings from environment variables, with embedded defaults."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def whole_number(environ, name: str, default: int) -> int:
    """Return a setting that must be a whole number of 0 or more, or raise naming the variable."""
    raw = environ.get(name, str(default))
    if not raw.strip().isdigit():
        raise ValueError(f"{name} must be a whole number of 0 or more, not {raw!r}")
    return int(raw)


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
        # {"name": {"sha256": "<hex digest of the secret>", "locales": ["es"] or ["*"]}}; unset: no writes.
        "TRANSLATOR_TOKENS": environ.get("TRANSLATOR_TOKENS"),
        # Parsed content and catalogs, keyed by their bytes, so that restarts are quick; "off" to disable.
        "PARSE_CACHE_DIR": environ.get("PARSE_CACHE_DIR", str(cache_home / "patient-content-api")),
        "MAX_CONTENT_LENGTH": whole_number(environ, "MAX_UPLOAD_BYTES", 2 * 1024 * 1024),
        "DEFAULT_LOCALE": environ.get("DEFAULT_LOCALE", "en"),
        # Prebuilt read responses replayed per worker for identical requests, without Flask; 0 turns it off.
        "RESPONSE_MEMO_ENTRIES": whole_number(environ, "RESPONSE_MEMO_ENTRIES", 8192),
        # Who may show a section's iframe page (/v1/embed/...): CSP frame-ancestors sources, such as
        # "https://portal.example.org"; "*" lets any site embed it, "'none'" no site.
        "EMBED_FRAME_ANCESTORS": environ.get("EMBED_FRAME_ANCESTORS", "*"),
        # This service's public address, such as "https://content.example.org", for the QR code on a handout;
        # unset: the address the request came to.
        "PUBLIC_URL": environ.get("PUBLIC_URL", "").rstrip("/"),
        # Cache lifetime of the latest version, and of a translated version without ?rev= (a fix may change it).
        "LATEST_CACHE_CONTROL": f"public, max-age={max_age}, stale-while-revalidate={stale}",
    }
