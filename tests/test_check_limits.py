"""Upload bounds, read before Babel allocates anything, however the header is written (issue 11)."""

import time

import pytest

from api.i18n.limits import max_entries
from tests.po_text import TEMPLATE, check, found, header, plural_entry
from tests.timing import HANG_SECONDS, cpu_seconds

PLURALS = "".join(plural_entry(f"t/p/{i}", "one day", "%(n)d days", ["un día", "%(n)d días"]) for i in range(3))


@pytest.mark.parametrize(
    "written",
    [
        lambda n: header(plural_forms=f"nplurals={n}; plural=(n != 1);") + PLURALS,
        lambda n: header(plural_forms=f"nplurals=+{n}; plural=(n != 1);") + PLURALS,
        lambda n: header(plural_forms=f'nplurals="{n}"; plural=(n != 1);') + PLURALS,
        lambda n: (
            header(plural_forms=f"nplurals={n}; plural=(n != 1);").replace("Plural-Forms: ", 'Plural-Forms: "\n"')
            + PLURALS
        ),  # one header over two lines, as msgcat -w 77 wraps it
        lambda n: (header(plural_forms=f"nplurals={n}; plural=(n != 1);") + PLURALS).replace("\n", "\r\n"),
        lambda n: "# A comment block before the header.\n\n" + header(plural_forms=f"nplurals={n};") + PLURALS,
        lambda n: PLURALS + header(plural_forms=f"nplurals={n}; plural=(n != 1);"),  # the header last
    ],
)
def test_a_huge_nplurals_is_refused_quickly_naming_the_limit_however_it_is_written(written):
    started, cpu = time.monotonic(), cpu_seconds()
    report = check(written(20_000_000))
    assert cpu_seconds() - cpu < 2  # 20 million forms per entry would take minutes and gigabytes
    assert time.monotonic() - started < HANG_SECONDS
    assert ("error", None, "nplurals-limit") in found(report)
    assert "from 1 to 6, not 20000000" in " ".join(f.message for f in report.errors)


@pytest.mark.parametrize("count", [0, 7])
def test_nplurals_outside_one_to_six_is_an_nplurals_limit_error(count):
    report = check(header(plural_forms=f"nplurals={count}; plural=0;") + PLURALS)
    assert [f.rule for f in report.errors] == ["nplurals-limit"]


@pytest.mark.parametrize("indent", ["", "  ", "#~ "])
def test_more_entries_than_the_limit_is_an_entry_limit_error(indent):
    limit = max_entries(TEMPLATE)
    assert limit == 4 * len(TEMPLATE) + 100
    entries = "".join(f'{indent}msgid "e{i}"\n{indent}msgstr "x"\n\n' for i in range(limit))  # and the header
    report = check(header() + entries)
    assert [f.rule for f in report.errors] == ["entry-limit"]
    assert f"{limit + 1} entries" in report.errors[0].message
    within = "".join(f'{indent}msgid "e{i}"\n{indent}msgstr "x"\n\n' for i in range(limit - 1))  # and the header
    assert "entry-limit" not in [f.rule for f in check(header() + within).errors]


def test_a_catalog_over_both_limits_names_both_before_parsing():
    entries = "".join(f'msgid "e{i}"\nmsgstr "x"\n\n' for i in range(max_entries(TEMPLATE)))
    report = check(header(plural_forms="nplurals=9; plural=0;") + entries)
    assert [f.rule for f in report.errors] == ["nplurals-limit", "entry-limit"]


def test_the_text_scan_reads_nplurals_from_the_header_entry_only():
    from api.i18n.limits import over_limits

    nine = header(plural_forms="nplurals=9; plural=0;")
    assert [rule for rule, _ in over_limits(nine, TEMPLATE)] == ["nplurals-limit"]
    later = header() + 'msgid "x"\nmsgstr ""\n"Plural-Forms: nplurals=9; plural=0;\\n"\n'  # not the header entry
    assert over_limits(later, TEMPLATE) == []
    assert over_limits(header(plural_forms=None), TEMPLATE) == []


def test_babel_reads_each_bound_and_keeps_the_headers_and_obsolete_entries():
    from api.i18n.limits import RefusedHeader, read_bounded, readable_nplurals

    assert (readable_nplurals("nplurals=2; plural=(n != 1);"), readable_nplurals("nplurals=two; plural=0;")) == (
        True, False)  # fmt: skip
    with pytest.raises(RefusedHeader) as unreadable:
        read_bounded(header(plural_forms="nplurals=two; plural=0;").encode(), "es", "up.po")
    assert unreadable.value.rule == "plural-forms" and "malformed Plural-Forms" in str(unreadable.value)
    with pytest.raises(RefusedHeader) as signed:
        read_bounded(header(plural_forms="nplurals=+9; plural=0;").encode(), "es", "up.po")
    assert signed.value.rule == "nplurals-limit"
    obsolete = header() + '#~ msgctxt "t/s/gone"\n#~ msgid "Old."\n#~ msgstr "Viejo."\n'
    catalog = read_bounded(obsolete.encode(), "es", "up.po")
    assert catalog.headers["language"] == "es" and list(catalog.obsolete) == [("Old.", "t/s/gone")]
    assert read_bounded(b'msgid "a"\nmsgstr "b"\n', "es", "up.po").headers == {}


def test_every_plural_forms_problem_names_its_cause():
    from babel import Locale
    from babel.plural import to_gettext

    from api.i18n.plurals import plural_forms_problem

    assert plural_forms_problem("nplurals=2", "es").startswith("malformed Plural-Forms")
    assert plural_forms_problem("nplurals=9; plural=n;", "es").startswith("nplurals=9 is out of bounds")
    assert plural_forms_problem("nplurals=2; plural=(n != 1);", "es") is None
    assert plural_forms_problem(to_gettext(Locale.parse("vi").plural_form), "vi") is None  # CLDR's, as Babel writes it


TRANSLATED = 'msgctxt "t/s/text"\nmsgid "Rest the muscle for a day."\nmsgstr "Descanse el músculo un día."\n'


def with_header(line: str, plural_forms: str | None = "nplurals=2; plural=(n != 1);") -> str:
    return header(plural_forms=plural_forms).replace('"Language: es', f'"{line}\\n"\n"Language: es') + TRANSLATED


@pytest.mark.parametrize("plural_forms", [None, "nplurals=2; plural=(n != 1);"])
@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("POT-Creation-Date: yesterday", "POT-Creation-Date 'yesterday' is not a date: write YYYY-MM-DD HH:MM+ZZZZ"),
        ("PO-Revision-Date: 2026-13-45 10:00+0000",
         "PO-Revision-Date '2026-13-45 10:00+0000' is not a date: write YYYY-MM-DD HH:MM+ZZZZ"),
    ],
)  # fmt: skip
def test_a_date_babel_cannot_read_is_named_with_or_without_plural_forms(line, message, plural_forms):
    """Issue 17: a bad POT-Creation-Date without a Plural-Forms was reported as "malformed Plural-Forms None"."""
    report = check(with_header(line, plural_forms))
    assert [(f.rule, f.message) for f in report.errors] == [("header-date", message)]


def test_a_template_or_empty_date_is_left_alone_as_babel_leaves_it():
    assert check(with_header("PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE")).errors == []
    assert check(with_header("PO-Revision-Date: ")).errors == []


def test_a_refused_header_reads_as_its_message_not_a_tuple():
    """The finding is str(RefusedHeader): the message alone, never "('plural-forms', ...)"."""
    report = check(with_header("X-Note: fine", "nplurals=two; plural=0;"))
    assert [(f.rule, f.message) for f in report.errors] == [
        ("plural-forms", "malformed Plural-Forms 'nplurals=two; plural=0;': write nplurals=N; ...")
    ]


@pytest.mark.parametrize("date", ["", "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE", "PO-Revision-Date: "])
def test_another_header_babel_cannot_read_keeps_babels_reason(date):
    """A bad Language, beside a template or empty date (which Babel skips, and so must the message)."""
    text = header(language="12") + TRANSLATED
    report = check(text.replace('"Language', f'"{date}\\n"\n"Language') if date else text)
    assert [f.rule for f in report.errors] == ["po-syntax"]
    assert "expected only letters, got '12'" in report.errors[0].message
