"""A small FHIR R4 server on 127.0.0.1 for the CDS Hooks tests: Patient read and Condition search, like HAPI.

It honours `clinical-status` as an exact token list (no subsumption), checks the bearer token, records every
request, and can be told to misbehave (redirect, stall, answer too much).
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = "some-opaque-fhir-access-token"  # the CDS Hooks specification's example request carries this one


def condition(code: str, status: str) -> dict:
    system = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    return {
        "resourceType": "Condition",
        "id": f"{code}-{status}",
        "subject": {"reference": "Patient/1288992"},
        "clinicalStatus": {"coding": [{"system": system, "code": status}]},
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code}]},
    }


class FhirServer:
    """The server's data, what it was asked, and how it should misbehave ("redirect", "stall", "huge", 500)."""

    def __init__(self):
        self.patients = {
            "1288992": {
                "resourceType": "Patient",
                "id": "1288992",
                "communication": [{"language": {"coding": [{"code": "es"}]}, "preferred": True}],
            }
        }
        self.conditions = [condition("M62.830", "active")]
        self.requests: list[tuple[str, str | None]] = []
        self.mode = None
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, path: str, query: dict) -> tuple[int, dict]:
        if path.startswith("/fhir/Patient/"):
            found = self.patients.get(path.rsplit("/", 1)[1])
            return (200, found) if found else (404, {"resourceType": "OperationOutcome"})
        if path == "/fhir/Condition":
            wanted = set(",".join(query.get("clinical-status", [])).split(",")) - {""}
            patient = query.get("patient", [""])[0]
            matches = [c for c in self.conditions if c["subject"]["reference"] == f"Patient/{patient}"]
            if wanted:
                matches = [c for c in matches if c["clinicalStatus"]["coding"][0]["code"] in wanted]
            return 200, {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": c} for c in matches]}
        return 404, {"resourceType": "OperationOutcome"}

    def handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("Authorization")))
                parts = urlsplit(self.path)
                if server.mode == "redirect":
                    self.send_response(302)
                    self.send_header("Location", "http://127.0.0.1:9/fhir" + parts.path[5:])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    status, body = 401, {"resourceType": "OperationOutcome"}
                else:
                    status, body = server.answer(parts.path, parse_qs(parts.query))
                data = json.dumps(body).encode()
                if server.mode == "huge":
                    data = b'{"resourceType": "Patient", "pad": "' + b"x" * (3 * 1024 * 1024) + b'"}'
                self.send_response(server.mode if isinstance(server.mode, int) else status)
                self.send_header("Content-Type", "application/fhir+json")
                if server.mode not in ("huge", "stall"):
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if server.mode == "stall":
                    for _ in range(20):  # a byte every half second: each read is quick, the whole is too slow
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.5)
                self.wfile.write(data)

        return Handler

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
