"""The tree reads like the data flow: layers import only downward, and domain code imports no Flask."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_linter_contracts_in_pyproject_hold():
    result = subprocess.run([Path(sys.executable).parent / "lint-imports", "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_api_holds_only_packages_and_its_few_shared_modules():
    loose = sorted(p.name for p in (ROOT / "api").glob("*.py"))
    assert loose == ["__init__.py", "config.py", "errors.py", "parse_cache.py"]
