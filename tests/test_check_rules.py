"""Each per-text check rule, and each alternative of its pattern, has a case that fails without it."""

import pytest

from api.i18n.rules import compare


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
