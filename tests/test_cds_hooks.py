"""CDS Hooks patient-view: discovery, and cards in the patient's language from prefetched data only.

spec-example-request.json is the example request of the CDS Hooks specification (cds-hooks/docs,
docs/specification/current.md, "Calling a CDS Service", Example), byte for byte in content. Its prefetch key
(patientToGreet) is not one of ours, so it gets no cards. spanish-patient-m62830.json is the same request with
our two prefetch keys filled as an EHR would: a Patient whose preferred language is Spanish, and a searchset of
Conditions, one active (M62.830) and one resolved.
"""

import json
from pathlib import Path

import pytest
import requests

from api.build.cards import markdown_text
from tests.conftest import FIXTURES, ROOT, start_gunicorn, stop_gunicorn

HOOKS = FIXTURES / "cds-hooks"
SERVICE = "/cds-services/patient-education"


def fixture(name: str) -> dict:
    return json.loads(Path(HOOKS / name).read_text(encoding="utf-8"))


def test_discovery_describes_one_patient_view_service_with_its_prefetch_templates(client):
    response = client.get("/cds-services")
    assert response.status_code == 200 and response.headers["ETag"]
    (service,) = response.json["services"]
    assert service["hook"] == "patient-view" and service["id"] == "patient-education"
    assert service["prefetch"]["patient"] == "Patient/{{context.patientId}}"
    assert service["prefetch"]["conditions"].startswith("Condition?patient={{context.patientId}}")
    assert "clinical-status=active" in service["prefetch"]["conditions"]


def test_a_spanish_speaking_patient_with_m62830_gets_a_spanish_card(client):
    response = client.post(SERVICE, json=fixture("spanish-patient-m62830.json"))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    (card,) = response.json["cards"]  # the resolved M62.831 adds no second card for the same topic
    title = client.get("/v1/topics/muscle-spasms?locale=es").json["title"]
    assert card["summary"] == title and title != "Muscle Spasms" and len(card["summary"]) <= 140
    assert card["indicator"] == "info"
    assert card["source"]["label"] == "Jennifer Kurz, MD · North American Spine Society · KnowYourBack.org"
    assert all(link["type"] == "absolute" and link["url"].startswith("http") for link in card["links"])
    urls = [link["url"] for link in card["links"]]
    assert "http://127.0.0.1:8000/v1/embed/muscle-spasms/concerning-signs?locale=es" in urls
    assert "http://127.0.0.1:8000/v1/topics/muscle-spasms/sections/concerning-signs?locale=es" in urls
    assert "http://127.0.0.1:8000/v1/topics/muscle-spasms?locale=es" in urls
    # the widget's own Spanish notice, saying the translation is AI-assisted (review.yaml)
    assert card["detail"] == markdown_text(widget_messages("es")["unreviewed_ai"])
    served = card["extension"]["patient-content-api.served"]
    assert {entry["locale"] for entry in served} == {"es"} and served[0]["review"]["status"] == "unreviewed"


def test_the_specifications_own_example_request_gets_an_empty_card_list(client):
    response = client.post(SERVICE, json=fixture("spec-example-request.json"))
    assert response.status_code == 200 and response.json == {"cards": []}


def test_without_prefetch_there_are_no_cards_and_the_ehrs_fhir_server_is_not_called(client):
    request = fixture("spanish-patient-m62830.json")
    del request["prefetch"]
    assert client.post(SERVICE, json=request).json == {"cards": []}


def test_only_active_conditions_count(client):
    request = fixture("spanish-patient-m62830.json")
    request["prefetch"]["conditions"]["entry"] = request["prefetch"]["conditions"]["entry"][1:]  # the resolved one
    assert client.post(SERVICE, json=request).json == {"cards": []}


def widget_messages(tag: str) -> dict:
    from babel.messages.pofile import read_po

    from api.build.widget import WIDGET_MESSAGES

    with (ROOT / "translations" / tag / "LC_MESSAGES" / "api.po").open("rb") as po:
        catalog = read_po(po)
    return {key: catalog[english].string for key, english in WIDGET_MESSAGES.items()}


def test_a_language_we_do_not_have_gets_english_and_the_card_says_so(client):
    request = fixture("spanish-patient-m62830.json")
    request["prefetch"]["patient"]["communication"] = [{"language": {"coding": [{"code": "de"}]}, "preferred": True}]
    (card,) = client.post(SERVICE, json=request).json["cards"]
    assert card["summary"] == "Muscle Spasms"
    assert card["detail"] == markdown_text(
        "This section is not yet available in your language. It is shown in English."
    )


def test_a_patient_without_a_language_gets_english(client):
    request = fixture("spanish-patient-m62830.json")
    del request["prefetch"]["patient"]["communication"]
    (card,) = client.post(SERVICE, json=request).json["cards"]
    assert card["summary"] == "Muscle Spasms"


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"[]",
        b'"patient-view"',
        b'{"hook": "order-select"}',
        b'{"hook": "patient-view", "prefetch": []}',
        b"\xff\xfe",
        b"",
    ],
)
def test_a_body_that_is_not_a_patient_view_request_is_a_400_problem(client, body):
    response = client.post(SERVICE, data=body, content_type="application/json")
    assert response.status_code == 400 and response.content_type == "application/problem+json"


def test_odd_prefetch_shapes_never_fail(client):
    odd = [None, 1, "x", [], {"resourceType": "Bundle", "entry": "x"}, {"resourceType": "Bundle", "entry": [1, {}]},
           {"resourceType": "Condition", "code": {"coding": [{"system": 1, "code": None}, "x"]}}]  # fmt: skip
    for value in odd:
        request = {"hook": "patient-view", "prefetch": {"patient": value, "conditions": value}}
        assert client.post(SERVICE, json=request).status_code == 200, value


def test_on_gunicorn_a_large_body_is_refused_before_it_is_read():
    process, base = start_gunicorn(workers=1)
    try:
        big = b'{"hook": "patient-view", "pad": "' + b"x" * (600 * 1024) + b'"}'
        response = requests.post(base + SERVICE, data=big, headers={"Content-Type": "application/json"}, timeout=10)
        assert response.status_code == 413 and response.headers["Content-Type"] == "application/problem+json"
        spanish = requests.post(base + SERVICE, json=fixture("spanish-patient-m62830.json"), timeout=10)
        assert spanish.status_code == 200 and spanish.json()["cards"][0]["summary"] != "Muscle Spasms"
    finally:
        stop_gunicorn(process)


def test_responses_match_the_contract(client):
    from tests.contract import check_response

    for method in ("GET", "HEAD"):
        response = client.open("/cds-services", method=method)
        check_response("/cds-services", method, response.status_code, response.headers, response.data)
    for body in (fixture("spanish-patient-m62830.json"), fixture("spec-example-request.json"), ["x"]):
        response = client.post(SERVICE, json=body)
        check_response(SERVICE, "POST", response.status_code, response.headers, response.data)
