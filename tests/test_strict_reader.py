"""The strict PO reader, case by case: each refusal names its line, rule and reason, held against GNU msgfmt --check."""

import shutil
import subprocess

import pytest

from api.i18n.grammar import read_entries
from api.i18n.strict import DIRECTIVE, PoSyntaxError, strict_text
from api.i18n.syntax import CONTROL, KEYWORD, STRING, decode

# fmt: off
MSGFMT = shutil.which("msgfmt") or "msgfmt"  # GNU gettext (.ci/run installs it): missing, the oracle tests fail
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
BARE = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'  # no Plural-Forms
H = HEADER.count("\n")  # the line before a body's first line


def msgfmt_refuses(text: str | bytes) -> bool:
    """Say whether GNU msgfmt --check refuses this catalog."""
    raw = text.encode() if isinstance(text, str) else text
    done = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", "-"], input=raw, capture_output=True, timeout=30)
    return done.returncode != 0


def refusal(text: str | bytes, name: str = "x.po") -> PoSyntaxError:
    """Return the strict reader's refusal of a catalog (it must refuse)."""
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(PoSyntaxError) as caught:
        strict_text(raw, name)
    return caught.value


# (body after the header, the line refused counted from the body's first line, the reason, whether msgfmt refuses it)
REFUSED = {
    "unterminated": ('msgid "a"\nmsgstr "b\n', 2, "end-of-line within string", True),
    "text after quote": ('msgid "a"\nmsgstr "b" c\n', 2, "text after the closing quote", True),
    "text after quote at the end": ('msgid "a"\nmsgstr "b" X\n', 2, "text after the closing quote", True),
    "stray obsolete text": ('#~ msgid "a"\n#~ Xmsgstr "b"\n', 2, "unexpected text 'Xmsgstr \"b\"'", True),
    "stray previous text": ('#| Xmsgid "c"\nmsgid "a"\nmsgstr "b"\n', 1, "a #| string before any #| keyword", True),
    "string after a previous": ('msgid "a"\nmsgstr "b"\n#| msgid "c"\n"x"\nmsgid "d"\nmsgstr "e"\n', 4,
                                "a string outside an entry", True),
    "unspaced flag": ('#,python-format\nmsgid "%(n)s days"\nmsgstr "días"\n', 2,
                      "format directives ['%(n)s'] must all stay, unchanged", True),
    "text before the quote": ('msgid X"a"\nmsgstr "b"\n', 1, "expected a quoted string, not 'X\"a\"'", True),
    "text before a previous quote": ('#| msgid X"c"\nmsgid "a"\nmsgstr "b"\n', 1,
                                     "expected a quoted string, not 'X\"c\"'", True),
    "duplicate without a blank line": ('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', 3,
                                       f"duplicate message definition (first at line {H + 1})", True),
    "two strings on a line": ('msgid "a"\nmsgstr "b" "c"\n', 2, "text after the closing quote", False),
    "bad escape": ('msgid "a"\nmsgstr "b\\q"\n', 2, "invalid escape '\\\\q'", True),
    "octal escape": ('msgid "a"\nmsgstr "\\101"\n', 2, "invalid escape '\\\\1'", False),
    "no quote": ('msgid "a"\nmsgstr b\n', 2, "expected a quoted string, not 'b'", True),
    "control": ('msgid "a"\nmsgstr "b\x1bc"\n', 2, "a control character in a string: write \\n, \\t or \\r, or "
                "leave it out", False),
    "missing msgstr": ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 1, "missing msgstr: an entry ends without its "
                       "translation", True),
    "missing msgstr at the end": ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 4, "missing msgstr: an entry ends "
                                  "without its translation", True),
    "stray text": ('msgid "a"\nmsgstr "b"\nhello\n', 3, "unexpected text 'hello'", True),
    "string outside": ('msgid "a"\nmsgstr "b"\n\n"c"\n', 4, "a string outside an entry", False),
    "backslash": ('# a note \\\nmsgid "a"\nmsgstr "b"\n', 1, "a backslash at the end of a line", True),
    "empty obsolete line": ('#~ msgid "a"\n#~ msgstr "b"\n#~\n', 3, "an empty #~ line", False),
    "mixed obsolete": ('#~ msgid "a"\nmsgstr "b"\n', 2, "inconsistent use of #~ within an entry", True),
    "previous at the end": ('msgid "a"\nmsgstr "b"\n\n#| msgid "c"\n', 5, "#| lines with no entry after them", True),
    "comment after previous": ('#| msgid "c"\n# note\nmsgid "a"\nmsgstr "b"\n', 2,
                               "a comment between #| lines and their entry", True),
    "previous inside": ('msgid "a"\n#| msgid "c"\nmsgstr "b"\n', 2, "#| lines inside an entry", True),
    "previous string first": ('#| "c"\nmsgid "a"\nmsgstr "b"\n', 1, "a #| string before any #| keyword", True),
    "previous plural first": ('#| msgid_plural "c"\nmsgid "a"\nmsgstr "b"\n', 1,
                              "#| msgid_plural out of place: #| lines are [msgctxt] msgid [msgid_plural]", True),
    "previous msgid twice": ('#| msgid "c"\n#| msgid "d"\nmsgid "a"\nmsgstr "b"\n', 2,
                             "#| msgid out of place: #| lines are [msgctxt] msgid [msgid_plural]", True),
    "previous msgctxt twice": ('#| msgctxt "c"\n#| msgctxt "d"\nmsgid "a"\nmsgstr "b"\n', 2,
                               "#| msgctxt out of place: #| lines are [msgctxt] msgid [msgid_plural]", True),
    "previous plural twice": ('#| msgid "c"\n#| msgid_plural "d"\n#| msgid_plural "e"\nmsgid "a"\nmsgstr "b"\n', 3,
                              "#| msgid_plural out of place: #| lines are [msgctxt] msgid [msgid_plural]", True),
    "previous msgstr": ('#| msgid "c"\n#| msgstr "d"\nmsgid "a"\nmsgstr "b"\n', 2,
                        "#| msgstr out of place: #| lines are [msgctxt] msgid [msgid_plural]", True),
    "previous indexed": ('#| msgid "c"\n#| msgstr[0] "d"\nmsgid "a"\nmsgstr "b"\n', 2,
                         "#| msgstr[0] out of place: #| lines are [msgctxt] msgid [msgid_plural]", True),
    "previous msgctxt alone": ('#| msgctxt "c"\nmsgid "a"\nmsgstr "b"\n', 2,
                               "#| msgctxt without the #| msgid it belongs to", True),
    "previous bad string": ('#| msgid "c\nmsgid "a"\nmsgstr "b"\n', 1, "end-of-line within string", True),
    "previous bad continuation": ('#| msgid "c"\n#| "d\nmsgid "a"\nmsgstr "b"\n', 2, "end-of-line within string", True),
    "msgctxt twice": ('msgctxt "x"\nmsgctxt "y"\nmsgid "a"\nmsgstr "b"\n', 2,
                      "msgctxt out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or msgstr[n]", True),
    "msgid twice": ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 2,
                    "msgid out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or msgstr[n]", True),
    "msgstr twice": ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3,
                     "msgstr out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or msgstr[n]", True),
    "msgstr first": ('msgstr "c"\n', 1,
                     "msgstr out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or msgstr[n]", True),
    "plural after msgstr": ('msgid "a"\nmsgstr "b"\nmsgid_plural "c"\n', 3,
                            "msgid_plural out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or "
                            "msgstr[n]", True),
    "plural after forms": ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgid_plural "d"\n', 4,
                           "msgid_plural out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or "
                           "msgstr[n]", True),
    "plural msgstr": ('msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n', 3,
                      "msgstr out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or msgstr[n]", True),
    "form without plural": ('msgid "a"\nmsgstr[0] "b"\n', 2, "msgstr[0] without msgid_plural", True),
    "form first": ('msgstr[0] "b"\n', 1, "msgstr[0] without msgid_plural", True),
    "msgid form": ('msgid "a"\nmsgid_plural "b"\nmsgid[0] "c"\n', 3, "msgid[0] without msgid_plural", True),
    "form gap": ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[2] "d"\n', 4,
                 "plural form has wrong index: msgstr[2] where msgstr[1] belongs", True),
    "form from one": ('msgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\n', 3,
                      "plural form has wrong index: msgstr[1] where msgstr[0] belongs", True),
    "duplicate": ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4,
                  f"duplicate message definition (first at line {H + 1})", True),
    "duplicate in context": ('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "c"\n', 5,
                             f"duplicate message definition (first at line {H + 1})", True),
    "empty msgid": ('msgctxt "x"\nmsgid ""\nmsgstr "b"\n', 1, 'an empty msgid "" is only for the header entry', False),
    "too few forms": ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n', 1,
                      "msgstr[1] is missing: a plural entry needs all nplurals=2 forms", True),
    "too many forms": ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\nmsgstr[2] "e"\n', 1,
                       "more msgstr[n] than the header's nplurals=2", True),
    "ends apart": ('msgid "a\\n"\nmsgstr "b"\n', 1, "msgid and its translation do not both end with \\n", True),
    "begins apart": ('msgid "a"\nmsgstr "\\nb"\n', 1, "msgid and its translation do not both begin with \\n", True),
    "plural ends apart": ('msgid "a"\nmsgid_plural "b\\n"\nmsgstr[0] ""\nmsgstr[1] ""\n', 1,
                          "msgid and its translation do not both end with \\n", False),
    "empty form ends apart": ('msgid "a\\n"\nmsgid_plural "b\\n"\nmsgstr[0] "c\\n"\nmsgstr[1] ""\n', 1,
                              "msgid and its translation do not both end with \\n", True),
    "foreign format": ('#, java-format\nmsgid "a"\nmsgstr "b"\n', 2, "format flag 'java-format': content catalogs "
                       "use only ['c-format', 'python-brace-format', 'python-format']", False),
    "lost directive": ('#, python-format\nmsgid "%(n)s days"\nmsgstr "días"\n', 2,
                       "format directives ['%(n)s'] must all stay, unchanged", True),
    "lost brace": ('#, python-brace-format\nmsgid "{n} days"\nmsgstr "días"\n', 2,
                   "format directives ['{n}'] must all stay, unchanged", True),
    "lost c directive": ('#, c-format\nmsgid "%d of %s"\nmsgstr "%d de"\n', 2,
                         "format directives ['%d', '%s'] must all stay, unchanged", True),
    "plural form lost": ('#, python-format\nmsgid "one"\nmsgid_plural "%(n)s"\nmsgstr[0] "uno"\nmsgstr[1] "x"\n', 2,
                         "format directives ['%(n)s'] must all stay, unchanged", True),
    "first form keeps msgid's": ('#, python-format\nmsgid "one"\nmsgid_plural "%(n)s"\nmsgstr[0] "%(n)s"\n'
                                 'msgstr[1] "%(n)s"\n', 2, "format directives [] must all stay, unchanged", False),
}


def place(body: str, header: str = HEADER) -> tuple[str, int]:
    """Return the whole catalog and the line number offset of the body."""
    return header + body, header.count("\n")


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_each_malformed_catalog_is_refused_at_its_line_with_its_reason(case):
    body, line, reason, by_msgfmt = REFUSED[case]
    text, offset = place(body)
    error = refusal(text, "es/content.po")
    assert (error.line, error.reason, error.name) == (offset + line, reason, "es/content.po")
    assert str(error) == f"es/content.po:{offset + line}: {reason}"
    assert msgfmt_refuses(text) == by_msgfmt  # where msgfmt accepts, we are stricter on purpose, never looser


RULES = {"foreign format": "po-syntax", "lost directive": "placeholders", "too few forms": "plural-forms",
         "too many forms": "plural-forms", "ends apart": "po-syntax", "unterminated": "po-syntax"}


@pytest.mark.parametrize("case", sorted(RULES))
def test_a_refusal_names_its_rule(case):
    assert refusal(place(REFUSED[case][0])[0]).rule == RULES[case]


def test_a_refused_entry_names_its_context():
    text = HEADER + 'msgctxt "t/s/h"\nmsgid "a\\n"\nmsgstr "b"\n'
    error = refusal(text)
    assert error.context == "t/s/h" and error.rule == "po-syntax" and error.line == H + 1
    assert refusal(HEADER + 'msgid "a\\n"\nmsgstr "b"\n').context is None


ACCEPTED = {
    "plain": 'msgid "a"\nmsgstr "b"\n',
    "untranslated newline": 'msgid "a\\n"\nmsgstr ""\n',
    "both newlines": 'msgid "\\na\\n"\nmsgstr "\\nb\\n"\n',
    "context": 'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "y"\nmsgid "a"\nmsgstr "c"\n\nmsgid "a"\nmsgstr "d"\n',
    "plural": 'msgctxt "x"\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] ""\n"d"\n',
    "untranslated plural": 'msgid "a\\n"\nmsgid_plural "b\\n"\nmsgstr[0] ""\nmsgstr[1] ""\n',
    "continued": 'msgid ""\n"a"\n"b"\nmsgstr ""\n"c"\n',
    "spaces": '  msgid   "a"  \n\tmsgstr\t"b"\t\n',
    "crlf": 'msgid "a"\r\nmsgstr "b"\r\n',
    "no blank line": 'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d"\n',
    "comments": '# note\n#. extracted\n#: file.py\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n',
    "previous": '#, fuzzy\n#| msgctxt "x"\n#| msgid "a"\n#| msgid_plural "b"\n#| "c"\nmsgctxt "x"\nmsgid "d"\n'
                'msgid_plural "e"\nmsgstr[0] "f"\nmsgstr[1] "g"\n',
    "previous unspaced": '#|msgid "c"\nmsgid "a"\nmsgstr "b"\n\n#~|msgid "e"\n#~ msgid "f"\n#~ msgstr "g"\n',
    "previous right after": 'msgid "a"\nmsgstr "b"\n#| msgid "c"\nmsgid "d"\nmsgstr "e"\n',
    "obsolete": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "c"\n#~ msgstr "d"\n\n#~| msgid "e"\n#~ msgid "f"\n#~ msgstr "g"\n',
    "obsolete unchecked": '#~ msgid "a\\n"\n#~ msgstr "b"\n',
    "obsolete duplicate": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "c"\n#~ msgstr "d"\n\n#~ msgctxt "x"\n#~ msgid "c"\n'
                          '#~ msgstr "d"\n',
    "escapes": 'msgid "a\\"\\\\\\t"\nmsgstr "b\\"\\\\\\t"\n',
    "directives kept": '#, python-format, fuzzy\nmsgid "%(n)s and %d%%"\nmsgstr "%d%% y %(n)s"\n',
    "no-format": '#, no-c-format\nmsgid "%d"\nmsgstr "x"\n',
    "formats unchecked untranslated": '#, c-format\nmsgid "%d"\nmsgstr ""\n',
    "tab in string": 'msgid "a\tb"\nmsgstr "c\td"\n',
    "empty flags": '#, , fuzzy ,\nmsgid "a"\nmsgstr "b"\n',
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_a_well_formed_catalog_is_accepted_as_written(case):
    text = HEADER + ACCEPTED[case]
    assert strict_text(text.encode(), "x.po") == text and not msgfmt_refuses(text)


def test_the_header_must_come_first():
    for text, line in (("", 1), ('msgid "a"\nmsgstr "b"\n', 1), ("# only a comment\n", 1),
                       ('\nmsgctxt "x"\nmsgid ""\nmsgstr ""\n', 2), ('#~ msgid ""\n#~ msgstr ""\n', 1)):
        error = refusal(text)
        assert (error.line, error.reason) == (line, 'the first entry must be the header (msgid "")'), text
        assert msgfmt_refuses(text) or text.startswith("#") or "msgctxt" in text or not text


@pytest.mark.parametrize(("content_type", "refused"), [
    ("text/plain; charset=UTF-8", False), ("text/plain; charset=utf-8", False), ("text/plain;charset = UTF-8", False),
    ("text/plain; charset=ISO-8859-1", True), ("text/plain; charset=UTF-8x", True), ("text/plain; charset=", True),
])
def test_the_header_declares_utf_8_or_nothing(content_type, refused):
    text = f'msgid ""\nmsgstr ""\n"content-type :  {content_type}\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    if not refused:
        assert strict_text(text.encode(), "x.po") == text
        return
    error = refusal(text)
    assert (error.line, error.rule, error.reason) == (1, "header-charset", "Content-Type must declare charset=UTF-8")


def test_a_header_without_content_type_or_plural_forms_is_read_and_plurals_then_refused():
    text = 'msgid ""\nmsgstr "Language: es\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    assert strict_text(text.encode(), "x.po") == text
    error = refusal(BARE + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    assert (error.line, error.rule) == (BARE.count("\n") + 1, "plural-forms")
    assert error.reason == "a plural entry, but the header has no Plural-Forms"


def test_a_malformed_plural_forms_is_refused_at_the_header():
    text = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != ;\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    error = refusal(text)
    assert (error.line, error.rule) == (1, "plural-forms") and error.reason.startswith("malformed plural expression")
    three = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"\n\n'
    body = 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\nmsgstr[2] "e"\n'
    assert strict_text((three + body).encode(), "x.po") == three + body
    formats = '#, python-format\nmsgid "%(n)s one"\nmsgid_plural "%(n)s many"\nmsgstr[0] "%(n)s a"\n'
    formats += 'msgstr[1] "%(n)s b"\nmsgstr[2] "%(n)s c"\n'  # the third form keeps msgid_plural's directives
    assert strict_text((three + formats).encode(), "x.po") == three + formats and not msgfmt_refuses(three + formats)
    assert refusal(three + formats.replace('"%(n)s c"', '"c"')).reason == (
        "format directives ['%(n)s'] must all stay, unchanged"
    )
    assert refusal(three + body.replace('msgstr[2] "e"\n', "")).reason == (
        "msgstr[2] is missing: a plural entry needs all nplurals=3 forms"
    )


def test_a_byte_order_mark_and_invalid_utf_8_are_refused_at_their_line():
    assert (refusal("\ufeff" + HEADER).line, refusal("\ufeff" + HEADER).reason) == (
        1, "a byte order mark before the first entry")
    raw = (HEADER + 'msgid "a"\nmsgstr "').encode() + b"\xff\"\n"
    error = refusal(raw)
    assert (error.line, error.reason, error.rule) == (H + 2, "invalid UTF-8", "po-syntax") and msgfmt_refuses(raw)
    assert decode("é\n".encode(), "x.po") == "é\n"
    with pytest.raises(PoSyntaxError, match=r"^y\.po:3: invalid UTF-8$"):
        decode(b"a\nb\n\xc3(", "y.po")
    with pytest.raises(PoSyntaxError, match=r"^y\.po:2: invalid UTF-8$"):  # a newline first is counted too
        decode(b"\nb\xc3(", "y.po")


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
