"""The message catalogue: every sentence the service shows a person, in Bahasa Indonesia and English.

Reasons, summaries, verdicts and the review page's labels are gettext messages with stable symbolic
ids (``conflict.number``) and named placeholders (``{draft}``, ``{reference}``), kept in one ``.po``
file per language under ``service/locale/<lang>/LC_MESSAGES/selaras.po``. Babel reads and compiles
them in memory at first use, so the ``.po`` files are the only source (no compiled ``.mo`` to go
stale). The judge and scoring produce :class:`~service.domain.Message` objects (id + parameters);
they are rendered into a language only when shown, so a stored report reads in either language.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from importlib.resources import files

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from service.domain import Message, Report, VisionLink

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
DOMAIN = "selaras"

# Message ids the code uses (the catalogue test checks each is in every language, placeholders alike).
CONFLICT = {
    "number": "conflict.number", "date": "conflict.date", "time": "conflict.time",
    "entity": "conflict.entity", "institution": "conflict.institution", "scope": "conflict.scope",
}
NEGATION_BY_DRAFT = "conflict.negation_draft"
NEGATION_BY_REFERENCE = "conflict.negation_reference"
ANTONYM = "conflict.antonym"
PERSISTENCE = "conflict.persistence"
DIRECTION = "conflict.direction"
BOUND = "conflict.bound"
COST = "conflict.cost"
FREQUENCY = "conflict.frequency"
MODALITY = {"required": "conflict.required", "permitted": "conflict.permitted", "unchanged": "conflict.unchanged"}
CLASSIFIER_CONFLICT = "conflict.classifier"
CLASSIFIER_SUSPECTS = "unsupported.suspected"
STATEMENT_NOTE = "note.statement"
SUPPORT_CLASSIFIER = "support.classifier"
SUPPORT_RESTATES = "support.restates"
SUPPORT_SAME = "support.same"
UNSUPPORTED_NONE = "unsupported.none"
UNSUPPORTED_RELATED = "unsupported.related"
SUMMARY_PLAIN = "summary.plain"
SUMMARY_CONFLICT = "summary.conflict"
SUMMARY_HALF_BACKED = "summary.half_backed"
SUMMARY_UNBACKED_ON_TOPIC = "summary.unbacked_on_topic"
SUMMARY_WEAKLY_BACKED = "summary.weakly_backed"
VISION_ADVANCES = "vision.advances"
VISION_TENSION = "vision.tension"
VISION_SUMMARY = "vision.summary"
VISION_SUMMARY_TENSION = "vision.summary_tension"
VISION_SUMMARY_ONLY_TENSION = "vision.summary_only_tension"
VERBATIM = "verbatim"  # a text kept as it was written ({text}): reasons from outside the catalogue

# Parameters shown as decimals ("0.85" in English, "0,85" in Indonesian).
_DECIMALS = {"p", "similarity"}


@lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``language`` (one of :data:`LANGUAGES`)."""
    source = files("service") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def gettext_for(language: str):  # noqa: ANN201 - the gettext callable the templates install
    """``_`` for ``language``: a message id to its text (the id itself if the catalogue lacks it)."""
    return translations(language).gettext


def render(message: Message, language: str = DEFAULT_LANGUAGE) -> str:
    """One message as text in ``language``; a statement note rides along when the params name its agency.

    An id the catalogue does not know (a report stored by a newer version) comes back as the id.
    """
    text = _format(message.id, message.params, language)
    if "statement_by" in message.params:
        text += " " + _format(STATEMENT_NOTE, {"agency": message.params["statement_by"]}, language)
    return text


def _format(message_id: str, params: dict[str, str | int | float], language: str) -> str:
    template = translations(language).gettext(message_id)
    shown = {name: _shown(name, value, language) for name, value in params.items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template  # a stored message whose params no longer fit: the text without them


def _shown(name: str, value: str | int | float, language: str) -> str | int | float:
    """Scores as decimals in the language's way ("0,85"); counts (stored as JSON numbers, 3.0) as whole numbers."""
    if isinstance(value, str):
        return value
    if name in _DECIMALS:
        return _decimal(float(value), language)
    return int(value) if float(value).is_integer() else value


@lru_cache(maxsize=4096)
def _decimal(value: float, language: str) -> str:
    """Babel's formatting of a score, once per value and language (a report renders hundreds of them)."""
    return format_decimal(value, "0.00", locale=language)


def negotiate(query: str | None, accept_language: str | None) -> str:
    """The language of a response: ``?lang=`` first, then ``Accept-Language``, else Indonesian."""
    if query and query.strip().lower()[:2] in LANGUAGES:
        return query.strip().lower()[:2]
    if accept_language:
        for choice in _preferences(accept_language):
            if choice in LANGUAGES:
                return choice
    return DEFAULT_LANGUAGE


def _preferences(header: str) -> list[str]:
    """Accept-Language's primary languages, most preferred first (bounded: at most 20 entries)."""
    ranked = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        language = tag.strip().split("-")[0].lower()
        if language and weight > 0:
            ranked.append((-weight, position, language))
    return [language for _, _, language in sorted(ranked)]


class Reason(str):
    """A judge's reason: its English text (what logs, benchmarks and the judge's tests read) that also
    carries the catalogue :class:`~service.domain.Message` it was rendered from, so the report can show it
    in any language without parsing the text back."""

    message: Message

    def __new__(cls, message: Message) -> "Reason":
        text = super().__new__(cls, render(message, "en"))
        text.message = message
        return text


def reason(message_id: str, **params: str | int | float) -> Reason:
    """A reason from the catalogue: ``reason(CONFLICT["number"], draft="Rp350 triliun", reference="Rp335 triliun")``."""
    return Reason(Message(id=message_id, params=params))


def message_of(text: str) -> Message:
    """The message behind a reason (a plain string, from older code paths, is kept verbatim)."""
    return text.message if isinstance(text, Reason) else Message(id=VERBATIM, params={"text": text})


def localise(report: Report, language: str) -> Report:
    """``report`` with its reasons and summary rendered in ``language`` from their catalogue messages.

    A report stored before messages were kept has English text only: it is returned as it was, saying so.
    """
    if report.summary_message is None:
        return report.model_copy(update={"language": "en"})
    findings = [f.model_copy(update={"reasons": [render(m, language) for m in f.messages],
                                     "vision": [_localised(link, language) for link in f.vision]})
                if f.messages else f for f in report.findings]
    tensions = [t.model_copy(update={"link": _localised(t.link, language)}) for t in report.vision_tensions]
    vision_summary = (render(report.vision_summary_message, language) if report.vision_summary_message
                      else report.vision_summary)
    return report.model_copy(update={"findings": findings, "summary": render(report.summary_message, language),
                                     "vision_tensions": tensions, "vision_summary": vision_summary,
                                     "language": language})


def _localised(link: VisionLink, language: str) -> VisionLink:
    return link.model_copy(update={"reason": render(link.message, language)}) if link.message else link
