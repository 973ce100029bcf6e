"""The smaller items of issue 11: backup column names, `selaras load` and symlinks, the bootstrap key,
key-id size and collisions, and what /ready tells anyone who asks. No model is loaded."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from litestar.testing import TestClient

from service import cli
from service.app import create_app
from service.records.backup import FORMAT, read_backup
from service.records import Records, export_rows, import_rows
from service.config import Settings
from service.store.base import StoreUnavailable


@pytest.fixture
def records(tmp_path):
    r = Records(tmp_path / "records.sqlite3")
    yield r
    r.close()


# -- backups -----------------------------------------------------------------------------------------
def test_import_rows_refuses_column_names_the_table_does_not_have(records):
    key, _ = records.create_key("Kementerian Sosial", "submitter")
    [row] = export_rows(records, "api_keys")
    evil = {**row, "id": "other", "key_hash": "0" * 64,
            "revoked_at) SELECT id, key_hash, agency, 'admin', created_at, NULL, NULL FROM api_keys --": None}
    with pytest.raises(ValueError, match="columns the table does not have"):
        import_rows(records, "api_keys", [evil])
    with pytest.raises(ValueError, match="other columns than the first row"):
        import_rows(records, "api_keys", [{**row, "id": "a", "key_hash": "1" * 64},
                                          {"id": "b", "key_hash": "2" * 64, "agency": "x", "role": "admin",
                                           "created_at": row["created_at"]}])
    assert [k.id for k in records.list_keys()] == [key.id]  # nothing was written
    # Rows of the table's own columns (any order, a subset allowed) still import.
    import_rows(records, "api_keys", [dict(reversed(list({**row, "id": "c", "key_hash": "3" * 64}.items())))])
    assert {k.id for k in records.list_keys()} == {key.id, "c"}


def test_a_backup_naming_an_unknown_table_is_a_clear_error(tmp_path):
    path = tmp_path / "backup.jsonl"
    path.write_text(json.dumps({"format": FORMAT}) + "\n" + json.dumps({"table": "sqlite_master", "row": {}}) + "\n")
    with pytest.raises(ValueError, match="backup.jsonl:2"):
        read_backup(path)


# -- selaras load DIR ----------------------------------------------------------------------------------
def test_load_folder_skips_symbolic_links(tmp_path, capsys):
    secret = tmp_path / "outside" / "credentials.txt"
    secret.parent.mkdir()
    secret.write_text("DB_PASSWORD=hunter2\n")
    folder = tmp_path / "positions"
    folder.mkdir()
    (folder / "bansos.md").write_text("# Bantuan sosial\nBantuan pangan disalurkan setiap bulan.\n")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "dir.md").mkdir()  # not a regular file either

    items = list(cli.read_positions(folder, agency="Kementerian Sosial"))
    assert [i["id"] for i in items] == ["bansos"]
    assert all("hunter2" not in i["text"] for i in items)
    err = capsys.readouterr().err
    assert "skipping" in err and "leak.txt" in err and "symbolic link" in err
    assert "dir.md" in err and "not a regular file" in err


# -- bootstrap key --------------------------------------------------------------------------------------
def test_bootstrap_key_expires_and_replaces_the_previous_one(records):
    first, first_secret, revoked = records.create_bootstrap_key("demo")
    assert revoked is None and first.role == "curator"
    expires = datetime.fromisoformat(first.expires_at)
    assert timedelta(hours=23) < expires - datetime.now(timezone.utc) <= timedelta(hours=24)
    assert records.authenticate(first_secret) is not None

    second, second_secret, revoked = records.create_bootstrap_key("demo", hours=2)
    assert revoked == first.id
    assert records.authenticate(first_secret) is None and records.authenticate(second_secret) is not None
    assert [k.id for k in records.list_keys() if not k.revoked_at] == [second.id]


def test_serve_bootstrap_key_does_not_pile_up(tmp_path, monkeypatch, capsys):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    settings = Settings(data_dir=tmp_path / "data")
    for _ in range(3):
        args = cli.build_parser().parse_args(["serve", "--bootstrap-key"])
        assert cli.cmd_serve(args, settings) == 0
    out = capsys.readouterr().out
    assert out.count("valid until") == 3 and out.count("is revoked") == 2
    r = Records(settings.records_path)
    try:
        keys = r.list_keys()
    finally:
        r.close()
    live = [k for k in keys if not k.revoked_at]
    assert len(keys) == 3 and len(live) == 1 and live[0].expires_at


# -- key ids ------------------------------------------------------------------------------------------
def test_key_ids_are_128_bit_and_a_collision_draws_again(records, monkeypatch):
    key, secret = records.create_key("Kementerian Sosial", "submitter")
    assert len(bytes.fromhex(key.id)) >= 16 and key.id in secret

    import service.records.keys as module

    draws = iter([key.id, key.id, "ab" * 16])  # the first two clash with the existing key
    real = module.secrets.token_hex
    monkeypatch.setattr(module.secrets, "token_hex", lambda n=None: next(draws) if n == 16 else real(n))
    again, _ = records.create_key("Kementerian Sosial", "submitter")
    assert again.id == "ab" * 16
    assert {k.id for k in records.list_keys()} == {key.id, "ab" * 16}


# -- /ready ---------------------------------------------------------------------------------------------
class _Broken:
    """Just enough of a Selaras for /ready: both stores fail with revealing messages."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.corpus = self  # /ready pings the corpus's store

    def ping_store(self) -> None:
        raise StoreUnavailable("Qdrant at http://qdrant.internal:6333 is unreachable (ping): "
                               "ConnectError('api-key 8f3a...')")


def test_ready_names_the_failing_part_but_not_its_error_text(tmp_path, monkeypatch, caplog):
    records = Records(tmp_path / "records.sqlite3")

    def broken_ping() -> None:
        raise sqlite3.OperationalError("unable to open database file /srv/selaras/secret-volume/records.sqlite3")

    monkeypatch.setattr(records, "ping", broken_ping)
    app = create_app(Settings(data_dir=tmp_path))
    app.state.selaras = _Broken(records)  # used without its lifespan: no model, no store opened
    try:
        r = TestClient(app).get("/ready")
    finally:
        records.close()
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "unavailable"
    # The failing parts only, never the errors' own texts.
    assert body["reason"] == "vector store unavailable; records database unavailable"
    for leak in ("qdrant.internal", "api-key", "/srv/selaras", "unable to open"):
        assert leak not in r.text
    assert "qdrant.internal" in caplog.text and "/srv/selaras" in caplog.text  # the detail is logged

