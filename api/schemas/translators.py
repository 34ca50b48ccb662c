"""marshmallow schemas of the translator routes' bodies, for openapi.yaml."""

from marshmallow import Schema, fields, validate

from api.schemas.responses import ProblemSchema


class FindingSchema(Schema):
    severity = fields.String(required=True, validate=validate.OneOf(["error", "warning"]))
    locale = fields.String(required=True)
    context = fields.String(required=True, allow_none=True, metadata={"description": "the unit's msgctxt"})
    rule = fields.String(required=True, metadata={"example": "urls"})
    message = fields.String(required=True)


class ReportSchema(Schema):
    locale = fields.String(required=True)
    file = fields.String(required=True)
    errors = fields.Integer(required=True)
    warnings = fields.Integer(required=True)
    findings = fields.List(fields.Nested(FindingSchema), required=True)


class UnitChangesSchema(Schema):
    added = fields.List(fields.String(), required=True)
    changed = fields.List(fields.String(), required=True)
    removed = fields.List(fields.String(), required=True)


class CountsSchema(Schema):
    added = fields.Integer(required=True)
    changed = fields.Integer(required=True)
    removed = fields.Integer(required=True)


class SectionChangeSchema(Schema):
    topic = fields.String(required=True)
    version = fields.Integer(required=True)
    section = fields.String(required=True)
    before = fields.String(required=True, validate=validate.OneOf(["current", "missing", "outdated"]))
    after = fields.String(required=True, validate=validate.OneOf(["current", "missing", "outdated"]))


class ChangesSchema(Schema):
    units = fields.Nested(UnitChangesSchema)
    counts = fields.Nested(CountsSchema)
    sections = fields.List(fields.Nested(SectionChangeSchema), metadata={"description": "served state changes"})


class DryRunSchema(Schema):
    locale = fields.String(required=True)
    publishable = fields.Boolean(required=True)
    report = fields.Nested(ReportSchema, required=True)
    changes = fields.Nested(ChangesSchema, required=True)


class PublicationSchema(Schema):
    locale = fields.String(required=True)
    revision = fields.String(required=True)
    previous_revision = fields.String(required=True)
    action = fields.String(required=True, validate=validate.OneOf(["publish", "restore"]))
    changes = fields.Nested(ChangesSchema, required=True)
    report = fields.Nested(ReportSchema, required=True)


class RevisionRecordSchema(Schema):
    locale = fields.String(required=True)
    action = fields.String(required=True, validate=validate.OneOf(["publish", "restore", "import"]))
    actor = fields.String(required=True, metadata={"description": "the token's name, or git:<commit> for an import"})
    before = fields.String(required=True)
    after = fields.String(required=True)
    counts = fields.Nested(CountsSchema, required=True)
    at = fields.String(required=True, metadata={"description": "ISO 8601 time, UTC", "format": "date-time"})


class RevisionListSchema(Schema):
    locale = fields.String(required=True)
    current = fields.String(required=True)
    revisions = fields.List(fields.Nested(RevisionRecordSchema), required=True)


class RejectedProblemSchema(ProblemSchema):
    report = fields.Nested(ReportSchema, required=True)


class UnsupportedUploadProblemSchema(ProblemSchema):
    accepted = fields.List(fields.String(), required=True)  # the media types an upload may be sent as
