"""Positions from the documents that exist: PDF, DOCX, HTML press-release pages, plain text and Markdown.

:func:`read_document` turns one file into an :class:`Extracted` document with the reader for its
type; :func:`positions_from_files` reads every file of a load first and only then returns the
positions, so one bad file stops the load before anything is written (nothing half-loaded).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import PurePath

from service.documents.base import DocumentError, DocumentLimits, Extracted, Section, check_size
from service.documents.docx import read_docx
from service.documents.html import read_html
from service.documents.pdf import read_pdf
from service.documents.positions import DocumentFields, positions_of
from service.documents.text import read_text
from service.domain import PositionIn

READERS: dict[str, Callable[[str, bytes, DocumentLimits], Extracted]] = {
    ".pdf": read_pdf, ".docx": read_docx, ".html": read_html, ".htm": read_html, ".md": read_text, ".txt": read_text,
}
DOCUMENT_TYPES = (".pdf", ".docx", ".html", ".htm")  # what `selaras load` reads with these readers (it reads .md/.txt itself)


def read_document(name: str, data: bytes, limits: DocumentLimits | None = None) -> Extracted:
    """One file as an extracted document; DocumentError naming the file and why it cannot be one."""
    limits = limits or DocumentLimits()
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise DocumentError(name, "unsupported_type", f"files of type {suffix or '(none)'!s} cannot be loaded; send "
                                                      f"{', '.join(sorted(READERS))}.")
    check_size(name, data, limits)
    document = reader(name, data, limits)
    if not document.text.strip():
        raise DocumentError(name, "empty_document", "no text is left after extraction.")
    if len(document.sections) > limits.max_sections:
        raise DocumentError(name, "too_many_sections", f"the document has {len(document.sections)} sections; the "
                                                       f"limit is {limits.max_sections}.", status=413)
    return document


def positions_from_files(files: list[tuple[str, bytes]], fields: DocumentFields,
                         limits: DocumentLimits | None = None) -> list[tuple[Extracted, list[PositionIn]]]:
    """Every file read and made into positions before any is stored; the first bad file raises DocumentError.

    An ``id`` in ``fields`` names one document, so it is refused with several files.
    """
    if fields.id and len(files) > 1:
        raise DocumentError(files[0][0], "ambiguous_id", "an id names one document; send one file per request "
                                                         "or leave the id out.")
    out = []
    for name, data in files:
        document = read_document(name, data, limits)
        out.append((document, positions_of(document, fields)))
    counts = Counter(p.id for _, positions in out for p in positions)
    clash = next((doc.name for doc, positions in out for p in positions if counts[p.id] > 1), None)
    if clash is not None:
        raise DocumentError(clash, "duplicate_id", "two files of this load make the same position id; rename one.")
    return out


__all__ = ["DOCUMENT_TYPES", "READERS", "DocumentError", "DocumentFields", "DocumentLimits", "Extracted", "Section",
           "positions_from_files", "read_document"]
