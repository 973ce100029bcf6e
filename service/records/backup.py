"""Backup and restore: positions (with every version), API-key hashes and reports in one portable file.

The file is JSON Lines: a header line, then one line per row, ``{"table": ..., "row": {...}}``.
Vectors are not exported: they are recomputed on import with the configured model, so a backup
moves between embedded and server stores, and checks afterwards give the same results.

Only public methods of the records are used. Re-indexing restored positions needs the checker
(``service.checker.Selaras``); it is passed in and typed by what is used (:class:`Reindexer`), so the
records package never imports the checker.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Protocol

from service.records.db import EXPORTED_TABLES, Database, utcnow
from service.records.positions import PositionRecord, Positions

FORMAT = "selaras-backup/1"


class _Counted(Protocol):
    def count(self) -> int: ...


class Reindexer(Protocol):
    """What :func:`import_backup` needs of a ``service.checker.Selaras``."""

    @property
    def records(self) -> Positions: ...

    @property
    def store(self) -> _Counted: ...

    def index_record(self, record: PositionRecord) -> object: ...


def export_rows(records: Database, table: str) -> list[dict[str, Any]]:
    """Every row of ``table`` as dicts (API keys as hashes only), for backups."""
    if table not in EXPORTED_TABLES:
        raise ValueError(f"unknown table {table}")
    return records.table_rows(table)


def import_rows(records: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert exported rows into ``table`` in one transaction (existing rows with the same key are kept)."""
    if table not in EXPORTED_TABLES:
        raise ValueError(f"unknown table {table}")
    if not rows:
        return
    # Column names come from the backup file: only the table's own columns may reach the SQL text.
    known = records.table_columns(table)
    first = rows[0]
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ValueError(f"backup row {number} of {table} is not an object")
        unknown = [c for c in row if c not in known]
        if unknown:
            raise ValueError(f"backup rows of {table} have columns the table does not have: "
                             f"{', '.join(repr(c)[:80] for c in unknown[:5])}")
        if row.keys() != first.keys():
            raise ValueError(f"backup row {number} of {table} has other columns than the first row")
    columns = [c for c in known if c in first]
    records.insert_rows(table, columns, [tuple(r[c] for c in columns) for r in rows])


def export_backup(records: Database, path: Path) -> dict[str, int]:
    """Write every exported table to ``path`` (atomically); returns row counts."""
    counts: dict[str, int] = {}
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"format": FORMAT, "created_at": utcnow()}) + "\n")
        for table in EXPORTED_TABLES:
            rows = export_rows(records, table)
            counts[table] = len(rows)
            for row in rows:
                fh.write(json.dumps({"table": table, "row": row}, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return counts


def read_backup(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows of a backup file by table; raises ValueError for a file that is not one."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in EXPORTED_TABLES}
    with path.open(encoding="utf-8") as fh:
        header = json.loads(fh.readline() or "{}")
        if header.get("format") != FORMAT:
            raise ValueError(f"{path} is not a Selaras backup ({FORMAT})")
        for number, line in enumerate(fh, 2):
            try:
                item = json.loads(line)
                tables[item["table"]].append(item["row"])
            except (ValueError, KeyError, TypeError):
                raise ValueError(f"{path}:{number}: not a backup row of a known table") from None
    return tables


def import_backup(selaras: Reindexer, path: Path,
                  on_position: Callable[[PositionRecord], object] | None = None) -> dict[str, int]:
    """Restore a backup into an empty store; positions are re-embedded at their stored version."""
    if selaras.records.list_positions(limit=1)[1] or selaras.store.count():
        raise ValueError("import needs an empty store: this one already holds positions")
    tables = read_backup(path)
    for table in ("position_versions", "api_keys", "reports", "positions"):
        import_rows(selaras.records, table, tables[table])
    for record in selaras.records.all_positions():
        selaras.index_record(record)
        if on_position:
            on_position(record)
    return {t: len(rows) for t, rows in tables.items()}
