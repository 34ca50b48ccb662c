"""The PO lexer and grammar under the strict reader: the entries, escapes, patterns and directives they read."""

from api.i18n.grammar import read_entries
from api.i18n.strict import DIRECTIVE, PoSyntaxError, strict_text
from api.i18n.syntax import CONTROL, KEYWORD, STRING
from tests.strict_po_cases import ACCEPTED, HEADER, H, msgfmt_refuses, refusal


# fmt: off
def test_the_entries_hold_what_the_file_says():
    text = HEADER + ACCEPTED["previous"] + "\n" + ACCEPTED["obsolete"] + "\n" + ACCEPTED["escapes"]
    entries = read_entries(text, "x.po")
    header, plural, plain, obsolete, previous_obsolete, escaped = entries
    assert header.fields == {"msgid": "", "msgstr": "Content-Type: text/plain; charset=UTF-8\n"
                             "Plural-Forms: nplurals=2; plural=(n != 1);\n"} and header.line == 1
    assert plural.fields == {"msgctxt": "x", "msgid": "d", "msgid_plural": "e"} and plural.forms == ["f", "g"]
    assert plural.flags == {"fuzzy"} and plural.line == H + 6 and not plural.obsolete and plural.complete
    assert plain.fields == {"msgid": "a", "msgstr": "b"} and plain.forms == [] and plain.flags == set()
    assert obsolete.obsolete and obsolete.fields == {"msgid": "c", "msgstr": "d"} and previous_obsolete.obsolete
    assert previous_obsolete.fields == {"msgid": "f", "msgstr": "g"} and not escaped.obsolete
    assert escaped.fields == {"msgid": 'a"\\\t', "msgstr": 'b"\\\t'}
    assert [e.last for e in entries][-2:] == ["msgstr"] * 2
    unseparated = read_entries(HEADER + ACCEPTED["no blank line"], "x.po")  # a keyword starts the next entry
    assert [(e.fields, e.line) for e in unseparated[1:]] == [({"msgid": "a", "msgstr": "b"}, H + 1),
                                                             ({"msgid": "c", "msgstr": "d"}, H + 3)]
    continued = read_entries(HEADER + ACCEPTED["continued"] + "\n" + ACCEPTED["plural"], "x.po")
    assert continued[1].fields == {"msgid": "ab", "msgstr": "c"}
    assert continued[2].forms == ["c", "d"] and continued[2].last == "msgstr[1]"
    flags = read_entries(HEADER + ACCEPTED["empty flags"] + "\n" + ACCEPTED["directives kept"], "x.po")
    assert flags[1].flags == {"fuzzy"} and flags[2].flags == {"python-format", "fuzzy"}


def test_a_file_without_a_final_newline_is_read_to_its_last_entry():
    entries = read_entries(HEADER + 'msgid "a"\nmsgstr "b"', "x.po")
    assert [e.fields for e in entries[1:]] == [{"msgid": "a", "msgstr": "b"}]
    error = refusal(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"')
    assert (error.line, error.reason) == (H + 4, f"duplicate message definition (first at line {H + 1})")
    assert msgfmt_refuses(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"')


def test_the_module_exports_the_reader_and_its_error():
    namespace = {}
    exec("from api.i18n.strict import *", namespace)  # what `import *` gives: the two names callers use
    assert namespace["strict_text"] is strict_text and namespace["PoSyntaxError"] is PoSyntaxError


def test_every_escape_babel_decodes_is_read_as_babel_reads_it():
    text = HEADER + 'msgid "e"\nmsgstr "\\a\\b\\f\\n\\r\\t\\v\\\\\\""\n'
    assert read_entries(text, "x.po")[-1].fields["msgstr"] == "\a\b\f\n\r\t\v\\\""


def test_the_lexers_patterns_read_what_the_po_grammar_says():
    assert [m.groups() for m in map(KEYWORD.match, ["msgid_plural \"", "msgstr[12] \"", "msgctxt\"", "msgid"])] == [
        ("msgid_plural", None), ("msgstr", "12"), ("msgctxt", None), ("msgid", None)]
    assert [KEYWORD.match(s) for s in ("msgidx \"", "msgstr[] \"", "msgstr[a] \"", "comment")] == [None] * 4
    assert STRING.fullmatch('"a\\"b"  \t').group(1) == 'a\\"b' and STRING.fullmatch('"a\\qb"') is None
    assert STRING.fullmatch('"a" x') is None and STRING.fullmatch('"a\\\\"').group(1) == "a\\\\"
    assert CONTROL.findall("a\x00\x08\t\n\x0b\x1f\x7f\x80") == ["\x00", "\x08", "\x0b", "\x1f", "\x7f"]


def test_the_format_directives_are_read_as_printf_and_str_format_write_them():
    sample = "%s %d %5.2f %1$s %(name)s %-5d %% %*d %.*f %ld %'d %+05i {name} {0} {} {{x}} %"
    assert DIRECTIVE.findall(sample) == ["%s", "%d", "%5.2f", "%1$s", "%(name)s", "%-5d", "%%", "%*d", "%.*f", "%ld",
                                         "%'d", "%+05i", "{name}", "{0}", "{}", "{x}"]
# fmt: on
