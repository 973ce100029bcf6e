"""Reference positions as stored, with every version of their text."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator

from service.records.db import Database, utcnow


def content_hash(title: str, text: str) -> str:
    """What decides whether a re-posted position changed (metadata edits do not re-embed)."""
    return hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()


@dataclass(frozen=True)
class PositionRecord:
    """A reference position as stored; ``version`` increases when its text changes."""

    id: str
    title: str
    agency: str
    kind: str
    topics: list[str]
    language: str | None
    effective_from: str | None
    effective_until: str | None
    text: str
    content_hash: str
    version: int
    status: str
    passages: int
    created_at: str
    updated_at: str
    retired_at: str | None
    supersedes: list[str] = field(default_factory=list)
    source: str | None = None
    published_on: str | None = None

    def in_effect(self, on: date) -> bool:
        """Active and inside its effective window on ``on``."""
        if self.status != "active":
            return False
        day = on.isoformat()
        if self.effective_from and day < self.effective_from[:10]:
            return False
        if self.effective_until and day > self.effective_until[:10]:
            return False
        return True


def _position(row: sqlite3.Row) -> PositionRecord:
    data = dict(row)
    data["topics"] = json.loads(data["topics"])
    data["supersedes"] = json.loads(data.get("supersedes") or "[]")
    return PositionRecord(**data)


class Positions(Database):
    """The positions part of :class:`service.records.Records`."""

    def get_position(self, position_id: str) -> PositionRecord | None:
        """The position with this id, retired or not."""
        with self._lock:
            row = self._db.execute("SELECT * FROM positions WHERE id=?", (position_id,)).fetchone()
        return _position(row) if row else None

    def list_positions(
        self, status: str | None = None, kind: str | None = None, agency: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> tuple[list[PositionRecord], int]:
        """A page of positions (by id) and the total matching the filters."""
        where, args = [], []
        for column, value in (("status", status), ("kind", kind), ("agency", agency)):
            if value is not None:
                where.append(f"{column}=?")
                args.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            total = self._db.execute(f"SELECT COUNT(*) FROM positions {clause}", args).fetchone()[0]
            rows = self._db.execute(
                f"SELECT * FROM positions {clause} ORDER BY id LIMIT ? OFFSET ?", [*args, limit, offset]
            ).fetchall()
        return [_position(r) for r in rows], total

    def all_positions(self) -> Iterator[PositionRecord]:
        """Every position, for caches and export."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM positions ORDER BY id").fetchall()
        return (_position(r) for r in rows)

    def superseded_by(self) -> dict[str, list[str]]:
        """For each position some other position names as superseded: the ids that name it."""
        with self._lock:
            rows = self._db.execute("SELECT p.id AS by_id, j.value AS old FROM positions p, json_each(p.supersedes) j "
                                    "ORDER BY p.id").fetchall()
        out: dict[str, list[str]] = {}
        for row in rows:
            out.setdefault(row["old"], []).append(row["by_id"])
        return out

    def search_positions(self, text: str | None = None, kind: str | None = None, agency: str | None = None,
                         limit: int = 200) -> tuple[list[PositionRecord], int]:
        """Positions whose id, title or text contains ``text`` (case-insensitive), by agency then id; and how many."""
        where, args = [], []
        if text:
            # LIKE with the wildcards of the search itself escaped: "50%" finds "50%", not everything.
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(id LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')")
            args += [pattern] * 3
        for column, value in (("kind", kind), ("agency", agency)):
            if value:
                where.append(f"{column}=?")
                args.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            total = self._db.execute(f"SELECT COUNT(*) FROM positions {clause}", args).fetchone()[0]
            rows = self._db.execute(f"SELECT * FROM positions {clause} ORDER BY agency, id LIMIT ?",
                                    [*args, limit]).fetchall()
        return [_position(r) for r in rows], total

    def agencies(self) -> list[str]:
        """Every agency with a position or statement, in order."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT DISTINCT agency FROM positions ORDER BY agency")]

    def versions(self, position_id: str) -> list[dict[str, Any]]:
        """Earlier and current texts of a position, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT version, title, text, content_hash, created_at FROM position_versions "
                "WHERE position_id=? ORDER BY version",
                (position_id,),
            ).fetchall()
        return [dict(r) for r in rows]

    def save_position(self, record: PositionRecord) -> None:
        """Insert or replace a position (and its version history) in one transaction."""
        with self._tx() as db:
            columns = list(record.__dict__)  # by name: migrated files have the later columns at the end
            db.execute(
                f"INSERT OR REPLACE INTO positions ({','.join(columns)}) VALUES ({','.join(':' + c for c in columns)})",
                {**record.__dict__, "topics": json.dumps(record.topics, ensure_ascii=False),
                 "supersedes": json.dumps(record.supersedes, ensure_ascii=False)},
            )
            db.execute(
                "INSERT OR IGNORE INTO position_versions VALUES (?,?,?,?,?,?)",
                (record.id, record.version, record.title, record.text, record.content_hash, record.updated_at),
            )
            self._bump_corpus_version()

    def set_position_status(self, position_id: str, status: str) -> bool:
        """Retire or reactivate; False when the position does not exist."""
        retired_at = utcnow() if status == "retired" else None
        with self._tx() as db:
            cur = db.execute(
                "UPDATE positions SET status=?, retired_at=?, updated_at=? WHERE id=?",
                (status, retired_at, utcnow(), position_id),
            )
            if cur.rowcount:
                self._bump_corpus_version()
        return bool(cur.rowcount)
