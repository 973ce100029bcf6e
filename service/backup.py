"""Backup and restore: positions (with every version), API-key hashes and reports in one portable file.

The file is JSON Lines: a header line, then one line per row, ``{"table": ..., "row": {...}}``.
Vectors are not exported: they are recomputed on import with the configured model, so a backup
moves between embedded and server stores, and checks afterwards give the same results.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from service.checker import Selaras
from service.records import EXPORTED_TABLES, Records, export_rows, import_rows, utcnow

FORMAT = "selaras-backup/1"


def export_backup(records: Records, path: Path) -> dict[str, int]:
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


def import_backup(selaras: Selaras, path: Path, on_position=None) -> dict[str, int]:
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
