"""The records contract, on an SQLite file and on a real PostgreSQL database (``records_target``).

Two ``Records`` opened on one target stand for two processes or replicas: what one writes (a key's
revocation, the review-link secret, rate buckets, positions) the other sees at once.
"""

from __future__ import annotations

import threading
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from service.records import DatabaseUrlError, NotMigrated, Records, export_rows, import_rows
from service.records.engine import database_url
from service.records.schema import metadata
from tests.unit.records.test_decisions import _report
from tests.unit.records.test_records import _position


@pytest.fixture
def other(records_target):
    """A second, independent connection pool on the same records (another replica)."""
    opened = Records(records_target)
    yield opened
    opened.close()


def test_a_revocation_holds_on_every_replica_at_once(records, other):
    key, secret = records.create_key("Kementerian ESDM", "submitter")
    assert other.authenticate(secret).id == key.id and other.key_is_live(key.id)
    assert other.revoke_key(key.id)
    assert records.authenticate(secret) is None and not records.key_is_live(key.id)
    assert not records.revoke_key(key.id)  # already revoked: reported, not repeated
    assert [k.id for k in records.list_keys()] == [key.id] and records.get_key(key.id).revoked_at


def test_bootstrap_keys_replace_each_other(records):
    first, secret, revoked = records.create_bootstrap_key("demo", hours=1)
    assert revoked is None and records.authenticate(secret).role == "curator"
    second, _, revoked = records.create_bootstrap_key("demo", hours=1)
    assert revoked == first.id and records.authenticate(secret) is None and records.key_is_live(second.id)


def test_review_link_secret_is_one_per_installation_and_rotates_everywhere(records, other):
    secret = records.server_secret()
    assert other.server_secret() == secret and len(secret) == 32
    other.rotate_secret()
    assert records.server_secret() not in (secret, b"") and records.server_secret() == other.server_secret()


def test_rate_buckets_are_shared(records, other):
    assert records.take_tokens("requests:k", 1, capacity=2, rate=0.01) == 0
    assert other.take_tokens("requests:k", 1, capacity=2, rate=0.01) == 0
    wait = records.take_tokens("requests:k", 1, capacity=2, rate=0.01)
    assert 90 < wait <= 100  # 1 token at 0.01/s, less what trickled back meanwhile
    assert other.take_tokens("requests:other-key", 1, capacity=2, rate=0.01) == 0
    assert records.take_tokens("requests:fast", 1, capacity=1, rate=50) == 0
    time.sleep(0.05)
    assert other.take_tokens("requests:fast", 1, capacity=1, rate=50) == 0  # refilled
    with pytest.raises(ValueError):
        records.take_tokens("requests:k", 0, capacity=2, rate=1)


def test_concurrent_takes_never_overspend(records, other):
    taken: list[float] = []

    def spend(r: Records) -> None:
        for _ in range(10):
            taken.append(r.take_tokens("sentences:k", 1, capacity=12, rate=0.001))

    threads = [threading.Thread(target=spend, args=(r,)) for r in (records, other, records, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(1 for w in taken if w == 0) == 12 and len(taken) == 40


def test_corpus_version_positions_and_supersession_across_replicas(records, other):
    before = other.corpus_version()
    records.save_position(_position(id="lama", agency="B"))
    records.save_position(_position(id="baru", supersedes=["lama"], agency="A", title="Harga BBM naik"))
    assert other.corpus_version() == before + 2
    assert [p.id for p in other.all_positions()] == ["baru", "lama"]
    assert other.superseded_by() == {"lama": ["baru"]}
    assert other.list_positions(agency="A", limit=1)[1] == 1
    assert [p.id for p in other.search_positions("harga bbm")[0]] == ["baru"] and other.agencies() == ["A", "B"]
    assert other.set_position_status("baru", "retired") and records.get_position("baru").retired_at


def test_reports_and_their_keys(records, other):
    records.save_report(_report("r1", 1), key_id="k1")
    records.save_report({**_report("r1", 2), "revision": {"of": "r0"}}, key_id="k1")  # stored again: replaced
    assert other.get_report("r1")["counts"] == {"conflicts": 2} and other.report_key_id("r1") == "k1"
    assert other.list_reports()[0] | {"created_at": None} == {
        "id": "r1", "agency": "A", "verdict": "conflict", "score": 40, "created_at": None, "conflicts": 2,
        "revision_of": "r0", "decided": 0}
    assert other.get_report("missing") is None and other.report_key_id("missing") is None


def test_export_rows_import_into_the_other_store(records, tmp_path, postgres_or_sqlite_other):
    records.save_position(_position())
    records.save_report(_report("r1", 2))
    records.add_decision("r1", 0, "fixed", "", "k", "A")
    records.add_decision("r1", 1, "accepted", "", "k", "A")
    records.create_key("A", "admin")
    target = postgres_or_sqlite_other
    for table in ("position_versions", "api_keys", "reports", "decisions", "positions"):
        import_rows(target, table, export_rows(records, table))
    for table in ("positions", "position_versions", "reports", "api_keys", "decisions"):
        assert target.table_rows(table) == records.table_rows(table), table
    # The decision ids continue after the imported ones.
    target.add_decision("r1", 0, "false_alarm", "", "k", "A")
    assert [d["id"] for d in target.table_rows("decisions")] == [1, 2, 3]
    with pytest.raises(ValueError, match="columns the table does not have"):
        import_rows(target, "reports", [{"id": "x", "nope; DROP TABLE reports": 1}])


@pytest.fixture
def postgres_or_sqlite_other(records_target, tmp_path, request):
    """The *other* kind of store than ``records_target`` (SQLite -> PostgreSQL and back)."""
    if isinstance(records_target, str):
        opened = Records(tmp_path / "other.sqlite3")
        yield opened
        opened.close()
        return
    server = request.getfixturevalue("postgres")
    url = server.database()
    opened = Records(url)
    yield opened
    opened.close()
    server.drop(url)


def test_one_corpus_writer_at_a_time_across_replicas(records, other):
    inside: list[str] = []
    overlap: list[bool] = []

    def write(r: Records, name: str) -> None:
        for _ in range(3):
            with r.corpus_lock():
                inside.append(name)
                overlap.append(len(inside) > 1)
                time.sleep(0.02)
                inside.remove(name)

    threads = [threading.Thread(target=write, args=(r, n)) for r, n in ((records, "a"), (other, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(overlap) == 6 and not any(overlap)


def test_migrations_make_exactly_the_schema(postgres):
    url = postgres.database()
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        engine.dispose()
        postgres.drop(url)


def test_an_unmigrated_database_is_refused_naming_the_command(postgres):
    url = postgres.database(migrated=False)
    with pytest.raises(NotMigrated, match="selaras db upgrade") as refused:
        Records(url)
    assert "not migrated" in str(refused.value)
    postgres.drop(url)


@pytest.mark.parametrize("url", ["mysql://u:secret@h/db", "not a url", "sqlite://"])
def test_a_database_url_selaras_cannot_use_is_a_clear_error(url):
    with pytest.raises(DatabaseUrlError, match="postgresql://") as refused:
        Records(url)
    assert "secret" not in str(refused.value)
