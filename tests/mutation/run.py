"""Measure the mutation score of the core modules: one mutant at a time, in a forked pytest, with a timeout.

python -m tests.mutation.run [--module api/i18n/tags.py ...] [--json report.json]
"""

import argparse
import importlib.abc
import importlib.util
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.mutation.mutants import mutants
from tests.mutation.targets import CONFIRM, FAST

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENT = Path(__file__).with_name("equivalent.txt")


class MutantLoader(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serve one module's mutated source in place of its file."""

    def __init__(self, name: str, path: Path, source: str):
        self.name, self.path, self.source = name, path, source

    def find_spec(self, fullname, path, target=None):
        if fullname == self.name:
            return importlib.util.spec_from_file_location(fullname, self.path, loader=self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(compile(self.source, str(self.path), "exec"), module.__dict__)  # the mutant under test


def run_tests(module: str, source: str | None, tests: list[str], timeout: float) -> str:
    """Run tests in a forked child with the module replaced by source; return killed, survived or timeout."""
    pid = os.fork()
    if pid == 0:  # the child: quiet, mutant installed before anything imports api
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        code = 3
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # no schemathesis, hypothesis or playwright plugins
        try:
            if source is not None:
                name = module.removesuffix(".py").replace("/", ".")
                sys.meta_path.insert(0, MutantLoader(name, ROOT / module, source))
            code = int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=", *tests]))
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return "timeout"


def warm_up() -> None:
    """Import the app and the tests' fixtures once, then forget api and tests: children start with the libraries."""
    for name in ("api", "tests.conftest", "api.commands.openapi"):
        importlib.import_module(name)
    for name in [n for n in sys.modules if n.split(".")[0] in ("api", "tests") and not n.startswith("tests.mutation")]:
        del sys.modules[name]


def equivalents() -> dict[str, str]:
    """Return {"module function | code | description": why it is equivalent} from equivalent.txt."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines() if EQUIVALENT.exists() else ():
        if line.strip() and not line.startswith("#"):
            key, _, why = line.partition("  # ")
            found[key.strip()] = why.strip()
    return found


def stale_entries(module: str, keys: list[str], known: dict[str, str]) -> list[str]:
    """Return the module's equivalent.txt entries that match none of its mutants' keys: edited or removed lines."""
    found = {f"{module} {key}" for key in keys}
    return sorted(key for key in known if key.startswith(f"{module} ") and key not in found)


def measure(module: str, known: dict[str, str]) -> dict:
    """Run every mutant of one module; return its figures and survivors."""
    started = time.monotonic()
    fast = [t for t in FAST[module] if (ROOT / t).exists()]
    begin = time.monotonic()
    if run_tests(module, None, fast, 600) != "survived":
        sys.exit(f"{module}: the unmutated tests fail; fix them first")
    timeout = 4 * (time.monotonic() - begin) + 10
    print(f"{module}: unmutated fast tests pass; each mutant gets {timeout:.0f} s", file=sys.stderr, flush=True)
    outcome = {"killed": 0, "timeout": 0, "equivalent": [], "survived": []}
    found = mutants((ROOT / module).read_text(encoding="utf-8"))
    outcome["stale"] = stale_entries(module, [mutant.key for mutant in found], known)
    for mutant in found:
        key = f"{module} {mutant.key}"
        result = run_tests(module, mutant.source, fast, timeout)
        if result == "survived" and CONFIRM[module] != FAST[module]:  # confirm against every covering test file
            result = run_tests(module, mutant.source, [t for t in CONFIRM[module] if (ROOT / t).exists()], 600)
        if result == "survived":
            result = "equivalent" if key in known else "survived"
            outcome[result].append(key)
        else:
            outcome[result] += 1
        print(f"{result:10} {mutant.where:>7} {key}", file=sys.stderr, flush=True)
    total = outcome["killed"] + outcome["timeout"] + len(outcome["survived"]) + len(outcome["equivalent"])
    counted = total - len(outcome["equivalent"])
    score = (outcome["killed"] + outcome["timeout"]) / counted if counted else 1.0
    return {"module": module, "mutants": total, "score": round(100 * score, 1),
            "seconds": round(time.monotonic() - started), **outcome}  # fmt: skip


def main() -> None:
    """Measure the chosen modules (all five by default) and print a table, survivors and equivalents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(FAST), help="measure only this module")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ.setdefault("PINNED_ARCHIVE_DIR", "off")
    warm_up()
    known = equivalents()
    results = [measure(module, known) for module in args.module or FAST]
    print("| module | mutants | killed | timeout | equivalent | survived | score | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| `{r['module']}` | {r['mutants']} | {r['killed']} | {r['timeout']} | {len(r['equivalent'])} "
              f"| {len(r['survived'])} | {r['score']}% | {r['seconds']} |")  # fmt: skip
    for r in results:
        for key in r["survived"]:
            print(f"survived: {key}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    stale = [key for r in results for key in r["stale"]]
    for key in stale:
        print(f"STALE equivalent.txt entry, matching no mutant (re-judge and re-key it): {key}", file=sys.stderr)
    if stale:
        sys.exit(f"{len(stale)} stale entries in {EQUIVALENT.name}: the score above would silently count them")


if __name__ == "__main__":
    main()
