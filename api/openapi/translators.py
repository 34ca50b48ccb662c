"""The translator routes of openapi.yaml: catalogs, checks, publishing and rollback."""

from api.http.preconditions import ENTITY_TAGS

PO = {"text/x-gettext-translation": {"schema": {"type": "string"}}}
PROBLEM = {"application/problem+json": {"schema": "Problem"}}
LOCALE = {"in": "path", "name": "locale", "required": True, "schema": {"type": "string", "maxLength": 64}}
REVISION = {"in": "path", "name": "revision", "required": True, "schema": {"type": "string", "maxLength": 64}}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": "The revision (ETag) the upload was based on, quoted as GET gave it; another current "
    "revision, or an unquoted value, gets 412, before the body is read. Missing (or `*`, which this contract does "
    "not allow): 428, so that no write blindly overwrites another.",
    "schema": {"type": "string", "pattern": ENTITY_TAGS},
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds until the limit's window ends.", "schema": {"type": "integer"}}}
LIMITED = {
    "415": {
        "description": "The body is not sent as Content-Type: text/x-gettext-translation.",
        "content": {"application/problem+json": {"schema": "UnsupportedUploadProblem"}},
    },
    "429": {
        "description": "Too many writes or checks from this client address, or with this token "
        "(WRITE_RATE_LIMIT, CHECK_RATE_LIMIT).",
        "headers": RETRY_AFTER,
        "content": PROBLEM,
    },
}
STORE_DOWN = {
    "503": {
        "description": "The store (DATABASE_URL) cannot be reached or written now (a restart, a failover, a "
        "read-only database); nothing was changed. Send it again after Retry-After seconds.",
        "headers": {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}},
        "content": PROBLEM,
    }
}
WRITE_ERRORS = {
    "401": {"description": "No or unknown bearer token.", "content": PROBLEM},
    "403": {"description": "The token may not write this locale, or writes are disabled.", "content": PROBLEM},
    "404": {"description": "Unknown locale or revision.", "content": PROBLEM},
    "412": {"description": "If-Match does not name the current revision (checked before the body is judged).",
            "content": PROBLEM},
    "413": {"description": "Upload larger than MAX_UPLOAD_BYTES.", "content": PROBLEM},
    "422": {
        "description": "The catalog failed its checks; nothing changed.",
        "content": {"application/problem+json": {"schema": "RejectedProblem"}},
    },
    "507": {
        "description": "Insufficient Storage (RFC 4918): the store's disk is full; the publish was undone "
        "and everything served is unchanged. Free space, then send it again.",
        "content": PROBLEM,
    },
    **STORE_DOWN,
    "428": {"description": "No If-Match (or `*`): send the revision the write is based on.", "content": PROBLEM},
    **LIMITED,
}
NOT_FOUND = {"404": {"description": "Unknown locale.", "content": PROBLEM}}
ETAG = {"ETag": {"$ref": "#/components/headers/ETag"}}


def json_ok(schema: str, description: str, headers=None) -> dict:
    """Return a 200 with a JSON body."""
    return {"description": description, "headers": headers or {}, "content": {"application/json": {"schema": schema}}}


def read(operation_id: str, summary: str, responses: dict, parameters=()) -> dict:
    """Return the GET and HEAD operations of a translator read route."""
    get = {"operationId": operation_id, "summary": summary, "tags": ["translators"],
           "parameters": list(parameters), "responses": responses}  # fmt: skip
    return {"get": get, "head": {**get, "operationId": operation_id + "Head"}}


def write(operation_id: str, summary: str, ok: dict, parameters=(), body=True, errors=WRITE_ERRORS) -> dict:
    """Return one write operation, with its bearer security and PO request body."""
    operation = {"operationId": operation_id, "summary": summary, "tags": ["translators"],
                 "parameters": list(parameters), "responses": {"200": ok, **errors}}  # fmt: skip
    if body:
        operation["requestBody"] = {"required": True, "content": PO}
    if "401" in errors:
        operation["security"] = [{"translatorToken": []}]
    return operation


PUBLISHED = json_ok("Publication", "Published; every worker now serves it.", ETAG)
TRANSLATOR_PATHS = {
    "/v1/catalogs": read("listCatalogs", "Catalogs with revision, review and completeness over the library", {
        "200": json_ok("CatalogList", "Every catalog (per topic: /v1/topics/{topic_id}/completeness).", ETAG),
        "304": {"description": "Not Modified.", "headers": ETAG}}),
    "/v1/catalogs/template": read("getTemplate", "The content template (POT)",
                                  {"200": {"description": "content.pot", "headers": ETAG, "content": PO}}),
    "/v1/catalogs/{locale}": {
        **read("getCatalog", "A locale's published catalog (PO)", {
            "200": {"description": "The PO file; its ETag is the revision.", "headers": ETAG, "content": PO},
            "304": {"description": "Not Modified.", "headers": ETAG}, **NOT_FOUND, **STORE_DOWN}, [LOCALE]),
        "put": write("publishCatalog", "Publish a catalog", PUBLISHED, [LOCALE, IF_MATCH]),
    },
    "/v1/catalogs/{locale}/checks": {
        "post": write("checkCatalog", "Dry run: the checks and what publishing would change",
                      json_ok("DryRun", "The report; nothing is published."), [LOCALE],
                      errors={**NOT_FOUND, "413": WRITE_ERRORS["413"], "422": {
                          "description": "Over a bound read before parsing (nplurals-limit, entry-limit); nothing "
                                         "else was checked. Other failed checks are a 200 report.",
                          "content": {"application/problem+json": {"schema": "RejectedProblem"}}}, **LIMITED}),
    },
    "/v1/catalogs/{locale}/revisions": read("listRevisions", "Publishes and restores, newest first",
                                            {"200": json_ok("RevisionList", "The history."), **NOT_FOUND,
                                             **STORE_DOWN}, [LOCALE]),
    "/v1/catalogs/{locale}/revisions/{revision}/restore": {
        "post": write("restoreRevision", "Publish an archived revision again", PUBLISHED,
                      [LOCALE, REVISION, IF_MATCH], body=False,
                      errors={k: v for k, v in WRITE_ERRORS.items() if k not in ("413", "415")}),
    },
}  # fmt: skip
