"""marshmallow schemas that validate a topic version file and load it into dataclasses."""

from typing import ClassVar

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)
from marshmallow_oneofschema import OneOfSchema

from api.content import model

SLUG = validate.Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="must be a lower-case slug like 'acute-causes'")
RESERVED_SECTION_IDS = {"meta"}


def text(required=True):
    """Return a non-blank string field of reasonable length."""
    return fields.String(required=required, validate=validate.Length(min=1, max=4000))


def unique_ids(field_name):
    """Return a schema validator that rejects two records in one list sharing an id."""

    def check(self, data, **kwargs):
        seen = set()
        for index, record in enumerate(data.get(field_name, ())):
            if record.id in seen:
                raise ValidationError({index: {"id": [f"duplicate id {record.id!r}"]}}, field_name)
            seen.add(record.id)

    return validates_schema(check)


class ParagraphSchema(Schema):
    id = fields.String(required=True, validate=SLUG)
    text = text()
    translator_note = fields.String()

    @post_load
    def make(self, data, **kwargs):
        return model.Paragraph(**data)


class ItemSchema(Schema):
    id = fields.String(required=True, validate=SLUG)
    term = text(required=False)
    text = text(required=False)
    translator_note = fields.String()

    @validates_schema
    def check_has_words(self, data, **kwargs):
        if not data.get("term") and not data.get("text"):
            raise ValidationError("an item needs a term, a text or both")

    @post_load
    def make(self, data, **kwargs):
        return model.Item(**data)


class ItemListSchema(Schema):
    id = fields.String(required=True, validate=SLUG)
    label = text(required=False)
    items = fields.List(fields.Nested(ItemSchema), required=True, validate=validate.Length(min=1))
    translator_note = fields.String()

    check_unique = unique_ids("items")

    @post_load
    def make(self, data, **kwargs):
        return model.ItemList(**{**data, "items": tuple(data["items"])})


class LinkSchema(Schema):
    id = fields.String(required=True, validate=SLUG)
    label = text()
    url = fields.Url(required=True, schemes={"https", "http"})
    purpose = text()
    translator_note = fields.String()

    @post_load
    def make(self, data, **kwargs):
        return model.Link(**data)


class LinkListSchema(Schema):
    id = fields.String(required=True, validate=SLUG)
    links = fields.List(fields.Nested(LinkSchema), required=True, validate=validate.Length(min=1))

    check_unique = unique_ids("links")

    @post_load
    def make(self, data, **kwargs):
        return model.LinkList(**{**data, "links": tuple(data["links"])})


class BlockSchema(OneOfSchema):
    type_schemas: ClassVar = {"paragraph": ParagraphSchema, "list": ItemListSchema, "links": LinkListSchema}


class SectionSchema(Schema):
    id = fields.String(required=True, validate=[SLUG, validate.NoneOf(RESERVED_SECTION_IDS)])
    heading = text()
    blocks = fields.List(fields.Nested(BlockSchema), required=True, validate=validate.Length(min=1))

    check_unique = unique_ids("blocks")

    @post_load
    def make(self, data, **kwargs):
        return model.Section(id=data["id"], heading=data["heading"], blocks=tuple(data["blocks"]))


class AttributionSchema(Schema):
    author = text()
    publisher = text()
    source_site = text()
    source_url = fields.Url(required=True, schemes={"https", "http"})
    note = text(required=False)

    @post_load
    def make(self, data, **kwargs):
        return model.Attribution(**data)


class TopicVersionSchema(Schema):
    topic = fields.String(required=True, validate=SLUG)
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    published = fields.Date(required=True)
    change_note = text()
    title = text()
    scope_note = text()
    attribution = fields.Nested(AttributionSchema, required=True)
    protected_terms = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    sections = fields.List(fields.Nested(SectionSchema), required=True, validate=validate.Length(min=1))

    check_unique = unique_ids("sections")

    @post_load
    def make(self, data, **kwargs):
        data["sections"] = tuple(data["sections"])
        data["protected_terms"] = tuple(data["protected_terms"])
        return model.TopicVersion(**data)
