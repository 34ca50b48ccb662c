"""CDS Hooks patient-view: discovery, and cards in the patient's language from prefetched or fetched data.

spec-example-request.json is the example request of the CDS Hooks specification (cds-hooks/docs,
docs/specification/current.md, "Calling a CDS Service", Example), byte for byte in content. Its prefetch key
(patientToGreet) is not one of ours, so ours are fetched from its fhirServer, which the tests rewrite to a small
FHIR server on 127.0.0.1 (tests/fhir_server.py): no test contacts another host. spanish-patient-m62830.json is
the same request with our two prefetch keys filled as an EHR would: a Patient whose preferred language is
Spanish, and a searchset of Conditions, one active (M62.830) and one resolved.
"""

import json
import time
import uuid
from pathlib import Path

import pytest
import requests

from api.render.cards import markdown_text
from tests.conftest import FIXTURES, ROOT, start_gunicorn, stop_gunicorn
from tests.fhir_server import FhirServer, condition

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


@pytest.fixture
def fhir(app, monkeypatch):
    """A FHIR server on 127.0.0.1 that the app may fetch from (CDS_FHIR_SERVERS)."""
    server = FhirServer()
    monkeypatch.setitem(app.config, "CDS_FHIR_SERVERS", (server.base,))
    yield server
    server.close()


def spec_example(fhir_server) -> dict:
    request = fixture("spec-example-request.json")
    request["fhirServer"] = fhir_server
    return request


def test_the_specifications_own_example_request_fetches_what_was_not_prefetched(client, fhir):
    response = client.post(SERVICE, json=spec_example(fhir.base))
    assert response.status_code == 200
    (card,) = response.json["cards"]
    assert card["summary"] == client.get("/v1/topics/muscle-spasms?locale=es").json["title"]
    paths = sorted(path for path, _ in fhir.requests)
    assert paths[0].startswith("/fhir/Condition?patient=1288992&clinical-status=")
    assert paths[1] == "/fhir/Patient/1288992"
    assert {auth for _, auth in fhir.requests} == {"Bearer some-opaque-fhir-access-token"}


def test_only_what_was_not_prefetched_is_fetched(client, fhir):
    request = {**fixture("spanish-patient-m62830.json"), "fhirServer": fhir.base}
    request["fhirAuthorization"] = fixture("spec-example-request.json")["fhirAuthorization"]
    del request["prefetch"]["conditions"]
    assert len(client.post(SERVICE, json=request).json["cards"]) == 1
    assert [path.split("?")[0] for path, _ in fhir.requests] == ["/fhir/Condition"]
    request["prefetch"]["conditions"] = None  # CDS Hooks: null means the EHR found no data; nothing is fetched
    assert client.post(SERVICE, json=request).json == {"cards": []} and len(fhir.requests) == 1


def test_without_prefetch_or_fhir_server_the_answer_is_412(client):
    request = fixture("spanish-patient-m62830.json")
    del request["prefetch"]
    assert client.post(SERVICE, json=request).status_code == 412


def test_the_412_problem_says_the_patients_fhir_data_could_not_be_obtained(client):
    request = fixture("spanish-patient-m62830.json")
    del request["prefetch"]
    problem = client.post(SERVICE, json=request).json  # CDS Hooks 2.0.1: the service cannot obtain its FHIR data
    assert problem["type"] == "tag:patient-content-api,2026:problem:fhir-data-unavailable"
    assert problem["title"] == "The patient's FHIR data could not be obtained" and problem["status"] == 412
    assert "prefetched" in problem["detail"]
    bad = client.post(SERVICE, json=["not", "a", "request"]).json  # a malformed request stays a bad request
    assert bad["status"] == 400 and bad["type"].endswith(":bad-request")


@pytest.mark.parametrize("status", ["recurrence", "relapse"])
def test_a_recurrence_or_relapse_counts_as_active_when_fetched_and_in_the_prefetch_template(client, fhir, status):
    fhir.conditions = [condition("M62.830", status)]
    assert len(client.post(SERVICE, json=spec_example(fhir.base)).json["cards"]) == 1
    template = client.get("/cds-services").json["services"][0]["prefetch"]["conditions"]
    assert status in template.split("clinical-status=")[1].split("&")[0].split(",")


@pytest.mark.parametrize(
    "server",
    [
        None,
        "http://hooks.smarthealthit.org:9080",  # the specification's own: not allowed here
        "http://169.254.169.254/latest",
        "http://127.0.0.1:{port}/fhir/../admin",
        "http://user@127.0.0.1:{port}/fhir",
        "http://127.0.0.1:{port}/fhir?x=1",
        "http://127.0.0.1:{port}/fhir2",
        "http://127.0.0.1:{port}",
        "http://localhost:{port}/fhir",
        "file:///etc/passwd",
        1,
    ],
)
def test_a_fhir_server_the_operator_did_not_allow_gets_412_and_no_connection(client, fhir, server):
    port = fhir.base.split(":")[2].split("/")[0]
    request = spec_example(server.format(port=port) if isinstance(server, str) else server)
    if server is None:
        del request["fhirServer"]
    response = client.post(SERVICE, json=request)
    assert response.status_code == (412 if isinstance(server, str | None) else 400)  # 1 is no URL: the contract's 400
    assert response.content_type == "application/problem+json"
    assert fhir.requests == []


def test_the_allowed_list_compares_normal_forms(client, fhir):
    spelled = fhir.base.replace("http://127.0.0.1", "HTTP://127.0.0.1") + "/"
    assert client.post(SERVICE, json=spec_example(spelled)).status_code == 200


def test_by_default_no_fhir_server_is_allowed(client, app):
    assert app.config["CDS_FHIR_SERVERS"] == ()
    assert client.post(SERVICE, json=fixture("spec-example-request.json")).status_code == 412


@pytest.mark.parametrize("mode", ["redirect", "huge", "stall", 500])
def test_a_fetch_that_cannot_be_done_is_412_bounded_in_time(client, fhir, mode):
    fhir.mode = mode
    started = time.monotonic()
    response = client.post(SERVICE, json=spec_example(fhir.base))
    assert response.status_code == 412 and time.monotonic() - started < 9
    assert all(path.startswith("/fhir/") for path, _ in fhir.requests)  # a redirect is not followed


@pytest.mark.parametrize("change", ["no token", "wrong type", "bad patient id", "dot-dot patient id"])
def test_a_request_we_cannot_fetch_for_is_412(client, fhir, change):
    request = spec_example(fhir.base)
    if change == "no token":
        del request["fhirAuthorization"]  # fetched without a token; this server answers 401
    elif change == "wrong type":
        request["fhirAuthorization"]["token_type"] = "MAC"
    elif change == "bad patient id":
        request["context"]["patientId"] = "../Patient/1"
    else:
        request["context"]["patientId"] = ".."
    expected = 400 if change == "wrong type" else 412  # token_type is Bearer by the contract: a MAC token is a 400
    assert client.post(SERVICE, json=request).status_code == expected


def test_every_card_instance_gets_its_own_uuid(client):
    request = fixture("spanish-patient-m62830.json")
    seen = [client.post(SERVICE, json=request).json["cards"][0]["uuid"] for _ in range(3)]
    request["context"]["patientId"] = "another"
    seen.append(client.post(SERVICE, json=request).json["cards"][0]["uuid"])
    assert len(set(seen)) == 4 and all(uuid.UUID(u) for u in seen)


def test_only_active_conditions_count(client):
    request = fixture("spanish-patient-m62830.json")
    request["prefetch"]["conditions"]["entry"] = request["prefetch"]["conditions"]["entry"][1:]  # the resolved one
    assert client.post(SERVICE, json=request).json == {"cards": []}


def widget_messages(tag: str) -> dict:
    from babel.messages.pofile import read_po

    from api.render.widget import WIDGET_MESSAGES

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
        b'{"hook": "patient-view", "hookInstance": "", "context": {"userId": "", "patientId": "", "encounterId": 1}}',
        b'{"hook": "patient-view", "hookInstance": "x", "context": {"userId": "u"}}',
        b'{"hook": "patient-view", "context": {"userId": "u", "patientId": "p"}}',
        b'{"hook": "patient-view", "hookInstance": 1, "context": {"userId": "u", "patientId": "p"}}',
        b'{"hook": "patient-view", "hookInstance": "x", "context": []}',
        b"\xff\xfe",
        b"",
    ],
)
def test_a_body_that_is_not_a_patient_view_request_is_a_400_problem(client, body):
    response = client.post(SERVICE, data=body, content_type="application/json")  # checked before any fetch: 400
    assert response.status_code == 400 and response.content_type == "application/problem+json"
    assert "\n" not in response.json["detail"]


def test_odd_prefetch_shapes_never_fail(client):
    odd = [None, 1, "x", [], {"resourceType": "Bundle", "entry": "x"}, {"resourceType": "Bundle", "entry": [1, {}]},
           {"resourceType": "Condition", "code": {"coding": [{"system": 1, "code": None}, "x"]}}]  # fmt: skip
    for value in odd:
        request = {"hook": "patient-view", "hookInstance": "x", "context": {"userId": "u", "patientId": "p"},
                   "prefetch": {"patient": value, "conditions": value}}  # fmt: skip
        assert client.post(SERVICE, json=request).status_code == 200, value


def test_on_gunicorn_allowed_servers_are_fetched_from_and_a_large_body_is_refused_before_it_is_read():
    fhir = FhirServer()
    process, base = start_gunicorn({"CDS_FHIR_SERVERS": f"{fhir.base}/"}, workers=1)
    try:
        fetched = requests.post(base + SERVICE, json=spec_example(fhir.base), timeout=20)
        assert fetched.status_code == 200 and len(fetched.json()["cards"]) == 1 and len(fhir.requests) == 2
        elsewhere = requests.post(base + SERVICE, json=spec_example(fhir.base + "2"), timeout=20)
        assert elsewhere.status_code == 412 and len(fhir.requests) == 2
        big = b'{"hook": "patient-view", "pad": "' + b"x" * (600 * 1024) + b'"}'
        response = requests.post(base + SERVICE, data=big, headers={"Content-Type": "application/json"}, timeout=10)
        assert response.status_code == 413 and response.headers["Content-Type"] == "application/problem+json"
        spanish = requests.post(base + SERVICE, json=fixture("spanish-patient-m62830.json"), timeout=10)
        assert spanish.status_code == 200 and spanish.json()["cards"][0]["summary"] != "Muscle Spasms"
    finally:
        stop_gunicorn(process)
        fhir.close()


def test_responses_match_the_contract(client):
    from tests.contract import check_response

    for method in ("GET", "HEAD"):
        response = client.open("/cds-services", method=method)
        check_response("/cds-services", method, response.status_code, response.headers, response.data)
    for body in (fixture("spanish-patient-m62830.json"), fixture("spec-example-request.json"), ["x"]):  # 200, 412, 400
        response = client.post(SERVICE, json=body)
        check_response(SERVICE, "POST", response.status_code, response.headers, response.data)


def test_the_setting_lists_base_urls_in_normal_form_and_refuses_anything_else():
    from api.config import fhir_servers

    assert fhir_servers({}) == ()
    assert fhir_servers({"CDS_FHIR_SERVERS": "http://a.org/fhir/, HTTPS://B.org:443/r4 http://c.org:8080"}) == (
        "http://a.org/fhir",
        "https://b.org/r4",
        "http://c.org:8080",
    )
    for bad in ("a.org", "http://u:p@a.org", "http://a.org/?x", "file:///etc", "http://a.org/../b"):
        with pytest.raises(ValueError, match="CDS_FHIR_SERVERS"):
            fhir_servers({"CDS_FHIR_SERVERS": bad})
