"""DOCX: paragraphs and their heading styles with python-docx; title, author and date from its core properties.

A DOCX is a zip archive: its members' declared sizes are checked before anything is inflated.
"""

from __future__ import annotations

import io
import logging
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from service.documents.base import DocumentError, DocumentLimits, Extracted
from service.documents.split import Line, sections_of

log = logging.getLogger("selaras.documents")


def read_docx(name: str, data: bytes, limits: DocumentLimits) -> Extracted:
    """Sections by the document's own headings (Heading styles), and its stated title, author and date."""
    _check_archive(name, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        props = document.core_properties
        title, author, created = props.title, props.author, props.created
        lines: list[Line] = []
        title_style: str | None = None
        chars = 0
        for paragraph in document.paragraphs:
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            text = paragraph.text
            chars += len(text)
            if style == "Title" and not title_style:
                title_style = " ".join(text.split())
                continue
            lines.append(Line(text, None, True if style.startswith("Heading") else None, paragraph=True))
        for table in document.tables:  # tables of figures belong to the statement too
            for row in table.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                lines.append(Line(" | ".join(dict.fromkeys(c for c in cells if c)), None, False, paragraph=True))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError) as exc:
        log.info("unreadable DOCX %s: %r", name, exc)
        raise DocumentError(name, "unreadable_document", "the file is damaged or not a Word (.docx) document.") \
            from None
    if chars > limits.max_chars:
        raise DocumentError(name, "document_too_large", f"the document holds more than {limits.max_chars:,} "
                                                        "characters of text; split it into smaller files.", status=413)
    return Extracted(name=name, sections=sections_of(lines), title=(title or "").strip() or title_style,
                     agency=(author or "").strip() or None, published=created.date() if created else None)


def _check_archive(name: str, data: bytes, limits: DocumentLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        log.info("not a zip archive %s: %r", name, exc)
        raise DocumentError(name, "unreadable_document", "the file is damaged or not a Word (.docx) document.") \
            from None
    if size > limits.max_unzipped_bytes:
        raise DocumentError(name, "document_too_large", f"the document expands to {size:,} bytes; the limit is "
                                                        f"{limits.max_unzipped_bytes:,}.", status=413)
