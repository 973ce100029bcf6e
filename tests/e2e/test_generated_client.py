"""Issue 16, part 7, as a CMS developer would do it: generate a Python client from the running service's
``/schema/openapi.json`` with ``openapi-python-client`` (offline: the generator needs nothing from the network),
import it, and check a draft, read the report back, record a decision and read the overview through it, over
real HTTP. The generated methods carry the schema's operation ids (``check_draft``, not ``v1_checks_check``)."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
GENERATOR = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) \
    or shutil.which("openapi-python-client")
MBG_DRAFT = "Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp350 triliun."


@pytest.fixture(scope="module")
def client_package(env, tmp_path_factory):
    """The generated package ``selaras_api``, imported."""
    if GENERATOR is None:
        pytest.skip("openapi-python-client is not installed (pip install -e '.[test]')")
    server, _ = env
    folder = tmp_path_factory.mktemp("generated")
    schema = folder / "openapi.json"
    schema.write_bytes(httpx.get(server.url + "/schema/openapi.json").raise_for_status().content)
    config = folder / "config.yaml"
    config.write_text("post_hooks: []\n")  # no formatter run: the code is used, not read
    done = subprocess.run([GENERATOR, "generate", "--path", str(schema), "--output-path", str(folder / "selaras_api"),
                           "--meta", "none", "--config", str(config)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr  # every operation generated
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("selaras_api")
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == "selaras_api" or n.startswith("selaras_api.")]:
            del sys.modules[name]


def test_the_generated_client_checks_a_draft(env, client_package):
    server, keys = env
    check_draft = importlib.import_module("selaras_api.api.checks.check_draft")
    get_report = importlib.import_module("selaras_api.api.reports.get_report")
    record_decision = importlib.import_module("selaras_api.api.reports.record_decision")
    get_stats = importlib.import_module("selaras_api.api.stats.get_stats")
    get_health = importlib.import_module("selaras_api.api.system.get_health")
    models = importlib.import_module("selaras_api.models")

    sos = client_package.AuthenticatedClient(base_url=server.url, token=keys["sos"], timeout=120.0)
    report = check_draft.sync(client=sos, body=models.CheckIn(text=MBG_DRAFT, title="Dari klien hasil generator"))
    assert isinstance(report, models.Report), report
    assert report.verdict == "conflict" and report.language == "id"
    conflict = next(i for i, f in enumerate(report.findings) if f.relation == "conflicts")
    finding = report.findings[conflict]
    assert finding.reasons[0].startswith("Angka berbeda") and "Rp335 triliun" in finding.suggestion

    again = get_report.sync(client=sos, report_id=report.id)
    assert isinstance(again, models.Report) and again.id == report.id
    decision = record_decision.sync(client=sos, report_id=report.id, body=models.DecisionIn(
        finding=conflict, decision=models.DecisionInDecision.FIXED, note="Diperbaiki lewat CMS."))
    assert isinstance(decision, models.Decision) and decision.agency == "Kementerian Sosial"

    # Errors come back as the documented error body, typed.
    esdm = client_package.AuthenticatedClient(base_url=server.url, token=keys["esdm"], timeout=60.0)
    refused = record_decision.sync_detailed(client=esdm, report_id=report.id, body=models.DecisionIn(
        finding=conflict, decision=models.DecisionInDecision.FIXED))
    assert refused.status_code == 404 and isinstance(refused.parsed, models.ErrorBody)
    assert refused.parsed.error == "not_found"

    curator = client_package.AuthenticatedClient(base_url=server.url, token=keys["curator"], timeout=60.0)
    stats = get_stats.sync(client=curator, agency="Kementerian Sosial")
    assert isinstance(stats, models.Overview) and stats.totals.checks >= 1
    assert get_health.sync(client=client_package.Client(base_url=server.url)) is not None


def test_operation_ids_name_the_generated_functions(client_package):
    api = Path(client_package.__file__).parent / "api"
    functions = {p.stem for p in api.rglob("*.py") if p.stem != "__init__"}
    assert {"check_draft", "check_drafts", "get_report", "list_reports", "record_decision", "get_stats",
            "list_feedback", "export_feedback", "get_health", "upsert_positions", "create_key"} <= functions
    assert not [f for f in functions if f.startswith("v1") or f.endswith("health_health")], functions
