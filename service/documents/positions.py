"""An extracted document as positions: its metadata filled in where the document states it, the
curator's fields over it, and one position per section when the document is long.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import PurePath

from pydantic import Field, ValidationError

from service.documents.base import DocumentError, Extracted, Section
from service.documents.dateline import find_dateline, first_date
from service.documents.split import merge_short
from service.domain import ID_PATTERN, ISO_DATE, PositionIn, PositionKindName, Strict, SupersededIds, iso_text
from service.text.words import looks_english

# A document longer than this with headings becomes one position per section: a check then
# retrieves and shows the section that says it, and each keeps its page.
SPLIT_ABOVE_CHARS = 4000
# Who issued it: a ministry, agency, office, commission... followed by its capitalised name.
AGENCY = re.compile(
    r"\b(?:Kementerian|Kemenko|Badan|Kantor|Komisi|Otoritas|Lembaga|Sekretariat|Bank|Dewan|Kejaksaan|Kepolisian"
    r"|Pemerintah\s+(?:Provinsi|Kabupaten|Kota)|Ministry|Agency|Office)"
    r"(?:\s+(?:dan\s+|of\s+(?:the\s+)?|and\s+)?[A-Z][\w/&.\-]*){1,6}")


class DocumentFields(Strict):
    """What a curator states about uploaded documents; each field set here wins over the document's own."""

    id: str | None = Field(None, min_length=1, max_length=120, pattern=ID_PATTERN,
                           description="Position id (default: from the file name); sections get <id>/<heading>.")
    title: str | None = Field(None, min_length=1, max_length=500)
    agency: str | None = Field(None, min_length=1, max_length=200)
    kind: PositionKindName | None = None
    topics: list[str] = Field(default_factory=list, max_length=50)
    language: str | None = Field(None, max_length=20)
    published_on: date | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    supersedes: SupersededIds = Field(default_factory=list)

    @classmethod
    def model_validate_form(cls, form: dict[str, object]) -> "DocumentFields":
        """From form fields as sent (empty ones left out; dates as ISO text; topics and supersedes comma-separated)."""
        data: dict[str, object] = {k: v for k, v in form.items() if v not in (None, "", [])}
        for name in ("topics", "supersedes"):
            if isinstance(data.get(name), str):
                data[name] = [part.strip() for part in str(data[name]).split(",") if part.strip()]
        for name in ("published_on", "effective_from", "effective_until"):
            if name in data:
                iso_text(data[name], ISO_DATE, "an ISO-8601 date such as 2026-01-31")
        return cls.model_validate(data)


def agency_in(text: str | None) -> str | None:
    """The first agency name in ``text`` ("Kementerian Pertanian menetapkan…" → "Kementerian Pertanian")."""
    match = AGENCY.search(text or "")
    return match.group().rstrip(".") if match else None


def base_id(name: str) -> str:
    """A position id from a file name: "Siaran Pers 12 (final).pdf" → "siaran-pers-12-final"."""
    stem = PurePath(name).stem
    return re.sub(r"[^a-z0-9]+", "-", stem.casefold()).strip("-")[:100] or "document"


def positions_of(doc: Extracted, fields: DocumentFields) -> list[PositionIn]:
    """The positions a document becomes; DocumentError when one would be invalid (naming the field)."""
    sections = list(doc.sections)
    published = fields.published_on
    if sections:  # the dateline opens the release: its date is the publication date, not a fact to check
        dateline = find_dateline(sections[0].text)
        if dateline is not None:
            published = published or dateline.day
            sections[0] = replace(sections[0], text=sections[0].text[dateline.end:].lstrip())
            sections = merge_short(sections)  # what is left of the opening may now be too short to stand alone
    text_all = "\n\n".join(s.text for s in sections)
    published = published or first_date(text_all) or doc.published
    title = fields.title or doc.title or next((s.heading for s in sections if s.heading), None) \
        or PurePath(doc.name).stem
    agency = fields.agency or _agency_shaped(doc.agency) or agency_in(f"{title}\n{text_all[:3000]}") or doc.agency
    if not agency:
        raise DocumentError(doc.name, "no_agency", "the document does not say which agency issued it; "
                                                   "give the agency.")
    common = {
        "agency": agency, "kind": fields.kind or "position", "topics": fields.topics,
        "language": fields.language or doc.language or ("en" if looks_english(text_all[:5000]) else "id"),
        "published_on": published, "effective_from": fields.effective_from or published,
        "effective_until": fields.effective_until, "supersedes": fields.supersedes,
    }
    ident = fields.id or base_id(doc.name)
    split = len(text_all) > SPLIT_ABOVE_CHARS and sum(1 for s in sections if s.heading) >= 2
    first_page = sections[0].page if sections else None
    parts = _parts(ident, title, sections) if split else [(ident, title, _whole(sections), first_page)]
    try:
        return [PositionIn(id=pid, title=ptitle[:500], text=text, source=_source(doc.name, page), **common)
                for pid, ptitle, text, page in parts]
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'position'}: {e['msg']}" for e in exc.errors()[:3])
        raise DocumentError(doc.name, "invalid_position", f"it does not make a valid position ({problems}).") \
            from None


def _agency_shaped(value: str | None) -> str | None:
    # Metadata authors are often a person or "Microsoft Word"; only an agency's name is taken from there.
    match = AGENCY.match(value or "")
    return value.strip() if match else None


def _whole(sections: list[Section]) -> str:
    return "\n\n".join(p for s in sections for p in (s.heading if s.heading and s.text else "", s.text) if p)


def _parts(ident: str, title: str, sections: list[Section]) -> list[tuple[str, str, str, int | None]]:
    parts: list[tuple[str, str, str, int | None]] = []
    seen: set[str] = set()
    for section in sections:
        slug = re.sub(r"[^a-z0-9]+", "-", (section.heading or "pembuka").casefold()).strip("-")[:60] or "bagian"
        local, n = slug, 2
        while local in seen:
            local, n = f"{slug}-{n}", n + 1
        seen.add(local)
        name = f"{title} — {section.heading}" if section.heading else title
        parts.append((f"{ident}/{local}", name, section.text, section.page))
    return parts


def _source(name: str, page: int | None) -> str:
    return f"{name}#page={page}" if page else name
