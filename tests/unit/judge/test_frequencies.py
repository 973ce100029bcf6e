"""How often something is paid, delivered or held (service/judge/signals/frequencies.py), with example
sentences for service/judge/vocab/frequency.json. Written for this project."""

import pytest

from service.judge.signals import find_clashes
from service.judge.signals.frequencies import frequencies, frequency_clashes


@pytest.mark.parametrize("sentence, days", [
    ("Insentif guru ngaji dibayarkan setiap bulan melalui rekening bank daerah.", 30),
    ("Bantuan sosial tunai disalurkan sekali setiap dua bulan.", 60),
    ("Beasiswa daerah ditransfer per semester ke rekening penerima.", 182),
    ("Dana operasional posyandu dicairkan empat kali setahun.", 91.25),
    ("Bantuan pangan diberikan dalam tiga tahap per tahun.", 365 / 3),
    ("Pemeriksaan kualitas air dilakukan setiap minggu di seluruh sumur warga.", 7),
    ("The subsidy is paid quarterly to registered farmers.", 91),
    ("Pupils receive one deworming tablet every six months.", 180),
    ("Water trucks are sent to each village twice a week.", 3.5),
    ("Rapat evaluasi digelar tahunan di kantor gubernur.", 365),
])
def test_a_frequency_after_a_paying_or_delivering_verb_is_its_period(sentence, days):
    assert [round(f.days, 2) for f in frequencies(sentence)] == [round(days, 2)]


@pytest.mark.parametrize("sentence", [
    # the amount is per month; how often it is paid is the semester
    "Besaran bantuan Rp900.000 per bulan, ditransfer setiap semester.",
    # no paying verb before it
    "Harga beras medium naik setiap bulan sejak Januari.",
    # negated: how often it is not
    "Tunjangan itu tidak lagi dibayarkan setiap bulan.",
    # a figure's denominator: how many a day, not how often
    "Setiap rumah pelayanan menerima paling banyak 25 lansia per hari.",
    "Petugas memeriksa 40 kendaraan per hari di terminal.",
])
def test_what_is_not_a_frequency_of_payment(sentence):
    assert [f.days for f in frequencies(sentence)] in ([], [182])
    if "semester" not in sentence:
        assert frequencies(sentence) == ()


def test_a_different_period_clashes_and_the_same_in_other_words_does_not():
    reference = "Bantuan Program Keluarga Harapan disalurkan setiap tiga bulan melalui bank Himbara."
    [clash] = frequency_clashes(reference, "Bantuan Program Keluarga Harapan disalurkan setiap bulan melalui bank Himbara.")
    assert clash.kind == "number" and clash.rule == "number:frequency" and clash.draft == "setiap bulan"
    assert frequency_clashes(reference, "Bantuan Program Keluarga Harapan disalurkan empat kali setahun.") == []
    assert frequency_clashes(reference, "Bantuan Program Keluarga Harapan dibayarkan per triwulan.") == []
    # through find_clashes, with the other rules
    assert "number:frequency" in [c.rule for c in find_clashes(
        reference, "Bantuan Program Keluarga Harapan disalurkan setiap semester melalui bank Himbara.")]


def test_a_frequency_several_words_after_its_verb():
    """"melaporkan ... kepada Kemendagri setiap tiga bulan": seven words between the verb and how often."""
    from service.judge.signals import find_clashes
    reference = "Setiap puskesmas wajib melaporkan kasus demam berdarah setiap pekan kepada dinas kesehatan kabupaten."
    draft = "Puskesmas melaporkan kasus demam berdarah kepada dinas kesehatan kabupaten setiap bulan."
    assert [c.rule for c in find_clashes(reference, draft)] == ["number:frequency"]


@pytest.mark.parametrize("sentence, days, at_least", [
    ("Setiap lift di gedung umum, hotel, dan rumah sakit diperiksa paling sedikit sekali dalam 12 bulan.", 360, True),
    ("Kader posyandu menimbang balita sebulan sekali.", 30, False),
    ("Alat ukur di pasar dikalibrasi sekali setiap dua tahun.", 730, False),
    ("Boilers must be inspected at least once every six months.", 180, True),
])
def test_once_in_a_period_is_a_frequency_wherever_it_stands(sentence, days, at_least):
    assert [(f.days, f.at_least) for f in frequencies(sentence)] == [(days, at_least)]


def test_a_longest_period_allowed_is_kept_by_a_shorter_one():
    reference = ("Disnakertrans mewajibkan pengujian setiap lift di pusat perbelanjaan, hotel, dan perkantoran paling "
                 "sedikit sekali dalam 12 bulan.")
    [clash] = frequency_clashes(reference, "Pengelola gedung menguji lift dan eskalatornya setiap dua tahun.")
    assert clash.draft == "setiap dua tahun"
    assert frequency_clashes(reference, "Pengelola gedung menguji lift setiap enam bulan.") == []
    assert frequency_clashes(reference, "Pengelola gedung menguji lift setahun sekali.") == []
