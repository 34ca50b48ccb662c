"""Fetch what a CDS Hooks request did not prefetch from the EHR's FHIR server, if the operator allows that server.

Only a fhirServer whose normal form is in CDS_FHIR_SERVERS is called, at that normal form (never the caller's
spelling), with no redirects and no retries, each response bounded in time and size. Anything else is a
FetchRefused, which the service answers with 412, as CDS Hooks 2.0.1 says when the service cannot fetch.
"""

import re
import time
from urllib.parse import quote

import orjson
import urllib3

from api.config import fhir_base
from api.render.prefetch import ACTIVE, PREFETCH

MAX_FHIR_BYTES = 1024 * 1024  # a Patient, or one page of Conditions; larger is refused, never read whole
CONNECT_SECONDS, TOTAL_SECONDS = 2.0, 5.0  # per resource fetched: connect, and everything including the body
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")  # FHIR R4 id
POOL = urllib3.PoolManager(retries=False, maxsize=2, headers={"Accept": "application/fhir+json"})


class FetchRefused(Exception):
    """The data cannot be fetched: server not allowed, no patient, or the server's answer unusable."""


def allowed_base(fhir_server, allowed: tuple[str, ...]) -> str:
    """Return the allowed base URL that fhirServer names, or raise FetchRefused (no connection is made)."""
    base = fhir_base(fhir_server) if isinstance(fhir_server, str) else None
    if base is None or base not in allowed:
        raise FetchRefused("fhirServer is not one this service may fetch from (CDS_FHIR_SERVERS).")
    return base


def bearer(authorization) -> dict:
    """Return the Authorization header for fhirAuthorization (a Bearer token), or none when it is absent."""
    if authorization is None:
        return {}
    token = authorization.get("access_token") if isinstance(authorization, dict) else None
    if not isinstance(token, str) or not re.fullmatch(r"[\x21-\x7e]{1,4096}", token):
        raise FetchRefused("fhirAuthorization must carry a Bearer access_token.")
    if str(authorization.get("token_type", "Bearer")).lower() != "bearer":
        raise FetchRefused("fhirAuthorization.token_type must be Bearer.")
    return {"Authorization": f"Bearer {token}"}


def get_json(url: str, headers: dict) -> dict:
    """Return the JSON object at url, or raise FetchRefused: not 200, redirected, too slow, too large, not JSON."""
    deadline = time.monotonic() + TOTAL_SECONDS
    timeout = urllib3.Timeout(connect=CONNECT_SECONDS, read=TOTAL_SECONDS, total=TOTAL_SECONDS)
    try:
        response = POOL.request("GET", url, headers=headers, redirect=False, timeout=timeout, preload_content=False)
        try:
            if response.status != 200:
                raise FetchRefused(f"The FHIR server answered {response.status}.")
            if int(response.headers.get("Content-Length") or 0) > MAX_FHIR_BYTES:
                raise FetchRefused("The FHIR server's answer is too large.")
            body = bytearray()
            while chunk := response.read1(64 * 1024):  # one socket read at a time, so the deadline is checked often
                body += chunk
                if len(body) > MAX_FHIR_BYTES or time.monotonic() > deadline:
                    raise FetchRefused("The FHIR server's answer is too large or too slow.")
        finally:
            response.release_conn()
            response.close()
        found = orjson.loads(body)
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as error:
        raise FetchRefused(f"The FHIR server could not be read: {type(error).__name__}.") from None
    if not isinstance(found, dict):
        raise FetchRefused("The FHIR server's answer is not a FHIR resource.")
    return found


def fetch_missing(request: dict, allowed: tuple[str, ...]) -> dict:
    """Return the request's prefetch with every missing key fetched from its allowed fhirServer."""
    prefetch = dict(request.get("prefetch") or {})
    missing = [key for key in PREFETCH if key not in prefetch]
    if not missing:
        return prefetch
    base = allowed_base(request.get("fhirServer"), allowed)
    context = request.get("context") if isinstance(request.get("context"), dict) else {}
    patient_id = context.get("patientId")
    if not isinstance(patient_id, str) or not FHIR_ID.fullmatch(patient_id) or not patient_id.strip("."):
        raise FetchRefused("context.patientId must be a FHIR id to fetch the patient's data.")
    headers = bearer(request.get("fhirAuthorization"))
    paths = {
        "patient": f"/Patient/{quote(patient_id)}",
        "conditions": f"/Condition?patient={quote(patient_id)}&clinical-status={','.join(ACTIVE)}&_count=100",
    }
    return {**prefetch, **{key: get_json(base + paths[key], headers) for key in missing}}
