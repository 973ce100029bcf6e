"""Reference positions as stored, with every version of their text."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator

from sqlalchemy import ColumnElement, and_, func, or_, select, true, update
from sqlalchemy.engine import RowMapping

from service.records.db import Database, utcnow
from service.records.engine import insert
from service.records.schema import position_versions, positions


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


def _position(row: RowMapping) -> PositionRecord:
    data = dict(row)
    data["topics"] = json.loads(data["topics"])
    data["supersedes"] = json.loads(data.get("supersedes") or "[]")
    return PositionRecord(**data)


def _equal(**filters: str | None) -> list[ColumnElement[bool]]:
    """``column = value`` for each filter given (None: not filtered)."""
    return [positions.c[name] == value for name, value in filters.items() if value is not None]


class Positions(Database):
    """The positions part of :class:`service.records.Records`."""

    def get_position(self, position_id: str) -> PositionRecord | None:
        """The position with this id, retired or not."""
        with self._read() as db:
            row = db.execute(select(positions).where(positions.c.id == position_id)).mappings().first()
        return _position(row) if row else None

    def list_positions(
        self, status: str | None = None, kind: str | None = None, agency: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> tuple[list[PositionRecord], int]:
        """A page of positions (by id) and the total matching the filters."""
        where = and_(true(), *_equal(status=status, kind=kind, agency=agency))
        with self._read() as db:
            total = db.execute(select(func.count()).select_from(positions).where(where)).scalar_one()
            rows = db.execute(select(positions).where(where).order_by(positions.c.id).limit(limit)
                              .offset(offset)).mappings().all()
        return [_position(r) for r in rows], total

    def all_positions(self) -> Iterator[PositionRecord]:
        """Every position, for caches and export."""
        with self._read() as db:
            rows = db.execute(select(positions).order_by(positions.c.id)).mappings().all()
        return (_position(r) for r in rows)

    def superseded_by(self) -> dict[str, list[str]]:
        """For each position some other position names as superseded: the ids that name it."""
        with self._read() as db:
            rows = db.execute(select(positions.c.id, positions.c.supersedes).where(positions.c.supersedes != "[]")
                              .order_by(positions.c.id)).all()
        out: dict[str, list[str]] = {}
        for by_id, supersedes in rows:
            for old in json.loads(supersedes or "[]"):
                out.setdefault(old, []).append(by_id)
        return out

    def search_positions(self, text: str | None = None, kind: str | None = None, agency: str | None = None,
                         limit: int = 200) -> tuple[list[PositionRecord], int]:
        """Positions whose id, title or text contains ``text`` (case-insensitive), by agency then id; and how many."""
        where = and_(true(), *_equal(kind=kind or None, agency=agency or None))
        if text:
            # autoescape: the search's own wildcards are characters ("50%" finds "50%", not everything).
            where = and_(where, or_(*(positions.c[c].icontains(text, autoescape=True) for c in ("id", "title", "text"))))
        with self._read() as db:
            total = db.execute(select(func.count()).select_from(positions).where(where)).scalar_one()
            rows = db.execute(select(positions).where(where).order_by(positions.c.agency, positions.c.id)
                              .limit(limit)).mappings().all()
        return [_position(r) for r in rows], total

    def agencies(self) -> list[str]:
        """Every agency with a position or statement, in order."""
        with self._read() as db:
            return list(db.execute(select(positions.c.agency).distinct().order_by(positions.c.agency)).scalars())

    def versions(self, position_id: str) -> list[dict[str, Any]]:
        """Earlier and current texts of a position, oldest first."""
        v = position_versions.c
        with self._read() as db:
            rows = db.execute(select(v.version, v.title, v.text, v.content_hash, v.created_at)
                              .where(v.position_id == position_id).order_by(v.version)).mappings().all()
        return [dict(r) for r in rows]

    def save_position(self, record: PositionRecord) -> None:
        """Insert or replace a position (and its version history) in one transaction."""
        values = {**record.__dict__, "topics": json.dumps(record.topics, ensure_ascii=False),
                  "supersedes": json.dumps(record.supersedes, ensure_ascii=False)}
        with self._tx() as db:
            statement = insert(positions, db).values(values)
            db.execute(statement.on_conflict_do_update(
                index_elements=[positions.c.id],
                set_={name: statement.excluded[name] for name in values if name != "id"}))
            db.execute(insert(position_versions, db).values(
                position_id=record.id, version=record.version, title=record.title, text=record.text,
                content_hash=record.content_hash, created_at=record.updated_at).on_conflict_do_nothing())
            self._bump_corpus_version(db)

    def set_position_status(self, position_id: str, status: str) -> bool:
        """Retire or reactivate; False when the position does not exist."""
        retired_at = utcnow() if status == "retired" else None
        with self._tx() as db:
            changed = db.execute(update(positions).where(positions.c.id == position_id)
                                 .values(status=status, retired_at=retired_at, updated_at=utcnow())).rowcount
            if changed:
                self._bump_corpus_version(db)
        return bool(changed)
