"""Persistence clashes (service/judge/signals/persistence_clashes.py): a draft that says something goes on
("tetap", "masih", "still") where the reference denies it in another verb. Every sentence written for this
project."""

import json
from pathlib import Path

import pytest

from service.judge.signals import find_clashes, polarity_clashes

VOCAB = json.loads((Path(__file__).resolve().parents[3] / "service/judge/vocab/persistence.json").read_text())


def _rules(reference: str, draft: str) -> list[str]:
    return [c.rule for c in find_clashes(reference, draft)]


@pytest.mark.parametrize("reference, draft", [
    # an "ongoing" predicate denied: a service the draft says still runs
    ("Permohonan paspor diajukan melalui aplikasi, dan kantor imigrasi tidak melayani pemohon yang datang tanpa "
     "janji temu.", "Kantor imigrasi tetap menerima pemohon yang datang langsung tanpa janji temu."),
    # "no longer" denied, with a relative clause saying which users
    ("ASDP tidak lagi melayani penjualan tiket secara tunai di loket pelabuhan.",
     "Namun, pengguna jasa yang belum sempat memesan tetap dapat membeli tiket secara tunai di loket pelabuhan."),
    # a modal after the marker: still possible, against a continuation denied
    ("Bantuan pembelian sepeda motor listrik sebesar Rp7 juta per unit tidak dilanjutkan pada 2026.",
     "Bantuan pembelian sepeda motor listrik sebesar Rp7 juta per unit masih dapat dinikmati konsumen sepanjang "
     "2026."),
    # the draft's object goes on with for whom, which the reference does not say
    ("Tiket tidak dijual di loket pelabuhan, dan pengguna jasa tanpa tiket tidak diizinkan memasuki area pelabuhan.",
     "Selain melalui aplikasi, tiket masih dapat dibeli langsung di loket Pelabuhan Merak bagi penumpang yang "
     "kesulitan mengakses internet."),
    ("The ministry no longer issues paper permits for fishing boats.",
     "Fishing boats can still obtain paper permits from the ministry."),
])
def test_a_draft_that_says_it_goes_on_meets_a_denial_in_another_verb(reference, draft):
    assert _rules(reference, draft) == ["persistence"]
    assert [c.rule for c in polarity_clashes(reference, draft)] == ["persistence"]


@pytest.mark.parametrize("reference, draft", [
    # a denied change agrees with "tetap"
    ("Harga Pertalite tidak naik hingga akhir 2026.", "Harga Pertalite tetap dipertahankan hingga akhir 2026."),
    # the draft's verb says no itself
    ("Kantor imigrasi tidak melayani pemohon tanpa janji temu.", "Kantor imigrasi tetap menolak pemohon tanpa janji temu."),
    ("Pelabuhan tidak dibuka selama musim badai.", "Pelabuhan tetap ditutup selama musim badai."),
    ("Ekspor pasir laut tidak dibuka pada 2026.", "Ekspor pasir laut tetap dilarang pada 2026."),
    # "belum" (not yet) is compatible with "masih"
    ("Besaran upah minimum 2027 belum ditetapkan.", "Besaran upah minimum 2027 masih dibahas dewan pengupahan."),
    # a predicate that is no service or continuation, no "lagi", no modal: another statement
    ("Pembangunan tanggul laut tidak selesai pada 2025.", "Pembangunan tanggul laut masih berlangsung pada 2025."),
    # another group, by its figure
    ("Rumah tangga 450 VA tidak menerima potongan tarif listrik pada 2026.",
     "Rumah tangga 900 VA tetap menerima potongan tarif listrik pada 2026."),
    # about something else
    ("Kantor imigrasi tidak melayani pemohon yang datang tanpa janji temu.",
     "Puskesmas tetap menerima pasien umum pada hari Minggu."),
    # a condition or another time states no rule
    ("ASDP tidak lagi melayani penjualan tiket secara tunai di loket pelabuhan.",
     "Jika aplikasi terganggu, penumpang tetap dapat membeli tiket secara tunai di loket pelabuhan."),
    ("ASDP tidak lagi melayani penjualan tiket secara tunai di loket pelabuhan.",
     "Pada 2024 penumpang masih dapat membeli tiket secara tunai di loket pelabuhan."),
    # a relative clause names which ones; the denial is not the rule's
    ("Penumpang yang tidak membawa tiket dilarang naik kapal.",
     "Penumpang tetap dapat membawa tiket cetak ke atas kapal."),
])
def test_look_alikes_are_no_persistence_clash(reference, draft):
    assert "persistence" not in _rules(reference, draft)


def test_the_same_verb_gets_one_reason():
    """The negation rule reads "tetap menerima" against "tidak lagi menerima"; this rule adds no second reason,
    and takes the pair the negation rule cannot read ("tanpa" in the draft's object)."""
    assert _rules("Kantor pos tidak lagi menerima pembayaran pajak kendaraan.",
                  "Kantor pos tetap menerima pembayaran pajak kendaraan.") == ["negation:reference"]
    assert _rules("Kantor imigrasi tidak melayani pemohon tanpa janji temu.",
                  "Kantor imigrasi tetap melayani pemohon tanpa janji temu.") == ["persistence"]


def test_every_marker_and_modal_of_the_vocabulary_is_read():
    reference = "Kantor pos tidak lagi melayani pembayaran pajak kendaraan."
    for marker in ("tetap", "masih"):
        for modal in ("", "dapat ", "bisa ", "boleh "):
            draft = f"Kantor pos {marker} {modal}menerima pembayaran pajak kendaraan."
            assert _rules(reference, draft) == ["persistence"], draft
    assert set(VOCAB["markers"]) == {"tetap", "masih", "still"}


def test_what_a_rule_does_not_apply_to_may_go_on():
    """"Larangan tidak berlaku bagi ambulans" leaves ambulances out: "Ambulans tetap boleh melintas" restates the
    exception; "Larangan tetap berlaku bagi ambulans" denies it."""
    reference = "Larangan melintas tidak berlaku bagi ambulans dan mobil pemadam kebakaran."
    assert find_clashes(reference, "Ambulans dan mobil pemadam kebakaran tetap boleh melintas.") == []
    assert find_clashes(reference, "Larangan melintas tetap berlaku bagi ambulans dan mobil pemadam kebakaran.") != []
