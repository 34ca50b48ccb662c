"""The committed templates are what `catalogs extract` writes: a stale api.pot fails, as a stale openapi.yaml does."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """Run `flask --app api catalogs extract` into a copy of translations/ and return the copy."""
    copy = tmp_path_factory.mktemp("templates") / "translations"
    shutil.copytree(ROOT / "translations", copy, ignore=shutil.ignore_patterns(".history"))
    env = {**os.environ, "TRANSLATIONS_DIR": str(copy), "CONTENT_DIR": str(ROOT / "content")}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "api", "catalogs", "extract"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return copy


@pytest.mark.parametrize("name", ["api.pot", "content.pot"])
def test_the_committed_template_is_what_extract_writes(extracted, name):
    committed = (ROOT / "translations" / name).read_bytes()
    assert (extracted / name).read_bytes() == committed, (
        f"translations/{name} is stale: run `flask --app api catalogs extract` and commit it"
    )


def test_api_pot_names_files_not_lines_so_moving_code_leaves_it_as_it_is():
    lines = (ROOT / "translations" / "api.pot").read_text(encoding="utf-8").splitlines()
    references = [line.removeprefix("#:") for line in lines if line.startswith("#:")]
    assert references and not any(":" in reference for reference in references)


CATALOGS = sorted(str(p.relative_to(ROOT / "translations")) for p in (ROOT / "translations").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("name", ["content.pot", *CATALOGS])
def test_every_catalog_names_files_not_lines_so_editing_content_rewrites_no_catalog(name):
    lines = (ROOT / "translations" / name).read_text(encoding="utf-8").splitlines()
    references = [line.removeprefix("#:").split() for line in lines if line.startswith("#:")]
    assert references and not any(":" in path for reference in references for path in reference), name
