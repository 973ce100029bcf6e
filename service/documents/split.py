"""Lines of extracted text into sections by heading, with boilerplate dropped.

Readers that know their headings (DOCX styles, HTML ``<h2>``) pass them; for PDF text, which has
only lines, a heading is recognised by its shape: short, no closing punctuation, and numbered
("1. Latar Belakang", "BAB II", "A. Tarif") or in capitals ("KETENTUAN TARIF").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.documents.base import Section

# Lines a ministry page or PDF repeats around every text: view counters, share buttons, page numbers.
BOILERPLATE = re.compile(
    r"^(?:di\s?baca\s+[\d.,]+\s*(?:kali|x)\b.*|dilihat\s+[\d.,]+\s*kali\b.*|views?\s*:?\s*[\d.,]+"
    r"|(?:bagikan|share)(?:\s+(?:ke|ini|berita|artikel))?\s*:?(?:\s*(?:facebook|twitter|x|whatsapp|telegram|"
    r"linkedin|email|salin tautan|copy link)\b[\s,|]*)*"
    r"|baca\s+juga\s*:.*|(?:halaman|page)\s+\d+(?:\s+(?:dari|of)\s+\d+)?|\d{1,4}|-\s*\d{1,4}\s*-"
    r"|tags?\s*:.*|editor\s*:.*|penulis\s*:.*|sumber\s*:.*"
    r"|siaran\s+pers(?:\s+(?:no(?:mor)?\.?|number)\s*:?\s*\S+)?|press\s+release|untuk\s+segera\s+dipublikasikan"
    r"|for\s+immediate\s+release)$",
    re.I,
)
_NUMBERED = re.compile(r"^(?:BAB\s+[IVXLC]+\b|[IVXLC]{1,6}\.\s|\d{1,2}\.(?:\d{1,2}\.?)?\s|[A-H]\.\s)\s*\S")
_CLOSING = ".,;:!?…\"'”)"
MAX_HEADING_CHARS = 90
# Shorter runs of text are not a position of their own: they join the section after them.
MIN_SECTION_CHARS = 120


@dataclass(frozen=True)
class Line:
    """One line of a document, the page it is on, and whether its reader knows it is a heading."""

    text: str
    page: int | None = None
    heading: bool | None = None  # None: decide by its shape
    paragraph: bool = False  # a whole paragraph (DOCX, HTML), not a wrapped line of one (PDF)


def is_boilerplate(line: str) -> bool:
    """A view counter, share bar, page number, "Baca juga" link or byline: not part of the statement."""
    return bool(BOILERPLATE.fullmatch(line.strip()))


def looks_like_heading(line: str) -> bool:
    """Numbered or capitalised, short, and not ending like a sentence."""
    text = line.strip()
    if not text or len(text) > MAX_HEADING_CHARS or text[-1] in _CLOSING:
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 4 and all(c.isupper() for c in letters) and len(text.split()) <= 10
    return bool(_NUMBERED.match(text)) or capitals


def sections_of(lines: list[Line]) -> list[Section]:
    """Group lines into sections at each heading; wrapped lines of a paragraph are joined.

    A blank line ends a paragraph; a line ending in a hyphen joins the next without a space.
    Boilerplate lines are dropped. Linear in the number of lines.
    """
    sections: list[Section] = []
    heading: str | None = None
    page: int | None = None
    paragraphs: list[str] = []
    current: list[str] = []

    def end_paragraph() -> None:
        if current:
            paragraphs.append(_join(current))
            current.clear()

    def end_section() -> None:
        end_paragraph()
        text = "\n\n".join(p for p in paragraphs if p)
        if text or heading:
            sections.append(Section(heading, text, page))
        paragraphs.clear()

    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            end_paragraph()
            continue
        if is_boilerplate(text):
            continue
        # By shape only where a paragraph could end: a wrapped line ("20 persen dari") is no heading.
        shaped = not current or current[-1][-1] in ".!?:…" if line.heading is None else line.heading
        if shaped and (line.heading or looks_like_heading(text)):
            end_section()
            heading, page = text, line.page
            continue
        if page is None:
            page = line.page
        current.append(text)
        if line.paragraph:
            end_paragraph()
    end_section()
    return merge_short(sections)


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        out = out[:-1] + part if out.endswith("-") and out[-2:-1].isalpha() else f"{out} {part}"
    return out


def merge_short(sections: list[Section]) -> list[Section]:
    """Sections with too little text to stand alone join the next one, its heading kept as a line of text."""
    out: list[Section] = []
    carry: Section | None = None
    for section in sections:
        if carry is not None:
            text = "\n\n".join(t for t in (carry.text, section.heading or "", section.text) if t)
            section = Section(carry.heading, text, carry.page or section.page)
            carry = None
        if len(section.text) < MIN_SECTION_CHARS:
            carry = section
            continue
        out.append(section)
    if carry is not None:
        if out:  # a short last section joins the one before it
            last = out.pop()
            text = "\n\n".join(t for t in (last.text, carry.heading or "", carry.text) if t)
            out.append(Section(last.heading, text, last.page))
        elif carry.text:
            out.append(carry)
    return out
