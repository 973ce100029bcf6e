"""Reference positions: curators load, list and retire them."""

from __future__ import annotations

import anyio
from litestar import Controller, Request, delete, get, post
from litestar.exceptions import NotFoundException
from litestar.params import Parameter

import hashlib

from service.api.auth import BEARER, CURATORS, SUBMITTERS, require_key
from service.api.errors import AUTHENTICATED, WITH_BODY, ApiError, error_responses
from service.api.schemas import (
    PositionDetail, PositionList, PositionOut, PositionResult, PositionsIn, PositionsResult, StatementIn,
)
from service.checker import PositionInput, Selaras
from service.records import PositionRecord

# SQLite integers are 64-bit: a larger offset was a 500 (OverflowError). A round bound survives
# the float the OpenAPI schema turns it into (2**62 did not, so schemathesis sent 2**62 + 95).
MAX_OFFSET = 1_000_000_000


def position_out(record: PositionRecord) -> PositionOut:
    """API view of a stored position."""
    return PositionOut(**{k: v for k, v in record.__dict__.items() if k != "content_hash"})


def to_input(item) -> PositionInput:
    """Validated request item → core input."""
    return PositionInput(
        id=item.id, title=item.title, text=item.text, agency=item.agency, kind=item.kind,
        topics=item.topics, language=item.language,
        effective_from=item.effective_from.isoformat() if item.effective_from else None,
        effective_until=item.effective_until.isoformat() if item.effective_until else None,
    )


class PositionController(Controller):
    """``/v1/positions``"""

    path = "/v1/positions"
    guards = [require_key]
    security = BEARER
    tags = ["positions"]

    @post("/", opt={"roles": CURATORS}, status_code=200, summary="Create or replace positions (upsert by id)",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def upsert(self, request: Request, data: PositionsIn) -> PositionsResult:
        """Each position is stored atomically; identical text is a no-op, changed text a new version."""
        selaras: Selaras = request.app.state.selaras
        limit = request.app.state.settings.max_positions_per_request
        if len(data.positions) > limit:
            raise ApiError(413, "too_many_positions",
                           f"{len(data.positions)} positions in one request; the limit is {limit}.")
        statuses = await anyio.to_thread.run_sync(selaras.upsert_positions, [to_input(i) for i in data.positions])
        results = []
        for item, status in zip(data.positions, statuses):
            record = selaras.records.get_position(item.id)
            results.append(PositionResult(id=item.id, status=status, version=record.version,
                                          passages=record.passages))
        return PositionsResult(results=results, corpus_version=selaras.corpus_version())

    @get("/", opt={"roles": SUBMITTERS}, summary="List positions", responses=error_responses(422, *AUTHENTICATED))
    async def list_positions(
        self, request: Request,
        status: str | None = Parameter(default=None, pattern="^(active|retired)$"),
        kind: str | None = Parameter(default=None, pattern="^(position|vision|statement)$"),
        agency: str | None = None,
        limit: int = Parameter(default=100, ge=1, le=1000),
        offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET),
    ) -> PositionList:
        """Positions, active and retired, by id."""
        records, total = request.app.state.selaras.records.list_positions(status, kind, agency, limit, offset)
        return PositionList(items=[position_out(r) for r in records], total=total, limit=limit, offset=offset)

    # ``:path``, not ``:str``: position ids may contain "/" (see PositionIn.id).
    @get("/{position_id:path}", opt={"roles": SUBMITTERS}, summary="One position with its versions",
         responses=error_responses(404, *AUTHENTICATED))
    async def get_position(self, request: Request, position_id: str) -> PositionDetail:
        """A position and every text it has had."""
        position_id = position_id.lstrip("/")
        records = request.app.state.selaras.records
        record = records.get_position(position_id)
        if record is None:
            raise NotFoundException(f"No position with id {position_id!r}.")
        return PositionDetail(**position_out(record).model_dump(), versions=records.versions(position_id))

    @delete("/{position_id:path}", opt={"roles": CURATORS}, status_code=200, summary="Retire a position",
            responses=error_responses(404, *AUTHENTICATED, 503))
    async def retire(self, request: Request, position_id: str) -> PositionOut:
        """No longer used for checks; still listed, with status ``retired``."""
        position_id = position_id.lstrip("/")
        selaras: Selaras = request.app.state.selaras
        record = await anyio.to_thread.run_sync(selaras.retire_position, position_id)
        if record is None:
            raise NotFoundException(f"No position with id {position_id!r}.")
        return position_out(record)


class StatementController(Controller):
    """``/v1/statements``: an agency publishes an approved draft as its statement."""

    path = "/v1/statements"
    guards = [require_key]
    security = BEARER
    tags = ["positions"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Publish an approved draft as a statement",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 409, 503))
    async def publish(self, request: Request, data: StatementIn) -> PositionOut:
        """Stored as a position of kind ``statement``; later drafts of other agencies are checked against it."""
        selaras: Selaras = request.app.state.selaras
        key = request.state.key
        agency = key.agency if key.role == "submitter" else (data.agency or key.agency)
        # Re-publishing the same text under the same agency is idempotent (same id).
        digest = hashlib.sha256(f"{agency}\x00{data.text}".encode()).hexdigest()[:16]
        statement_id = data.id or f"statement-{digest}"
        existing = selaras.records.get_position(statement_id)
        if existing is not None and (existing.kind != "statement" or existing.agency != agency):
            raise ApiError(409, "id_taken", f"The id {statement_id!r} belongs to another agency's position.")
        item = PositionInput(id=statement_id, title=data.title, text=data.text, agency=agency, kind="statement",
                             topics=data.topics, language=data.language)
        await anyio.to_thread.run_sync(selaras.upsert_position, item)
        return position_out(selaras.records.get_position(statement_id))
