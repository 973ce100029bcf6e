"""Plain text and Markdown files: UTF-8 lines, ``#`` headings, the first heading as the title."""

from __future__ import annotations

from service.documents.base import DocumentError, DocumentLimits, Extracted
from service.documents.split import Line, sections_of


def read_text(name: str, data: bytes, limits: DocumentLimits) -> Extracted:
    """Sections of a .txt or .md file: Markdown headings are headings; other lines by their shape."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(name, "unreadable_document", "the file is not UTF-8 text.") from None
    if len(text) > limits.max_chars:
        raise DocumentError(name, "document_too_large", f"the file holds more than {limits.max_chars:,} characters.",
                            status=413)
    title = None
    lines: list[Line] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
            if title is None and not lines and stripped.startswith("# "):
                title = heading  # "# Title" on the first line names the document
                continue
            lines.append(Line(heading, None, True))
        else:
            lines.append(Line(raw))
    return Extracted(name=name, sections=sections_of(lines), title=title)
