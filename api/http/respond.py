"""Write a prebuilt representation: conditional GET, caching and negotiation headers."""

from urllib.parse import urlencode

from flask import Response, current_app, request

from api.store import Representation


def send(representation: Representation, *, locale: str | None = None, version: int | None = None) -> Response:
    """Return the representation, or a 304 when If-None-Match matches its ETag.

    locale and version name the explicit URL of a localized, versioned representation:
    the response then says where that URL is and whether Accept-Language chose it.
    """
    headers = {"ETag": f'"{representation.etag}"'}
    if representation.content_language:
        headers["Content-Language"] = representation.content_language
    pinned = "version" in request.args
    if pinned:
        headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        config = current_app.config
        headers["Cache-Control"] = (
            f"public, max-age={config['LATEST_MAX_AGE']}, "
            f"stale-while-revalidate={config['LATEST_STALE_WHILE_REVALIDATE']}"
        )
    if locale is not None:
        if "locale" not in request.args:
            headers["Vary"] = "Accept-Language"
        query = {"locale": locale, **({"version": version} if version is not None else {})}
        headers["Content-Location"] = f"{request.path}?{urlencode(query)}"
    if request.if_none_match.contains_weak(representation.etag):
        return Response(status=304, headers=headers)
    return Response(representation.body, headers=headers, mimetype="application/json")
