"""The shell examples of the README and every guide under docs/, extracted with markdown-it and run as written.

The walkthroughs run in a copy of the repository; every block with a curl runs against a real gunicorn serving
another copy, with localhost:8000 pointed at its port.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from api import create_app
from tests.conftest import start_gunicorn, stop_gunicorn

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


GUIDES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
PAGES = {path: shell_blocks(path.read_text(encoding="utf-8")) for path in GUIDES}
BLOCKS = {heading: blocks for page in PAGES.values() for heading, blocks in page.items()}
CURL_BLOCKS = [
    pytest.param(block, id=f"{path.relative_to(ROOT)}: {heading} #{number}")
    for path, page in PAGES.items()
    for heading, blocks in page.items()
    for number, block in enumerate(blocks, 1)
    if re.search(r"(?m)^[^#]*\bcurl ", block)
]
# Every curl also reports its status, on stderr, so that a 5xx or a refused connection fails the example.
CURL_STATUS = "curl() { command curl -w '%{stderr}status %{http_code}\\n' \"$@\"; }\n"


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


def test_headings_with_shell_blocks_are_unique_across_the_guides():
    headings = [heading for page in PAGES.values() for heading in page]
    assert len(headings) == len(set(headings)), sorted(h for h in headings if headings.count(h) > 1)


def tokens_as_documented() -> str:
    """Return TRANSLATOR_TOKENS exactly as the translators' guide tells the operator to export it."""
    block = next(b for page in PAGES.values() for bs in page.values() for b in bs if "export TRANSLATOR_TOKENS=" in b)
    done = subprocess.run(["bash", "-e", "-c", block + '\nprintf %s "$TRANSLATOR_TOKENS"'], capture_output=True,
                          text=True, timeout=30, check=True)  # fmt: skip
    return done.stdout


@pytest.fixture(scope="module")
def documented_server(tmp_path_factory):
    """A gunicorn serving a copy of the repository with the documented tokens; yield (copy, port)."""
    copy = tmp_path_factory.mktemp("guides") / "repo"
    shutil.copytree(ROOT, copy, ignore=SKIPPED)
    env = {"CONTENT_DIR": str(copy / "content"), "TRANSLATIONS_DIR": str(copy / "translations"),
           "CATALOG_HISTORY_DIR": str(copy / "history"), "PINNED_ARCHIVE_DIR": str(copy / "pinned"),
           "XDG_CACHE_HOME": str(copy.parent / "cache"), "RATELIMIT_ENABLED": "false",
           "TRANSLATOR_TOKENS": tokens_as_documented()}  # fmt: skip
    process, base = start_gunicorn(env, workers=1)
    yield copy, base.rsplit(":", 1)[1]
    stop_gunicorn(process)


@pytest.mark.parametrize("block", CURL_BLOCKS)
def test_every_curl_example_runs_against_a_real_server(documented_server, block):
    copy, port = documented_server
    script = CURL_STATUS + re.sub(r"(?:localhost|127\.0\.0\.1):8000", f"127.0.0.1:{port}", block)
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=copy, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    statuses = [int(code) for code in re.findall(r"^status (\d{3})$", done.stderr, re.MULTILINE)]
    assert done.returncode == 0, f"{block}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert statuses and all(100 <= code < 500 for code in statuses), f"{block}\nstatuses: {statuses}"
    for shown in documented_output(block):
        assert shown.lower() in done.stdout.lower(), f"{block}\nshows {shown!r}; the output was:\n{done.stdout[:3000]}"


def documented_output(block: str) -> list[str]:
    """Return the output lines a block shows in full ("#   " comments with no elision or placeholder)."""
    shown = [line[1:].strip() for line in block.splitlines() if line.startswith("#   ")]
    return [line for line in shown if not re.search(r"\.\.\.|…|<[A-Za-z ]+>|^\d{3}:", line)]


def test_the_translators_http_example_publishes_then_restores(documented_server):
    copy, port = documented_server
    block = next(b for b in BLOCKS["The HTTP API"] if "restore" in b)
    script = CURL_STATUS + re.sub(r"(?:localhost|127\.0\.0\.1):8000", f"127.0.0.1:{port}", block)
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=copy, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    codes = [int(code) for code in re.findall(r"^status (\d{3})$", done.stderr, re.MULTILINE)]
    assert codes[-4:] == [200, 200, 200, 200], codes  # the PUT, the revisions, the revisions read, the restore
    history = subprocess.run(["curl", "-s", f"http://127.0.0.1:{port}/v1/catalogs/es/revisions"], capture_output=True,
                             text=True, timeout=30).stdout  # fmt: skip
    assert re.findall(r'"action":"(\w+)"', history)[:2] == ["restore", "publish"], history
