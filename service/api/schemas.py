"""Request and response bodies. Unknown fields are refused so typos do not pass silently."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

# The report and the position are domain objects; they are re-exported here as the API's bodies.
from service.domain import (  # noqa: F401
    ISO_DATE_TIME, Evidence, Finding, PositionIn, RelatedStatement, Report, Strict, VisionItem, iso_text,
)
from service.domain import (
    PositionKindName as PositionKind, RoleName as Role, VerdictName as Verdict,
)


class PositionsIn(Strict):
    """Bulk upsert body."""

    positions: list[PositionIn] = Field(min_length=1)

    @field_validator("positions")
    @classmethod
    def _unique_ids(cls, value: list[PositionIn]) -> list[PositionIn]:
        # Counter, not list.count per item: a 1 MB body holds ~20,000 ids (quadratic was seconds).
        dupes = sorted(i for i, n in Counter(p.id for p in value).items() if n > 1)
        if dupes:
            raise ValueError(f"duplicate position ids in one request: {', '.join(dupes)}")
        return value


class PositionResult(BaseModel):
    """What happened to one submitted position."""

    id: str
    status: Literal["created", "updated", "unchanged"]
    version: int
    passages: int


class PositionsResult(BaseModel):
    """Result of a bulk upsert."""

    results: list[PositionResult]
    corpus_version: int


class PositionOut(BaseModel):
    """A stored position."""

    id: str
    title: str
    text: str
    agency: str
    kind: PositionKind
    topics: list[str]
    language: str | None
    effective_from: str | None
    effective_until: str | None
    version: int
    status: Literal["active", "retired"]
    passages: int
    created_at: str
    updated_at: str
    retired_at: str | None
    supersedes: list[str] = Field(default_factory=list, description="The positions this one replaces from its "
                                                                   "effective_from on.")
    source: str | None = Field(None, description="The file (and page) the text was loaded from.")
    published_on: str | None = Field(None, description="The source document's date (its dateline).")


class PositionVersion(BaseModel):
    """One text a position has had."""

    version: int
    title: str
    text: str
    content_hash: str
    created_at: str


class PositionDetail(PositionOut):
    """A position with its version history (previous texts kept for the record)."""

    versions: list[PositionVersion]
    superseded_by: list[str] = Field(default_factory=list, description="Positions that name this one as replaced "
                                                                       "(it stops counting once one is in effect).")


class DocumentResult(BaseModel):
    """One uploaded file: what was found in it and the positions it became."""

    file: str
    title: str
    agency: str
    published_on: str | None
    language: str | None
    pages: int | None
    positions: list[PositionResult]


class UploadResult(BaseModel):
    """Result of an upload: every file was read before any position was stored."""

    documents: list[DocumentResult]
    corpus_version: int


class PositionList(BaseModel):
    """A page of positions."""

    items: list[PositionOut]
    total: int
    limit: int
    offset: int


class CheckIn(Strict):
    """A draft press statement to check."""

    text: str = Field(min_length=1, max_length=500_000,
                      examples=["Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp350 triliun."])
    agency: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=500, examples=["Siaran pers: anggaran MBG 2026"])
    revision_of: str | None = Field(None, min_length=1, max_length=64, pattern=r"^[0-9a-f]{1,64}$",
                                    description="The id of an earlier report of the same agency that this draft "
                                                "revises: the new report says which conflicts are gone, still "
                                                "there or new.")


class BatchIn(Strict):
    """Several drafts checked in one request (e.g. a CMS publishing queue)."""

    drafts: list[CheckIn] = Field(min_length=1, max_length=50)


class StatementIn(Strict):
    """An approved draft published as the agency's statement, so other agencies' drafts are checked against it.

    The stored id is always ``statement/<agency>/<id>``: an agency names statements only inside
    its own namespace, and a statement can never take a position's id.
    """

    id: str | None = Field(None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$",
                           description="Local name within the agency's namespace (default: a digest of the text).")
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=200_000,
                      description="Also limited by SELARAS_MAX_STATEMENT_CHARS (30,000 by default).")
    topics: list[str] = Field(default_factory=list, max_length=50)
    language: str | None = Field(None, max_length=20)
    agency: str | None = Field(None, max_length=200, description="Curators only; submitters publish as their agency.")


class BatchOut(BaseModel):
    """Reports of a batch, in the order submitted, and the verdict counts."""

    reports: list[Report]
    verdicts: dict[str, int]


class ReportSummary(BaseModel):
    """A line in the report list."""

    id: str
    agency: str | None
    verdict: Verdict
    score: int
    created_at: str
    conflicts: int | None = Field(None, description="Conflicting findings.")
    decided: int = Field(0, description="Conflicting findings with a decision recorded.")
    revision_of: str | None = None


class ErrorBody(BaseModel):
    """Every error response has this shape."""

    error: str
    message: str
    details: list[dict] | None = None


class KeyIn(Strict):
    """A new API key (admins only)."""

    agency: str = Field(min_length=1, max_length=200)
    role: Role
    expires_at: datetime | None = Field(None, description="When the key stops working (ISO-8601; UTC if no offset).")

    @field_validator("expires_at", mode="before")
    @classmethod
    def _iso_time(cls, value: object) -> object:
        return iso_text(value, ISO_DATE_TIME, "an ISO-8601 time such as 2026-12-31T23:59:59+07:00")


class KeyOut(BaseModel):
    """An API key's record: never its secret or hash."""

    id: str
    agency: str
    role: Role
    created_at: str
    expires_at: str | None
    revoked_at: str | None


class KeyCreated(KeyOut):
    """A new key with its secret, which is shown this once and never stored."""

    secret: str
