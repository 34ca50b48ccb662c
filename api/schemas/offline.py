"""marshmallow schemas of the offline sync bodies: the bundle and the changes feed."""

from marshmallow import Schema, fields, validate

from api.schemas.responses import DIRECTION, ReviewSchema, TopicResponseSchema

CURSOR = (
    "Send as ?since= to /v1/changes (with the same topics=): it names the store and publish sequence this "
    "body leaves the app holding, in at most 64 characters. Of a paged bundle, keep the last page's cursor."
)


class BundleLocaleSchema(Schema):
    tag = fields.String(required=True)
    english_name = fields.String(required=True)
    native_name = fields.String(required=True)
    direction = fields.String(required=True, validate=DIRECTION)
    review = fields.Nested(ReviewSchema, required=True)
    catalog_revision = fields.String(
        required=True, allow_none=True, metadata={"description": "The locale's catalog revision; null for English."}
    )


class BundleSchema(Schema):
    requested_locale = fields.String(required=True)
    locale = fields.Nested(BundleLocaleSchema, required=True)
    topics = fields.List(fields.Nested(TopicResponseSchema), required=True)
    cursor = fields.String(required=True, validate=validate.Length(max=64), metadata={"description": CURSOR})
    next = fields.String(
        required=True, allow_none=True,
        metadata={"description": "The URL of the bundle's next page; null on the last page", "format": "uri-reference"},
    )  # fmt: skip


class ChangeSchema(Schema):
    topic = fields.String(required=True)
    locale = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "The topic's latest version"})
    catalog_revision = fields.String(required=True, allow_none=True, metadata={"description": "null for English"})
    url = fields.String(
        required=True,
        metadata={"description": "The revision URL (immutable) of the topic in this locale: fetch it to replace "
                  "the topic you hold", "format": "uri-reference"},
    )  # fmt: skip


class ChangeFeedSchema(Schema):
    changes = fields.List(fields.Nested(ChangeSchema), required=True)
    next = fields.String(required=True, validate=validate.Length(max=64), metadata={"description": CURSOR})
    more = fields.Boolean(required=True, metadata={"description": "true: ask again at once with next"})
