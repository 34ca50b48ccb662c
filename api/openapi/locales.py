"""The locale routes of openapi.yaml: every locale over the library, and one topic in every locale."""

from api.openapi.reads import ok

LOCALE_ROUTES = {
    "/v1/locales": (
        "listLocales",
        "Supported locales",
        ["IfNoneMatch", "IfModifiedSince"],
        ok("LocaleList", "Names, direction, review status and completeness over the library (one summary per "
           "locale; per topic: /v1/topics/{topic_id}/completeness)."),
        (405,),
    ),
    "/v1/topics/{topic_id}/completeness": (
        "getTopicCompleteness",
        "How complete a topic's latest version is in every locale",
        ["topic", "IfNoneMatch", "IfModifiedSince"],
        ok("TopicCompleteness", "Units current, outdated and missing, and sections served, per locale."),
        (404, 405),
    ),
}  # fmt: skip
