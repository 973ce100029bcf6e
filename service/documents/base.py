"""What a document becomes before it is a position: its sections and what it says about itself.

Each reader (:mod:`.pdf`, :mod:`.docx`, :mod:`.html`) turns the bytes of one file into an
:class:`Extracted` document or raises :class:`DocumentError` naming the file and why. Nothing is
written anywhere while reading, so a bad file in a batch leaves the corpus untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class DocumentError(ValueError):
    """A file that cannot become positions; ``code`` is machine-readable, ``reason`` is for people."""

    def __init__(self, file: str, code: str, reason: str, status: int = 422) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.code = code
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class DocumentLimits:
    """Bounds on the work one file may cause (sizes are checked before parsing)."""

    max_bytes: int = 10_000_000  # one file as uploaded or read from disk
    max_pages: int = 300  # PDF pages read
    max_chars: int = 1_000_000  # text kept after extraction, all sections together
    max_unzipped_bytes: int = 50_000_000  # a DOCX is a zip: what its parts expand to
    max_sections: int = 200  # positions one document may become


@dataclass(frozen=True)
class Section:
    """A run of text under one heading (``None`` for the text before the first), and the page it starts on."""

    heading: str | None
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Extracted:
    """One document as read: its sections and the metadata it states (``None`` where it states none)."""

    name: str
    sections: list[Section]
    title: str | None = None
    agency: str | None = None
    published: date | None = None
    language: str | None = None
    pages: int | None = None

    @property
    def text(self) -> str:
        """All sections' text, in order."""
        return "\n\n".join(s.text for s in self.sections)


def check_size(name: str, data: bytes, limits: DocumentLimits) -> None:
    """Refuse a file over the size limit before any parser sees it."""
    if len(data) > limits.max_bytes:
        raise DocumentError(name, "document_too_large",
                            f"the file has {len(data):,} bytes; the limit is {limits.max_bytes:,} "
                            "(SELARAS_MAX_DOCUMENT_BYTES).", status=413)
    if not data.strip():
        raise DocumentError(name, "empty_document", "the file is empty.")
