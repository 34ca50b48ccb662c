"""The Infobutton Atom feed is RFC 4287 (its RELAX NG schema, by jing) and carries MedlinePlus Connect's feed shape."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from tests.test_infobutton import ICD10CM_OID, ask

SCHEMA = Path(__file__).parent / "fixtures" / "atom" / "rfc4287.rnc"  # RFC 4287, Appendix B
ATOM = "{http://www.w3.org/2005/Atom}"
LOCALES = ["en", "ar", "es", "fr", "ko", "pt-BR", "vi", "zh-Hans", "zh-Hant"]
JING = shutil.which("jing") or "jing"  # Debian's jing; .ci/run installs it, and a missing jing fails, never skips


def jing(paths: list[Path]) -> subprocess.CompletedProcess:
    """Validate XML files against the RFC 4287 schema with jing (compact syntax), in one run."""
    return subprocess.run([JING, "-c", str(SCHEMA), *map(str, paths)], capture_output=True, text=True, timeout=120)


def atom_feeds(client) -> dict[str, bytes]:
    """Return the Atom answers to a set of requests: every locale, both media types, an empty and an unindexed feed."""
    requests = {f"{locale}": ask("m62.838", informationRecipient__languageCode__c=locale) for locale in LOCALES}
    requests["atom+xml"] = ask(knowledgeResponseType="APPLICATION/ATOM+XML")
    requests["empty"] = ask("J45.909")
    requests["unindexed"] = ask("197361", "2.16.840.1.113883.6.88")
    answers = {name: client.get(url) for name, url in requests.items()}
    assert all(answer.status_code == 200 and "xml" in answer.content_type for answer in answers.values())
    return {name: answer.data for name, answer in answers.items()}


def test_every_atom_feed_is_valid_against_the_rfc_4287_relax_ng_schema(client, tmp_path):
    paths = []
    for name, body in atom_feeds(client).items():
        paths.append(tmp_path / f"{name}.xml")
        paths[-1].write_bytes(body)
    result = jing(paths)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = ET.fromstring(paths[0].read_bytes())  # the schema bites: a feed without its atom:id is refused
    broken.remove(broken.find(ATOM + "id"))
    (tmp_path / "broken.xml").write_bytes(ET.tostring(broken))
    assert jing([tmp_path / "broken.xml"]).returncode != 0


@pytest.mark.parametrize("locale", LOCALES)
def test_the_atom_feed_echoes_the_request_as_categories_and_carries_the_subtitle(client, locale):
    url = ask("m62.838", informationRecipient__languageCode__c=locale)
    root = ET.fromstring(client.get(url).data)
    categories = [(c.get("scheme"), c.get("term")) for c in root.findall(ATOM + "category")]
    assert categories == [("mainSearchCriteria.v.c", "m62.838"), ("mainSearchCriteria.v.cs", ICD10CM_OID),
                          ("informationRecipient.languageCode.c", locale)]  # fmt: skip
    subtitle = root.find(ATOM + "subtitle")
    assert subtitle.text == "Results for ICD-10-CM M62.838" and subtitle.get("type") == "text"
    parsed = feedparser.parse(client.get(url).data)  # as a feed reader sees it
    assert not parsed.bozo and parsed.feed.subtitle == subtitle.text
    assert [(tag.scheme, tag.term) for tag in parsed.feed.tags] == categories


@pytest.mark.parametrize("code", ["M62838", "J45.909"])
def test_the_atom_and_json_feeds_say_the_same_at_feed_level(client, code):
    atom = ET.fromstring(client.get(ask(code, knowledgeResponseType="text/xml")).data)
    feed = client.get(ask(code, knowledgeResponseType="application/json")).json["feed"]
    assert atom.findtext(ATOM + "subtitle") == feed["subtitle"]["_value"]
    assert atom.findtext(ATOM + "title") == feed["title"]["_value"]
    assert atom.findtext(ATOM + "id") == feed["id"]["_value"]
    assert atom.findtext(ATOM + "updated") == feed["updated"]["_value"]
    assert [(c.get("scheme"), c.get("term")) for c in atom.findall(ATOM + "category")] == [
        (c["scheme"], c["term"]) for c in feed["category"]
    ]


def test_two_spellings_of_one_code_echo_their_own_spelling(client):
    first = ET.fromstring(client.get(ask("M62838")).data)
    second = ET.fromstring(client.get(ask("m62.838")).data)
    assert first.find(ATOM + "category").get("term") == "M62838"
    assert second.find(ATOM + "category").get("term") == "m62.838"
