"""Clinical codes: the ICD-10-CM codes and titles we show are the CMS's own, and lookup finds them in any spelling."""

import shutil

import pytest
import simple_icd_10_cm as cms

from api.content.codes import ICD10CM, SNOMED, code_system, load_codes, normalize
from api.content.loader import ContentError, load_library
from tests.conftest import ROOT

CONTENT = ROOT / "content"
ISSUE_CODES = {"M62.83", "M62.830", "M62.831", "M62.838", "R25.2"}


@pytest.fixture(scope="module")
def index():
    return load_codes(CONTENT, load_library(CONTENT))


def test_muscle_spasms_lists_the_five_icd_10_cm_codes(index):
    assert {c.printed for c in index.codings("muscle-spasms") if c.system is ICD10CM} == ISSUE_CODES


def test_every_icd_10_cm_code_exists_in_the_cms_tabular_list_with_the_title_we_show(index):
    checked = 0
    for codings in index.by_topic.values():
        for coding in codings:
            if coding.system is ICD10CM:
                assert cms.is_valid_item(coding.printed), coding.printed
                assert coding.display == cms.get_description(coding.printed), coding.printed
                checked += 1
    assert checked >= 5


@pytest.mark.parametrize("spelling", ["M62838", "M62.838", "m62.838", "m62838", " M62.838 "])
def test_lookup_finds_a_code_with_or_without_its_dot_in_any_case(index, spelling):
    assert index.topics_for(ICD10CM, normalize(ICD10CM, spelling)) == ["muscle-spasms"]


def test_a_parent_code_finds_its_childrens_topic_and_every_cms_child_finds_its_parents_topic(index):
    for parent in ("M62.8", "M62", "R25"):
        assert index.topics_for(ICD10CM, normalize(ICD10CM, parent)) == ["muscle-spasms"], parent
    for child in cms.get_descendants("M62.83"):
        assert index.topics_for(ICD10CM, normalize(ICD10CM, child)) == ["muscle-spasms"], child


def test_siblings_and_other_chapters_find_nothing(index):
    for other in ("M62.81", "M62.82", "M62.84", "R25.1", "J45.909"):
        assert cms.is_valid_item(other), other
        assert index.topics_for(ICD10CM, normalize(ICD10CM, other)) == [], other


@pytest.mark.parametrize("bad", ["", "M", "M6", "M6283.8", "M62..838", "62.838", "M62.8388888", "M62 838", "<x>"])
def test_malformed_codes_are_refused(bad):
    assert normalize(ICD10CM, bad) is None


def test_code_systems_are_known_by_oid_and_by_uri():
    assert code_system("2.16.840.1.113883.6.90") is code_system("http://hl7.org/fhir/sid/icd-10-cm") is ICD10CM
    assert code_system("urn:oid:2.16.840.1.113883.6.90") is ICD10CM
    assert code_system("2.16.840.1.113883.6.96") is code_system("http://snomed.info/sct") is SNOMED
    assert code_system("2.16.840.1.113883.6.3") is None  # ICD-10 (WHO) is another system


def write_index(tmp_path, text):
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "content" / "codes.yaml").write_text(text)
    return tmp_path / "content"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("topics: {nope: []}", "topics.nope"),
        ("topics: {muscle-spasms: [{system: icd-10-cm, code: M6, display: x}]}", "topics.muscle-spasms.0.code"),
        ("topics: {muscle-spasms: [{system: icd-9, code: M62, display: x}]}", "topics.muscle-spasms.0.system"),
        ("topics: {muscle-spasms: [{system: snomed-ct, code: '55300003', display: x}]}", "0.source"),
    ],
)
def test_a_bad_index_stops_start_up_naming_the_field(tmp_path, text, named):
    content = write_index(tmp_path, text)
    with pytest.raises(ContentError, match=named.replace(".", r"\.")):
        load_codes(content, load_library(content))
