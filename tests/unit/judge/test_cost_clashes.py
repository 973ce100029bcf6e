"""Who pays (vocab/cost.json, signals/cost_clashes.py): one text makes a party pay what the other says is free for
it or paid by the state. Examples written for this project, each cue with the near misses the rule must leave
alone."""

from __future__ import annotations

import pytest

from service.judge.signals import find_clashes, polarity_clashes
from service.judge.signals.analysis import _analyse
from service.judge.signals.cost_clashes import cost_clashes

SERTIFIKASI = ("Biaya sertifikasi organik petani kecil ditanggung Badan Pengelola Dana Pertanian dan tidak "
               "dibebankan kepada petani.")
BENIH = "Petani penerima tidak dipungut biaya, dan benih bantuan dilarang diperjualbelikan."
PERAWAT = "Perawat yang dikirim ke luar negeri tidak boleh dibebani biaya penempatan."
SAMPAH = "Pemerintah kota tidak dibebani biaya pengolahan lumpur tinja karena biayanya ditanggung APBN."
PASPOR = "Penggantian paspor yang rusak akibat banjir tidak dipungut biaya di seluruh kantor imigrasi."
LOKET = "Loket penukaran dibuka pukul 08.00 WIB, dan tidak ada biaya apa pun yang dipungut untuk penukaran uang."
IURAN = "Peserta PBI tidak membayar iuran karena iurannya ditanggung pemerintah."


def _cost(reference: str, draft: str, setting: str = "") -> list[str]:
    return [c.rule for c in cost_clashes(_analyse(reference), _analyse(draft), _analyse(setting) if setting else None)]


@pytest.mark.parametrize("reference, draft", [
    # The state pays and spares the party; the draft has the party pay ("menanggung sendiri").
    (SERTIFIKASI, "Petani kecil harus menanggung sendiri biaya sertifikasi organik."),
    # "tidak dipungut biaya" against "menanggung biaya" of the same party.
    (BENIH, "Setiap petani penerima menanggung biaya pengganti sebesar 10 persen dari harga benih."),
    # "tidak boleh dibebani" against "tetap dibebani".
    (PERAWAT, "Namun para perawat tetap dibebani sebagian biaya penempatan."),
    # A local government is a party too: "tidak dibebani" against "tetap menanggung" ("pemkot" spelled out).
    (SAMPAH, "Dalam skema baru, pemkot tetap menanggung biaya pengolahan lumpur tinja."),
    # Free for everyone against a fee paid by the applicant.
    (PASPOR, "Pemohon penggantian paspor rusak akibat banjir membayar biaya Rp350.000 di kantor imigrasi."),
    # "tidak ada biaya apa pun yang dipungut" against "dikenakan biaya".
    (LOKET, "Penukar uang akan dikenakan biaya administrasi yang dipotong dari uang yang ditukarkan."),
    # English: free of charge against a fee.
    ("Replacement of flood-damaged passports is free of charge at every immigration office.",
     "Applicants replacing flood-damaged passports are charged a fee of IDR 350,000 at immigration offices."),
])
def test_a_party_made_to_pay_what_the_other_spares_clashes(reference: str, draft: str) -> None:
    assert _cost(reference, draft), (reference, draft)
    # the other way round too
    assert _cost(draft, reference), (draft, reference)


@pytest.mark.parametrize("reference, draft", [
    # Another group pays ("peserta mandiri" is not the "peserta PBI" spared).
    (IURAN, "Peserta mandiri membayar iuran Rp42.000 per bulan."),
    # The same said in other words.
    (SERTIFIKASI, "Pemerintah menanggung seluruh biaya sertifikasi organik petani kecil melalui Badan Pengelola Dana."),
    (PASPOR, "Warga yang paspornya rusak akibat banjir dapat menggantinya secara gratis di kantor imigrasi."),
    (BENIH, "Petani penerima bantuan benih tidak perlu membayar apa pun."),
    # Another fee: "biaya cetak" / "biaya pengiriman".
    ("Biaya cetak kartu tidak dipungut dari pemohon.", "Pemohon membayar biaya pengiriman kartu Rp20.000."),
    # A fee the state pays for some and the participant for the rest: the sentence says both, so nothing.
    ("Pemerintah menanggung 70 persen biaya pelatihan, sedangkan sisanya dibayar peserta.",
     "Peserta pelatihan tidak dipungut biaya."),
    # Who pays named in a relative clause, and a condition.
    (BENIH, "Petani yang tidak membayar biaya pengganti tidak akan menerima benih tahap berikutnya."),
    (BENIH, "Jika benih hilang, petani penerima membayar biaya pengganti."),
    # "membayar THR" is wages, not a fee; "free trade" is no price.
    ("Perusahaan tidak dipungut biaya pendaftaran.", "Perusahaan wajib membayar THR paling lambat H-7."),
    ("Import of the machines is free of duty.", "The free trade zone charges a service fee."),
])
def test_the_same_payer_another_group_or_another_fee_does_not(reference: str, draft: str) -> None:
    assert _cost(reference, draft) == []


def test_a_subject_named_only_in_the_position_counts_with_the_setting() -> None:
    setting = "Bank Indonesia membuka layanan penukaran uang rupiah untuk Ramadan di 3.900 titik."
    draft = "Penukar akan dikenakan biaya administrasi kecil untuk setiap layanan."
    assert _cost(LOKET, draft) == []  # "penukar" alone: one shared word is not a subject
    assert _cost(LOKET, draft, setting) == ["cost:draft_pays"]


def test_the_judges_entry_points_read_who_pays() -> None:
    draft = "Petani kecil harus menanggung sendiri biaya sertifikasi organik."
    assert [c.kind for c in polarity_clashes(SERTIFIKASI, draft)] == ["negation"]
    reasons = [c.reason for c in find_clashes(SERTIFIKASI, draft)]
    assert any("Who pays differs" in r and "menanggung sendiri" in r for r in reasons)


@pytest.mark.parametrize("reference, draft", [
    # "warga negara" is a citizen, not the state: both pay.
    ("Pengunjung dewasa warga negara Indonesia membayar Rp25.000.", "Adult Indonesian visitors pay Rp25,000."),
    # The state pays (a body whose name holds "Perkebunan") and spares the growers: the same said twice.
    (SERTIFIKASI, "Biaya sertifikasi ditanggung Badan Pengelola Dana Pertanian sehingga petani tidak mengeluarkan biaya."),
    # The payer before a time adjunct is the subject: the state pays in both.
    ("Pemerintah Provinsi Kalimantan Timur menanggung biaya kuliah mahasiswa ber-KTP Kalimantan Timur.",
     "Pemerintah Provinsi Kalimantan Timur mulai tahun akademik 2026/2027 menanggung biaya kuliah mahasiswa."),
    # The state pays for one thing (the connection), the customer for another (the gas).
    ("Pemasangan sambungan gas tidak dipungut biaya dari warga karena seluruhnya dibiayai APBN.",
     "Pelanggan rumah tangga sambungan gas dikenai tarif Rp4.250 per meter kubik."),
])
def test_citizens_the_state_said_twice_and_another_item_do_not(reference: str, draft: str) -> None:
    assert _cost(reference, draft) == []
    assert _cost(draft, reference) == []


def test_a_fee_named_before_is_not_the_fee_the_other_names() -> None:
    reference = ("Wisatawan yang memasuki kawasan konservasi tetap wajib membayar tarif jasa lingkungan sebesar "
                 "Rp500.000 untuk wisatawan nusantara.")
    assert _cost(reference, "Wisatawan nusantara tidak dikenai pungutan ini.") == []
    assert _cost(reference, "Wisatawan nusantara tidak dikenai tarif jasa lingkungan di kawasan konservasi.")


def test_a_negation_on_a_fee_verb_yields_to_who_pays_when_both_agree():
    reference = ("Seluruh biaya penyelenggaraan dibebankan pada APBD kabupaten, sehingga calon kepala desa tidak "
                 "dipungut biaya pendaftaran.")
    assert find_clashes(reference, "Para calon tidak dibebani biaya pendaftaran karena seluruh anggaran ditanggung "
                                   "APBD kabupaten.") == []
    assert find_clashes(reference, "Para calon kepala desa dikenai biaya pendaftaran Rp5 juta.")
    # Free against a fee for a group the free text never names: who pays does not say, the negation rule does.
    free = "Pengobatan malaria diberikan tanpa biaya di puskesmas dan rumah sakit rujukan."
    assert find_clashes(free, "Pasien malaria yang berobat di rumah sakit rujukan dikenakan biaya obat sesuai tarif "
                              "rumah sakit.")


def test_a_ministry_whose_name_holds_dan_is_the_state_paying():
    """"Kementerian Kelautan dan Perikanan menanggung seluruh biaya": the payer is the whole name (a ministry, the
    state), not "Perikanan" after "dan"; a draft that the certificate is free for the firms says the same."""
    from service.judge.signals import find_clashes

    reference = ("Kementerian Kelautan dan Perikanan menanggung seluruh biaya penerbitan Sertifikat Kelayakan "
                 "Pengolahan bagi 1.500 UMKM pengolah ikan pada 2026.")
    assert find_clashes(reference, "UMKM pengolah ikan dapat memperoleh Sertifikat Kelayakan Pengolahan tanpa biaya "
                                   "pada 2026.") == []
    assert find_clashes(reference, "Kuota Sertifikat Kelayakan Pengolahan gratis bagi UMKM pengolah ikan pada 2026 "
                                   "sebanyak 1.500 unit usaha.") == []
    assert [c.kind for c in find_clashes(reference, "UMKM pengolah ikan harus membayar sendiri biaya penerbitan "
                                                    "Sertifikat Kelayakan Pengolahan pada 2026.")] == ["antonym"]
