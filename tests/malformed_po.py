"""Malformed variants of a shipped catalog, each one defect, to hold our strict reader against GNU msgfmt --check."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "translations" / "es" / "LC_MESSAGES" / "content.po"
HEADING = 'msgctxt "muscle-spasms/concerning-signs/heading"\n'
MSGSTR = 'msgstr "¿Cuándo son motivo de preocupación los espasmos musculares?"\n'
ENTRY = HEADING + 'msgid "When are muscle spasms cause for concern?"\n' + MSGSTR
NEWLINE_PLURAL = '\nmsgid "day\\n"\nmsgid_plural "days\\n"\n'
ONE_EMPTY = 'msgstr[0] "un día"\nmsgstr[1] ""\n'
PLURAL = 'msgctxt "x/plural"\nmsgid "one day"\nmsgid_plural "%(n)d days"\n'


def replace(old: str, new: str, count: int = 1):
    """Return a mutation that replaces the first occurrence of old, which must be in the catalog."""

    def mutate(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return mutate


def append(extra: str):
    return lambda text: text + extra


def in_heading(old: str, new: str):
    """Return a mutation of the heading entry only."""
    return replace(ENTRY, ENTRY.replace(old, new, 1))


# name -> mutation of the catalog's text (or bytes, for the encoding cases)
TEXT_MUTATIONS = {
    "unterminated msgstr (issue 17)": in_heading('musculares?"\n', "musculares?\n"),
    "unterminated msgid": in_heading('concern?"\n', "concern?\n"),
    "unterminated msgctxt": in_heading('heading"\n', "heading\n"),
    "unterminated header line": replace('"Language: es\\n"\n', '"Language: es\\n\n'),
    "string ends in an escaped quote": in_heading('musculares?"\n', 'musculares?\\"\n'),
    "stray text after a string": in_heading('musculares?"\n', 'musculares?" junk\n'),
    "stray line between entries": replace(ENTRY + "\n", ENTRY + "\nhello\n"),
    "text after the last entry": append("\ntrailing words\n"),
    "a bare word after the last msgstr": append("garbage"),
    "bad escape \\q": in_heading("musculares?", "musculares\\q?"),
    "bad escape \\u": in_heading("Cuándo", "Cu\\u00e1ndo"),
    "hex escape Babel would not decode": in_heading("Cuándo", "Cu\\xe1ndo"),
    "octal escape Babel would not decode": in_heading("Cuándo", "Cu\\341ndo"),
    "unescaped quote inside a string": in_heading("motivo de", 'motivo "de'),
    "duplicate msgctxt and msgid": append("\n" + ENTRY),
    "duplicate with another msgstr": append("\n" + ENTRY.replace("Cuándo", "Cuando")),
    "duplicate header": append('\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'),
    "obsolete duplicate of an active entry": append("\n" + "".join("#~ " + line + "\n" for line in ENTRY.splitlines())),
    "missing msgstr": in_heading(MSGSTR, ""),
    "missing msgstr at the end of the file": lambda text: text.rstrip("\n").rsplit("\nmsgstr ", 1)[0] + "\n",
    "msgstr before msgid": in_heading(
        'msgid "When are muscle spasms cause for concern?"\n' + MSGSTR,
        MSGSTR + 'msgid "When are muscle spasms cause for concern?"\n',
    ),
    "msgctxt after msgid": replace(ENTRY, 'msgid "When are muscle spasms cause for concern?"\n' + HEADING + MSGSTR),
    "two msgctxt": in_heading(HEADING, HEADING + 'msgctxt "other"\n'),
    "two msgstr": in_heading(MSGSTR, MSGSTR + 'msgstr "otra"\n'),
    "two msgid": in_heading(MSGSTR, 'msgid "again"\n' + MSGSTR),
    "keyword without a string": in_heading(MSGSTR, "msgstr\n"),
    "unknown keyword": in_heading("msgctxt", "msgtxt"),
    "domain directive": replace(ENTRY, 'domain "other"\n' + ENTRY),
    "msgctxt alone at the end": append('\nmsgctxt "lonely"\n'),
    "msgstr[0] without msgid_plural": in_heading("msgstr ", "msgstr[0] "),
    "msgid_plural with a plain msgstr": append("\n" + PLURAL + 'msgstr "un día"\n'),
    "plural index gap": append("\n" + PLURAL + 'msgstr[0] "un día"\nmsgstr[2] "%(n)d días"\n'),
    "plural index starting at 1": append("\n" + PLURAL + 'msgstr[1] "un día"\nmsgstr[2] "%(n)d días"\n'),
    "fewer plural forms than nplurals": append("\n" + PLURAL + 'msgstr[0] "un día"\n'),
    "more plural forms than nplurals": append("\n" + PLURAL + 'msgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n'),
    "plural entry without Plural-Forms": lambda text: (
        re.sub(r'"Plural-Forms:[^\n]*\n', "", text) + "\n" + PLURAL + 'msgstr[0] "un día"\nmsgstr[1] "%(n)d días"\n'
    ),
    "spaces inside msgstr[ 0 ]": append("\n" + PLURAL + 'msgstr[ 0 ] "un día"\nmsgstr[1] "%(n)d días"\n'),
    "invalid plural expression": replace("plural=(n != 1);", "plural=(n !=;"),
    "nplurals=0": replace("nplurals=2; plural=(n != 1);", "nplurals=0; plural=0;"),
    "header without charset": replace('"Content-Type: text/plain; charset=utf-8\\n"\n', ""),
    "charset CHARSET": replace("charset=utf-8", "charset=CHARSET"),
    "charset ISO-8859-1 over UTF-8 bytes": replace("charset=utf-8", "charset=ISO-8859-1"),
    "no header entry": lambda text: text[text.index("\n\n#.") + 2 :],
    "header not first": lambda text: text[text.index("\n\n#.") + 2 :] + "\n" + text[: text.index("\n\n#.")] + "\n",
    "comment inside an entry": in_heading(MSGSTR, "# a note\n" + MSGSTR),
    "#~ mixed into an active entry": in_heading(MSGSTR, "#~ " + MSGSTR),
    "unterminated string in an obsolete entry": append('\n#~ msgctxt "old"\n#~ msgid "Old text\n#~ msgstr "Viejo"\n'),
    "bad escape in an obsolete entry": append('\n#~ msgctxt "old"\n#~ msgid "Old \\q"\n#~ msgstr "Viejo"\n'),
    "unterminated #| previous msgid": replace(ENTRY, '#| msgid "When are\n' + ENTRY),
    "bad escape in #| previous msgid": replace(ENTRY, '#| msgid "When \\q"\n' + ENTRY),
    "comment between #| and its entry": replace(ENTRY, '#| msgid "When"\n#. note\n' + ENTRY),
    "msgstr ends with \\n, msgid does not": in_heading('musculares?"', 'musculares?\\n"'),
    "msgstr begins with \\n, msgid does not": in_heading('"¿Cuándo', '"\\n¿Cuándo'),
    "c-format directive lost": replace(ENTRY, "#, c-format\n" + ENTRY.replace("concern?", "concern %d?")),
    "unknown format flag": in_heading(HEADING, "#, java-format\n" + HEADING),
    "python-format plural with an empty form": append("\n#, python-format\n" + PLURAL + ONE_EMPTY),
    "plural form not ending with \\n": append(NEWLINE_PLURAL + ONE_EMPTY.replace("un día", "día\\n")),
    "empty msgid with a msgctxt": append('\nmsgctxt "empty"\nmsgid ""\nmsgstr "algo"\n'),
    "string continuing after a blank line": append('\n"orphan string"\n'),
    "blank line inside an entry": in_heading(MSGSTR, "\n" + MSGSTR),
    "two strings on one line": in_heading('msgid "When are', 'msgid "When" " are'),
}
TEXT_MUTATIONS["python-format directive added"] = replace(
    ENTRY, "#, python-format\n" + ENTRY.replace("musculares?", "musculares %(n)s?")
)
BYTE_MUTATIONS = {
    "invalid UTF-8 byte": lambda raw: raw.replace(b"motivo", b"mot\xffivo", 1),
    "truncated UTF-8 sequence": lambda raw: raw.replace("Cuándo".encode(), "Cuándo".encode()[:3] + b"ndo", 1),
    "byte order mark": lambda raw: b"\xef\xbb\xbf" + raw,
    "NUL byte in a string": lambda raw: raw.replace(b"motivo", b"mot\x00ivo", 1),
    "a lone carriage return ending a line": lambda raw: raw.replace(b'musculares?"\n', b"musculares?\r", 1),
}


def variants(shipped: bytes | None = None) -> dict[str, bytes]:
    """Return every malformed variant of the shipped Spanish catalog, by name."""
    raw = SHIPPED.read_bytes() if shipped is None else shipped
    text = raw.decode("utf-8")
    found = {name: mutate(text).encode("utf-8") for name, mutate in TEXT_MUTATIONS.items()}
    found |= {name: mutate(raw) for name, mutate in BYTE_MUTATIONS.items()}
    assert all(variant != raw for variant in found.values())
    return found
