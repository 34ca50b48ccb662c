"""Properties of the two guards that stand between callers and harm: the FHIR server allow-list and the JSON-LD
script block. hypothesis, bounded and derandomized."""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from api.config import fhir_base
from api.render.pages import script_json

BOUNDED = settings(max_examples=300, derandomize=True, deadline=None)
URL_PARTS = st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "", "//", "http:/"])
HOSTS = st.sampled_from(["127.0.0.1", "fhir.example.org", "Fhir.Example.ORG", "[::1]", "u:p@x.org", "x.org#", ""])
TAILS = st.text(alphabet="/.:?#@%-_~aZ09 \\\t", max_size=12)


@BOUNDED
@given(URL_PARTS, HOSTS, st.one_of(st.none(), st.integers(0, 70000)), TAILS)
def test_a_normal_form_is_a_fixed_point_with_no_credentials_query_or_dot_segments(scheme, host, port, tail):
    raw = f"{scheme}{host}{'' if port is None else f':{port}'}{tail}"
    base = fhir_base(raw)
    if base is None:
        return
    assert fhir_base(base) == base
    parts = urlsplit(base)
    assert parts.scheme in ("http", "https") and parts.hostname and "@" not in parts.netloc
    assert not parts.query and not parts.fragment and not base.endswith("/")
    assert all(segment not in (".", "..") for segment in parts.path.split("/"))


class Blocks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script"
        if self.inside:
            self.texts.append("")

    def handle_data(self, data):
        if self.inside:
            self.texts[-1] += data

    def handle_endtag(self, tag):
        self.inside = False


@BOUNDED
@given(st.recursive(st.text(max_size=30), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=8))  # fmt: skip
def test_any_json_stays_inside_its_script_block_and_reads_back_the_same(value):
    block = str(script_json(json.dumps(value, ensure_ascii=False).encode()))
    parser = Blocks()
    parser.feed(f'<script type="application/ld+json">{block}</script><p>after</p>')
    assert parser.texts == [block] and json.loads(block) == value
