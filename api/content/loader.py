"""Find, validate and load every topic version under a content directory."""

import hashlib
from dataclasses import replace
from pathlib import Path

import yaml
from marshmallow import ValidationError

from api.content.lock import check_locked, read_lock
from api.content.model import TopicVersion
from api.content.schemas import TopicVersionSchema
from api.errors import StartupError
from api.errors import in_words as flatten_errors
from api.parse_cache import no_cache

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it


class ContentError(StartupError):
    """A content file that cannot be served, with the file and field path named."""


def parse_topic_file(path: Path, raw: bytes | None = None) -> TopicVersion:
    """Validate one topic version file and return it, or raise ContentError naming file and field."""
    raw = path.read_bytes() if raw is None else raw
    try:
        data = yaml.load(raw, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: not valid YAML: {error}") from None
    try:
        topic = TopicVersionSchema().load(data if isinstance(data, dict) else {"_": data})
    except ValidationError as error:
        details = "; ".join(f"{field}: {message}" for field, message in flatten_errors(error.messages))
        raise ContentError(f"{path}: {details}") from None
    expected = (path.parent.name, path.stem)
    if (topic.topic, str(topic.version)) != expected:
        raise ContentError(
            f"{path}: topic/version {topic.topic!r}/{topic.version} does not match "
            f"its path; expected topic {expected[0]!r} in file '<version>.yaml'"
        )
    return replace(topic, content_hash="sha256:" + hashlib.sha256(raw).hexdigest(), path=str(path))


def topic_files(content_dir: Path) -> list[Path]:
    """Return the published version files, one per topic version, in a stable order."""
    files = [p for p in content_dir.glob("*/*.yaml") if p.stem.isdigit()]
    return sorted(files, key=lambda p: (p.parent.name, int(p.stem)))


def load_library(content_dir: Path, cache=no_cache) -> dict[str, list[TopicVersion]]:
    """Return {topic id: versions, oldest first}, or raise ContentError on the first bad file."""
    if not content_dir.is_dir():
        raise ContentError(f"{content_dir}: content directory not found")
    try:
        lock = read_lock(content_dir)
    except ValueError as error:
        raise ContentError(str(error)) from None
    library: dict[str, list[TopicVersion]] = {}
    for path in topic_files(content_dir):
        raw = path.read_bytes()
        name = path.relative_to(content_dir).as_posix().encode()
        topic = replace(
            cache("topic", name + b"\0" + raw, lambda path=path, raw=raw: parse_topic_file(path, raw)), path=str(path)
        )
        if problem := check_locked(content_dir, path, raw, lock):
            raise ContentError(f"{path}: {problem}")
        library.setdefault(topic.topic, []).append(topic)
    for topic_id, versions in library.items():
        numbers = [v.version for v in versions]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ContentError(f"{content_dir / topic_id}: versions must run 1..N without gaps, found {numbers}")
    if not library:
        raise ContentError(f"{content_dir}: no topic versions found (expected <topic>/<version>.yaml)")
    return library
