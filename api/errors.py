"""The errors start-up stops with: each names the file, field or setting to fix, in one line."""


class StartupError(RuntimeError):
    """A file or setting the service cannot start with (gunicorn prints a RuntimeError's message alone)."""


class SettingError(StartupError, ValueError):
    """An environment variable or data file the service cannot start with, raised where a ValueError was."""


def in_words(messages, path=()):
    """Yield (dotted field path, message) pairs from marshmallow's nested error messages."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from in_words(value, (*path, str(key)))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        for message in messages:
            yield ".".join(path) or "(file)", message
    else:
        for index, value in enumerate(messages):
            yield from in_words(value, (*path, str(index)))


def field_errors(messages) -> str:
    """Return marshmallow's error messages as one line: "field: message; other.field: message"."""
    if isinstance(messages, str):
        return messages
    found = ((field.replace(".value", ""), message) for field, message in in_words(messages))  # a Dict's value
    return "; ".join(f"{field}: {message.rstrip('.').lower()}" for field, message in found)
