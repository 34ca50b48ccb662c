"""The printable handout: text in logical order and the right script, embedded fonts, tags, language, caching."""

import re
import shutil
import subprocess
import tempfile
import time
import zlib

import pytest
import requests

from api.i18n.catalogs import load_catalog
from api.render.handout import canonical_sections, paper_for
from api.render.handout_pdf import Handouts
from api.render.service import load_service
from tests.conftest import ROOT
from tests.test_browser import ARTIFACTS

HANDOUT = "/v1/topics/muscle-spasms/handout.pdf"
LOCALES = ["en", "es", "fr", "pt-BR", "zh-Hans", "zh-Hant", "vi", "ko", "ar"]
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (.ci/run)")


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    """Run a poppler tool on PDF bytes (in a temporary file: poppler seeks) and return its output."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        command = [tool, *args, file.name, *(["-"] if tool == "pdftotext" else [])]
        return subprocess.run(command, capture_output=True, check=True, timeout=60).stdout.decode()


def catalog_language(pdf: bytes) -> str | None:
    """Return the document language (/Lang of the catalog), reading compressed object streams too."""
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            found = re.search(rb"/Lang \(([^)]*)\)", zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
        if found:
            return found.group(1).decode()
    found = re.search(rb"/Lang \(([^)]*)\)", pdf)
    return found.group(1).decode() if found else None


def fetch(client, locale: str, **query) -> tuple[bytes, dict]:
    response = client.get(HANDOUT, query_string={"locale": locale, **query})
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    return response.data, client.get(f"/v1/topics/muscle-spasms?locale={locale}").json


@pytest.mark.parametrize("locale", ["es", "ar", "zh-Hant"])
def test_the_handout_text_is_the_topic_in_its_locale_with_every_font_embedded(client, locale):
    pdf, topic = fetch(client, locale)
    text = poppler("pdftotext", pdf, "-enc", "UTF-8").translate(BIDI_CONTROLS)
    lines = {line.strip() for line in text.splitlines()}
    assert topic["title"] in lines  # Arabic in logical order, Traditional characters for zh-Hant
    assert topic["sections"][0]["heading"] in lines
    assert "https://www.knowyourback.org/" in text and "Jennifer Kurz, MD" in text
    if locale == "zh-Hant":
        assert "肌肉痙攣" in text and "肌肉痉挛" not in text  # not the Simplified title
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the emb column
    if locale == "zh-Hant":
        assert any("CJK-TC" in line for line in fonts), fonts  # the Traditional Chinese face
    if locale == "ar":
        assert any("Arabic" in line for line in fonts), fonts


def test_the_handout_is_tagged_with_its_language_and_title(client):
    pdf, topic = fetch(client, "ko")
    info = poppler("pdfinfo", pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(rf"^Title:\s+{re.escape(topic['title'])}$", info, re.M)
    assert catalog_language(pdf) == "ko"
    text = poppler("pdftotext", pdf, "-enc", "UTF-8")
    notice = "이 번역은 AI(인공지능)의 도움을 받아 작성되었습니다. 아직 자격을 갖춘 의료 번역가의 검토를 받지 않았"
    assert notice.replace(" ", "") in "".join(text.split())  # the unreviewed notice (a line may wrap anywhere)


def test_a_fallback_handout_says_so_and_the_footer_traces_it(client):
    pdf, _ = fetch(client, "de")
    text = poppler("pdftotext", pdf, "-enc", "UTF-8")
    assert "It is shown in English." in text
    assert "Content version 1" in text and "Language: English" in text
    assert text.count("It is shown in English.") == 1  # under the title, not again in every section
    assert "This topic is not yet available in your language." in text  # the whole topic fell back
    assert "/v1/embed/muscle-spasms?locale=en" in text.replace("\n", "")  # the QR code's target: the English page
    assert "in your language:" not in text  # that page is not in German


def test_paper_follows_the_locales_region_or_the_paper_parameter(client):
    assert paper_for("en") == paper_for("es-MX") == "letter" and paper_for("es") == paper_for("fr") == "a4"
    letter = poppler("pdfinfo", fetch(client, "es-MX")[0])
    assert "612 x 792 pts (letter)" in letter
    assert "(A4)" in poppler("pdfinfo", fetch(client, "es-MX", paper="a4")[0])
    mexico = client.get(HANDOUT + "?locale=es-MX&paper=a4")  # built once per served locale, not per requested tag
    assert mexico.headers["ETag"] == client.get(HANDOUT + "?locale=es&paper=a4").headers["ETag"]
    assert mexico.headers["Content-Location"].startswith(HANDOUT + "?locale=es&version=1&paper=a4")


def test_sections_are_validated_and_canonical(client):
    ids = ["definition", "acute-causes", "chronic-causes", "concerning-signs", "referral-links"]
    assert canonical_sections(ids, "concerning-signs, definition,definition") == ("definition", "concerning-signs")
    assert canonical_sections(ids, ",".join(reversed(ids))) is None  # every section: the whole topic's key
    response = client.get(HANDOUT + "?sections=definition,nope")
    assert response.status_code == 400 and "nope" in response.json["detail"]
    pdf, topic = fetch(client, "es", sections="concerning-signs")
    text = poppler("pdftotext", pdf, "-enc", "UTF-8")
    assert topic["sections"][3]["heading"] in text and topic["sections"][0]["heading"] not in text


def test_every_locale_renders_and_page_one_is_kept_as_a_png(client):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 120
    for locale in LOCALES:  # nine builds, bounded in time
        pdf, topic = fetch(client, locale)
        assert topic["title"] in poppler("pdftotext", pdf, "-enc", "UTF-8").translate(BIDI_CONTROLS)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            page = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file.name]
            subprocess.run([*page, str(ARTIFACTS / f"handout-{locale}-page-1")], check=True, timeout=60)
        assert time.monotonic() < deadline


def test_a_publish_rebuilds_only_the_handouts_it_changes(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    service, handouts = load_service(ROOT / "content", translations, "en"), Handouts(maxsize=8)
    es, ko = (service.negotiator.for_tag(tag) for tag in ("es", "ko"))
    built = {
        tag: handouts.get(service.store, "muscle-spasms", 1, n, None, "a4", "u") for tag, n in (("es", es), ("ko", ko))
    }
    po = translations / "es" / "LC_MESSAGES" / "content.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Espasmos musculares"', 'msgstr "Espasmos"', 1))
    store = service.store.with_catalog(load_catalog(translations, "es"))
    assert handouts.get(store, "muscle-spasms", 1, ko, None, "a4", "u") is built["ko"]  # not rebuilt
    assert handouts.get(store, "muscle-spasms", 1, es, None, "a4", "u").etag != built["es"].etag


def test_on_gunicorn_the_handout_revalidates_and_names_its_revision_url(live_server):
    url = live_server + HANDOUT + "?locale=zh-Hant&sections=concerning-signs,definition"
    first = requests.get(url, timeout=60)
    assert first.status_code == 200 and first.content.startswith(b"%PDF-")
    assert first.headers["Content-Language"] == "zh-Hant"
    location = first.headers["Content-Location"]
    assert location.startswith(HANDOUT + "?locale=zh-Hant&version=1&paper=a4&sections=definition%2Cconcerning-signs")
    again = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=10)
    assert again.status_code == 304 and not again.content
    pinned = requests.get(live_server + location, timeout=60)
    assert pinned.content == first.content and "immutable" in pinned.headers["Cache-Control"]
