"""HTML (a saved press-release page): the article with trafilatura, its menus, share bars and footers left out.

Title, site name and date come from the page's metadata as trafilatura reads it (``<title>``,
Open Graph, ``<time>``); headings inside the article (``<h2>``…) become section breaks.
"""

from __future__ import annotations

import logging
from datetime import date

import trafilatura
from lxml.etree import LxmlError

from service.documents.base import DocumentError, DocumentLimits, Extracted
from service.documents.split import Line, sections_of

log = logging.getLogger("selaras.documents")
# Site names say who published: "Kementerian Pertanian Republik Indonesia" is the ministry.
_SITE_SUFFIXES = (" republik indonesia", " ri", " - portal resmi", " | portal resmi")


def read_html(name: str, data: bytes, limits: DocumentLimits) -> Extracted:
    """The page's main text as sections, and the title, publisher and date it states."""
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, favor_precision=True, include_comments=False,
                                          include_tables=True, deduplicate=False)
    except (LxmlError, ValueError, TypeError, RecursionError) as exc:
        log.info("unreadable HTML %s: %r", name, exc)
        raise DocumentError(name, "unreadable_document", "the page could not be parsed as HTML.") from None
    if doc is None or doc.body is None:
        raise DocumentError(name, "empty_document", "no article text was found on the page (only menus, "
                                                    "links or boilerplate).")
    title = " ".join((doc.title or "").split()) or None
    lines: list[Line] = []
    for element in doc.body:
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        if element.tag == "head":
            if title and text.casefold() == title.casefold():
                continue  # the page's own title, already the position's title
            lines.append(Line(text, None, True, paragraph=True))
        else:
            lines.append(Line(text, None, None if element.tag == "p" else False, paragraph=True))
    if sum(len(line.text) for line in lines) > limits.max_chars:
        raise DocumentError(name, "document_too_large", f"the page holds more than {limits.max_chars:,} "
                                                        "characters of text.", status=413)
    return Extracted(name=name, sections=sections_of(lines), title=title, agency=_publisher(doc.sitename),
                     published=_date(doc.date))


def _publisher(sitename: str | None) -> str | None:
    name = " ".join((sitename or "").split())
    lowered = name.casefold()
    for suffix in _SITE_SUFFIXES:
        if lowered.endswith(suffix):
            name = name[: -len(suffix)].strip()
            lowered = name.casefold()
    return name or None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
