"""Mend the `#| msgid` lines Babel writes for a fuzzy entry: it wraps them as prose, splitting the quoted string.

`pybabel update --previous` wraps a previous msgid longer than a line like a comment, so the string's closing
quote lands on a `#|` line of its own. GNU msgfmt refuses the file ("end-of-line within string"), and so does the
strict reader. Joining each wrapped run back into one line restores what Babel meant to write.
"""

import re

PREVIOUS = re.compile(r"^(#~?\| ?)(msgctxt|msgid_plural|msgid) (.*)$")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def mend_previous(text: str) -> str:
    """Return text with every wrapped `#| keyword "..."` comment joined back into one line."""
    lines, mended, index = text.split("\n"), [], 0
    while index < len(lines):
        match = PREVIOUS.match(lines[index])
        index += 1
        if not match:
            mended.append(lines[index - 1])
            continue
        prefix, keyword, value = match.groups()
        while not whole(value) and index < len(lines) and lines[index].startswith(prefix.rstrip()):
            follows = lines[index][len(prefix.rstrip()) :].lstrip()
            if PREVIOUS.match(lines[index]):  # the next keyword: this one could not be mended
                break
            value, index = f"{value} {follows}", index + 1
        mended.append(f"{prefix}{keyword} {value}")
    return "\n".join(mended)


def whole(value: str) -> bool:
    """Say whether a value is one or more complete quoted strings, separated by spaces."""
    return bool(re.fullmatch(rf"{STRING.pattern}(?: {STRING.pattern})*", value))
