"""``POST /v1/positions/upload``: curators load PDF, DOCX and HTML press releases (and .md/.txt) as positions.

Every file of a request is read and turned into positions first (:mod:`service.documents`); a bad
one answers 413/422 naming the file and why, and nothing of the request is stored. The form's
fields (title, agency, dates, supersedes…) win over what the documents say about themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

import anyio
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body
from pydantic import ValidationError

from service.api.errors import ApiError
from service.api.schemas import DocumentResult, PositionResult, UploadResult
from service.config import Settings
from service.corpus import Corpus
from service.documents import DocumentError, DocumentFields, DocumentLimits, positions_from_files
from service.domain import PositionIn

# The body of one upload request, all files together (litestar refuses more with 413 before parsing).
MAX_UPLOAD_BODY = 25_000_000
MAX_FILES = 20
STATEMENT_PREFIX = "statement/"


@dataclass
class UploadForm:
    """multipart/form-data: one or more ``files`` and optional fields that override the documents' own."""

    files: list[UploadFile]
    id: str | None = None
    title: str | None = None
    agency: str | None = None
    kind: str | None = None
    topics: str | None = field(default=None, metadata={"description": "Comma-separated."})
    language: str | None = None
    published_on: str | None = None
    effective_from: str | None = None
    effective_until: str | None = None
    supersedes: str | None = field(default=None, metadata={"description": "Comma-separated position ids."})


UploadBody = Annotated[UploadForm, Body(media_type=RequestEncodingType.MULTI_PART)]


def document_limits(settings: Settings) -> DocumentLimits:
    """The configured bounds on one document."""
    return DocumentLimits(max_bytes=settings.max_document_bytes, max_pages=settings.max_document_pages)


def form_fields(form: UploadForm) -> DocumentFields:
    """The form's fields as validated overrides; 422 naming the field when one is invalid."""
    values = {k: v for k, v in form.__dict__.items() if k in DocumentFields.model_fields}
    try:
        return DocumentFields.model_validate_form(values)
    except (ValidationError, ValueError) as exc:
        problems = exc.errors() if isinstance(exc, ValidationError) else [{"loc": ("form",), "msg": str(exc)}]
        details = [{"field": ".".join(map(str, e["loc"])), "problem": e["msg"], "source": "body"} for e in problems]
        raise ApiError(422, "invalid_request", "; ".join(f"{d['field']}: {d['problem']}" for d in details[:5]),
                       details=details) from None


def refuse_reserved(items: list[PositionIn]) -> None:
    """Ids under ``statement/`` hold agencies' statements only (422 ``reserved_id``)."""
    reserved = [i.id for i in items if i.id.startswith(STATEMENT_PREFIX) and i.kind != "statement"]
    if reserved:
        raise ApiError(422, "reserved_id", f"Ids under {STATEMENT_PREFIX!r} hold agencies' statements only: "
                                           f"{', '.join(reserved[:5])}.")


async def load_upload(form: UploadForm, corpus: Corpus, settings: Settings) -> UploadResult:
    """Read every file, then store every position; what both the API and the curator page run."""
    files = [f for f in form.files if isinstance(f, UploadFile)]
    if not files:
        raise ApiError(422, "invalid_request", "files: send at least one file (multipart field 'files').")
    if len(files) > MAX_FILES:
        raise ApiError(413, "too_many_files", f"{len(files)} files in one upload; the limit is {MAX_FILES}.")
    fields = form_fields(form)
    named = [((f.filename or "document").rsplit("/", 1)[-1][:200] or "document", await f.read()) for f in files]
    read = await anyio.to_thread.run_sync(positions_from_files, named, fields, document_limits(settings))
    items = [p for _, positions in read for p in positions]
    if len(items) > settings.max_positions_per_request:
        raise DocumentError(read[0][0].name, "too_many_positions", f"the upload makes {len(items)} positions; the "
                            f"limit is {settings.max_positions_per_request}.", status=413)
    refuse_reserved(items)
    statuses = dict(zip((p.id for p in items), await anyio.to_thread.run_sync(corpus.upsert_positions, items)))
    documents = []
    for document, positions in read:
        results = []
        for p in positions:
            record = corpus.records.get_position(p.id)
            results.append(PositionResult(id=p.id, status=statuses[p.id], version=record.version,
                                          passages=record.passages))
        first = positions[0]
        documents.append(DocumentResult(file=document.name, title=first.title, agency=first.agency,
                                        published_on=first.published_on.isoformat() if first.published_on else None,
                                        language=first.language, pages=document.pages, positions=results))
    return UploadResult(documents=documents, corpus_version=corpus.version())
