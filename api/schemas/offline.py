"""marshmallow schemas of the offline sync bodies: the bundle and the changes feed."""

from marshmallow import Schema, fields

from api.schemas.responses import DIRECTION, ReviewSchema, TopicResponseSchema


class BundleLocaleSchema(Schema):
    tag = fields.String(required=True)
    english_name = fields.String(required=True)
    native_name = fields.String(required=True)
    direction = fields.String(required=True, validate=DIRECTION)
    review = fields.Nested(ReviewSchema, required=True)


class BundleSchema(Schema):
    requested_locale = fields.String(required=True)
    locale = fields.Nested(BundleLocaleSchema, required=True)
    topics = fields.List(fields.Nested(TopicResponseSchema), required=True)


class ChangeSchema(Schema):
    topic = fields.String(required=True)
    locale = fields.String(required=True)
    version = fields.Integer(required=True)
    catalog_revision = fields.String(required=True, allow_none=True, metadata={"description": "null for English"})
    changed_at = fields.String(required=True, metadata={"description": "ISO 8601"})


class ChangeFeedSchema(Schema):
    changes = fields.List(fields.Nested(ChangeSchema), required=True)
    next = fields.String(required=True, allow_none=True, metadata={"description": "send as ?since= next time"})
    more = fields.Boolean(required=True, metadata={"description": "true: ask again at once with next"})
