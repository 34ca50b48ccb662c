"""`catalogs update --previous` keeps each fuzzy entry's previous msgid, in a form msgfmt and the strict reader take."""

import io
import shutil
import subprocess

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from api.i18n.previous import mend_previous
from api.i18n.strict import PoSyntaxError, strict_text
from tests.malformed_po import ROOT

LONG = "These types of spasms resolve with rest, hydration and gentle stretching, as the source page says."


def babel_output(previous: str) -> bytes:
    """Return what pybabel update --previous --no-wrap writes for a fuzzy entry whose msgid changed."""
    catalog = Catalog(locale="es")
    catalog[previous + " (v2)"] = Message(previous + " (v2)", "Estos espasmos...", context="t/s/u", flags=["fuzzy"],
                                          previous_id=previous)  # fmt: skip
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True)
    return out.getvalue()


def test_babel_wraps_a_long_previous_msgid_mid_string_and_the_strict_reader_refuses_it():
    with pytest.raises(PoSyntaxError, match="end-of-line within string"):
        strict_text(babel_output(LONG), "es.po")


def test_the_mended_file_keeps_the_previous_msgid_on_one_line_and_passes():
    mended = mend_previous(babel_output(LONG).decode("utf-8"))
    assert f'#| msgid "{LONG}"\n' in mended
    strict_text(mended.encode("utf-8"), "es.po")
    if shutil.which("msgfmt"):
        checked = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", "-"], input=mended.encode(), capture_output=True
        )
        assert checked.returncode == 0, checked.stderr


def test_a_short_previous_msgid_and_the_shipped_catalogs_are_left_alone():
    short = babel_output("Rest.").decode("utf-8")
    assert mend_previous(short) == short and '#| msgid "Rest."' in short
    # the shipped catalogs have no #| lines: mending them changes nothing
    for path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po")):
        text = path.read_text(encoding="utf-8")
        assert mend_previous(text) == text
