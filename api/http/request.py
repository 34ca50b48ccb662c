"""The request class: a query string that is not UTF-8 is read with replacement characters, never an error."""

from urllib.parse import parse_qsl

from flask import Request
from werkzeug.utils import cached_property


class TolerantRequest(Request):
    """A Flask request whose query string decodes like its path: bad bytes become U+FFFD, which no parameter accepts."""

    @cached_property
    def args(self):
        """Return the query parameters, raw bytes that are not UTF-8 replaced rather than raising."""
        query = self.query_string.decode("utf-8", "replace")
        return self.parameter_storage_class(parse_qsl(query, keep_blank_values=True, errors="replace"))
