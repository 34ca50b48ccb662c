"""marshmallow schemas of the locale and catalog lists and of one topic's completeness per locale."""

from marshmallow import Schema, fields

from api.schemas.responses import DIRECTION, ReviewSchema


class CompletenessSchema(Schema):
    version = fields.Integer(required=True)
    units = fields.Integer(required=True)
    current = fields.Integer(required=True)
    outdated = fields.Integer(required=True)
    missing = fields.Integer(required=True)
    ratio = fields.Float(required=True, metadata={"description": "current units / units"})
    sections_served = fields.Integer(required=True, metadata={"description": "sections served without fallback"})
    sections = fields.Integer(required=True)


class CoverageSchema(Schema):
    topics = fields.Integer(required=True, metadata={"description": "topics in the library"})
    topics_served = fields.Integer(
        required=True, metadata={"description": "topics whose latest version (title and every section) this locale "
                                 "serves without fallback"})  # fmt: skip
    units = fields.Integer(required=True, metadata={"description": "units of every topic's latest version"})
    current = fields.Integer(required=True)
    outdated = fields.Integer(required=True)
    missing = fields.Integer(required=True)
    ratio = fields.Float(required=True, metadata={"description": "current units / units"})
    sections_served = fields.Integer(required=True, metadata={"description": "sections served without fallback"})
    sections = fields.Integer(required=True)


SUMMARY = {"description": "the locale over the whole library; per topic: GET /v1/topics/{topic_id}/completeness"}


class LocaleSchema(Schema):
    tag = fields.String(required=True, metadata={"example": "es"})
    english_name = fields.String(required=True)
    native_name = fields.String(required=True)
    direction = fields.String(required=True, validate=DIRECTION)
    default = fields.Boolean(required=True)
    review = fields.Nested(ReviewSchema, required=True)
    completeness = fields.Nested(CoverageSchema, required=True, metadata=SUMMARY)


class LocaleListSchema(Schema):
    default_locale = fields.String(required=True)
    locales = fields.List(fields.Nested(LocaleSchema), required=True)


class CatalogSummarySchema(Schema):
    locale = fields.String(required=True)
    revision = fields.String(required=True)
    review = fields.Nested(ReviewSchema, required=True)
    fuzzy = fields.Integer(required=True)
    completeness = fields.Nested(CoverageSchema, required=True, metadata=SUMMARY)


class CatalogListSchema(Schema):
    catalogs = fields.List(fields.Nested(CatalogSummarySchema), required=True)


class TopicCompletenessSchema(Schema):
    topic = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "the latest version, the one counted"})
    completeness = fields.Dict(keys=fields.String(), values=fields.Nested(CompletenessSchema), required=True,
                               metadata={"description": "per supported locale, the source included"})  # fmt: skip
