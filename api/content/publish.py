"""Publish a topic's draft as its next immutable version, and lock its bytes."""

import os
from datetime import date
from pathlib import Path

import yaml

from api.content.loader import ContentError, load_library, parse_topic_file
from api.content.lock import lock_version

DRAFT_NAME = "draft.yaml"
HEADER = "# Published {published}: never edit this file. Edit draft.yaml and publish a new version.\n"


def publish_draft(content_dir: Path, topic_id: str, note: str, today: date) -> Path:
    """Write <topic>/draft.yaml as the next version with today's date and the note; return its path."""
    draft = content_dir / topic_id / DRAFT_NAME
    if not draft.exists():
        raise ContentError(f"{draft}: no draft to publish (copy the latest version to {DRAFT_NAME} and edit it)")
    library = load_library(content_dir) if any(content_dir.glob("*/*.yaml")) else {}
    versions = library.get(topic_id, [])
    data = yaml.safe_load(draft.read_bytes()) or {}
    if not isinstance(data, dict):
        raise ContentError(f"{draft}: expected a mapping of fields")
    number = len(versions) + 1
    data.update(topic=topic_id, version=number, published=today, change_note=note)
    target = draft.with_name(f"{number}.yaml")
    raw = (HEADER.format(published=today.isoformat()) + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                                          width=1000)).encode("utf-8")  # fmt: skip
    parse_topic_file(target, raw)  # validate before anything is written
    with target.open("xb") as out:  # never overwrite a published version
        out.write(raw)
        out.flush()
        os.fsync(out.fileno())
    lock_version(content_dir, f"{topic_id}/{target.name}", raw)
    draft.unlink()
    return target
