"""Read settings from environment variables, with embedded defaults."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def settings_from_env(environ=os.environ) -> dict:
    """Return the app's settings: paths resolved, numbers parsed."""
    max_age = int(environ.get("LATEST_MAX_AGE", "300"))
    stale = int(environ.get("LATEST_STALE_WHILE_REVALIDATE", "60"))
    return {
        "CONTENT_DIR": Path(environ.get("CONTENT_DIR", PROJECT_ROOT / "content")).resolve(),
        "TRANSLATIONS_DIR": Path(environ.get("TRANSLATIONS_DIR", PROJECT_ROOT / "translations")).resolve(),
        "DEFAULT_LOCALE": environ.get("DEFAULT_LOCALE", "en"),
        # Cache lifetime of the latest version's representations; pinned versions are immutable.
        "LATEST_CACHE_CONTROL": f"public, max-age={max_age}, stale-while-revalidate={stale}",
    }
