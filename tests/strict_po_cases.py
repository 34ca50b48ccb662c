"""The strict PO reader's cases: malformed catalogs with the line, reason and msgfmt's verdict, and well-formed ones."""

import shutil
import subprocess

import pytest

from api.i18n.strict import PoSyntaxError, strict_text

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
# fmt: on
