"""Start-up loads what answering needs: the PDF engine waits for the first handout."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import sys
from api import create_app
app = create_app({"CATALOG_HISTORY_DIR": sys.argv[1]})
assert app.test_client().get("/v1/topics/muscle-spasms?locale=es").status_code == 200
print(sorted(name for name in sys.modules if name.split(".")[0] in ("weasyprint", "pydyf", "fontTools")))
"""


def test_a_started_app_answers_without_loading_weasyprint(tmp_path):
    probe = [sys.executable, "-c", PROBE, str(tmp_path / "store")]
    loaded = subprocess.run(probe, cwd=ROOT, capture_output=True, text=True, check=True, timeout=120).stdout
    assert loaded.strip() == "[]"  # every worker would otherwise carry it, and every start pay for it


def test_the_first_handout_still_loads_it(client):
    response = client.get("/v1/topics/muscle-spasms/handout.pdf?locale=es")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
