"""Each catalog check rule, and each alternative of its patterns, has a case that fails without it."""

import time

import pytest

from api.i18n.checks import check_catalog
from api.i18n.limits import max_entries
from api.i18n.rules import compare

SPANISH_PLURALS = "nplurals=2; plural=(n != 1);"
CONTEXT = "t/s/text"
TEMPLATE = {(CONTEXT, "Rest the muscle for a day."): (), ("t/s/other", "Drink water."): ()}


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def header(language="es", content_type="text/plain; charset=UTF-8", plural_forms=SPANISH_PLURALS) -> str:
    """Return a PO header entry; a field given as None is left out."""
    fields = {"Language": language, "Content-Type": content_type, "Plural-Forms": plural_forms}
    lines = "".join(quoted(f"{name}: {value}\n") + "\n" for name, value in fields.items() if value is not None)
    return 'msgid ""\nmsgstr ""\n' + lines + "\n"


def entry(context: str, english: str, translated: str, fuzzy=False) -> str:
    flags = "#, fuzzy\n" if fuzzy else ""
    return f"{flags}msgctxt {quoted(context)}\nmsgid {quoted(english)}\nmsgstr {quoted(translated)}\n\n"


def plural_entry(context: str, singular: str, plural: str, forms: list[str]) -> str:
    strings = "".join(f"msgstr[{i}] {quoted(form)}\n" for i, form in enumerate(forms))
    return f"msgctxt {quoted(context)}\nmsgid {quoted(singular)}\nmsgid_plural {quoted(plural)}\n{strings}\n"


def check(text: str, locale="es", template=TEMPLATE, required=None):
    return check_catalog(text.encode("utf-8"), locale, "test.po", template, required)


def found(report) -> list[tuple[str, str | None, str]]:
    return [(f.severity, f.context, f.rule) for f in report.findings]


def translated(text: str, **headers) -> list[tuple[str, str | None, str]]:
    """Return the findings for a catalog that translates the one template unit as text."""
    return found(check(header(**headers) + entry(CONTEXT, "Rest the muscle for a day.", text)))


# The per-text rules: the exact list of rules each translation breaks.
@pytest.mark.parametrize(
    ("english", "translation", "rules"),
    [
        ("Take %s daily.", "Tómelo a diario.", ["placeholders"]),
        ("Take %s daily.", "Tome %s a diario.", []),
        ("Take %s or %s.", "Tome %s.", ["placeholders"]),  # counted, not only present
        ("Dear %(name)s,", "Estimado %(nombre)s:", ["placeholders"]),  # a named placeholder keeps its name
        ("Change: %+d", "Cambio:", ["placeholders"]),  # a flag
        ("Name: %10s", "Nombre:", ["placeholders", "numbers"]),  # a width
        ("Dose: %.2f mg", "Dosis: mg", ["placeholders", "numbers"]),  # a precision
        ("Hello {}", "Hola", ["placeholders"]),
        ("Hello {name}", "Hola", ["placeholders"]),
        ("Hello {name}", "Hola {name}", []),
        ("Hello {a name}", "Hola", []),  # braces around spaces are prose, not a placeholder
        ("a <b>word</b>", "una palabra", ["markup"]),
        ("a <b>word</b>", "una <B>palabra</B>", []),  # tag names compare without case
        ("a <B>word</B>", "una <b>palabra</b>", []),
        ("a <b>word</b> <b>two</b>", "una <b>palabra dos</b>", ["markup"]),  # counted
        ("line<br>break", "salto de línea", ["markup"]),  # an opening tag alone
        ("end</b>", "fin", ["markup"]),  # a closing tag alone
        ("a < b>word", "una palabra", ["markup"]),  # space after <
        ("<h2>Title</h2>", "<h3>Título</h3>", ["markup", "numbers"]),  # digits in a tag name
        ('<span class="a">x</span>', '<span class="b">y</span>', []),  # attributes are not the tag
        ("See https://knowyourback.org/a.", "Vea https://knowyourback.org/b.", ["urls"]),
        ("See http://spine.org/a", "Vea http://spine.org/b", ["urls"]),
        ("See www.spine.org today", "Vea www.spine.com hoy", ["urls"]),
        ("Visit www.spine.org.", "Visite www.spine.org", []),  # a sentence's full stop is not the URL's
        ("(https://spine.org/a)", "https://spine.org/a", []),  # nor is a closing parenthesis
        ("«https://spine.org/a»", "“https://spine.org/a”", []),  # nor quotation marks
        ("Page https://spine.org/p2 now", "Página https://spine.org/p3 ya", ["urls"]),  # URL digits are the URL's
        ("Rest for 3 days.", "Descanse 4 días.", ["numbers"]),
        ("Rest for 3 days.", "Descanse 3 días.", []),
        ("Take 1.5 mg", "Tome 5.1 mg", ["numbers"]),  # a decimal is one number
        ("3 times, 3 days", "3 veces al día", ["numbers"]),  # counted
        ("Rest for 3 days.", "استرح ٣ أيام.", []),  # the same number in Arabic-Indic digits
        ("Rest for 12 days.", "１２日間休んでください。", []),  # and in full-width digits
        ("a<script>x()</script>", "a<script>x()</script>", []),  # what the source has may stay
        ("a", "a<script>x()</script>", ["markup", "unsafe-html"]),
        ("a", "a< SCRIPT >x()</script>", ["markup", "unsafe-html"]),
        ("a", 'a<iframe src="x"></iframe>', ["markup", "unsafe-html"]),
        ("a", 'a<object data="x"></object>', ["markup", "unsafe-html"]),
        ("a", 'a<embed src="x">', ["markup", "unsafe-html"]),
        ("a", "a<style>b</style>", ["markup", "unsafe-html"]),
        ('<a href="/x">a</a>', '<a href="javascript:x()">a</a>', ["unsafe-html"]),
        ('<a href="/x">a</a>', '<a href="javascript&colon;x()">a</a>', ["unsafe-html"]),  # entities are decoded
        ('<img src="a.png">', '<img src="a.png" onerror="x()">', ["unsafe-html"]),
        ("<p>x</p>", '<p style="display:none">x</p>', ["unsafe-html"]),
        ('<p style="color:red">x</p>', '<p style="color:red">y</p>', []),
        ("Type &lt;style&gt; here", "Escriba <style> aquí", ["markup"]),  # the source's entities are decoded too
    ],
)
def test_each_rule_and_each_alternative_of_its_pattern(english, translation, rules):
    assert [rule for rule, _ in compare(english, translation, ())] == rules


@pytest.mark.parametrize("conversion", "diouxXeEfFgGcrsa")
def test_every_printf_conversion_is_a_placeholder(conversion):
    assert [rule for rule, _ in compare(f"Value: %{conversion}", "Valor:", ())] == ["placeholders"]


@pytest.mark.parametrize(
    ("english", "translation", "rules"),
    [
        ("Ask NASS today.", "Pregunte hoy.", ["protected-term"]),
        ("Ask NASS today.", "Pregunte a nass hoy.", []),  # as written, in any case
        ("ask nass today.", "Pregunte hoy.", ["protected-term"]),
        ("Ask a doctor.", "Pregunte a un médico.", []),  # only where the source has the term
    ],
)
def test_a_protected_term_must_stay(english, translation, rules):
    assert [rule for rule, _ in compare(english, translation, ("NASS",))] == rules


def test_an_unsafe_finding_quotes_what_was_added():
    ((rule, message),) = compare("<p>x</p>", '<p style="a">x</p>', ())
    assert (rule, "style=" in message) == ("unsafe-html", True)


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


# Completeness: what a catalog marked complete must have, and what one in progress may leave.
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
    assert "untranslated" in report.findings[0].message


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


# Issue 11: bounds read before Babel allocates anything, however the header is written.
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
    started = time.monotonic()
    report = check(written(20_000_000))
    assert time.monotonic() - started < 2  # 20 million forms per entry would take minutes and gigabytes
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
