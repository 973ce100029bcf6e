"""The typed objects that flow through a check, and the words they use.

A check turns a draft into sentences, each sentence's retrieved :class:`Candidate` passages into a
judgement, and the judgements into one :class:`Report`. These types are shared by the core
(:mod:`service.checking`, :mod:`service.corpus`, :mod:`service.judge`), the records and the HTTP
layer, so nothing is passed as a loose dict and parsed back. Request-only bodies live in
:mod:`service.api.schemas`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Relation(StrEnum):
    """How the reference corpus bears on one draft sentence."""

    SUPPORTS = "supports"
    CONFLICTS = "conflicts"
    UNSUPPORTED = "unsupported"


class Verdict(StrEnum):
    """The draft's overall result (see :mod:`service.scoring`)."""

    ALIGNED = "aligned"
    REVIEW = "review"
    CONFLICT = "conflict"


class PositionKind(StrEnum):
    """What a reference text is: an official position, a vision text, or an agency's published statement."""

    POSITION = "position"
    VISION = "vision"
    STATEMENT = "statement"


class Role(StrEnum):
    """What an API key may do: submit drafts, also curate positions, also manage keys."""

    SUBMITTER = "submitter"
    CURATOR = "curator"
    ADMIN = "admin"


class ConflictKind(StrEnum):
    """What a conflict is about, for the report, the page and ``/metrics`` (never parsed from reason text)."""

    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    NEGATION = "negation"
    ANTONYM = "antonym"
    ENTITY = "entity"
    INSTITUTION = "institution"
    SCOPE = "scope"
    CLASSIFIER = "classifier"


# Field types for the pydantic models: one of the enum's members, validated to the member, and
# published inline in the OpenAPI schema as the string values (as the API always described them).
PositionKindName = Literal[PositionKind.POSITION, PositionKind.VISION, PositionKind.STATEMENT]
RelationName = Literal[Relation.SUPPORTS, Relation.CONFLICTS, Relation.UNSUPPORTED]
VerdictName = Literal[Verdict.ALIGNED, Verdict.REVIEW, Verdict.CONFLICT]
RoleName = Literal[Role.SUBMITTER, Role.CURATOR, Role.ADMIN]
ConflictKindName = Literal[ConflictKind.NUMBER, ConflictKind.DATE, ConflictKind.TIME, ConflictKind.NEGATION,
                           ConflictKind.ANTONYM, ConflictKind.ENTITY, ConflictKind.INSTITUTION, ConflictKind.SCOPE,
                           ConflictKind.CLASSIFIER]


# -- retrieval -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PassageRef:
    """Where a retrieved passage comes from: its position and its character span there.

    ``context`` marks a neighbour of a retrieved passage (same position, not itself retrieved):
    the judge compares it by rules only, never scores it or uses it as support.
    """

    position_id: str = ""
    title: str = ""
    agency: str = ""
    kind: PositionKind = PositionKind.POSITION
    topics: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    context: bool = False

    @property
    def official(self) -> bool:
        """False for an agency's published statement; positions and vision texts are official."""
        return self.kind != PositionKind.STATEMENT


@dataclass(frozen=True)
class Candidate:
    """A retrieved reference passage, its cosine to the sentence, and where it comes from."""

    passage: str
    similarity: float
    ref: PassageRef = PassageRef()


# -- positions -------------------------------------------------------------------------------------

class Strict(BaseModel):
    """Base for bodies a caller sends: unknown fields are an error, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# RFC 3339 date-time (the OpenAPI "date-time" format); the offset may be left out (then UTC).
ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?")


def iso_text(value: object, pattern: re.Pattern[str], expected: str) -> object:
    """Accept ISO-8601 text (or a date/datetime) only.

    pydantic's lax mode reads numbers and numeric strings as Unix times (effective_from: 0
    became 1970-01-01); the schema promises ISO-8601 text, so anything else is refused.
    """
    if value is None or isinstance(value, (date, datetime)):
        return value
    if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
        raise ValueError(f"expected {expected}")
    return value


class PositionIn(Strict):
    """A reference position as a curator submits it (upsert by ``id``): the one input shape of the corpus."""

    id: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:\-/]*$")
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=200_000)
    agency: str = Field(min_length=1, max_length=200)
    kind: PositionKindName = PositionKind.POSITION
    topics: list[str] = Field(default_factory=list, max_length=50)
    language: str | None = Field(None, max_length=20)
    effective_from: date | None = None
    effective_until: date | None = None

    @field_validator("effective_from", "effective_until", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        return iso_text(value, ISO_DATE, "an ISO-8601 date such as 2026-01-31")

    @model_validator(mode="after")
    def _window(self) -> "PositionIn":
        if self.effective_from and self.effective_until and self.effective_until < self.effective_from:
            raise ValueError("effective_until is before effective_from")
        return self


# -- the report ------------------------------------------------------------------------------------

class Evidence(BaseModel):
    """A reference passage bearing on a sentence."""

    position_id: str
    title: str
    agency: str
    kind: PositionKindName
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
    relation: RelationName
    reasons: list[str]
    kinds: list[ConflictKindName] = Field(default_factory=list,
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
    """An alignment report: built once by the check, validated, stored and returned as it is."""

    id: str
    title: str | None
    agency: str | None
    score: int = Field(ge=0, le=100)
    verdict: VerdictName
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
