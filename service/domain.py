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
from typing import Annotated, Literal

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
    VISION = "vision"  # a policy pulling against a vision commitment (service.vision.tension)


# Field types for the pydantic models: one of the enum's members, validated to the member, and
# published inline in the OpenAPI schema as the string values (as the API always described them).
PositionKindName = Literal[PositionKind.POSITION, PositionKind.VISION, PositionKind.STATEMENT]
RelationName = Literal[Relation.SUPPORTS, Relation.CONFLICTS, Relation.UNSUPPORTED]
VerdictName = Literal[Verdict.ALIGNED, Verdict.REVIEW, Verdict.CONFLICT]
RoleName = Literal[Role.SUBMITTER, Role.CURATOR, Role.ADMIN]
ConflictKindName = Literal[ConflictKind.NUMBER, ConflictKind.DATE, ConflictKind.TIME, ConflictKind.NEGATION,
                           ConflictKind.ANTONYM, ConflictKind.ENTITY, ConflictKind.INSTITUTION, ConflictKind.SCOPE,
                           ConflictKind.CLASSIFIER, ConflictKind.VISION]


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


# A position id: letters and digits first, then also ". _ : - /" (statements live under "statement/<agency>/").
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:\-/]*$"
# The positions a position replaces once it takes effect (they stay in the records, no longer counted).
SupersededIds = Annotated[list[Annotated[str, Field(min_length=1, max_length=200, pattern=ID_PATTERN)]],
                          Field(max_length=20, description="Ids of the positions this one replaces from its "
                                                           "effective_from on (they stop counting then; kept in history).")]


class PositionIn(Strict):
    """A reference position as a curator submits it (upsert by ``id``): the one input shape of the corpus."""

    id: str = Field(min_length=1, max_length=200, pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=200_000)
    agency: str = Field(min_length=1, max_length=200)
    kind: PositionKindName = PositionKind.POSITION
    topics: list[str] = Field(default_factory=list, max_length=50)
    language: str | None = Field(None, max_length=20)
    effective_from: date | None = None
    effective_until: date | None = None
    supersedes: SupersededIds = Field(default_factory=list)
    source: str | None = Field(None, max_length=500, description="Where the text comes from: a file name and page "
                                                                  "(rilis.pdf#page=3) or a URL.")
    published_on: date | None = Field(None, description="When the source document was published (its dateline).")

    @field_validator("effective_from", "effective_until", "published_on", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        return iso_text(value, ISO_DATE, "an ISO-8601 date such as 2026-01-31")

    @model_validator(mode="after")
    def _window(self) -> "PositionIn":
        if self.effective_from and self.effective_until and self.effective_until < self.effective_from:
            raise ValueError("effective_until is before effective_from")
        if self.id in self.supersedes:
            raise ValueError("a position cannot supersede itself")
        return self


# -- the report ------------------------------------------------------------------------------------

class Message(BaseModel):
    """A sentence for a person as the catalogue's id and its parameters (:mod:`service.messages`
    renders it in Indonesian or English when shown, so a stored report reads in either)."""

    id: str = Field(description="Catalogue message id, e.g. conflict.number.", examples=["conflict.number"])
    params: dict[str, str | float] = Field(default_factory=dict, description="The quoted fragments and figures.",
                                           examples=[{"draft": "Rp350 triliun", "reference": "Rp335 triliun"}])

    def key(self) -> tuple[str, tuple[tuple[str, str | float], ...]]:
        """A hashable identity (the same message said twice is said once)."""
        return self.id, tuple(sorted(self.params.items()))


class DecisionKind(StrEnum):
    """What a PR officer decided about a conflict."""

    FIXED = "fixed"
    ACCEPTED = "accepted"
    FALSE_ALARM = "false_alarm"


DecisionKindName = Literal[DecisionKind.FIXED, DecisionKind.ACCEPTED, DecisionKind.FALSE_ALARM]


class Decision(BaseModel):
    """A decision recorded on one finding of a report, by whom and when."""

    finding: int = Field(ge=0)
    decision: DecisionKindName
    note: str = ""
    key_id: str | None = Field(None, description="The API key that recorded it.")
    agency: str | None = Field(None, description="The agency of that key.")
    created_at: str


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


class SupersededMatch(BaseModel):
    """A position that no longer counts (superseded) which the sentence agrees with: the draft repeats the old line."""

    position_id: str
    title: str
    superseded_by: list[str] = Field(description="The positions in effect that replaced it.")
    since: str | None = Field(description="When the first of them took effect (ISO date), if it says.")
    passage: str


class Finding(BaseModel):
    """One sentence of the draft, its offsets and its relation to the corpus."""

    sentence: str
    start: int
    end: int
    relation: RelationName
    reasons: list[str] = Field(description="Why, in the response's language (Indonesian unless ?lang=en or "
                                           "Accept-Language: en).")
    messages: list[Message] = Field(default_factory=list,
                                    description="The reasons as catalogue ids with their quoted fragments.")
    kinds: list[ConflictKindName] = Field(default_factory=list,
                                      description="What a conflict is about (empty unless relation is conflicts).")
    evidence: list[Evidence]
    superseded: list[SupersededMatch] = Field(
        default_factory=list, description="Superseded positions the sentence matches (sesuai posisi lama yang "
                                          "sudah diganti): the draft repeats a line that was replaced.")
    suggestion: str | None = Field(None, description="The sentence with the reference's figure, date, time, "
                                   "negation or institution put in, where the fix is mechanical; else null.")
    decision: Decision | None = Field(None, description="The latest decision recorded on this finding.")
    vision: list[VisionLink] = Field(default_factory=list, description="Vision commitments the sentence advances.")


class VisionLink(BaseModel):
    """A vision commitment one sentence advances (or, in a tension, pulls against), with its evidence."""

    position_id: str = Field(description="The vision position it comes from.")
    agency: str = Field("", description="The agency that publishes the vision text.")
    mission: str = Field(description="The mission, e.g. asta-cita-2.", examples=["asta-cita-2"])
    commitment: str = Field(description="The commitment, e.g. asta-cita-2/pangan.", examples=["asta-cita-2/pangan"])
    label: str = Field(description="The commitment in words.", examples=["swasembada pangan"])
    title: str = Field(description="The vision position's title.")
    passage: str = Field(description="The commitment's wording.")
    similarity: float
    shared: list[str] = Field(default_factory=list, description="Content words the sentence shares with it.")
    reason: str = Field("", description="Why, in the response's language.")
    message: Message | None = None


class VisionItem(BaseModel):
    """A vision commitment (e.g. an Asta Cita mission's swasembada pangan) the draft advances, with the sentences."""

    position_id: str
    title: str
    sentences: list[str]
    mission: str = ""
    commitment: str = ""
    label: str = ""


class VisionTension(BaseModel):
    """A sentence announcing a policy that goes against a vision commitment (also a ``vision`` conflict finding)."""

    finding: int = Field(description="The index of its finding.")
    sentence: str
    kind: str = Field(description="import_reliance, programme_cut, export_raw, weaken_enforcement, "
                                  "environment_harm or exclusion.")
    link: VisionLink


class RelatedStatement(BaseModel):
    """Another agency's published statement that bears on the draft."""

    position_id: str
    title: str
    agency: str
    sentences: list[str]


class ConflictRef(BaseModel):
    """A conflict of a report, as a revision compares them."""

    finding: int = Field(description="Its finding's index in the report it belongs to.")
    sentence: str
    kinds: list[ConflictKindName]
    position_id: str | None
    reference: str = Field(description="The clashing reference fragment (or passage).")


class Revision(BaseModel):
    """How a revised draft's conflicts compare with the report it revises."""

    of: str = Field(description="The id of the earlier report.")
    gone: list[ConflictRef] = Field(description="Conflicts of the earlier report this draft no longer has.")
    still: list[ConflictRef] = Field(description="Conflicts of the earlier report still there (as in this report).")
    new: list[ConflictRef] = Field(description="Conflicts the earlier report did not have.")


class Report(BaseModel):
    """An alignment report: built once by the check, validated, stored and returned as it is."""

    id: str
    title: str | None
    agency: str | None
    score: int = Field(ge=0, le=100)
    verdict: VerdictName
    summary: str = Field(description="The score explained, in the response's language.")
    summary_message: Message | None = None
    language: str = Field("id", description="The language of reasons, summary and suggestions' labels: id or en.")
    counts: dict[str, int]
    findings: list[Finding]
    vision: list[VisionItem]
    vision_summary: str | None = Field(None, description="Which missions the draft strengthens and pulls against, "
                                                         "in the response's language.")
    vision_summary_message: Message | None = None
    vision_tensions: list[VisionTension] = Field(default_factory=list)
    related_statements: list[RelatedStatement] = Field(default_factory=list)
    text: str
    model: str
    judge: str
    corpus_version: int
    created_at: str
    review_url: str | None = None
    revision: Revision | None = Field(None, description="Set when the check revised an earlier report (revision_of).")
