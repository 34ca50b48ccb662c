"""The English content is faithful to the source page, structured, and a library of files."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from api import create_app
from api.content.loader import ContentError, load_library, parse_topic_file
from api.content.walk import iter_units

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "content" / "muscle-spasms" / "SOURCE.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "muscle-spasms-patient-page.txt"
SECTION_IDS = ["definition", "acute-causes", "chronic-causes", "concerning-signs", "referral-links"]


def medical_sentences() -> list[str]:
    """Return every sentence of the page's medical text: from the first question to the referral footer."""
    text = SOURCE.read_text(encoding="utf-8")
    body = text[text.index("What is a muscle spasm?") : text.index("Tear this out")]
    lines = [line for line in body.splitlines() if line.strip() and not line.startswith(("##", "To find a NASS"))]
    prose = " ".join(" ".join(lines).split())
    sentences = re.split(r'(?<=[.?!])\s+(?=[A-Z])|(?<=[.?!]")\s+(?=[A-Z])', prose)
    return [s for s in sentences if not s.endswith("?")]


def served_texts(topic) -> str:
    return "\n".join(unit.text for unit in iter_units(topic))


def test_source_copy_matches_the_shared_seed():
    if not SHARED_SEED.exists():
        pytest.skip("shared seed not beside this checkout")
    assert SOURCE.read_bytes() == SHARED_SEED.read_bytes()


def test_every_sentence_of_the_medical_text_appears_verbatim():
    topic = load_library(ROOT / "content")["muscle-spasms"][0]
    texts = served_texts(topic)
    sentences = medical_sentences()
    assert len(sentences) == 21  # 6 + 4 + 5 + 6 sentences under the four questions
    missing = [s for s in sentences if s not in texts]
    assert missing == []


def test_sections_are_the_five_named_ones_in_order_with_the_source_headings():
    topic = load_library(ROOT / "content")["muscle-spasms"][0]
    assert [s.id for s in topic.sections] == SECTION_IDS
    headings = [s.heading for s in topic.sections[:4]]
    source = SOURCE.read_text(encoding="utf-8")
    assert headings[0] == "What is a muscle spasm?"
    assert all(heading in source for heading in headings)


def test_structured_sections_use_labelled_items():
    topic = load_library(ROOT / "content")["muscle-spasms"][0]
    concerning = topic.section("concerning-signs")
    terms = {item.term for block in concerning.blocks if block.type == "list" for item in block.items}
    assert {"Dystonias", "Torticollis syndrome", "Blepharism", "Myoclonus"} <= terms
    chronic = topic.section("chronic-causes")
    chronic_terms = {item.term for block in chronic.blocks if block.type == "list" for item in block.items}
    assert {"Toxic-metabolic", "Nutritional", "Vascular", "Hormonal", "Peripheral artery disease"} <= chronic_terms
    links = [link for block in topic.section("referral-links").blocks for link in block.links]
    assert {link.url for link in links} == {
        "https://connect.spine.org/network/findaspecialist",
        "https://www.knowyourback.org/",
    }


def test_labels_and_terms_use_only_words_from_the_source():
    """No term invents vocabulary: every word of a term or label occurs in the source page."""
    source_words = set(re.findall(r"[a-z]+", SOURCE.read_text(encoding="utf-8").lower()))
    structural = {"examples", "related", "problems", "differences", "who", "assess", "them", "more", "information"}
    topic = load_library(ROOT / "content")["muscle-spasms"][0]
    for block in (b for s in topic.sections for b in s.blocks if b.type == "list"):
        for words in [block.label or "", *(item.term or "" for item in block.items)]:
            unknown = set(re.findall(r"[a-z]+", words.lower())) - source_words - structural
            assert unknown == set(), (block.id, words)


def test_metadata_carries_attribution_scope_and_publication():
    topic = load_library(ROOT / "content")["muscle-spasms"][0]
    assert topic.attribution.author == "Jennifer Kurz, MD"
    assert topic.attribution.publisher == "North American Spine Society"
    assert "skeletal" in topic.scope_note
    assert topic.content_hash.startswith("sha256:")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace("id: acute-causes", "id: Acute Causes"), "sections.1.id"),
        (lambda t: t.replace("version: 1", "version: one"), "version"),
        (lambda t: t.replace("url: https://www.knowyourback.org/", "url: nope"), "sections.4.blocks.0.links.1.url"),
        (lambda t: t.replace("type: paragraph", "type: video", 1), "sections.0.blocks.0.type"),
        (lambda t: t.replace("heading: What causes acute", "heading: [What causes acute"), "not valid YAML"),
        (lambda t: t.replace("    heading: What causes acute", "    title: What causes acute"), "sections.1.heading"),
    ],
)
def test_a_bad_content_file_stops_start_up_naming_file_and_field(tmp_path, edit, expected):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "muscle-spasms" / "1.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        create_app({"CONTENT_DIR": content})
    assert str(path) in str(error.value)
    assert expected in str(error.value)


def test_an_edited_published_version_stops_start_up_and_says_to_publish_a_new_one(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "muscle-spasms" / "1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("often painful", "always painful"), encoding="utf-8")
    with pytest.raises(ContentError, match="published version was edited") as error:
        load_library(content)
    assert str(path) in str(error.value)


def test_a_version_missing_from_the_lock_file_is_not_published(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(content / "muscle-spasms" / "1.yaml", content / "muscle-spasms" / "2.yaml")
    (content / "muscle-spasms" / "2.yaml").write_text(
        (content / "muscle-spasms" / "1.yaml").read_text(encoding="utf-8").replace("version: 1", "version: 2")
    )
    with pytest.raises(ContentError, match=r"not in versions\.lock"):
        load_library(content)


def test_the_lock_file_is_what_sha256sum_checks():
    result = subprocess.run(["sha256sum", "--check", "--strict", "versions.lock"], cwd=ROOT / "content",
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_file_whose_topic_does_not_match_its_path_is_rejected(tmp_path):
    path = tmp_path / "other-topic" / "1.yaml"
    path.parent.mkdir()
    shutil.copy(ROOT / "content" / "muscle-spasms" / "1.yaml", path)
    with pytest.raises(ContentError, match="does not match its path"):
        parse_topic_file(path)


def test_adding_a_topic_is_adding_files(library_client):
    listing = library_client.get("/v1/topics").get_json()
    assert [t["id"] for t in listing["topics"]] == ["muscle-spasms", "sample-topic"]
    sample = library_client.get("/v1/topics/sample-topic").get_json()
    assert sample["version"] == 2
    assert [s["id"] for s in sample["sections"]] == ["basics", "links"]
