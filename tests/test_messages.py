"""Each message a newcomer meets names the limit, file, field or next step, in one line (issue 21, point 3)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from api import create_app
from api.i18n.catalogs import CatalogError
from tests.conftest import free_port
from tests.tokens import PO_TYPE, TOKENS

ROOT = Path(__file__).resolve().parent.parent
BAD_REVIEW = "status: approved\nreviewed_on: yesterday\n"


@pytest.fixture
def bad_review(tmp_path) -> Path:
    """A copy of the translations whose ko/review.yaml has a wrong status and a wrong date."""
    shutil.copytree(ROOT / "translations", tmp_path / "t", ignore=shutil.ignore_patterns(".history"))
    (tmp_path / "t" / "ko" / "review.yaml").write_text(BAD_REVIEW, encoding="utf-8")
    return tmp_path / "t"


def env_with(**extra) -> dict:
    """Return the environment for a start-up subprocess: no tracebacks asked for, unless extra asks."""
    env = {k: v for k, v in os.environ.items() if k not in ("LOG_LEVEL", "FLASK_DEBUG")}
    return {**env, **extra}


def test_an_upload_over_the_limit_is_told_our_limit_and_its_setting(tmp_path):
    config = {"MAX_CONTENT_LENGTH": 1000, "RATELIMIT_ENABLED": False, "CATALOG_HISTORY_DIR": tmp_path}  # own store
    client = create_app(config).test_client()
    response = client.post("/v1/catalogs/es/checks", data=b"#" * 5000, headers=PO_TYPE)
    assert response.status_code == 413
    detail = response.json["detail"]
    assert "1000 bytes" in detail and "MAX_UPLOAD_BYTES" in detail and "\n" not in detail
    assert "capacity" not in detail  # not Werkzeug's "exceeds the capacity limit"


@pytest.mark.parametrize(
    ("authorization", "expected"),
    [(None, "Send your translator token"), ("Basic abc", "Send your translator token"),
     ("Bearer not-a-known-secret", "was not recognised")],
)  # fmt: skip
def test_a_missing_token_is_asked_for_and_a_wrong_one_is_told_it_was_not_recognised(authorization, expected, tmp_path):
    config = {"TRANSLATOR_TOKENS": TOKENS, "RATELIMIT_ENABLED": False, "CATALOG_HISTORY_DIR": tmp_path}  # own store
    client = create_app(config).test_client()
    headers = {**PO_TYPE, "If-Match": '"x"', **({"Authorization": authorization} if authorization else {})}
    response = client.put("/v1/catalogs/es", data=b"", headers=headers)
    assert response.status_code == 401
    assert expected in response.json["detail"]
    assert ("Send" in response.json["detail"]) is (expected.startswith("Send"))


def test_a_bad_review_record_names_the_file_and_each_field_in_words(bad_review):
    with pytest.raises(CatalogError) as error:
        create_app({"TRANSLATIONS_DIR": bad_review})
    message = str(error.value)
    assert message.startswith(str(bad_review / "ko" / "review.yaml") + ": ")
    assert "status: must be one of: unreviewed, reviewed" in message
    assert "reviewed_on: not a valid date" in message
    assert not set("{}[]'") & set(message.split(": ", 1)[1])  # words, not a dict repr


def test_a_start_up_error_under_flask_is_one_line_unless_debug_is_asked(bad_review):
    command = [sys.executable, "-m", "flask", "--app", "api", "catalogs", "status"]
    done = subprocess.run(command, cwd=ROOT, env=env_with(TRANSLATIONS_DIR=str(bad_review)),
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"Error: cannot start: {bad_review / 'ko' / 'review.yaml'}: "
                                                "status: must be one of: unreviewed, reviewed; "
                                                "reviewed_on: not a valid date"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env_with(TRANSLATIONS_DIR=str(bad_review), LOG_LEVEL="debug"),
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1 and "Traceback" in done.stderr


def test_a_start_up_error_under_gunicorn_is_one_line_unless_log_level_debug(bad_review):
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "api:create_app()"]
    env = env_with(TRANSLATIONS_DIR=str(bad_review), BIND=f"127.0.0.1:{free_port()}", WEB_CONCURRENCY="1")
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines == [f"Error: {bad_review / 'ko' / 'review.yaml'}: status: must be one of: unreviewed, reviewed; "
                     "reviewed_on: not a valid date"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env={**env, "LOG_LEVEL": "debug"}, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 1 and "Traceback" in done.stderr


def test_a_bad_setting_stops_start_up_in_one_line_naming_it():
    command = [sys.executable, "-m", "flask", "--app", "api", "catalogs", "status"]
    done = subprocess.run(command, cwd=ROOT, env=env_with(TRANSLATOR_TOKENS='{"maria": {"locales": ["es"]}}'),
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["Error: cannot start: TRANSLATOR_TOKENS: "
                                                "maria.sha256: missing data for required field"]  # fmt: skip


def test_catalogs_init_says_to_translate_both_catalogs(tmp_path):
    shutil.copytree(ROOT / "translations", tmp_path / "t", ignore=shutil.ignore_patterns(".history"))
    command = [sys.executable, "-m", "flask", "--app", "api", "catalogs", "init", "de"]
    done = subprocess.run(command, cwd=ROOT, env=env_with(TRANSLATIONS_DIR=str(tmp_path / "t")),
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = done.stdout.strip().splitlines()[-1]
    assert "content.po" in said and "api.po" in said and "review.yaml" in said


def test_a_store_that_cannot_be_reached_stops_start_up_in_one_line_naming_database_url():
    command = [sys.executable, "-m", "flask", "--app", "api", "catalogs", "status"]
    unreachable = f"postgresql://nobody@127.0.0.1:{free_port()}/nothing"  # nothing listens there
    done = subprocess.run(command, cwd=ROOT, env=env_with(DATABASE_URL=unreachable), capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot start: the store (DATABASE_URL): "), done.stderr
