"""The PO lexer's tokens: keywords and quoted strings, with the C escapes Babel decodes, and the error it raises.

Babel reads an unterminated string or stray text without a word, and serves what it guessed. This lexer is
stricter than msgfmt where Babel would read a file differently from msgfmt: escapes Babel does not decode
(octal, hex), two strings on one line, raw control characters. grammar.py puts the tokens in order.
"""

import re

KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s\"]|$)")
STRING = re.compile(r'"((?:[^"\\]|\\[\\"abfnrtv])*)"[ \t]*')
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # msgfmt takes a raw NUL or ESC; a patient must never get one
ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"'}


class PoSyntaxError(ValueError):
    """A PO file msgfmt would refuse (or we read more strictly), with the file, the line and the check's rule."""

    def __init__(self, name: str, line: int, reason: str, rule: str = "po-syntax", context: str | None = None):
        super().__init__(f"{name}:{line}: {reason}")
        self.name, self.line, self.reason, self.rule, self.context = name, line, reason, rule, context


def decode(raw: bytes, name: str) -> str:
    """Return the file as text, or raise PoSyntaxError naming the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PoSyntaxError(name, raw.count(b"\n", 0, error.start) + 1, "invalid UTF-8") from None


def unquote(rest: str, fail) -> str:
    """Return the value of the one quoted string a line holds, or fail with why it is not one."""
    match = STRING.fullmatch(rest)
    if CONTROL.search(rest):
        fail("a control character in a string: write \\n, \\t or \\r, or leave it out")
    if match:
        return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], match.group(1))
    if not rest.startswith('"'):
        fail(f"expected a quoted string, not {rest[:20]!r}")
    body = re.match(r'"((?:[^"\\]|\\.)*)("?)', rest)
    if not body.group(2):
        fail("end-of-line within string")
    bad = re.search(r"\\[^\\\"abfnrtv]", body.group(1))
    fail(f"invalid escape {bad.group(0)!r}" if bad else "text after the closing quote")
