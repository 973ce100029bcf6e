"""The message catalogue: every id the code uses is in both languages with the same placeholders, and
rendering, language negotiation and reports read back in either language behave."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from service import messages
from service.domain import Finding, Message, Report
from service.messages import LANGUAGES, localise, negotiate, reason, render

LOCALE = Path(messages.__file__).parent / "locale"
PLACEHOLDER = string.Formatter()


def _catalogue(language: str) -> dict[str, str]:
    with (LOCALE / language / "LC_MESSAGES" / "selaras.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in PLACEHOLDER.parse(text) if name}


def _ids_in_code() -> set[str]:
    ids = set()
    for name, value in vars(messages).items():
        if name.isupper() and isinstance(value, str) and re.fullmatch(r"[a-z]+\.[a-z_]+", value):
            ids.add(value)
        elif name.isupper() and isinstance(value, dict):
            ids |= set(value.values())
    template = (Path(messages.__file__).parent / "templates" / "report.html").read_text()
    ids |= set(re.findall(r"""_\(["']([a-z]+\.[a-z_]+)["']\)""", template))
    return ids


def test_both_languages_have_the_same_ids_and_placeholders():
    catalogues = {language: _catalogue(language) for language in LANGUAGES}
    assert catalogues["id"].keys() == catalogues["en"].keys()
    for message_id, text in catalogues["en"].items():
        assert text and catalogues["id"][message_id], message_id
        assert _fields(text) == _fields(catalogues["id"][message_id]), message_id


def test_every_id_the_code_uses_is_in_the_catalogue():
    missing = _ids_in_code() - _catalogue("id").keys()
    assert not missing, missing
    for prefix, values in (("verdict.", ("aligned", "review", "conflict")),
                           ("decision.", ("fixed", "accepted", "false_alarm"))):
        assert {prefix + v for v in values} <= _catalogue("en").keys()


def test_conflict_reasons_quote_both_fragments_in_both_languages():
    for message_id in [*messages.CONFLICT.values(), messages.NEGATION_BY_DRAFT, messages.NEGATION_BY_REFERENCE,
                       messages.ANTONYM]:
        for language in LANGUAGES:
            assert {"draft", "reference"} <= _fields(_catalogue(language)[message_id]), (message_id, language)


def test_render_formats_decimals_per_language_and_appends_the_statement_note():
    why = reason(messages.CLASSIFIER_CONFLICT, reference="Harga tidak naik.", p=0.85, statement_by="Kementerian X")
    assert str(why).startswith('The trained classifier judges this contradicts "Harga tidak naik." (p=0.85).')
    assert "not an official position" in why and "Kementerian X" in why
    indonesian = render(why.message, "id")
    assert "(p=0,85)" in indonesian and "bukan posisi resmi" in indonesian
    # An id this version does not know (a report stored by a newer one) shows as the id, not an error.
    assert render(Message(id="conflict.unheard_of", params={"draft": "a"}), "id") == "conflict.unheard_of"


@pytest.mark.parametrize("query, header, expected", [
    (None, None, "id"), ("en", None, "en"), ("id", "en", "id"), (None, "en-US,en;q=0.9", "en"),
    (None, "fr-FR, en;q=0.5", "en"), (None, "id;q=0.2, en;q=0.8", "en"), (None, "fr, de", "id"),
    (None, "en;q=0", "id"), (None, "garbage;q=x, ;;;", "id"), (None, "de," * 10_000 + "en", "id"),
])
def test_language_negotiation(query, header, expected):
    assert negotiate(query, header) == expected


def test_a_stored_report_renders_in_either_language_and_an_old_one_stays_english():
    why = reason(messages.CONFLICT["date"], draft="15 Februari 2026", reference="14 Februari 2026")
    finding = Finding(sentence="s", start=0, end=1, relation="conflicts", reasons=[str(why)], messages=[why.message],
                      kinds=["date"], evidence=[])
    summary = reason(messages.SUMMARY_CONFLICT, supports=0, total=1, conflicts=1, unsupported=0)
    base = dict(id="r", title=None, agency=None, score=0, verdict="conflict", counts={}, findings=[finding],
                vision=[], text="s", model="m", judge="j", corpus_version=1, created_at="2026-01-01T00:00:00+00:00")
    report = Report(**base, summary=str(summary), summary_message=summary.message)
    indonesian = localise(report, "id")
    assert indonesian.findings[0].reasons == ['Tanggal berbeda: draf menyebut "15 Februari 2026", sedangkan rujukan '
                                              'menyebut "14 Februari 2026".']
    assert indonesian.summary.startswith("0 dari 1 kalimat") and indonesian.language == "id"
    assert localise(indonesian, "en").findings[0].reasons == [str(why)]
    old = Report(**{**base, "findings": [finding.model_copy(update={"messages": []})]}, summary="English.")
    assert localise(old, "id").summary == "English." and localise(old, "id").language == "en"
