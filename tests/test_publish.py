"""Publishing a draft: the next version, dated and locked; published bytes never change."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from api import create_app
from api.content.loader import ContentError, load_library
from api.content.lock import read_lock
from api.content.publish import publish_draft

ROOT = Path(__file__).resolve().parent.parent
OLD = "These types of spasms resolve with rest, hydration and gentle stretching."


@pytest.fixture
def content(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def write_draft(content: Path, change) -> None:
    v1 = content / "muscle-spasms" / "1.yaml"
    v1.with_name("draft.yaml").write_text(change(v1.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_draft_becomes_the_next_locked_version(content):
    write_draft(content, lambda text: text.replace(OLD, OLD + " (v2)"))
    path = publish_draft(content, "muscle-spasms", "Reworded the resolution.", date(2026, 12, 1))
    assert path.name == "2.yaml"
    assert not (content / "muscle-spasms" / "draft.yaml").exists()
    v2 = load_library(content)["muscle-spasms"][1]
    assert (v2.version, v2.published, v2.change_note) == (2, date(2026, 12, 1), "Reworded the resolution.")
    assert read_lock(content)["muscle-spasms/2.yaml"] == v2.content_hash.removeprefix("sha256:")


def test_the_new_version_serves_the_changed_section_as_outdated_and_the_pinned_one_unchanged(content):
    before = create_app({"CONTENT_DIR": content}).test_client()
    pinned = before.get("/v1/topics/muscle-spasms?version=1&locale=es").data
    write_draft(content, lambda text: text.replace(OLD, OLD + " (v2)"))
    publish_draft(content, "muscle-spasms", "Reworded.", date(2026, 12, 1))
    client = create_app({"CONTENT_DIR": content}).test_client()
    latest = client.get("/v1/topics/muscle-spasms?locale=es").get_json()
    sections = {s["id"]: s for s in latest["sections"]}
    assert latest["version"] == 2
    assert sections["acute-causes"]["fallback"] == {"from": "es", "reason": "outdated"}
    assert sections["definition"]["locale"] == "es"
    assert (
        client.get("/v1/topics/muscle-spasms?version=1&locale=es").data.replace(
            b'"latest_version":2', b'"latest_version":1'
        )
        == pinned
    )


def test_a_bad_draft_is_refused_naming_the_field_and_nothing_is_written(content):
    write_draft(content, lambda text: text.replace("id: acute-causes", "id: Acute Causes"))
    lock = (content / "versions.lock").read_bytes()
    with pytest.raises(ContentError, match=r"sections\.1\.id"):
        publish_draft(content, "muscle-spasms", "Broken.", date(2026, 12, 1))
    assert not (content / "muscle-spasms" / "2.yaml").exists()
    assert (content / "versions.lock").read_bytes() == lock


def test_without_a_draft_there_is_nothing_to_publish(content):
    with pytest.raises(ContentError, match="no draft"):
        publish_draft(content, "muscle-spasms", "Nothing.", date(2026, 12, 1))
