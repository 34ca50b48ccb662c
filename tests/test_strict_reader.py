"""The strict PO reader, case by case: each refusal names its line, rule and reason, held against GNU msgfmt --check."""

import pytest

from api.i18n.strict import PoSyntaxError, strict_text
from api.i18n.syntax import decode
from tests.strict_po_cases import ACCEPTED, BARE, HEADER, REFUSED, H, msgfmt_refuses, place, refusal


# fmt: off
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
# fmt: on
