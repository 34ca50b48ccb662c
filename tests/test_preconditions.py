"""If-Match as RFC 9110 reads it: quoted entity-tags only, evaluated before the body is read or judged."""

import re

import pytest
import yaml

from tests.conftest import ROOT
from tests.test_translators import NEW, OLD, spanish
from tests.tokens import AUTH, PO_TYPE


def test_an_unquoted_revision_names_nothing_and_publishes_nothing(writer, translations):
    revision = writer.get("/v1/catalogs/es").headers["ETag"].strip('"')
    upload = spanish(translations).replace(OLD.encode(), NEW.encode())
    response = writer.put("/v1/catalogs/es", data=upload, headers={**AUTH, **PO_TYPE, "If-Match": revision})
    assert response.status_code == 412 and "quoted" in response.json["detail"]
    assert writer.get("/v1/catalogs/es").headers["ETag"] == f'"{revision}"'  # nothing changed
    quoted = writer.put("/v1/catalogs/es", data=upload, headers={**AUTH, **PO_TYPE, "If-Match": f'"{revision}"'})
    assert quoted.status_code == 200


@pytest.mark.parametrize("body", [b"msgid \"unterminated\nmsgstr", b"\xff\xfe not even text", b""])
def test_a_stale_if_match_is_a_412_whatever_the_body(writer, body):
    stale = {**AUTH, **PO_TYPE, "If-Match": '"0123456789abcdef"'}
    response = writer.put("/v1/catalogs/es", data=body, headers=stale)
    assert response.status_code == 412 and response.json["type"].endswith("revision-conflict")


def test_a_stale_if_match_is_a_412_before_an_oversized_body_is_read(writer):
    stale = {**AUTH, **PO_TYPE, "If-Match": '"0123456789abcdef"'}
    assert writer.put("/v1/catalogs/es", data=b"#" * (3 << 20), headers=stale).status_code == 412


@pytest.mark.parametrize("value", ["*", " * "])
def test_a_star_is_refused_by_the_contract_and_answered_428(writer, translations, value):
    response = writer.put("/v1/catalogs/es", data=spanish(translations), headers={**AUTH, **PO_TYPE, "If-Match": value})
    assert response.status_code == 428
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    parameters = spec["paths"]["/v1/catalogs/{locale}"]["put"]["parameters"]
    parameter = next(p for p in parameters if p.get("name") == "If-Match")
    pattern = re.compile(parameter["schema"]["pattern"])
    assert not pattern.search(value.strip())
    assert pattern.search('"0123456789abcdef"') and pattern.search('W/"a", "b"') and not pattern.search("abc")
