"""Read a PO file's lines into entries by the PO grammar, failing at the first line msgfmt would refuse.

An entry is [msgctxt] msgid [msgid_plural] then msgstr or msgstr[0..n], each with continuation strings;
comments go between entries, `#|` lines (a fuzzy entry's previous source) just before one, and `#~` marks every
line of an obsolete entry. Stricter than msgfmt: a blank line inside an entry, a backslash ending a line.
strict.py checks the entries this returns.
"""

from api.i18n.syntax import KEYWORD, PoSyntaxError, unquote


class Entry:
    """One entry as read so far: its fields, where it starts, and the flags of its comments."""

    def __init__(self, line: int, obsolete: bool, flags: set):
        self.line, self.obsolete, self.flags = line, obsolete, flags
        self.fields: dict[str, str] = {}
        self.forms: list[str] = []
        self.last: str | None = None

    @property
    def complete(self) -> bool:
        return "msgstr" in self.fields or bool(self.forms)


def read_entries(text: str, name: str) -> list[Entry]:
    """Return every entry, obsolete ones too, or raise PoSyntaxError at the first line out of the grammar."""
    reader = Reader(name)
    reader.read(text)
    return reader.entries


class Reader:
    """The state of one file's reading: the open entry, the comments' flags, any `#|` lines waiting for it."""

    def __init__(self, name: str):
        self.name, self.entry, self.flags, self.previous = name, None, set(), []
        self.entries: list[Entry] = []
        self.lineno = 0

    def fail(self, reason: str, line: int | None = None):
        raise PoSyntaxError(self.name, line or self.lineno, reason)

    def read(self, text: str) -> None:
        """Read every line, then the entry the file ends with."""
        if text.startswith("\ufeff"):
            self.fail("a byte order mark before the first entry", 1)
        for self.lineno, line in enumerate(text.split("\n"), 1):
            self.line(line.removesuffix("\r").strip(" \t"))
        self.close()
        if self.previous:
            self.fail("#| lines with no entry after them")

    def close(self) -> None:
        """End the open entry, which must have its msgstr by now."""
        if self.entry is not None:
            if not self.entry.complete:
                self.fail("missing msgstr: an entry ends without its translation", self.entry.line)
            self.entries.append(self.entry)
            self.entry = None

    def line(self, line: str) -> None:
        """Read one line: a blank line ends an entry, a comment goes between entries, the rest extends one."""
        if line.endswith("\\"):  # msgfmt joins the next line to this one, even to a comment: Babel does not
            self.fail("a backslash at the end of a line")
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip(" \t")
        if not line:
            return self.close() if not obsolete else self.fail("an empty #~ line")
        if line.startswith("#|") or (obsolete and line.startswith("|")):
            return self.keyword(line[1 + line.startswith("#|") :].lstrip(" \t"), obsolete, previous=True)
        if line.startswith("#"):
            if self.previous:
                self.fail("a comment between #| lines and their entry")
            self.close()
            if line.startswith("#,"):
                self.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            return None
        self.keyword(line, obsolete, previous=False)

    def keyword(self, line: str, obsolete: bool, previous: bool) -> None:
        """Read a keyword line or a string continuing the last one."""
        match = KEYWORD.match(line)
        if previous:  # `#| msgid "..."`: the previous source text of a fuzzy entry, lexed and put aside
            if self.entry is not None and self.entry.complete:
                self.close()
            elif self.entry is not None:
                self.fail("#| lines inside an entry")
            return self.earlier(match, line)
        if self.entry is not None and obsolete != self.entry.obsolete:
            self.fail("inconsistent use of #~ within an entry")
        if not match:
            if self.entry is None or self.entry.last is None or not line.startswith('"'):
                self.fail(f"unexpected text {line[:20]!r}" if not line.startswith('"') else "a string outside an entry")
            value = unquote(line, self.fail)
            return self.extend(value)
        word, index = match.group(1), match.group(2)
        value = unquote(match.string[match.end() :].lstrip(" \t"), self.fail)
        if word in ("msgctxt", "msgid") and (self.entry is None or self.entry.complete):
            self.close()
            if self.previous and "msgid" not in self.previous:
                self.fail("#| msgctxt without the #| msgid it belongs to")
            self.entry = Entry(self.lineno, obsolete, self.flags)
            self.flags, self.previous = set(), []
        self.field(word, index, value)

    def earlier(self, match, line: str) -> None:
        """Lex a `#|` line: a fuzzy entry's previous msgctxt, msgid and msgid_plural, in that order, or a string."""
        if match is None:
            if not self.previous:
                self.fail("a #| string before any #| keyword")
            unquote(line, self.fail)
            return None
        order = {(): ("msgctxt", "msgid"), ("msgctxt",): ("msgid",)}.get(tuple(self.previous), ("msgid_plural",))
        if match.group(2) is not None or match.group(1) not in order or self.previous[-1:] == ["msgid_plural"]:
            self.fail(f"#| {match.group(0)} out of place: #| lines are [msgctxt] msgid [msgid_plural]")
        unquote(line[match.end() :].lstrip(" \t"), self.fail)
        self.previous.append(match.group(1))
        return None

    def field(self, word: str, index: str | None, value: str) -> None:
        """Add one field to the open entry, in the order the grammar allows."""
        entry = self.entry
        have = entry.fields if entry else {}
        allowed = {"msgctxt": not have, "msgid": "msgid" not in have and entry is not None,
                   "msgid_plural": "msgid" in have and len(have) == 1 + ("msgctxt" in have) and not entry.forms,
                   "msgstr": "msgid" in have and "msgid_plural" not in have and "msgstr" not in have}  # fmt: skip
        if index is not None:
            if word != "msgstr" or entry is None or "msgid_plural" not in have:
                self.fail(f"{word}[{index}] without msgid_plural")
            if int(index) != len(entry.forms):
                self.fail(f"plural form has wrong index: msgstr[{index}] where msgstr[{len(entry.forms)}] belongs")
            entry.forms.append(value)
            entry.last = f"msgstr[{index}]"
            return
        if not allowed[word]:
            self.fail(f"{word} out of place: an entry is [msgctxt] msgid [msgid_plural] msgstr or msgstr[n]")
        have[word] = value
        entry.last = word

    def extend(self, value: str) -> None:
        """Append a continuation string to the field the open entry read last."""
        entry = self.entry
        if entry.last.startswith("msgstr["):
            entry.forms[-1] += value
        else:
            entry.fields[entry.last] += value
