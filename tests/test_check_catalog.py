"""Each catalog-level check: headers, Plural-Forms, plural entries, completeness, warnings, syntax."""

import pytest

from api.content.loader import load_library
from api.content.walk import iter_units
from api.i18n.catalogs import load_review
from api.i18n.checks import check_catalog, required_units
from tests.po_text import CONTEXT, TEMPLATE, check, entry, found, header, plural_entry, translated


# The headers, as Babel reads them.
@pytest.mark.parametrize(
    ("headers", "rule"),
    [
        ({"language": None}, "header-language"),
        ({"language": "fr"}, "header-language"),
        ({"content_type": None}, "header-charset"),
        ({"content_type": "text/plain; charset=ISO-8859-1"}, "header-charset"),
        ({"plural_forms": None}, "plural-forms"),
        ({"plural_forms": "nplurals=1; plural=0;"}, "plural-forms"),
    ],
)
def test_a_wrong_or_missing_header_is_an_error(headers, rule):
    assert ("error", None, rule) in translated("Descanse el músculo un día.", **headers)


@pytest.mark.parametrize(
    ("headers", "locale"),
    [
        ({"language": "ES"}, "es"),
        ({"language": "pt-BR", "plural_forms": "nplurals=2; plural=(n > 1);"}, "pt-BR"),
        ({"language": "pt_BR", "plural_forms": "nplurals=2; plural=(n > 1);"}, "pt-BR"),
        ({"content_type": "text/plain; charset=utf-8"}, "es"),
        ({"content_type": "text/plain; charset= UTF-8"}, "es"),
    ],
)
def test_headers_pass_in_the_spellings_tools_write(headers, locale):
    text = header(**headers) + entry(CONTEXT, "Rest the muscle for a day.", "Descanse el músculo un día.")
    assert check(text, locale).errors == []


# Issue 9 item 4: Plural-Forms that survive a CLDR update, and those that are still refused.
@pytest.mark.parametrize(
    "plural_forms",
    ["nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n == 1) ? 0 : ((n != 0 && n % 1000000 == 0) ? 1 : 2);"],
)
def test_spanish_passes_with_gettexts_formula_and_with_cldrs(plural_forms):
    assert translated("Descanse el músculo un día.", plural_forms=plural_forms) == []


@pytest.mark.parametrize(
    ("plural_forms", "says"),
    [
        ("nplurals=1; plural=0;", "matches no formula known for es"),
        ("nplurals=2; plural=(n > 1);", "matches no formula known for es"),  # valid, but French's
        ("nplurals=2; plural=(n != ;", "malformed plural expression"),
        ("nplurals=two; plural=(n != 1);", "malformed Plural-Forms"),
        ("nplurals=2; plural=(n == 1 ? 0 : 2);", "index outside"),
    ],
)
def test_spanish_refuses_a_formula_that_is_wrong_malformed_or_unknown(plural_forms, says):
    report = check(header(plural_forms=plural_forms) + entry(CONTEXT, "Rest the muscle for a day.", "Descanse."))
    assert [(f.rule, says in f.message) for f in report.errors] == [("plural-forms", True)]


def test_a_plural_entry_with_fewer_forms_than_nplurals_names_the_missing_form():
    text = header() + plural_entry("t/s/count", "one day", "%(n)d days", ["un día"])
    (error,) = check(text).errors
    assert (error.context, error.rule) == ("t/s/count", "plural-forms")
    assert "msgstr[1]" in error.message and "nplurals=2" in error.message


def test_a_plural_entry_with_more_forms_than_nplurals_is_an_error_not_a_crash():
    text = header() + plural_entry("t/s/count", "one day", "%(n)d days", ["un día", "%(n)d días", "x"])
    (error,) = check(text).errors
    assert error.rule == "plural-forms" and "more msgstr[n] than the header's nplurals=2" in error.message


def test_each_plural_form_is_compared_with_the_singular_or_the_plural_source():
    text = header() + plural_entry("t/s/count", "one day", "%(n)d days", ["un día", "%(n)d días"])
    assert found(check(text)) == [("warning", "t/s/count", "unknown-unit")]
    text = header() + plural_entry("t/s/count", "one day", "%(n)d days", ["un día", "días"])
    assert ("error", "t/s/count", "placeholders") in found(check(text))


# Completeness: what the topic versions a locale marks complete must have, and what anything else may leave.
REQUIRED = set(TEMPLATE)


def test_a_catalog_marked_complete_names_each_missing_fuzzy_and_untranslated_unit():
    text = header() + entry(CONTEXT, "Rest the muscle for a day.", "Descanse el músculo un día.", fuzzy=True)
    assert found(check(text, required=REQUIRED)) == [
        ("error", "t/s/other", "incomplete"),  # missing
        ("error", CONTEXT, "incomplete"),  # fuzzy
    ]
    text = header() + entry(CONTEXT, "Rest the muscle for a day.", "Descanse.") + entry("t/s/other", "Drink water.", "")
    report = check(text, required=REQUIRED)
    assert found(report) == [("error", "t/s/other", "incomplete")]
    assert report.findings[0].message == "untranslated in a topic marked complete"


def test_only_the_units_of_topics_marked_complete_are_required():
    """Issue 17 item 3: a topic added after a locale finished others leaves its units missing, not errors."""
    done = {(CONTEXT, "Rest the muscle for a day.")}
    text = header() + entry(CONTEXT, "Rest the muscle for a day.", "Descanse el músculo un día.")
    assert found(check(text + entry("t/s/other", "Drink water.", ""), required=done)) == []
    assert found(check(text + entry("t/s/other", "Drink water.", "Beba.", fuzzy=True), required=done)) == []
    report = check(header() + entry("t/s/other", "Drink water.", "Beba agua."), required=done)
    assert [(f.rule, f.message) for f in report.errors] == [
        ("incomplete", "missing from a topic marked complete: 'Rest the muscle for a day.'")
    ]


def test_review_complete_names_topic_versions_and_only_those_published_require_units(tmp_path, library):
    """A version published after a locale finished the one before leaves the locale's checks green."""
    record = tmp_path / "review.yaml"
    record.write_text("status: unreviewed\ncomplete: {sample-topic: 1, muscle-spasms: 1, unpublished: 1}\n")
    complete = load_review(record).complete
    assert complete == (("muscle-spasms", 1), ("sample-topic", 1), ("unpublished", 1))
    topics = load_library(library[0])
    units = {(t, v.version): {(u.context, u.text) for u in iter_units(v)} for t, vs in topics.items() for v in vs}
    assert required_units(topics, complete) == units["muscle-spasms", 1] | units["sample-topic", 1]
    assert required_units(topics, (("sample-topic", 2),)) == units["sample-topic", 2] != units["sample-topic", 1]
    assert required_units(topics, (("muscle-spasms", 2),)) == required_units(topics, ()) == set()


def test_a_catalog_in_progress_may_leave_units_missing_fuzzy_or_untranslated_and_does_not_check_them():
    text = header() + entry(CONTEXT, "Rest the muscle for a day.", "Descanse 3 días.", fuzzy=True)
    assert found(check(text + entry("t/s/other", "Drink water.", ""))) == []


def test_a_unit_not_in_the_template_is_a_warning_on_that_unit():
    text = header() + entry(CONTEXT, "Rest the muscle for a day.", "Descanse.") + entry("t/s/gone", "Old.", "Viejo.")
    assert found(check(text)) == [("warning", "t/s/gone", "unknown-unit")]


@pytest.mark.parametrize(
    ("english", "translation", "protected", "warned"),
    [
        ("Rest the muscle for a day.", "Rest the muscle for a day.", (), True),
        ("Rest the muscle for a day.", "Descanse el músculo un día.", (), False),
        ("NASS", "NASS", ("NASS",), False),  # a protected term alone is the same in every language
        ("nass KnowYourBack.org", "nass KnowYourBack.org", ("NASS", "KnowYourBack.org"), False),
        ("https://spine.org/find", "https://spine.org/find", (), False),  # a URL alone too
        ("OK", "OK", (), False),  # fewer than three Latin letters
        ("NASS ask", "NASS ask", ("NASS",), True),
    ],
)
def test_a_translation_identical_to_its_source_is_a_warning_on_that_unit(english, translation, protected, warned):
    template = {(CONTEXT, english): protected, ("t/s/other", "Drink water."): ()}
    text = header() + entry(CONTEXT, english, translation) + entry("t/s/other", "Drink water.", "Beba agua.")
    findings = found(check(text, template=template))
    assert findings == ([("warning", CONTEXT, "identical")] if warned else [])


def ratio_catalog(lengths: list[int], english_length=20) -> tuple[str, dict]:
    """Return a catalog whose units' translations have these lengths, each of an English text of english_length."""
    template, text = {}, header()
    for index, length in enumerate(lengths):
        english = f"{index:02d}" + "e" * (english_length - 2)
        template[(f"t/s/u{index}", english)] = ()
        text += entry(f"t/s/u{index}", english, f"{index:02d}" + "t" * (length - 2))
    return text, template


@pytest.mark.parametrize(
    ("lengths", "english_length", "warned"),
    [
        ([20, 20, 20, 20, 20, 51], 20, ["t/s/u5"]),  # more than 2.5 times the locale's median ratio
        ([20, 20, 20, 20, 20, 50], 20, []),  # exactly 2.5 times
        ([20, 20, 20, 20, 20, 7], 20, ["t/s/u5"]),  # less than the median / 2.5
        ([20, 20, 20, 20, 20, 8], 20, []),  # exactly the median / 2.5
        ([20, 20, 20, 20, 60], 20, ["t/s/u4"]),  # five units are enough for a norm
        ([20, 20, 20, 60], 20, []),  # four are not
        ([19, 19, 19, 19, 19, 60], 19, []),  # sources under 20 characters do not count
    ],
)
def test_a_translation_far_longer_or_shorter_than_the_locales_norm_is_a_warning(lengths, english_length, warned):
    text, template = ratio_catalog(lengths, english_length)
    assert found(check(text, template=template)) == [("warning", context, "length-ratio") for context in warned]


@pytest.mark.parametrize(
    ("raw", "says"),
    [(b'msgid ""\nmsgstr "\\xff"\n\xff\n', "utf-8"), (b'msgctxt "x"\nmsgid "dangling"\n', "test.po")],
)
def test_bytes_that_are_not_a_utf8_po_file_are_a_po_syntax_error(raw, says):
    report = check_catalog(raw, "es", "test.po", TEMPLATE, None)
    assert [(f.rule, says in f.message) for f in report.errors] == [("po-syntax", True)]


def test_the_report_counts_errors_and_warnings():
    text = header(language="fr") + entry("t/s/gone", "Old.", "Viejo.")
    assert {k: v for k, v in check(text).as_dict().items() if k != "findings"} == {
        "locale": "es", "file": "test.po", "errors": 1, "warnings": 1,
    }  # fmt: skip


def test_findings_tell_the_translator_what_to_do():
    """A finding's message is what a translator reads in the 422: it names the fix, not just the rule."""
    charset = check(header(content_type="text/plain") + entry(CONTEXT, "Rest the muscle for a day.", "Descanse."))
    assert [f.message for f in charset.errors] == ["Content-Type must declare charset=UTF-8"]
    fuzzy = check(header() + entry(CONTEXT, "Rest the muscle for a day.", "Descanse.", fuzzy=True),
                  required={(CONTEXT, "Rest the muscle for a day.")})  # fmt: skip
    assert [f.message for f in fuzzy.errors] == ["fuzzy in a topic marked complete"]
    same = check(header() + entry(CONTEXT, "Rest the muscle for a day.", "Rest the muscle for a day."))
    assert [f.message for f in same.findings] == ["translation is identical to the source"]


def test_every_name_the_checks_module_exports_exists():
    """Other modules and the CLI import the rules and limits from api.i18n.checks after the split: keep them there."""
    from api.i18n import checks

    assert [name for name in checks.__all__ if not hasattr(checks, name)] == []


# Syntax Babel reads leniently but msgfmt --check refuses (issue 17; the whole corpus is in test_strict_catalogs.py).
def test_an_unterminated_string_is_a_po_syntax_error_naming_file_and_line():
    text = header() + entry(CONTEXT, "Rest the muscle for a day.", "Descanse el músculo un día.")
    line = text.splitlines().index('msgstr "Descanse el músculo un día."') + 1
    report = check(text.replace('un día."', "un día."))
    assert [(f.rule, f.message) for f in report.errors] == [("po-syntax", f"test.po:{line}: end-of-line within string")]


def test_a_duplicate_entry_is_refused_naming_both_lines():
    unit = entry(CONTEXT, "Rest the muscle for a day.", "Descanse el músculo un día.")
    text = header() + unit + unit
    first = text.splitlines().index(f'msgctxt "{CONTEXT}"') + 1
    (error,) = check(text).errors
    assert (error.rule, error.message) == ("po-syntax", f"test.po:{first + 4}: duplicate message definition "
                                           f"(first at line {first})")  # fmt: skip


def test_a_translated_plural_entry_with_an_empty_form_names_it():
    """msgfmt takes an empty msgstr[1] beside a translated msgstr[0]; a patient would get English for it: refused."""
    text = header() + plural_entry("t/s/count", "one day", "%(n)d days", ["un día", ""])
    (error,) = check(text).errors
    assert (error.context, error.rule) == ("t/s/count", "plural-forms")
    assert error.message.startswith("msgstr[1] is empty or missing") and "nplurals=2" in error.message
