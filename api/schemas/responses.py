"""marshmallow schemas of every response body: checked at build time, and the source of openapi.yaml."""

from marshmallow import Schema, fields, validate

DIRECTION = validate.OneOf(["ltr", "rtl"])


class ReviewSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["source", "unreviewed", "reviewed"]))
    reviewer = fields.String(required=True, allow_none=True)
    reviewed_on = fields.Date(required=True, allow_none=True)
    note = fields.String(required=True, allow_none=True, metadata={"description": "how the text was produced"})
    method = fields.String(
        required=True, allow_none=True, validate=validate.OneOf(["ai-assisted", "human"]),
        metadata={"description": "how the translation was made (null for the English source, or when not stated); "
                  "the unreviewed notice says so"},
    )  # fmt: skip


class FallbackSchema(Schema):
    from_ = fields.String(required=True, data_key="from", metadata={"description": "the locale that was wanted"})
    reason = fields.String(required=True, validate=validate.OneOf(["missing", "outdated", "unsupported"]))


class ItemSchema(Schema):
    id = fields.String(required=True)
    term = fields.String(required=True, allow_none=True)
    text = fields.String(required=True, allow_none=True)


class LinkSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    url = fields.Url(required=True)
    purpose = fields.String(required=True)


class BlockSchema(Schema):
    type = fields.String(required=True, validate=validate.OneOf(["paragraph", "list", "links"]))
    id = fields.String(required=True)
    text = fields.String(metadata={"description": "type paragraph: the paragraph"})
    label = fields.String(allow_none=True, metadata={"description": "type list: the list's label"})
    items = fields.List(fields.Nested(ItemSchema), metadata={"description": "type list: labelled items"})
    links = fields.List(fields.Nested(LinkSchema), metadata={"description": "type links: referral links"})


class WantedSchema(Schema):
    locale = fields.String(required=True, metadata={"description": "the first locale of the chain"})
    units = fields.Integer(required=True)
    current = fields.Integer(required=True)
    outdated = fields.Integer(required=True, metadata={"description": "translated for older English"})
    missing = fields.Integer(required=True)


class ServedSchema(Schema):
    locale = fields.String(required=True, metadata={"description": "the locale served", "example": "es"})
    direction = fields.String(required=True, validate=DIRECTION)
    fallback = fields.Nested(
        FallbackSchema, required=True, allow_none=True, metadata={"description": "null when served as wanted"}
    )


class LocalizedSchema(ServedSchema):
    review = fields.Nested(ReviewSchema, required=True)
    wanted = fields.Nested(
        WantedSchema, required=True, metadata={"description": "how complete and fresh the wanted locale is here"}
    )


class SectionFieldsSchema(LocalizedSchema):
    id = fields.String(required=True, metadata={"example": "concerning-signs"})
    heading = fields.String(required=True)
    blocks = fields.List(fields.Nested(BlockSchema), required=True)


class AttributionSchema(Schema):
    author = fields.String(required=True)
    publisher = fields.String(required=True)
    source_site = fields.String(required=True)
    source_url = fields.Url(required=True)
    note = fields.String(allow_none=True)


class EnvelopeSchema(Schema):
    """What every topic and section body starts with. No latest_version: a pinned body never changes."""

    topic = fields.String(required=True, metadata={"example": "muscle-spasms"})
    version = fields.Integer(required=True)
    requested_locale = fields.String(required=True, metadata={"example": "es-MX"})


class SectionResponseSchema(EnvelopeSchema, SectionFieldsSchema):
    attribution = fields.Nested(AttributionSchema, required=True)


class TopicResponseSchema(EnvelopeSchema, LocalizedSchema):
    title = fields.String(required=True)
    scope_note = fields.String(required=True)
    attribution = fields.Nested(AttributionSchema, required=True)
    published = fields.Date(required=True)
    change_note = fields.String(required=True)
    content_hash = fields.String(required=True)
    sections = fields.List(fields.Nested(SectionFieldsSchema), required=True)


class TopicSummarySchema(ServedSchema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    latest_version = fields.Integer(required=True)
    locales = fields.List(fields.String(), required=True, metadata={"description": "locales that serve every section"})


class TopicListSchema(Schema):
    requested_locale = fields.String(required=True)
    topics = fields.List(fields.Nested(TopicSummarySchema), required=True)
    next = fields.String(
        required=True, allow_none=True,
        metadata={"description": "The next page's URL (also in the Link header, rel=next); null on the last page",
                  "format": "uri-reference"},
    )  # fmt: skip


class VersionSchema(Schema):
    version = fields.Integer(required=True)
    published = fields.Date(required=True)
    change_note = fields.String(required=True)
    content_hash = fields.String(required=True, metadata={"example": "sha256:9f2c…"})


class VersionListSchema(Schema):
    topic = fields.String(required=True)
    latest_version = fields.Integer(required=True)
    versions = fields.List(fields.Nested(VersionSchema), required=True)


class ProblemSchema(Schema):
    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String()


class HealthSchema(Schema):
    status = fields.String(required=True)
