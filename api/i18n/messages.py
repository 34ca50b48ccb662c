"""Compile the API's own message catalogs (domain "api") to .mo files for Flask-Babel."""

import hashlib
import io
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from api.i18n.strict import strict_text

API_DOMAIN = "api"


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is used."""
    return message


def compile_api_messages(translations_dir: Path, out_dir: Path | None = None) -> Path:
    """Compile every api.po into out_dir (default: a temp dir keyed by their content) and return it."""
    sources = sorted(translations_dir.glob(f"*/LC_MESSAGES/{API_DOMAIN}.po"))
    if out_dir is None:
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
        out_dir = Path(tempfile.gettempdir()) / f"patient-content-api-messages-{digest}"
    for source in sources:
        target = out_dir / source.relative_to(translations_dir).with_suffix(".mo")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        raw = source.read_bytes()
        strict_text(raw, str(source))  # what msgfmt --check refuses is refused at start-up, naming its line
        catalog = read_po(io.BytesIO(raw), locale=source.parent.parent.name, abort_invalid=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as partial:
            write_mo(partial, catalog)
        os.replace(partial.name, target)
    return out_dir
