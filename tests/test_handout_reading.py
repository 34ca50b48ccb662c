"""What a person reads on each printed handout: URLs intact, no wasted sheet, whole Korean words, language tags."""

import re
import subprocess
import tempfile
import time
import zlib
from datetime import date

import pytest
import weasyprint

from api.render.handout import HANDOUT_MESSAGES, handout_html, paper_for
from api.render.scripts import isolate_with_controls, keep_korean_words, ltr_runs, printable_url
from tests.test_browser import ARTIFACTS
from tests.test_handout import BIDI_CONTROLS, HANDOUT, LOCALES, fetch, poppler, pytestmark  # noqa: F401
from tests.timing import HANG_SECONDS, cpu_seconds

NO_CLOSING_BLOCK = "<style>.about { display: none }</style>"
ONLINE = "https://x.example/v1/embed/t?locale=ko"
INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b"), None) | BIDI_CONTROLS


def page_texts(pdf: bytes) -> list[str]:
    """Return the text of each page, as pdftotext reads it, without invisible controls."""
    pages = int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", pdf), re.M).group(1))
    return [poppler("pdftotext", pdf, "-enc", "UTF-8", "-f", str(n), "-l", str(n)).translate(INVISIBLE)
            for n in range(1, pages + 1)]  # fmt: skip


def section_lines(topic: dict) -> set[str]:
    """Return every text of the topic's sections that stands on a line of its own: headings, labels."""
    return {s["heading"] for s in topic["sections"]} | {
        b["label"] for s in topic["sections"] for b in s["blocks"] if b.get("label")
    }


def body_lines(page: str, trace_words: tuple[str, ...]) -> list[str]:
    """Return a page's lines without its footer (the trace and the page counter)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if not re.fullmatch(r"\d+ / \d+", line) and not line.startswith(trace_words)]


def test_the_arabic_handout_prints_every_url_intact_and_in_order(client):
    pdf, topic = fetch(client, "ar")
    text = poppler("pdftotext", pdf, "-enc", "UTF-8").translate(INVISIBLE)
    links = [link["url"] for s in topic["sections"] for b in s["blocks"] if b["type"] == "links" for link in b["links"]]
    online = "http://127.0.0.1:8000/v1/embed/muscle-spasms?locale=ar"  # the latest version, in the served locale
    expected = [*links, topic["attribution"]["source_url"], online]
    found = [text.find(url) for url in expected]
    assert all(at >= 0 for at in found), list(zip(expected, found, strict=True))  # each URL on its line, unbroken
    assert found == sorted(found)  # in the order they are printed
    assert "(/https" not in text  # no slash jumped to the other end of the link (pdftotext mirrors the parentheses)
    for url in expected:  # a URL's own characters: none moved to the far side of the parentheses
        assert f"({url})" in text or f"){url}(" in text or url in {expected[-2], expected[-1]}


def test_the_arabic_page_counter_reads_page_of_pages(client):
    pdf, _ = fetch(client, "ar")
    pages = page_texts(pdf)
    for number, page in enumerate(pages, start=1):
        assert f"{number}/{len(pages)}" in re.sub(r"\s", "", page), page[-200:]  # page 1 of 2 reads "1 / 2"


@pytest.mark.parametrize(
    ("locale", "query"),
    [(locale, {}) for locale in [*LOCALES, "de"]] + [("es", {"sections": "definition,concerning-signs"}),
                                                      ("en", {"sections": "acute-causes,referral-links"})],
)  # fmt: skip
def test_every_sheet_holds_section_text_and_no_heading_ends_a_page(client, locale, query):
    pdf, topic = fetch(client, locale, **query)
    pages = page_texts(pdf)
    chosen = [s for s in topic["sections"] if not query or s["id"] in query["sections"]]
    words = {w for s in chosen for b in s["blocks"] for w in re.findall(r"\w{4,}", b.get("text") or "")}
    words |= {
        w
        for s in chosen
        for b in s["blocks"]
        for i in b.get("items", [])
        for w in re.findall(r"\w{4,}", i.get("text") or "")
    }
    words |= {w for s in chosen for w in re.findall(r"\w{2,}", s["heading"])}
    trace = ("Content version", HANDOUT_MESSAGES["version"].split("{")[0].strip())
    headings = section_lines(topic)
    without = source_html(client, locale, query.get("sections")).replace("</head>", NO_CLOSING_BLOCK + "</head>")
    needed = len(weasyprint.HTML(string=without).render().pages)
    assert len(pages) <= needed  # the attribution and QR block never takes a sheet of its own
    for number, page in enumerate(pages, start=1):
        lines = body_lines(page, trace)
        assert any(word in page for word in words), f"sheet {number} of {len(pages)} holds no section text"
        if number < len(pages):
            assert lines[-1] not in headings, f"sheet {number} ends with the heading {lines[-1]!r}"


def test_a_two_section_handout_fits_one_sheet(client):
    pdf, _ = fetch(client, "es", sections="definition,referral-links")
    assert len(page_texts(pdf)) == 1  # the attribution and QR block joins the text instead of taking a sheet


def test_short_lists_stay_whole(client):
    for locale in ("fr", "pt-BR", "es", "en"):
        pdf, topic = fetch(client, locale)
        pages = page_texts(pdf)
        for block in (b for s in topic["sections"] for b in s["blocks"] if b["type"] == "list"):
            if len(block["items"]) > 6:
                continue
            firsts = [(i.get("term") or i["text"])[:25] for i in block["items"]]
            holding = {n for n, page in enumerate(pages) for first in firsts if first in page.replace("\n", " ")}
            assert len(holding) == 1, (locale, firsts, holding)


def test_korean_lines_end_between_words(client):
    pdf, _ = fetch(client, "ko")
    source = source_html(client, "ko")
    words = set(re.findall(r"[\uac00-\ud7a3]+", re.sub(r"<[^>]+>", " ", source).translate(INVISIBLE)))
    printed = re.findall(r"[\uac00-\ud7a3]+", "\n".join(page_texts(pdf)))
    broken = [w for w in printed if w not in words]
    assert printed and not broken, broken[:10]  # no line ends inside a word ("있습니 / 다": "있습니" and "다")


@pytest.mark.parametrize("locale", ["zh-Hans", "zh-Hant"])
def test_chinese_lines_neither_start_with_closing_nor_end_with_opening_punctuation(client, locale):
    pdf, _ = fetch(client, locale)
    lines = [line.strip() for page in page_texts(pdf) for line in page.splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in "，。、；：？！）」』”’》"]
    assert not [line for line in lines if line[-1] in "（「『“‘《"]


def source_html(client, locale: str, sections: str | None = None) -> str:
    """Return the HTML a locale's handout is printed from (its trace naming one catalog revision)."""
    body = client.get(f"/v1/topics/muscle-spasms?locale={locale}").json
    body["modified"] = date.fromisoformat(body["published"][:10])
    chosen = tuple(sections.split(",")) if sections else None
    return handout_html(body, chosen, paper_for(locale), ONLINE, {locale: "0123456789ab"}, messages(client))


def messages(client) -> dict:
    """Return the api messages of every locale, as the service serves them."""
    return client.application.extensions["live"].current().store.messages


def test_english_passages_are_tagged_english_and_the_qr_alt_is_in_the_served_language(client):
    pdf, _ = fetch(client, "ko")
    streams = b"".join(
        zlib.decompress(m.group(1))
        for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S)
        if is_zlib(m.group(1))
    )
    assert len(re.findall(rb"/Lang \(en\)", streams + pdf)) >= 3  # attribution, source URL, online URL
    html = source_html(client, "ko")
    alt = re.search(r'<img[^>]* alt="([^"]*)"', html).group(1)
    assert alt.startswith("이 페이지를 온라인으로 여는 QR 코드") and "https://x.example/v1/embed/t" in alt


def test_the_footer_is_an_artifact_outside_the_tag_tree(client):
    pdf, _ = fetch(client, "ar")
    found = re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    content = b"".join(zlib.decompress(m.group(1)) for m in found if is_zlib(m.group(1)))
    artifacts = re.findall(rb"/Artifact\s+BMC(.*?)EMC", content, re.S)
    with_text = [a for a in artifacts if re.search(rb"\bT[Jj]\b", a) and b"/MCID" not in a]
    assert len(with_text) >= 2 * len(page_texts(pdf))  # the trace and the page counter, on every page


def is_zlib(data: bytes) -> bool:
    try:
        zlib.decompress(data)
    except zlib.error:
        return False
    return True


def test_handouts_download_named_by_topic_and_served_locale(client):
    response = client.get(HANDOUT + "?locale=es")
    assert response.headers["Content-Disposition"] == 'inline; filename="muscle-spasms-es.pdf"'
    assert (
        client.get(HANDOUT + "?locale=zh-Hant").headers["Content-Disposition"].endswith('"muscle-spasms-zh-Hant.pdf"')
    )


def test_text_helpers_isolate_runs_and_break_urls_only_at_separators():
    assert ltr_runs("من NASS.") == [("من ", False), ("NASS", True), (".", False)]
    assert isolate_with_controls("انتقل إلى https://a.org/x?y=1") == "انتقل إلى \u2066https://a.org/x?y=1\u2069"
    url = printable_url("https://know-your.example.org/v1/embed/muscle-spasms?locale=ar&version=1")
    assert url.replace("\u200b", "").replace("\u2060", "") == (
        "https://know-your.example.org/v1/embed/muscle-spasms?locale=ar&version=1"
    )
    head, *rest = url.split("\u200b")  # the break opportunities
    assert head == "https://know-\u2060your.example.org/" and rest[-2:] == ["?\u2060locale=ar", "&\u2060version=1"]
    assert keep_korean_words("있습니다 척추관") == "있\u2060습\u2060니\u2060다 척\u2060추\u2060관"


def test_the_nine_handouts_build_quickly_and_are_kept_as_pngs(client):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    timings, waits = {}, {}
    for locale in LOCALES:
        started, cpu = time.monotonic(), cpu_seconds()  # CPU: the build's cost, not the machine's other load
        fetch(client, locale, paper="a4", sections="definition,acute-causes,chronic-causes,concerning-signs")
        timings[locale], waits[locale] = cpu_seconds() - cpu, time.monotonic() - started
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(fetch(client, locale)[0])
            file.flush()
            subprocess.run(["pdftoppm", "-png", "-r", "60", file.name, str(ARTIFACTS / f"handout-{locale}")],
                           check=True, timeout=60)  # fmt: skip
    (ARTIFACTS / "handout-build-seconds.txt").write_text(f"CPU {timings!r}\nwall {waits!r}", encoding="utf-8")
    assert max(timings.values()) < 2, timings  # about 0.3 to 0.6 CPU seconds each (1 to 2 s of wall time)
    assert max(waits.values()) < HANG_SECONDS, waits
