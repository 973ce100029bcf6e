"""Reference positions: curators load, list and retire them."""

from __future__ import annotations

import hashlib
import re

import anyio
from litestar import Controller, delete, get, post
from litestar.exceptions import NotFoundException
from litestar.params import Parameter

from service.api.auth import BEARER, CURATORS, SUBMITTERS, acting_agency, has_role, may_access
from service.api.errors import AUTHENTICATED, WITH_BODY, ApiError, error_responses
from service.api.schemas import (
    PositionDetail, PositionList, PositionOut, PositionResult, PositionsIn, PositionsResult, StatementIn,
    UploadResult,
)
from service.api.uploads import MAX_UPLOAD_BODY, STATEMENT_PREFIX, UploadBody, load_upload, refuse_reserved
from service.checking import Checker
from service.config import Settings
from service.corpus import Corpus
from service.domain import PositionIn, PositionKind
from service.records import ApiKey, PositionRecord, Records

# SQLite integers are 64-bit: a larger offset was a 500 (OverflowError). A round bound survives
# the float the OpenAPI schema turns it into (2**62 did not, so schemathesis sent 2**62 + 95).
MAX_OFFSET = 1_000_000_000


def position_out(record: PositionRecord) -> PositionOut:
    """API view of a stored position."""
    return PositionOut(**{k: v for k, v in record.__dict__.items() if k != "content_hash"})


class PositionController(Controller):
    """``/v1/positions``"""

    path = "/v1/positions"
    guards = [has_role]
    security = BEARER
    tags = ["positions"]

    @post("/", opt={"roles": CURATORS}, status_code=200, summary="Create or replace positions (upsert by id)",
          operation_id="upsertPositions",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def upsert(self, data: PositionsIn, corpus: Corpus, settings: Settings) -> PositionsResult:
        """Each position is stored atomically; identical text is a no-op, changed text a new version."""
        limit = settings.max_positions_per_request
        if len(data.positions) > limit:
            raise ApiError(413, "too_many_positions",
                           f"{len(data.positions)} positions in one request; the limit is {limit}.")
        refuse_reserved(data.positions)
        statuses = await anyio.to_thread.run_sync(corpus.upsert_positions, data.positions)
        results = []
        for item, status in zip(data.positions, statuses):
            record = corpus.records.get_position(item.id)
            results.append(PositionResult(id=item.id, status=status, version=record.version,
                                          passages=record.passages))
        return PositionsResult(results=results, corpus_version=corpus.version())

    @post("/upload", opt={"roles": CURATORS}, status_code=200, request_max_body_size=MAX_UPLOAD_BODY,
          operation_id="uploadPositions",
          summary="Load positions from documents (PDF, DOCX, HTML press releases, .md/.txt)",
          description="multipart/form-data with one or more `files`; title, agency, date and language come from "
                      "each document where it states them, and the form's fields win over them. A long document "
                      "becomes one position per section (`<id>/<heading>`), each with its source file and page. "
                      "Every file is read before anything is stored: a bad one (encrypted or scanned PDF, "
                      "unsupported type, nothing left after extraction, over SELARAS_MAX_DOCUMENT_BYTES) answers "
                      "413/422 naming the file and why, and nothing of the request is loaded.",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def upload(self, data: UploadBody, corpus: Corpus, settings: Settings) -> UploadResult:
        """Documents in, positions out (created, updated or unchanged, as with the JSON upsert)."""
        return await load_upload(data, corpus, settings)

    @get("/", opt={"roles": SUBMITTERS}, summary="List positions", operation_id="listPositions",
         responses=error_responses(422, *AUTHENTICATED))
    async def list_positions(
        self, records: Records,
        status: str | None = Parameter(default=None, pattern="^(active|retired)$"),
        kind: str | None = Parameter(default=None, pattern="^(position|vision|statement)$"),
        agency: str | None = None,
        limit: int = Parameter(default=100, ge=1, le=1000),
        offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET),
    ) -> PositionList:
        """Positions, active and retired, by id."""
        rows, total = records.list_positions(status, kind, agency, limit, offset)
        return PositionList(items=[position_out(r) for r in rows], total=total, limit=limit, offset=offset)

    # ``:path``, not ``:str``: position ids may contain "/" (see PositionIn.id).
    @get("/{position_id:path}", opt={"roles": SUBMITTERS}, summary="One position with its versions",
         operation_id="getPosition",
         responses=error_responses(404, *AUTHENTICATED))
    async def get_position(self, records: Records, position_id: str) -> PositionDetail:
        """A position and every text it has had."""
        position_id = position_id.lstrip("/")
        record = records.get_position(position_id)
        if record is None:
            raise NotFoundException(f"No position with id {position_id!r}.")
        return PositionDetail(**position_out(record).model_dump(), versions=records.versions(position_id),
                              superseded_by=records.superseded_by().get(position_id, []))

    @delete("/{position_id:path}", opt={"roles": CURATORS}, status_code=200, summary="Retire a position",
            operation_id="retirePosition",
            responses=error_responses(404, *AUTHENTICATED, 503))
    async def retire(self, corpus: Corpus, position_id: str) -> PositionOut:
        """No longer used for checks; still listed, with status ``retired``."""
        position_id = position_id.lstrip("/")
        record = await anyio.to_thread.run_sync(corpus.retire_position, position_id)
        if record is None:
            raise NotFoundException(f"No position with id {position_id!r}.")
        return position_out(record)


def agency_slug(agency: str) -> str:
    """The agency's statement namespace: "Kementerian PPN/Bappenas" → "kementerian-ppn-bappenas"."""
    return re.sub(r"[^a-z0-9]+", "-", agency.casefold()).strip("-") or "agency"


def statement_id(agency: str, local: str) -> str:
    """Full id of an agency's statement; only ``statement/<agency>/`` ids can hold statements."""
    return f"{STATEMENT_PREFIX}{agency_slug(agency)}/{local}"


class StatementController(Controller):
    """``/v1/statements``: an agency publishes, updates and retracts its own statements.

    A statement lives at ``statement/<agency>/<id>``, so it can never take or shadow a position's
    id, and a submitter reaches only its own agency's namespace. A statement that conflicts with
    an official position or vision text is refused: an agency may not put figures into the
    reference that contradict the official ones (and then flip other agencies' verdicts).
    """

    path = "/v1/statements"
    guards = [has_role]
    security = BEARER
    tags = ["statements"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Publish or update one of your agency's statements",
          operation_id="publishStatement",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 409, 503))
    async def publish(self, data: StatementIn, caller: ApiKey, checker: Checker, corpus: Corpus,
                      settings: Settings) -> PositionOut:
        """Stored as a position of kind ``statement``; later drafts of other agencies are checked against it."""
        agency = acting_agency(caller, data.agency)
        limit = settings.max_statement_chars
        if len(data.text) > limit:
            raise ApiError(413, "statement_too_long",
                           f"The statement has {len(data.text)} characters; the limit is {limit} "
                           "(SELARAS_MAX_STATEMENT_CHARS).")
        # Re-publishing the same text under the same agency is idempotent (same id).
        local = data.id or hashlib.sha256(f"{agency}\x00{data.text}".encode()).hexdigest()[:16]
        sid = statement_id(agency, local)
        existing = corpus.records.get_position(sid)
        if existing is not None and (existing.kind != "statement" or existing.agency != agency):
            raise ApiError(409, "id_taken", f"The id {sid!r} belongs to another agency's statement or a position.")
        conflicts = await checker.conflicts_with_positions(data.text, agency)
        if conflicts:
            raise ApiError(
                409, "statement_conflicts_position",
                f"{len(conflicts)} sentence(s) of the statement conflict with official positions; "
                "correct them (or ask a curator to update the position) before publishing.",
                details=[{"sentence": f.sentence, "start": f.start, "end": f.end, "reasons": f.reasons,
                          "positions": [e.position_id for e in f.evidence if e.official]}
                         for f in conflicts])
        # Built here from validated parts, not validated again: the namespaced id may be longer than a
        # curator's position id may be (agency slug up to 200 characters plus the local name).
        item = PositionIn.model_construct(id=sid, title=data.title, text=data.text, agency=agency,
                                          kind=PositionKind.STATEMENT, topics=data.topics, language=data.language)
        await anyio.to_thread.run_sync(corpus.upsert_position, item)
        return position_out(corpus.records.get_position(sid))

    @delete("/{statement_id:path}", opt={"roles": SUBMITTERS}, status_code=200, summary="Retract a statement",
            operation_id="retractStatement",
            responses=error_responses(404, *AUTHENTICATED, 503))
    async def retract(self, caller: ApiKey, corpus: Corpus, statement_id: str) -> PositionOut:
        """No longer used for checks (kept in the record, status ``retired``). Submitters retract only their
        agency's statements; another agency's statement, or a position, is answered 404."""
        sid = statement_id.lstrip("/")
        record = corpus.records.get_position(sid)
        if (record is None or record.kind != "statement" or not sid.startswith(STATEMENT_PREFIX)
                or not may_access(caller, record.agency)):
            raise NotFoundException(f"No statement of yours with id {sid!r}.")
        retired = await anyio.to_thread.run_sync(corpus.retire_position, sid)
        return position_out(retired)
