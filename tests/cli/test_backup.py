"""Export / import round trip through the CLI: same positions, versions, keys, reports and check results."""

import json

import pytest

from service.records import Records
from tests.e2e.server import ROOT, cli

# The sample corpus's positions (its vision commitments and the sample positions), however many it holds.
SAMPLE_POSITIONS = sum(1 for line in (ROOT / "samples/positions.jsonl").read_text().splitlines() if line.strip())

pytestmark = pytest.mark.slow


def test_export_import_round_trip(tmp_path):
    source, target, backup = tmp_path / "source", tmp_path / "target", tmp_path / "backup.jsonl"
    assert cli(source, "load", str(ROOT / "samples/positions.jsonl"), "--quiet").returncode == 0
    key = cli(source, "keys", "create", "--agency", "Kementerian Sosial", "--role", "submitter")
    secret = key.stdout.strip().splitlines()[-1]
    draft = str(ROOT / "samples/drafts/bbm-bertentangan.txt")
    before = cli(source, "check", draft, "--json")
    assert before.returncode == 1, before.stderr  # the draft conflicts: the CLI gates on it

    done = cli(source, "export", str(backup))
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts["positions"] == SAMPLE_POSITIONS and counts["api_keys"] == 1 and counts["reports"] == 1

    done = cli(target, "import", str(backup), "--quiet")
    assert done.returncode == 0, done.stderr
    after = cli(target, "check", draft, "--json")
    strip = lambda r: [(f["relation"], [e["position_id"] for e in f["evidence"]]) for f in json.loads(r.stdout)["findings"]]
    assert strip(after) == strip(before)

    records = Records(target / "records.sqlite3")
    assert records.authenticate(secret).agency == "Kementerian Sosial"
    assert records.get_report(json.loads(before.stdout)["id"]) is not None
    # Importing twice is refused rather than duplicating.
    again = cli(target, "import", str(backup), "--quiet")
    assert again.returncode == 2 and "empty store" in again.stderr


def test_load_of_a_missing_file_is_a_clear_error(tmp_path):
    done = cli(tmp_path / "data", "load", str(tmp_path / "nope.jsonl"), "--quiet")
    assert done.returncode == 2
    assert "nope.jsonl not found" in done.stderr and "Traceback" not in done.stderr


def test_sqlite_records_move_to_postgresql(tmp_path, postgres):
    """The migration path of the README: export from the SQLite file, `db upgrade` and import into PostgreSQL."""
    source, target, backup = tmp_path / "source", tmp_path / "target", tmp_path / "backup.jsonl"
    assert cli(source, "load", str(ROOT / "samples/positions.jsonl"), "--quiet").returncode == 0
    secret = cli(source, "keys", "create", "--agency", "Kementerian Sosial", "--role", "submitter").stdout.split()[-1]
    draft = str(ROOT / "samples/drafts/bbm-bertentangan.txt")
    before = cli(source, "check", draft, "--json")
    assert cli(source, "export", str(backup)).returncode == 0

    url = postgres.database(migrated=False)
    pg = {"SELARAS_DATABASE_URL": url}
    assert cli(target, "db", "upgrade", **pg).returncode == 0
    done = cli(target, "import", str(backup), "--quiet", **pg)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["positions"] == SAMPLE_POSITIONS
    after = cli(target, "check", draft, "--json", **pg)
    strip = lambda r: [(f["relation"], [e["position_id"] for e in f["evidence"]]) for f in json.loads(r.stdout)["findings"]]
    assert strip(after) == strip(before)
    assert not (target / "records.sqlite3").exists()  # the records went to PostgreSQL, not beside the store

    records = Records(url)
    try:
        assert records.authenticate(secret).agency == "Kementerian Sosial"
        assert records.get_report(json.loads(before.stdout)["id"]) is not None
        assert len(records.versions("kemenkeu-mbg-2026")) == 1
    finally:
        records.close()
    # And back: the PostgreSQL records export to a file an SQLite installation imports.
    assert cli(target, "export", str(tmp_path / "again.jsonl"), **pg).returncode == 0
    back = cli(tmp_path / "back", "import", str(tmp_path / "again.jsonl"), "--quiet")
    assert back.returncode == 0 and json.loads(back.stdout.strip().splitlines()[-1])["api_keys"] == 1
    postgres.drop(url)
