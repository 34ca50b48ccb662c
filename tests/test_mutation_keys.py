"""Every equivalent-mutant entry names a mutant the harness still generates: a moved line keeps its entry."""

from pathlib import Path

import pytest

from tests.mutation.mutants import mutant_keys, mutants
from tests.mutation.run import ROOT, equivalents, stale_entries

ENTRIES = equivalents()
MODULES = sorted({key.split(" ", 1)[0] for key in ENTRIES})


@pytest.mark.parametrize("module", MODULES)
def test_every_equivalent_entry_matches_a_mutant(module):
    assert stale_entries(module, mutant_keys((ROOT / module).read_text(encoding="utf-8")), ENTRIES) == []


def test_a_moved_line_keeps_its_key_and_an_edited_one_is_reported_stale():
    source = (ROOT / "api/i18n/limits.py").read_text(encoding="utf-8")
    code = 'int(parse_separated_header(f" ;{written}").get("nplurals", 2))'
    key = f"api/i18n/limits.py readable_nplurals | {code} | 2->3"
    assert key in ENTRIES
    moved = source.replace('"""Bound an upload', '# a new comment line\n\n"""Bound an upload', 1)
    assert stale_entries("api/i18n/limits.py", mutant_keys(moved), ENTRIES) == []
    assert {m.where for m in mutants(moved) if f"api/i18n/limits.py {m.key}" == key} != {
        m.where for m in mutants(source) if f"api/i18n/limits.py {m.key}" == key
    }
    edited = source.replace('.get("nplurals", 2)', '.get("nplurals", 3)', 1)
    assert stale_entries("api/i18n/limits.py", mutant_keys(edited), ENTRIES) == [key]


def test_identical_mutations_on_one_line_get_distinct_keys():
    keys = mutant_keys("def f(x):\n    return x == 1 or x == 1\n")
    assert len(keys) == len(set(keys)) and any(key.endswith(" #2") for key in keys)


def test_the_keys_hold_no_line_numbers():
    assert all(" | " in key and not key.split(" ", 2)[1][0].isdigit() for key in ENTRIES), Path(__file__).name
