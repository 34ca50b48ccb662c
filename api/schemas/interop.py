"""marshmallow schemas of what EHRs get: the Infobutton feed in MedlinePlus Connect's JSON shape."""

from marshmallow import Schema, fields, validate

from api.schemas.responses import FallbackSchema, ReviewSchema


class TextSchema(Schema):
    _value = fields.String(required=True, data_key="_value")
    type = fields.String(validate=validate.OneOf(["text", "html"]))


class FeedLinkSchema(Schema):
    href = fields.Url(required=True)
    rel = fields.String(required=True, validate=validate.OneOf(["alternate", "related"]))
    type = fields.String(required=True, validate=validate.OneOf(["text/html", "application/json"]))
    hreflang = fields.String(required=True)
    title = fields.String(required=True)


class EntryServedSchema(Schema):
    locale = fields.String(required=True, metadata={"description": "the locale this entry is in"})
    requested_locale = fields.String(required=True)
    fallback = fields.Nested(FallbackSchema, required=True, allow_none=True, metadata={"description": "null: none"})
    review = fields.Nested(ReviewSchema, required=True)


class SourceSchema(Schema):
    id = fields.Nested(TextSchema, required=True, metadata={"description": "the id of the topic's entry"})


class PersonSchema(Schema):
    name = fields.Nested(TextSchema, required=True)
    uri = fields.Nested(TextSchema)


class EntrySchema(Schema):
    lang = fields.String(required=True)
    title = fields.Nested(TextSchema, required=True)
    link = fields.List(fields.Nested(FeedLinkSchema), required=True, validate=validate.Length(min=2),
                       metadata={"description": "link[0] is the page a person opens: a section's iframe page, "
                                                "a topic's HTML fragment"})  # fmt: skip
    id = fields.Nested(TextSchema, required=True)
    updated = fields.Nested(TextSchema, required=True)
    summary = fields.Nested(TextSchema, required=True, metadata={"description": "sanitized HTML (type html)"})
    source = fields.Nested(SourceSchema, metadata={"description": "a section's entry: the entry of its topic"})
    served = fields.Nested(EntryServedSchema, required=True)


class CategorySchema(Schema):
    scheme = fields.String(required=True, metadata={"description": "a request parameter's name"})
    term = fields.String(required=True, metadata={"description": "its value, as sent"})


class FeedSchema(Schema):
    lang = fields.String(required=True)
    title = fields.Nested(TextSchema, required=True)
    subtitle = fields.Nested(TextSchema, required=True, metadata={"description": "the code system and code asked"})
    author = fields.Nested(PersonSchema, required=True, metadata={"description": "the topics' authors (uri: "
                           "the source, when one topic), or this service when no topic answers"})  # fmt: skip
    updated = fields.Nested(TextSchema, required=True)
    category = fields.List(fields.Nested(CategorySchema), required=True, metadata={"description": "the request "
                           "echoed, as MedlinePlus Connect does: mainSearchCriteria.v.c, .v.cs, and "
                           "informationRecipient.languageCode.c when sent"})  # fmt: skip
    id = fields.Nested(TextSchema, required=True)
    contributor = fields.List(fields.Nested(PersonSchema), required=True, metadata={"description": "publishers"})
    entry = fields.List(fields.Nested(EntrySchema), required=True, metadata={"description": "empty: no topic"})


class KnowledgeFeedSchema(Schema):
    feed = fields.Nested(FeedSchema, required=True)


class CdsServiceSchema(Schema):
    hook = fields.String(required=True)
    id = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    prefetch = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class CdsDiscoverySchema(Schema):
    services = fields.List(fields.Nested(CdsServiceSchema), required=True)


class CardSourceSchema(Schema):
    label = fields.String(required=True, metadata={"description": "the attribution: author · publisher · site"})
    url = fields.Url(required=True)


class CardLinkSchema(Schema):
    label = fields.String(required=True)
    url = fields.Url(required=True)
    type = fields.String(required=True, validate=validate.OneOf(["absolute"]))


SERVED_EXTENSION = (
    "patient-content-api.served: per entry (topic, then each section) its id, locale, requested_locale, "
    "fallback and review"
)


class CardSchema(Schema):
    uuid = fields.String(required=True)
    summary = fields.String(required=True, validate=validate.Length(max=140), metadata={"description": "the "
                            "topic's title in the patient's language"})  # fmt: skip
    detail = fields.String(
        metadata={
            "description": "Markdown, in the patient's language: the unreviewed-translation "
            "and fallback notices, when they apply"
        }
    )
    indicator = fields.String(required=True, validate=validate.OneOf(["info"]))
    source = fields.Nested(CardSourceSchema, required=True)
    links = fields.List(fields.Nested(CardLinkSchema), required=True)
    extension = fields.Dict(required=True, metadata={"description": SERVED_EXTENSION})


class CardsSchema(Schema):
    cards = fields.List(fields.Nested(CardSchema), required=True, metadata={"description": "empty: no prefetch, "
                        "or no active condition that a topic answers"})  # fmt: skip


class AttachmentSchema(Schema):
    contentType = fields.String(required=True)
    language = fields.String(required=True)
    url = fields.Url(required=True)
    size = fields.Integer(required=True)
    hash = fields.String(required=True, metadata={"description": "base64 SHA-1 of the bytes at url"})
    title = fields.String(required=True)
    creation = fields.String(required=True)


class ContentSchema(Schema):
    attachment = fields.Nested(AttachmentSchema, required=True)


class NarrativeSchema(Schema):
    status = fields.String(required=True, validate=validate.Equal("generated"))
    div = fields.String(required=True, metadata={"description": "XHTML: title, codes, a link per page"})


class DocumentReferenceSchema(Schema):
    resourceType = fields.String(required=True, validate=validate.Equal("DocumentReference"))
    id = fields.String(required=True)
    text = fields.Nested(NarrativeSchema, required=True)
    masterIdentifier = fields.Dict(required=True)
    status = fields.String(required=True, validate=validate.Equal("current"))
    type = fields.Dict(required=True, metadata={"description": "text only: no LOINC document code is claimed"})
    date = fields.String(required=True)
    author = fields.List(fields.Dict(), required=True)
    custodian = fields.Dict(required=True)
    description = fields.String(required=True)
    language = fields.String(required=True, metadata={"description": "BCP 47; zh-CN for zh-Hans and zh-TW for "
                             "zh-Hant (R4 CommonLanguages)"})  # fmt: skip
    content = fields.List(fields.Nested(ContentSchema), required=True, validate=validate.Length(min=1),
                          metadata={"description": "the topic's HTML fragment, then each section's page"})  # fmt: skip
    context = fields.Dict(required=True, metadata={"description": "related: the codes, as identifiers"})


class MedicalWebPageSchema(Schema):
    context = fields.Dict(required=True, data_key="@context", metadata={"description": "inline: schema.org as "
                          "@vocab, url an IRI; expands with no network"})  # fmt: skip
    type = fields.String(required=True, data_key="@type", validate=validate.Equal("MedicalWebPage"))
    url = fields.Url(required=True)
    name = fields.String(required=True)
    inLanguage = fields.String(required=True)
    audience = fields.Dict(required=True)
    about = fields.Dict(required=True, metadata={"description": "a MedicalCondition with MedicalCode codes"})
    author = fields.Dict(required=True)
    publisher = fields.Dict(required=True)
    datePublished = fields.String(required=True)
    hasPart = fields.List(fields.Dict(), required=True, metadata={"description": "one WebPageElement per section"})
    lastReviewed = fields.String(metadata={"description": "only when a qualified reviewer signed it off"})
    reviewedBy = fields.Dict(metadata={"description": "only when a qualified reviewer signed it off"})
