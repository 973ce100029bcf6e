"""Suggested corrections: only where the fix is mechanical, in the draft's own words and format."""

from __future__ import annotations

from service.domain import Evidence
from service.messages import ANTONYM, CLASSIFIER_CONFLICT, CONFLICT, NEGATION_BY_DRAFT, NEGATION_BY_REFERENCE, reason
from service.suggestions import suggest


def _ev(passage: str) -> Evidence:
    return Evidence(position_id="p", title="t", agency="a", kind="position", official=True, passage=passage,
                    similarity=0.95)


def _suggest(sentence: str, passage: str, *reasons) -> str | None:
    return suggest(sentence, [r.message for r in reasons], [_ev(passage)])


def test_a_figure_keeps_the_drafts_format():
    sentence = "Pada 15 Februari 2026 pukul 21.00 WIB, anggaran Rp350 triliun disahkan."
    passage = "Anggaran Rp335 triliun disahkan pada 14 Februari 2026 pukul 20.00 WIB."
    assert _suggest(sentence, passage,
                    reason(CONFLICT["number"], draft="Rp350 triliun", reference="Rp335 triliun"),
                    reason(CONFLICT["date"], draft="15 Februari 2026", reference="14 Februari 2026"),
                    reason(CONFLICT["time"], draft="pukul 21.00 WIB", reference="pukul 20.00 WIB"),
                    ) == "Pada 14 Februari 2026 pukul 20.00 WIB, anggaran Rp335 triliun disahkan."


def test_other_words_in_the_same_language_take_the_references_wording():
    assert _suggest("Program dimulai akhir tahun ini.", "Program dimulai tahun depan oleh pemerintah.",
                    reason(CONFLICT["date"], draft="akhir tahun ini", reference="tahun depan")) \
        == "Program dimulai tahun depan."
    assert _suggest("Dana dikelola oleh BPDP untuk rakyat.", "Dana dikelola oleh Badan Pengelola Tapera.",
                    reason(CONFLICT["institution"], draft="dikelola oleh BPDP",
                           reference="dikelola oleh Badan Pengelola Tapera")) \
        == "Dana dikelola oleh Badan Pengelola Tapera untuk rakyat."


def test_negation_is_added_or_removed():
    assert _suggest("Pemerintah akan menaikkan harga BBM.", "Pemerintah tidak menaikkan harga BBM bersubsidi.",
                    reason(NEGATION_BY_REFERENCE, word="menaikkan", draft="Pemerintah akan menaikkan harga BBM",
                           reference="tidak menaikkan harga BBM")) == "Pemerintah tidak akan menaikkan harga BBM."
    assert _suggest("Tidak menutup sekolah selama banjir.", "Pemerintah menutup sekolah selama banjir.",
                    reason(NEGATION_BY_DRAFT, word="menutup", draft="Tidak menutup sekolah",
                           reference="menutup sekolah")) == "Menutup sekolah selama banjir."


def test_no_suggestion_where_the_fix_needs_judgement():
    number = reason(CONFLICT["number"], draft="Rp350 triliun", reference="Rp335 triliun")
    sentence, passage = "Anggaran Rp350 triliun dinaikkan.", "Anggaran Rp335 triliun diturunkan."
    assert _suggest(sentence, passage, reason(ANTONYM, word="dinaikkan", draft="dinaikkan", reference_word="diturunkan",
                                              reference="diturunkan", pair="naik/turun")) is None
    assert _suggest(sentence, passage, reason(CLASSIFIER_CONFLICT, reference=passage, p=0.9)) is None
    assert _suggest(sentence, passage, number, reason(CONFLICT["scope"], draft="a", reference="b")) is None
    # A translation is no mechanical fix; two references asking for different values neither.
    assert _suggest("The budget is $5 million in total.", "Anggarannya sebesar Rp5 miliar secara keseluruhan.",
                    reason(CONFLICT["number"], draft="$5 million", reference="Rp5 miliar")) is None
    assert _suggest(sentence, passage, number,
                    reason(CONFLICT["number"], draft="Rp350 triliun", reference="Rp300 triliun")) is None
    assert _suggest(sentence, passage, reason(CONFLICT["number"], draft="Rp999", reference="Rp1")) is None
