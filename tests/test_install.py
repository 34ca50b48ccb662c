"""The runtime lock alone runs the service: nothing the service imports hides in the test set."""

import os
import shutil
import subprocess

from tests.test_readme import ROOT, SKIPPED


def test_the_runtime_lock_alone_imports_the_app_creates_it_and_runs_the_cli(run_venv, tmp_path):
    copy = tmp_path / "repo"  # the app opens its default store (translations/.history): the copy's, not the checkout's
    shutil.copytree(ROOT, copy, ignore=SKIPPED)
    bin_dir = run_venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("CATALOG_HISTORY_DIR", "DATABASE_URL")}
    env.update(PARSE_CACHE_DIR="off", PINNED_ARCHIVE_DIR="off")
    script = "import api; app = api.create_app(); print(len(list(app.url_map.iter_rules())))"
    create = [bin_dir / "python", "-c", script]
    created = subprocess.run(create, cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, created.stderr
    assert int(created.stdout) > 10
    assert (copy / "translations" / ".history" / "store.sqlite3").exists()  # the README's default, in the copy
    cli = subprocess.run([bin_dir / "flask", "--app", "api", "--help"], cwd=copy, env=env, capture_output=True,
                         text=True, timeout=120)  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    assert "catalogs" in cli.stdout and "openapi" in cli.stdout
    freeze = subprocess.run([bin_dir / "pip", "freeze"], capture_output=True, text=True, check=True).stdout.lower()
    assert "apispec" not in freeze and "pytest" not in freeze, "the runtime venv holds a test tool"
