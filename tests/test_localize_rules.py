"""Which locale serves a unit group, what its fallback says, and the review record clients see (render/localize.py)."""

from datetime import date
from pathlib import Path

import pytest

from api.content.loader import parse_topic_file
from api.i18n.catalogs import SOURCE_REVIEW, Catalog, Review, UnitState
from api.i18n.negotiate import Negotiation
from api.render.localize import counts_state, group_state, group_units, pick, render_group, review_body, unit_counts

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "content" / "sample-topic" / "1.yaml"
UNREVIEWED = Review("unreviewed")


@pytest.fixture(scope="module")
def topic():
    return parse_topic_file(SAMPLE)


def whole(tag: str, units, review=UNREVIEWED, skip=(), stale=()) -> Catalog:
    """Return a catalog translating every unit but those in skip (missing) or stale (outdated)."""
    current = {(u.context, u.text): f"[{tag}] {u.text}" for u in units if u.context not in {*skip, *stale}}
    return Catalog(tag, review, current=current, stale_contexts=frozenset(stale))


def test_a_reviewed_translation_says_who_signed_it_off_and_when():
    review = Review("reviewed", reviewer="A. Reviewer, MD", reviewed_on=date(2026, 11, 2), note="Signed off.",
                    method="human")  # fmt: skip
    body = review_body(Catalog("es", review))
    assert body == {"status": "reviewed", "reviewer": "A. Reviewer, MD", "reviewed_on": "2026-11-02",
                    "note": "Signed off.", "method": "human"}  # fmt: skip


def test_an_unreviewed_translation_and_the_source_say_so():
    assert review_body(Catalog("es", UNREVIEWED)) == {"status": "unreviewed", "reviewer": None,
                                                      "reviewed_on": None, "note": None, "method": None}  # fmt: skip
    ai = review_body(Catalog("es", Review("unreviewed", method="ai-assisted")))
    assert ai["method"] == "ai-assisted"  # how it was made, for the unreviewed notice
    assert review_body(None)["status"] == SOURCE_REVIEW.status == "source" and review_body(None)["method"] is None
    assert review_body(None)["note"] == SOURCE_REVIEW.note


@pytest.mark.parametrize(
    ("counts", "state"),
    [
        ({"units": 3, "current": 3, "outdated": 0, "missing": 0}, UnitState.CURRENT),
        ({"units": 3, "current": 2, "outdated": 1, "missing": 0}, UnitState.OUTDATED),
        ({"units": 3, "current": 1, "outdated": 1, "missing": 1}, UnitState.OUTDATED),  # outdated outranks missing
        ({"units": 3, "current": 2, "outdated": 0, "missing": 1}, UnitState.MISSING),
    ],
)
def test_a_group_is_current_only_when_every_unit_is(counts, state):
    assert counts_state(counts) is state


def test_units_are_counted_by_state(topic):
    units = group_units(topic)["basics"]
    first, second = units[0].context, units[1].context
    counts = unit_counts(whole("fr", units, skip={first}, stale={second}), units)
    assert counts == {"units": len(units), "current": len(units) - 2, "outdated": 1, "missing": 1}
    assert unit_counts(None, units) == {"units": len(units), "current": len(units), "outdated": 0, "missing": 0}


def test_a_group_state_is_what_a_catalog_publish_reports(topic):
    units = group_units(topic)["links"]
    assert group_state(whole("es", units), units) is UnitState.CURRENT
    assert group_state(whole("es", units, stale={units[0].context}), units) is UnitState.OUTDATED
    assert group_state(Catalog("es", UNREVIEWED), units) is UnitState.MISSING
    assert group_state(None, units) is UnitState.CURRENT


def test_every_group_of_a_topic_is_rendered(topic):
    groups = group_units(topic)
    assert list(groups) == ["meta", "basics", "links"]
    assert all(groups.values())


def renditions(topic, group, **catalogs):
    units = group_units(topic)[group]
    return render_group(topic, group, units, {"en": None, **{tag: make(units) for tag, make in catalogs.items()}})


def test_a_whole_current_locale_serves_the_group_with_no_fallback(topic):
    found = renditions(topic, "basics", es=lambda units: whole("es", units))
    body = pick(found, Negotiation("es-MX", ("es", "en")))
    assert (body["locale"], body["fallback"], body["direction"]) == ("es", None, "ltr")
    assert body["heading"] == "[es] What is the sample?"
    assert body["wanted"] == {"locale": "es", "units": 5, "current": 5, "outdated": 0, "missing": 0}
    assert body["review"]["status"] == "unreviewed"


def test_a_group_with_a_missing_unit_falls_back_whole_and_says_missing(topic):
    found = renditions(topic, "basics", fr=lambda units: whole("fr", units, skip={units[0].context}))
    body = pick(found, Negotiation("fr", ("fr", "en")))
    assert body["locale"] == "en"
    assert body["heading"] == "What is the sample?"
    assert body["fallback"] == {"from": "fr", "reason": "missing"}
    assert body["wanted"]["missing"] == 1


def test_a_group_with_an_outdated_unit_falls_back_along_the_chain_and_says_outdated(topic):
    found = renditions(topic, "basics", ar=lambda units: whole("ar", units, stale={units[1].context}),
                       es=lambda units: whole("es", units))  # fmt: skip
    body = pick(found, Negotiation("ar", ("ar", "es", "en")))
    assert body["locale"] == "es"
    assert body["fallback"] == {"from": "ar", "reason": "outdated"}
    assert found["ar"].body["direction"] == "rtl"


def test_an_unsupported_language_says_so_even_when_the_default_serves_it(topic):
    found = renditions(topic, "meta")
    body = pick(found, Negotiation("de-AT", ("en",), unsupported=True))
    assert body["fallback"] == {"from": "de-AT", "reason": "unsupported"}
    assert body["review"]["status"] == "source"
    assert body["title"] == "Sample Topic"
