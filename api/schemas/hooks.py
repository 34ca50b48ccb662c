"""The CDS Hooks 2.0.1 request this service reads: validated with marshmallow, and published in openapi.yaml."""

from marshmallow import INCLUDE, Schema, fields, validate

PATIENT_VIEW = "patient-view"


class HookContextSchema(Schema):
    class Meta:
        unknown = INCLUDE  # a hook's context may carry more than patient-view defines

    userId = fields.String(required=True)
    patientId = fields.String(required=True)
    encounterId = fields.String()


class FhirAuthorizationSchema(Schema):
    class Meta:
        unknown = INCLUDE

    access_token = fields.String(required=True)
    token_type = fields.String(required=True, validate=validate.OneOf(["Bearer"]))
    expires_in = fields.Integer(strict=True)
    scope = fields.String()
    subject = fields.String()


class HookRequestSchema(Schema):
    class Meta:
        unknown = INCLUDE  # extensions and fields of later CDS Hooks versions are ignored
        description = (
            "A CDS Hooks 2.0.1 request (hook patient-view). prefetch.patient (Patient: communication, preferred "
            "first) and prefetch.conditions (Condition or searchset Bundle: code, clinicalStatus, "
            "verificationStatus) are read; a key that is absent is fetched from fhirServer with fhirAuthorization, "
            "only if the operator allows that server (CDS_FHIR_SERVERS), else 412. A key that is null means no "
            "data. At most 524288 bytes."
        )

    hook = fields.String(required=True, validate=validate.OneOf([PATIENT_VIEW]))
    hookInstance = fields.String(required=True, metadata={"description": "A UUID for this call of the hook."})
    fhirServer = fields.String(metadata={"description": "The EHR's FHIR base URL. Only a URL in the operator's "
                                         "CDS_FHIR_SERVERS is fetched from; any other string gets 412."})  # fmt: skip
    fhirAuthorization = fields.Nested(FhirAuthorizationSchema)
    context = fields.Nested(HookContextSchema, required=True)
    prefetch = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True))


def hook_request_errors(body) -> str | None:
    """Return what is wrong with a hook request, in one line naming each field, or None."""
    errors = HookRequestSchema().validate(body if isinstance(body, dict) else {"": body})
    if not errors:
        return None
    return "; ".join(f"{field}: {flatten(message)}" for field, message in sorted(errors.items()))


def flatten(message) -> str:
    """Return a marshmallow message (a list, or a dict per nested field) as one line."""
    if isinstance(message, dict):
        return ", ".join(f"{key}: {flatten(value)}" for key, value in message.items())
    return " ".join(str(part) for part in message) if isinstance(message, list) else str(message)
