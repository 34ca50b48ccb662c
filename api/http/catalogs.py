"""Catalogs for translators: list and read them, dry-run checks, publish, list revisions, roll back."""

from flask import Blueprint, Response, current_app, request
from werkzeug.routing import BaseConverter

from api.http.current import current_service
from api.http.preconditions import PO_TYPE, require_po_body
from api.http.problems import Problem
from api.http.publish import authorize, json_response, preconditions, publish, refuse_over_limits
from api.i18n.repository import revision_of
from api.i18n.tags import canonical_tag
from api.publishing.uploads import inspect_upload

bp = Blueprint("catalogs", __name__, url_prefix="/v1/catalogs")


class CatalogLocaleConverter(BaseConverter):
    """A path segment naming a catalog's locale: anything but the word "template"."""

    regex = r"(?!template(?![^/]))[^/]+"


bp.record_once(lambda state: state.app.url_map.converters.setdefault("catalog_locale", CatalogLocaleConverter))


def known_locale(locale: str) -> str:
    """Return the catalog's tag, or raise a 404 problem."""
    tag = canonical_tag(locale)
    if tag is None or tag not in current_service().store.catalogs or tag == "en":
        raise Problem(404, "unknown-locale", f"There is no catalog for {locale!r}. GET /v1/catalogs lists them.")
    return tag


@bp.get("")
def list_catalogs():
    """List every catalog with its revision, review status and completeness over the library."""
    listing = current_service().store.catalog_list  # built once per publish; no CORS: a translators' route
    response = Response(listing.body, mimetype="application/json", headers={"Cache-Control": "no-cache"})
    response.set_etag(listing.etag)
    return response.make_conditional(request)


@bp.get("/template")
def get_template():
    """Return the content template (POT) translators start from."""
    raw = (current_app.config["TRANSLATIONS_DIR"] / "content.pot").read_bytes()
    return Response(raw, mimetype=PO_TYPE, headers={"ETag": f'"{revision_of(raw)}"', "Cache-Control": "no-cache"})


@bp.get("/<catalog_locale:locale>")
def get_catalog(locale):
    """Return a locale's published catalog as PO text; its ETag is the revision."""
    tag = known_locale(locale)
    raw = current_app.extensions["reads"].catalog_raw(tag)
    response = Response(raw, mimetype=PO_TYPE, headers={"Cache-Control": "no-cache"})
    response.set_etag(revision_of(raw))
    return response.make_conditional(request)


@bp.post("/<catalog_locale:locale>/checks")
def dry_run(locale):
    """Check an uploaded catalog and say what publishing it would change, without publishing."""
    tag = known_locale(locale)
    require_po_body()
    report, catalog, changes = inspect_upload(current_service().store, tag, request.get_data(), f"upload for {tag}")
    refuse_over_limits(report)
    return json_response({"locale": tag, "publishable": catalog is not None, "report": report.as_dict(),
                          "changes": changes})  # fmt: skip


@bp.put("/<catalog_locale:locale>")
def put_catalog(locale):
    """Publish a catalog (bearer token for the locale; If-Match on the current revision)."""
    tag = known_locale(locale)
    token = authorize(tag)
    require_po_body()
    if_match = preconditions(tag)
    return publish(tag, request.get_data(), token, "publish", f"upload for {tag}", if_match)


@bp.get("/<catalog_locale:locale>/revisions")
def list_revisions(locale):
    """List the locale's publishes and restores, newest first."""
    tag = known_locale(locale)
    reads = current_app.extensions["reads"]
    current = reads.catalog_meta(tag).revision
    return json_response({"locale": tag, "current": current, "revisions": reads.history(tag)})


@bp.post("/<catalog_locale:locale>/revisions/<revision>/restore")
def restore(locale, revision):
    """Publish an archived revision again (the same checks and rules as a PUT)."""
    tag = known_locale(locale)
    token = authorize(tag)
    raw = current_app.extensions["reads"].catalog_raw(tag, revision)
    if raw is None or revision == "":
        raise Problem(404, "unknown-revision", f"{tag!r} has no archived revision {revision!r}.")
    return publish(tag, raw, token, "restore", f"revision {revision} of {tag}", preconditions(tag))
