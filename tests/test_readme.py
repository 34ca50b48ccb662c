"""The README's shell walkthroughs, extracted from README.md and run as written in a copy of the repository."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from api import create_app

ROOT = Path(__file__).resolve().parent.parent
SHELL = {"sh", "bash", "shell"}
SKIPPED = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".history", "artifacts", "site")


def shell_blocks(markdown: str) -> dict[str, list[str]]:
    """Return {heading text: [its shell code blocks, in order]}, parsed with markdown-it."""
    blocks, heading, tokens = {}, None, MarkdownIt().parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = tokens[index + 1].content
        elif token.type == "fence" and token.info.strip() in SHELL:
            blocks.setdefault(heading, []).append(token.content)
    return blocks


BLOCKS = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))


@pytest.fixture
def repo_copy(tmp_path):
    """Copy the working tree (no .git, no venv) and make its .venv the venv running these tests."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=SKIPPED)
    (copy / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    return copy


def run_walkthrough(copy: Path, heading: str) -> None:
    """Run every shell block under one README heading with bash, stopping at the first failing command."""
    assert BLOCKS.get(heading), f"README.md has no shell block under {heading!r}"
    env = {k: v for k, v in os.environ.items() if not k.endswith("_DIR") and k != "TRANSLATOR_TOKENS"}
    env["XDG_CACHE_HOME"] = str(copy.parent / "cache")  # the parse cache, out of the user's home
    for block in BLOCKS[heading]:
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block], cwd=copy, env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        assert done.returncode == 0, f"{heading}:\n{block}\n{done.stdout}\n{done.stderr}"


def served(copy: Path):
    """Return a test client of the app serving the copy's content and catalogs."""
    config = {"CONTENT_DIR": copy / "content", "TRANSLATIONS_DIR": copy / "translations",
              "CATALOG_HISTORY_DIR": copy / "history", "PINNED_ARCHIVE_DIR": "off"}  # fmt: skip
    return create_app(config).test_client()


def test_adding_a_topic_serves_it_in_the_library(repo_copy):
    run_walkthrough(repo_copy, "Adding a topic")
    client = served(repo_copy)
    assert "example-topic" in {topic["id"] for topic in client.get("/v1/topics").json["topics"]}
    section = client.get("/v1/topics/example-topic/sections/overview?locale=es").json
    assert section["locale"] == "en"
    assert section["fallback"] == {"from": "es", "reason": "missing"}
    assert not (repo_copy / "content" / "example-topic" / "draft.yaml").exists()


def test_publishing_a_new_version_serves_it_and_keeps_the_old_one(repo_copy, client):
    before = client.get("/v1/topics/muscle-spasms?locale=en&version=1").data  # the shipped app, before publishing
    run_walkthrough(repo_copy, "Publishing a new version")
    client = served(repo_copy)
    versions = client.get("/v1/topics/muscle-spasms/versions").json["versions"]
    assert [v["version"] for v in versions][-1] == 2
    assert versions[-1]["change_note"] == "What changed, for clients"
    assert client.get("/v1/topics/muscle-spasms?locale=en").json["version"] == 2
    assert client.get("/v1/topics/muscle-spasms?locale=en&version=1").data == before


def test_adding_a_locale_serves_it_falling_back_as_missing(repo_copy):
    run_walkthrough(repo_copy, "Adding a locale")
    client = served(repo_copy)
    assert "de" in {locale["tag"] for locale in client.get("/v1/locales").json["locales"]}
    section = client.get("/v1/topics/muscle-spasms/sections/definition?locale=de").json
    assert section["locale"] == "en"
    assert section["fallback"] == {"from": "de", "reason": "missing"}
    assert section["wanted"]["locale"] == "de"


def test_the_translators_command_line_runs_as_written(repo_copy):
    run_walkthrough(repo_copy, "The command line")
    assert (repo_copy / "report.json").read_text().strip()
    client = served(repo_copy)
    section = client.get("/v1/topics/muscle-spasms/sections/definition?locale=de").json
    assert section["fallback"] == {"from": "de", "reason": "missing"}
    assert client.get("/v1/topics/muscle-spasms/sections/definition?locale=es").json["fallback"] is None
