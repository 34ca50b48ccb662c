"""`catalogs update`'s merge: a new msgid is missing, changed English is fuzzy, and no live translation is dropped."""

import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from api.i18n.merge import MAX_OBSOLETE_SHARE, merge, refusals

OLD, NEW = "Rest the muscle for a day.", "Rest the muscle for two days."


def po(path, entries: list[tuple[str, str, str]], fuzzy=()) -> None:
    """Write a Spanish catalog of (msgctxt, msgid, msgstr) entries."""
    catalog = Catalog(locale="es")
    for context, english, spanish in entries:
        catalog.add(english, spanish, context=context, flags={"fuzzy"} if context in fuzzy else ())
    out = io.BytesIO()
    write_po(out, catalog)
    path.write_bytes(out.getvalue())


def template(entries: list[tuple[str, str]]) -> Catalog:
    catalog = Catalog()
    for context, english in entries:
        catalog.add(english, context=context)
    return catalog


def merged(tmp_path, entries, units, fuzzy=()):
    path = tmp_path / "es.po"
    po(path, entries, fuzzy)
    result = merge(path, "es", "content", template(units))
    return result, {m.context: m for m in read_po(io.BytesIO(result.new)) if m.id}


def test_a_new_msgid_is_missing_never_a_fuzzy_guess_from_similar_english(tmp_path):
    result, units = merged(tmp_path, [("t/a", "Examples", "Ejemplos")], [("t/a", "Examples"), ("u/title", "Example")])
    assert (units["u/title"].string, units["u/title"].fuzzy) == ("", False)
    assert units["t/a"].string == "Ejemplos"
    assert result.dropped == []


def test_changed_english_under_the_same_msgctxt_is_fuzzy_with_the_old_translation_and_previous_msgid(tmp_path):
    result, units = merged(tmp_path, [("t/a", OLD, "Descanse un día.")], [("t/a", NEW)])
    assert (units["t/a"].id, units["t/a"].string, units["t/a"].fuzzy) == (NEW, "Descanse un día.", True)
    assert f'#, fuzzy\n#| msgid "{OLD}"\nmsgctxt "t/a"\nmsgid "{NEW}"'.encode() in result.new
    assert result.dropped == [] and b"#~" not in result.new


def test_a_new_version_keeps_the_old_units_translation_and_makes_the_new_one_fuzzy(tmp_path):
    path = tmp_path / "es.po"
    po(path, [("t/a", OLD, "Descanse un día.")])
    result = merge(path, "es", "content", template([("t/a", OLD), ("t/a", NEW)]))
    entries = {(m.id, m.string, m.fuzzy) for m in read_po(io.BytesIO(result.new)) if m.id}
    assert entries == {(OLD, "Descanse un día.", False), (NEW, "Descanse un día.", True)}


def test_a_fuzzy_translation_is_carried_when_its_english_changes_again(tmp_path):
    result, units = merged(tmp_path, [("t/a", OLD, "Descanse.")], [("t/a", NEW)], fuzzy={"t/a"})
    assert (units["t/a"].string, units["t/a"].fuzzy, result.dropped) == ("Descanse.", True, [])


def test_what_would_be_dropped_is_counted_against_the_catalogs_translations(tmp_path):
    entries = [(f"t/{n}", f"Text {n}.", f"Texto {n}.") for n in range(10)] + [("t/empty", "Empty.", "")]
    result, _ = merged(tmp_path, entries, [(f"t/{n}", f"Text {n}.") for n in range(8)])
    assert sorted(m.context for m in result.dropped) == ["t/8", "t/9"]
    assert result.translated == 10


@pytest.mark.parametrize(("dropped", "allow", "refused"), [(1, False, False), (2, False, True), (2, True, False)])
def test_more_than_a_small_share_dropped_is_refused_unless_allowed(tmp_path, dropped, allow, refused):
    assert MAX_OBSOLETE_SHARE == 0.1
    entries = [(f"t/{n}", f"Text {n}.", f"Texto {n}.") for n in range(10)]
    result, _ = merged(tmp_path, entries, [(f"t/{n}", f"Text {n}.") for n in range(10 - dropped)])
    reasons = refusals([result], set(), allow)
    assert bool(reasons) is refused
    assert all(f"{dropped} of 10 translations would become obsolete" in reason for reason in reasons)


def test_dropping_a_unit_whose_msgctxt_is_still_in_content_is_refused_even_when_allowed(tmp_path):
    entries = [(f"t/{n}", f"Text {n}.", f"Texto {n}.") for n in range(20)]
    result, _ = merged(tmp_path, entries, [(f"t/{n}", f"Text {n}.") for n in range(19)])
    assert refusals([result], set(), False) == []  # 1 of 20 gone from content/ too: allowed
    [reason] = refusals([result], {"t/19"}, True)
    assert reason.startswith(f"{result.path}: 1 translated units whose msgctxt is still in content/")


@pytest.mark.parametrize(
    "value", ["true", "muscle-spasms", "[muscle-spasms]", "{muscle-spasms: 0}", "{muscle-spasms: '1'}", "{'': 1}"]
)
def test_review_complete_must_map_topics_to_versions_and_says_so_naming_the_file(tmp_path, value):
    from api.i18n.catalogs import CatalogError, load_review

    record = tmp_path / "review.yaml"
    record.write_text(f"status: unreviewed\ncomplete: {value}\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"review\.yaml: complete[.:](?!.*\{')"):
        load_review(record)
