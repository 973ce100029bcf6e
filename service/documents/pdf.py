"""PDF: text by page with pypdf; title, author and date from the document information.

An encrypted file is refused (unless it opens with the empty password, as "protected" but
readable releases do), and so is one without a text layer (a scan): nothing to check against.
"""

from __future__ import annotations

import io
import logging
from datetime import date

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from service.documents.base import DocumentError, DocumentLimits, Extracted
from service.documents.split import Line, sections_of

log = logging.getLogger("selaras.documents")
# Below this many letters in the whole file there is no text layer worth the name (a scan).
MIN_LETTERS = 40


def read_pdf(name: str, data: bytes, limits: DocumentLimits) -> Extracted:
    """Sections of a PDF's text (page numbers kept) and its stated title, author and date."""
    if not data.lstrip().startswith(b"%PDF"):
        raise DocumentError(name, "unreadable_document", "this is not a PDF file (no %PDF header).")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise DocumentError(name, "encrypted_document",
                                "the PDF is encrypted with a password; load an unprotected copy.")
        pages = reader.pages
        if len(pages) > limits.max_pages:
            raise DocumentError(name, "too_many_pages", f"the PDF has {len(pages)} pages; the limit is "
                                f"{limits.max_pages} (SELARAS_MAX_DOCUMENT_PAGES).", status=413)
        lines: list[Line] = []
        chars = 0
        for number, page in enumerate(pages, 1):
            text = page.extract_text() or ""
            chars += len(text)
            if chars > limits.max_chars:
                raise DocumentError(name, "document_too_large", f"the PDF holds more than {limits.max_chars:,} "
                                    "characters of text; split it into smaller files.", status=413)
            lines.extend(Line(line, number) for line in text.splitlines())
            lines.append(Line("", number))  # a page break ends a paragraph
        info = reader.metadata
    except DocumentError:
        raise
    except (PdfReadError, FileNotDecryptedError, DependencyError, ValueError, KeyError, TypeError,
            AttributeError, IndexError, RecursionError, OverflowError) as exc:
        # pypdf raises plain Python errors on damaged files too; none of them is the caller's fault to see.
        log.info("unreadable PDF %s: %r", name, exc)
        raise DocumentError(name, "unreadable_document", "the PDF is damaged or not a PDF pypdf can read.") from None
    if sum(c.isalpha() for line in lines for c in line.text) < MIN_LETTERS:
        raise DocumentError(name, "no_text", "the PDF has no text layer (a scanned document?); "
                                             "load a PDF with text, or its OCR output.")
    return Extracted(name=name, sections=sections_of(lines), title=_text(info, "title"),
                     agency=_text(info, "author"), published=_created(info), pages=len(pages))


def _opens_without_password(reader: PdfReader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except (DependencyError, FileNotDecryptedError, PdfReadError, NotImplementedError, ValueError):
        return False


def _text(info: object, field: str) -> str | None:
    value = getattr(info, field, None) if info is not None else None
    value = " ".join(str(value).split()) if value else ""
    return value or None


def _created(info: object) -> date | None:
    try:
        moment = getattr(info, "creation_date", None) if info is not None else None
    except (ValueError, TypeError):  # a malformed /CreationDate string
        return None
    return moment.date() if moment else None
