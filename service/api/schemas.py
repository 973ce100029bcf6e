"""Request and response bodies. Unknown fields are refused so typos do not pass silently."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from service.judge.judge import ConflictKind

PositionKind = Literal["position", "vision", "statement"]
Relation = Literal["supports", "conflicts", "unsupported"]
Verdict = Literal["aligned", "review", "conflict"]


class Strict(BaseModel):
    """Base for request bodies: unknown fields are an error, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# RFC 3339 date-time (the OpenAPI "date-time" format); the offset may be left out (then UTC).
ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?")


def _iso_text(value: object, pattern: re.Pattern[str], expected: str) -> object:
    # pydantic's lax mode reads numbers and numeric strings as Unix times (effective_from: 0
    # became 1970-01-01); the schema promises ISO-8601 text, so anything else is refused.
    if value is None or isinstance(value, (date, datetime)):
        return value
    if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
        raise ValueError(f"expected {expected}")
    return value


class PositionIn(Strict):
    """One reference position to create or replace (upsert by ``id``)."""

    id: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:\-/]*$")
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=200_000)
    agency: str = Field(min_length=1, max_length=200)
    kind: PositionKind = "position"
    topics: list[str] = Field(default_factory=list, max_length=50)
    language: str | None = Field(None, max_length=20)
    effective_from: date | None = None
    effective_until: date | None = None

    @field_validator("effective_from", "effective_until", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        return _iso_text(value, ISO_DATE, "an ISO-8601 date such as 2026-01-31")

    @model_validator(mode="after")
    def _window(self) -> "PositionIn":
        if self.effective_from and self.effective_until and self.effective_until < self.effective_from:
            raise ValueError("effective_until is before effective_from")
        return self


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


class PositionList(BaseModel):
    """A page of positions."""

    items: list[PositionOut]
    total: int
    limit: int
    offset: int


class CheckIn(Strict):
    """A draft press statement to check."""

    text: str = Field(min_length=1, max_length=500_000)
    agency: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=500)


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


class Evidence(BaseModel):
    """A reference passage bearing on a sentence."""

    position_id: str
    title: str
    agency: str
    kind: PositionKind
    official: bool = Field(description="False when the passage is an agency's published statement, "
                                        "not an official position or vision text.")
    passage: str
    similarity: float

    @model_validator(mode="before")
    @classmethod
    def _official_from_kind(cls, value: object) -> object:
        # Reports stored before the field existed say it through their kind.
        if isinstance(value, dict) and "official" not in value:
            return {**value, "official": value.get("kind") != "statement"}
        return value


class Finding(BaseModel):
    """One sentence of the draft, its offsets and its relation to the corpus."""

    sentence: str
    start: int
    end: int
    relation: Relation
    reasons: list[str]
    kinds: list[ConflictKind] = Field(default_factory=list,
                                      description="What a conflict is about (empty unless relation is conflicts).")
    evidence: list[Evidence]


class VisionItem(BaseModel):
    """A vision passage (e.g. an Asta Cita mission) the draft advances."""

    position_id: str
    title: str
    sentences: list[str]


class RelatedStatement(BaseModel):
    """Another agency's published statement that bears on the draft."""

    position_id: str
    title: str
    agency: str
    sentences: list[str]


class Report(BaseModel):
    """An alignment report."""

    id: str
    title: str | None
    agency: str | None
    score: int = Field(ge=0, le=100)
    verdict: Verdict
    summary: str
    counts: dict[str, int]
    findings: list[Finding]
    vision: list[VisionItem]
    related_statements: list[RelatedStatement] = Field(default_factory=list)
    text: str
    model: str
    judge: str
    corpus_version: int
    created_at: str
    review_url: str | None = None


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


class ErrorBody(BaseModel):
    """Every error response has this shape."""

    error: str
    message: str
    details: list[dict] | None = None


Role = Literal["submitter", "curator", "admin"]


class KeyIn(Strict):
    """A new API key (admins only)."""

    agency: str = Field(min_length=1, max_length=200)
    role: Role
    expires_at: datetime | None = Field(None, description="When the key stops working (ISO-8601; UTC if no offset).")

    @field_validator("expires_at", mode="before")
    @classmethod
    def _iso_time(cls, value: object) -> object:
        return _iso_text(value, ISO_DATE_TIME, "an ISO-8601 time such as 2026-12-31T23:59:59+07:00")


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
