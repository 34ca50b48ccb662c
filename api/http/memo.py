"""Replay a prebuilt read response when a request's every input is the same, without running Flask again."""

from collections.abc import Callable, Iterable

READY = "patient_content.ready"  # set in the WSGI environ by the app when it answered with prebuilt bytes
# Everything a prebuilt response depends on, besides the service it was built from.
KEY = (
    "REQUEST_METHOD",
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_ACCEPT",  # the Infobutton chooses Atom or JSON by it
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
)


class ResponseMemo:
    """WSGI middleware: remember the app's prebuilt GET and HEAD responses, per service, up to a bound."""

    def __init__(self, app: Callable, current_service: Callable, max_entries: int = 8192):
        self.app, self.current_service, self.max_entries = app, current_service, max_entries
        self.entries: dict[tuple, tuple[str, list, list[bytes]]] = {}
        self.service = None  # the service the entries were answered from; a publish swaps it

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Answer from memory when this very request was answered from prebuilt bytes before."""
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
            return self.app(environ, start_response)  # writes, and anything a credential may change
        service = self.current_service()
        if service is not self.service:
            self.entries, self.service = {}, service
        entries = self.entries  # this service's; an answer built meanwhile from a newer one lands in a dropped dict
        key = tuple([environ.get(name) for name in KEY])
        found = entries.get(key)
        if found is not None:
            start_response(found[0], found[1])
            return found[2]
        return self.answer(environ, start_response, entries, key)

    def answer(self, environ: dict, start_response: Callable, entries: dict, key: tuple) -> Iterable[bytes]:
        """Run the app; keep its answer if it was prebuilt, and so a function of the key alone."""
        response: list = []

        def record(status, headers, exc_info=None):
            response[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.app(environ, record)
        if not environ.get(READY):
            return result
        try:
            body = [b"".join(result)]
        finally:
            if hasattr(result, "close"):
                result.close()
        if len(entries) >= self.max_entries:  # many distinct requests: start again rather than grow
            entries.clear()
        entries[key] = (response[0], response[1], body)
        return body
