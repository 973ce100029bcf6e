"""Tests for service.judge.signals: negation clashes and the guards against negation false alarms."""

from __future__ import annotations

import pytest

from service.judge.signals import find_clashes, polarity_clashes


def kinds(reference: str, draft: str) -> list[str]:
    return [c.kind for c in find_clashes(reference, draft)]


def test_draft_negates_reference() -> None:
    clashes = find_clashes("Pemerintah akan menaikkan harga BBM bulan depan.",
                           "Pemerintah tidak akan menaikkan harga BBM bulan depan.")
    assert [c.kind for c in clashes] == ["negation"]
    assert "tidak akan menaikkan" in clashes[0].draft
    assert "menaikkan" in clashes[0].reason


def test_reference_negates_draft() -> None:
    clashes = find_clashes("Pemerintah tidak akan menaikkan harga BBM bulan depan.",
                           "Pemerintah akan menaikkan harga BBM bulan depan.")
    assert [c.kind for c in clashes] == ["negation"]
    assert "reference negates" in clashes[0].reason


@pytest.mark.parametrize("negator", ["belum", "tak", "tidak pernah"])
def test_other_indonesian_negators(negator: str) -> None:
    ref = "Kementerian Kesehatan menyetujui penggunaan vaksin tersebut."
    assert kinds(ref, f"Kementerian Kesehatan {negator} menyetujui penggunaan vaksin tersebut.") == ["negation"]


def test_bukan_and_tidak_ada() -> None:
    assert kinds("Bandara itu merupakan bandara internasional.",
                 "Bandara itu bukan bandara internasional.") == ["negation"]
    assert kinds("Pemerintah menyediakan anggaran khusus untuk bencana.",
                 "Tidak ada anggaran khusus untuk bencana dari pemerintah.") == ["negation"]


def test_english_negation() -> None:
    ref = "The government will raise fuel prices next month."
    assert kinds(ref, "The government will not raise fuel prices next month.") == ["negation"]
    assert kinds(ref, "The government won't raise fuel prices next month.") == ["negation"]
    assert kinds("The ministry never approved the permit.", "The ministry approved the permit.") == ["negation"]


def test_both_negated_does_not_clash() -> None:
    assert find_clashes("Pemerintah tidak akan menaikkan harga BBM.",
                        "Pemerintah belum akan menaikkan harga BBM.") == []


def test_negation_in_unrelated_clause_does_not_clash() -> None:
    ref = "Pemerintah akan menaikkan harga BBM, sementara tarif listrik tidak berubah."
    assert find_clashes(ref, "Pemerintah akan menaikkan harga BBM.") == []
    ref2 = "Bantuan sosial disalurkan ke seluruh provinsi."
    assert find_clashes(ref2, "Bantuan sosial disalurkan ke seluruh provinsi dan tidak dipungut biaya.") == []


@pytest.mark.parametrize(
    "draft",
    [
        "Pemerintah tidak hanya menaikkan harga BBM tetapi juga tarif listrik.",
        "Tak lama kemudian pemerintah menaikkan harga BBM.",
        "Pemerintah tidak boleh menaikkan harga BBM tanpa persetujuan DPR.",
    ],
)
def test_negation_idioms_and_prohibitions_do_not_clash(draft: str) -> None:
    assert [c for c in find_clashes("Pemerintah menaikkan harga BBM.", draft) if c.kind == "negation"] == []


def test_belum_vs_future_is_not_a_contradiction() -> None:
    assert find_clashes("Bank akan mencairkan dana pinjaman tahun ini.",
                        "Bank belum mencairkan dana pinjaman.") == []


@pytest.mark.parametrize(
    ("reference", "draft"),
    [
        # double negation is an assertion
        ("Bukan tanpa alasan pemerintah memilih lokasi itu.", "Pemerintah memilih lokasi itu dengan alasan."),
        # "belum lagi" = "not to mention"
        ("Belum lagi pemerintah masih memiliki cadangan beras.", "Pemerintah memiliki cadangan beras."),
        # "bukan satu-satunya" (not the only one)
        ("Sungai itu salah satu sumber air warga.", "Sungai itu bukan satu-satunya sumber air warga."),
        # preference, not denial
        ("Warga lebih suka menggunakan transportasi umum daripada kendaraan pribadi.",
         "Warga tidak suka menggunakan kendaraan pribadi."),
        # both texts negate the predicate somewhere
        ("Spesies ini termasuk famili kadal dan tidak lagi diklasifikasikan dalam famili lama.",
         "Spesies ini diklasifikasikan dalam famili kadal dan tidak lagi diklasifikasikan dalam famili lama."),
        # "pernah" (once) vs "tidak lagi" (no longer)
        ("Pemain itu sudah tidak memiliki masalah cedera.", "Pemain itu pernah memiliki masalah cedera."),
    ],
)
def test_negation_guards(reference: str, draft: str) -> None:
    assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == []


def test_a_negation_inside_a_longer_sentence_is_seen_around_its_predicate():
    # The draft wraps the contradicted statement in other words ("Warga diminta menjauhi pantai karena
    # ..."); the words around the predicate are the reference's, so the clause's extra words do not hide it.
    reference = "BMKG memastikan gelombang tinggi tersebut tidak berpotensi merusak tanggul."
    draft = "Warga diminta menjauhi pantai karena gelombang tinggi tersebut berpotensi merusak tanggul."
    [clash] = find_clashes(reference, draft)
    assert clash.kind == "negation" and "berpotensi" in clash.reason
    assert find_clashes(reference, "Warga diminta menjauhi pantai meski gelombang tinggi tersebut tidak berpotensi merusak tanggul.") == []


def test_a_negation_in_a_relative_clause_names_who_and_asserts_no_not_doing():
    reference = "Pelamar yang tidak melengkapi berkas dalam tiga hari dinyatakan gugur."
    assert find_clashes(reference, "Pelamar wajib melengkapi berkas dalam tiga hari.") == []
    [clash] = find_clashes("Pelamar tidak melengkapi berkas dalam tiga hari.", "Pelamar melengkapi berkas dalam tiga hari.")
    assert clash.kind == "negation"


def test_a_negation_after_a_closed_relative_clause_is_the_main_predicates():
    """"Kayu yang dirampas tidak dijual": the relative clause ends with its verb, the "tidak" is the statement's."""
    reference = "Kayu ilegal yang dirampas negara tidak dijual, melainkan diserahkan untuk pembangunan sekolah."
    [clash] = find_clashes(reference, "Kayu ilegal hasil rampasan negara akan dijual melalui lelang terbuka.")
    assert clash.kind == "negation" and "dijual" in clash.reason
    assert find_clashes(reference, "Kayu ilegal yang dirampas negara tidak dijual ke pihak swasta.") == []


def test_a_named_thing_done_without_against_one_required():
    """"tanpa jaminan tambahan" against a clause that requires "jaminan tambahan": the two-word name says it is
    the same thing, though the rest of the clause is worded apart; an aside after "selain" is not excepted
    from what comes before it."""
    reference = "Pinjaman modal usaha nelayan sampai Rp50 juta diberikan tanpa jaminan tambahan."
    draft = "Untuk pinjaman nelayan sampai Rp50 juta, peminjam tetap diminta menyerahkan jaminan tambahan berupa BPKB."
    [clash] = find_clashes(reference, draft)
    assert clash.kind == "negation" and "jaminan tambahan" in clash.reference
    reference = "Pendaftaran bantuan benih cukup dengan KTP, tanpa surat keterangan desa."
    [clash] = find_clashes(reference, "Pendaftaran bantuan benih wajib melampirkan surat keterangan desa selain KTP.")
    assert clash.kind == "negation"
    assert find_clashes(reference, "Pendaftaran bantuan benih dapat memakai dokumen apa pun selain surat keterangan desa.") == []


def test_without_a_fee_against_a_fee_charged():
    reference = "Layanan cuci darah, termasuk obat penunjang, diberikan tanpa biaya di rumah sakit daerah."
    draft = "Pasien cuci darah di rumah sakit daerah dikenakan biaya obat penunjang sesuai tarif."
    [clash] = find_clashes(reference, draft)
    assert clash.kind == "negation" and "biaya" in clash.reason


def test_a_statement_inside_an_attribution_is_compared_on_its_own_words():
    reference = "Pemerintah tidak menerbitkan izin ekspor pasir laut selama tahun 2027."
    draft = ("Kementerian Kelautan menyatakan bahwa izin ekspor pasir laut akan diterbitkan kembali pada akhir 2027 "
             "guna menambah penerimaan negara.")
    [clash] = find_clashes(reference, draft)
    assert clash.kind == "negation" and "diterbitkan" in clash.reason


def test_a_ban_is_no_assertion_against_a_negated_permit():
    assert find_clashes("No export permit for raw bauxite will be issued this year.",
                        "Larangan ekspor bauksit mentah tetap berlaku tahun ini.") == []


def test_an_english_free_compound_is_a_no():
    """"interest-free" says no interest, as "tanpa bunga" does; "interest-bearing" asserts it."""
    reference = ("Kementerian Pendidikan Tinggi meluncurkan skema pinjaman pendidikan tanpa bunga bagi mahasiswa "
                 "program sarjana mulai tahun akademik 2026/2027.")
    draft = "The higher education ministry is launching interest-free study loans for undergraduates from 2026/2027."
    assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == []
    bearing = draft.replace("interest-free", "interest-bearing")
    assert [c.kind for c in find_clashes(reference, bearing)] == ["negation"]


@pytest.mark.parametrize("reference, draft", [
    ("Produsen wajib memenuhi takaran satu liter pada setiap kemasan Minyakita.",
     "Produsen yang kemasannya tidak memenuhi takaran satu liter wajib menarik produknya."),
    ("Registration must be completed at the airport customs desk within 90 days of arrival.",
     "Phones not registered within 90 days of arrival will be blocked from local networks."),
])
def test_a_negated_relative_clause_says_which_ones_not_no(reference, draft):
    assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == []


def test_an_english_clause_negation_after_an_adverb_still_counts():
    reference = "The government will raise the price of subsidised fuel in January 2026."
    draft = "The government will definitely not raise the price of subsidised fuel in January 2026."
    assert [c.kind for c in find_clashes(reference, draft)] == ["negation"]


def test_a_predicate_after_an_exemption_is_not_asserted():
    """"membebaskan kedua pungutan" collects nothing, as "tidak memungut" does."""
    assert find_clashes("Pemerintah daerah tidak memungut bea perolehan hak atas rumah sederhana.",
                        "Pemerintah daerah membebaskan pungutan bea perolehan hak atas rumah sederhana.") == []


@pytest.mark.parametrize("reference, draft", [
    # Own wording: the draft says "not allowed" of a vehicle the rule never names.
    ("Kawasan Malioboro bebas kendaraan bermotor, tetapi kendaraan darurat tetap diizinkan melintas.",
     "Andong masih boleh lewat, tetapi bentor tidak diizinkan melintas di kawasan Malioboro."),
    ("The levy is charged to foreign tourists entering Bali.",
     "Pelajar tidak dikenai pungutan tersebut, sedangkan wisatawan asing membayarnya."),
])
def test_a_negation_about_a_subject_the_reference_never_names_is_no_clash(reference, draft):
    assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == []


def test_the_same_subject_negated_still_clashes():
    reference = "Kawasan Malioboro bebas kendaraan bermotor, tetapi kendaraan darurat tetap diizinkan melintas."
    draft = "Kendaraan darurat kini tidak diizinkan melintas di kawasan Malioboro."
    assert "negation" in [c.kind for c in find_clashes(reference, draft)]
    # Adverbs between the subject and the verb are no subject: "Kasus tersebut sangat sering terjadi".
    assert [c.kind for c in find_clashes("Kasus campak di sekolah itu tidak pernah terjadi.",
                                         "Kasus campak di sekolah itu sangat sering terjadi.")] == ["negation"]


def test_polarity_said_of_another_labelled_class_is_no_clash():
    """"Kapal di bawah 10 GT tidak dikenai pungutan" says nothing against a charge on ships up to 100 GT; the
    same class charged is a clash."""
    reference = "Kapal penangkap ikan berukuran di bawah 10 GT tidak dikenai pungutan hasil perikanan."
    assert find_clashes(reference, "Kapal penangkap ikan sampai dengan 100 GT dikenai pungutan 5 persen.") == []
    assert "negation" in [c.kind for c in find_clashes(
        reference, "Kapal penangkap ikan berukuran di bawah 10 GT dikenai pungutan hasil perikanan.")]


def test_an_exemption_a_few_words_before_the_predicate_asserts_no_duty():
    reference = "Retired civil servants are exempt from the duty to submit a life certificate each year."
    assert find_clashes(reference, "Retired civil servants do not have to submit a life certificate each year.") == []



def test_a_converse_verb_is_the_same_predicate():
    """What is not sold somewhere cannot be bought there: "tidak dijual di kantin" against "masih dapat dibeli di
    kantin" (and in English) is a negation clash; a draft that also says it cannot be bought there agrees."""
    ref = "Kupon makan siswa tidak dijual di kantin sekolah."
    [c] = find_clashes(ref, "Kupon makan siswa masih dapat dibeli di kantin sekolah.")
    assert c.kind == "negation"
    assert find_clashes(ref, "Kupon makan siswa tidak dapat dibeli di kantin sekolah.") == []
    [c] = find_clashes("Meal coupons are not sold at the school canteen.",
                       "Meal coupons can still be bought at the school canteen.")
    assert c.kind == "negation"


def test_a_negation_inside_a_relative_clause_of_the_asserting_text_is_no_denial_of_its_own():
    """"penumpang yang belum membeli secara daring" says which passengers; the sentence still asserts the
    tickets are sold at the counter, against "tidak dijual di loket"."""
    reference = "Karcis kapal cepat tidak dijual di loket dermaga."
    [clash] = find_clashes(reference, "Bagi penumpang yang belum membeli secara daring, karcis kapal cepat masih dapat "
                                      "dibeli di loket dermaga.")
    assert clash.kind == "negation"
    assert find_clashes(reference, "Penumpang yang belum membeli secara daring juga tidak dapat membeli karcis di loket dermaga.") == []


def test_below_the_general_bars_a_negation_needs_the_other_text_to_assert_a_verb():
    """polarity_clashes, which the judge asks of passages below its bars: "dipungut" asserts the levy; a noun
    ("pungutan wisata" named as a topic) or a relative clause ("biaya yang dipungut") asserts nothing."""
    reference = "Pengelola kawasan tidak memungut biaya parkir dari pengunjung."
    [clash] = polarity_clashes(reference, "Biaya parkir dipungut dari setiap pengunjung kawasan itu.")
    assert clash.kind == "negation"
    assert polarity_clashes(reference, "Pengunjung menanyakan pungutan parkir di kawasan itu.") == []
    assert polarity_clashes(reference, "Pengunjung mengeluhkan biaya lain yang dipungut di kawasan itu.") == []


def test_the_judge_asks_a_negation_of_a_passage_below_its_general_bars():
    """Under the clash floor and with a third of the sentence's words, the passage that says the tickets are
    not sold at the counter still contradicts a sentence saying they can be bought there."""
    from service.domain import Candidate, PassageRef
    from service.judge.judge import Judge

    ref = PassageRef(position_id="p-kapal", title="Penjualan karcis kapal cepat")
    lead = Candidate("Karcis kapal cepat Batam–Tanjungpinang dijual melalui aplikasi resmi operator.", 0.93, ref)
    rule = Candidate("Karcis tidak dijual di loket dermaga selama masa libur sekolah.", 0.875, ref)
    sentence = "Bagi penumpang lanjut usia, karcis masih dapat dibeli langsung di loket dermaga Sekupang."
    [j] = Judge().judge([sentence], [[lead, rule]])
    assert j.relation == "conflicts" and "negation" in j.kinds
    [j] = Judge().judge(["Bagi penumpang lanjut usia, loket dermaga Sekupang menyediakan kursi tunggu."], [[lead, rule]])
    assert j.relation != "conflicts"


def test_postponing_what_the_reference_does_denies_it():
    """"BPOM menunda penarikan ..." denies the withdrawal the reference orders; the acronym subject is the body
    the reference spells out."""
    reference = "Badan Pengawas Obat dan Makanan memerintahkan penarikan sirup obat batuk merek X dari seluruh apotek."
    [clash] = find_clashes(reference, "BPOM menunda penarikan sirup obat batuk merek X dari seluruh apotek sampai hasil uji ulang keluar.")
    assert clash.kind == "negation" and clash.draft.startswith("menunda penarikan")
    assert find_clashes(reference, "BPOM melaksanakan penarikan sirup obat batuk merek X dari seluruh apotek.") == []


def test_postponing_to_a_date_states_the_date():
    """"ditunda hingga 1 Maret 2027" moves a date: it clashes with another date by the dates, and the same
    postponement restated is no clash."""
    reference = "Kewajiban label berbahasa Indonesia bagi mainan impor ditunda hingga 1 Maret 2027."
    [clash] = find_clashes(reference, "The Indonesian-language label requirement for imported toys has been postponed until 1 March 2028.")
    assert clash.kind == "date" and clash.reference == "1 Maret 2027"
    assert find_clashes(reference, "Kewajiban label berbahasa Indonesia bagi mainan impor ditunda sampai 1 Maret 2027.") == []


def test_a_service_kept_running_against_one_halted():
    reference = "Kereta gantung Taman Safari menghentikan sementara operasinya selama musim angin kencang."
    [clash] = find_clashes(reference, "Kereta gantung Taman Safari tetap beroperasi selama musim angin kencang.")
    assert clash.kind == "antonym"


def test_put_off_is_a_postponement():
    # Written for this project: "put off" says what "menunda" says; the draft asserts no adjustment.
    reference = "Pemerintah kota menunda kenaikan tarif parkir tepi jalan yang semula dijadwalkan Maret 2027."
    assert find_clashes(reference, "The city has put off the parking fee increase scheduled for March 2027.") == []
    assert [c.kind for c in find_clashes(reference, "The city raised the parking fee in March 2027 as scheduled.")]


def test_an_only_restricted_assertion_is_no_clash_with_a_denial_for_something_else():
    """"hanya dilakukan terhadap kontainer yang masuk jalur merah" denies the check for the rest itself: the
    green lane "tanpa pemeriksaan fisik" agrees; the same denial for the red lane clashes."""
    reference = "Pemeriksaan fisik hanya dilakukan terhadap kontainer yang masuk jalur merah."
    draft = "Untuk kontainer yang masuk jalur hijau, surat pengeluaran terbit dalam dua jam sejak dokumen lengkap, tanpa pemeriksaan fisik."
    assert kinds(reference, draft) == []
    assert kinds(reference, draft.replace("hijau", "merah")) == ["negation"]


def test_a_feared_outcome_is_not_asserted():
    reference = "Sertipikat tanah analog tetap berlaku, dan alih media ke sertipikat elektronik dilakukan ketika ada transaksi."
    draft = ("Sejumlah warga di Kabupaten Sleman khawatir sertipikat tanah analog milik mereka tidak berlaku lagi "
             "setelah kantor pertanahan beralih ke sertipikat elektronik.")
    assert kinds(reference, draft) == []
    assert kinds(reference, draft.replace("Sejumlah warga di Kabupaten Sleman khawatir sertipikat", "Sertipikat")) == ["negation"]


def test_a_negator_in_a_relative_clause_leaves_the_main_predicate_asserted():
    """"Peternak yang belum mendaftar … tetap dapat memperoleh" names which farmers with its "belum"; the main
    verb is asserted and gets what the reference says is not given ("diberikan" / "memperoleh" are converses)."""
    reference = "Peternak yang belum mendaftar di SIPT tahun 2026 tidak diberikan bantuan pakan."
    draft = "Peternak yang belum mendaftar di SIPT tahun 2026 tetap dapat memperoleh bantuan pakan."
    assert kinds(reference, draft) == ["negation"]
    # The relative clause's own verb is still negated: "yang tidak dipungut biaya" agrees with "tanpa biaya".
    assert kinds("Pendaftaran sertifikasi dilakukan tanpa dipungut biaya.",
                 "Pelaku usaha dapat memakai layanan pendaftaran sertifikasi yang tidak dipungut biaya.") == []


def test_a_negation_about_a_group_the_reference_never_names_is_no_flip():
    reference = "Pemerintah memberikan potongan tarif air 30 persen bagi pelanggan golongan rumah tangga 1 dan 2."
    # A group with a qualifier and a figure the reference never writes: an exception, not a denial.
    for draft in ("Pelanggan golongan niaga besar tidak memperoleh potongan tersebut.",
                  "Pelanggan berdaya 5.500 VA ke atas tidak memperoleh potongan tersebut."):
        assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == [], draft
    # The reference's own group denied still flips.
    denied = "Pelanggan golongan rumah tangga 1 dan 2 tidak memperoleh potongan tarif air."
    assert "negation" in [c.kind for c in find_clashes(reference, denied)]


def test_paling_tidak_is_at_least_not_a_negation():
    reference = "Film Indonesia wajib ditayangkan pada jam utama paling sedikit dua kali sehari."
    assert find_clashes(reference, "Film nasional harus tampil di jam utama, paling tidak dua kali sehari.") == []
    assert [c.kind for c in find_clashes(reference, "Film Indonesia tidak wajib ditayangkan pada jam utama.")] != []


def test_bebas_dari_a_charge_asserts_no_charge():
    reference = "Kantong plastik yang diekspor tidak dipungut cukai."
    assert find_clashes(reference, "Kantong plastik yang diekspor bebas dari pungutan cukai.") == []


def test_a_denial_to_others_than_the_assertion_names_is_no_clash():
    """Written for this project: the reference denies the amnesty to convicts of corruption and terrorism; the draft
    gives it to other groups. Given to the denied group, it clashes."""
    reference = ("Amnesti terbatas bagi pengguna narkotika dan narapidana berusia di atas 70 tahun, serta tidak "
                 "diberikan kepada narapidana korupsi dan terorisme.")
    assert find_clashes(reference, "Amnesti diberikan kepada pengguna narkotika serta narapidana berusia lebih "
                                   "dari 70 tahun.") == []
    assert [c.kind for c in find_clashes(reference, "Amnesti juga diberikan kepada narapidana korupsi dan "
                                                    "terorisme.")] == ["negation"]


def test_no_earlier_than_is_a_bound_not_a_negation():
    reference = "Travellers must submit the arrival declaration no earlier than 72 hours before landing."
    draft = "Deklarasi ini menggantikan kartu kedatangan yang sebelumnya terpisah."
    assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == []


@pytest.mark.parametrize("reference, draft", [
    # "Kawasan Tanpa Rokok" names a zone; smoking banned there, or smoking elsewhere, says nothing against it.
    ("Pemerintah kota menetapkan kawasan tanpa rokok di sekolah, fasilitas kesehatan, dan angkutan umum.",
     "Merokok dilarang di sekolah, fasilitas kesehatan, dan angkutan umum kota ini."),
    ("Pemerintah kota menetapkan kawasan tanpa rokok di sekolah, fasilitas kesehatan, dan angkutan umum.",
     "Survei menunjukkan 31 persen pria dewasa di kota ini masih merokok setiap hari."),
    # "tanpa" inside a relative clause says which ones.
    ("Setiap dapur wajib memiliki sertifikat laik higiene sanitasi.",
     "Dapur yang melewati tenggat tanpa sertifikat akan dihentikan sementara."),
    # A negation describing the object of a relative clause's active verb ("sampah tidak terpilah").
    ("Warga yang membuang sampah tidak terpilah di luar depo dikenai denda.",
     "Sampah anorganik yang sudah dipilah diterima di depo setiap pagi."),
])
def test_a_zone_name_and_which_ones_are_no_negation(reference, draft):
    assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == []


def test_a_draft_restating_the_positions_own_exception_is_no_denial():
    rule = "Dinas Dukcapil menonaktifkan NIK penduduk yang telah pindah ke luar kota."
    position = (rule + " Penonaktifan tidak berlaku bagi penduduk yang sedang menempuh pendidikan atau bekerja "
                       "sementara di luar kota dengan surat keterangan.")
    exception = "Bagi penduduk yang bekerja sementara di luar kota dengan surat keterangan, NIK tidak dinonaktifkan."
    denial = "Penduduk yang telah pindah ke luar kota tidak dinonaktifkan NIK-nya."
    assert [c.rule for c in find_clashes(rule, denial, position)] == ["negation:draft"]
    assert [c.rule for c in find_clashes(rule, exception)] == ["negation:draft"]  # without the position: a denial
    assert find_clashes(rule, exception, position) == []


def test_a_predicate_asserted_before_a_coordinator_and_negated_after_it_clashes_only_on_what_follows():
    """"Vaksinasi dilakukan dua kali … dan tidak dilakukan di rumah warga" does vaccinate, twice: only a draft doing it
    at home ("tidak dilakukan di rumah warga" / "dilakukan di rumah warga") denies the negated part."""
    reference = "Vaksinasi dilakukan dua kali berselang satu bulan dan tidak dilakukan di rumah warga."
    assert [c for c in find_clashes(reference, "Vaksinasi tetap dilakukan dua kali dengan selang sebulan.")
            if c.kind == "negation"] == []
    [clash] = [c for c in find_clashes(reference, "Vaksinasi kini juga dilakukan di rumah warga.") if c.kind == "negation"]
    assert clash.reference.startswith("tidak dilakukan di rumah")


def test_a_group_a_relative_clause_picks_out_is_not_everyone():
    """"Petani yang sudah menerima bantuan alsintan tahun lalu tidak berhak menerima bantuan ini" denies it of some
    farmers: "Setiap petani berhak atas bantuan Rp2 juta" speaks of the others; the same group entitled clashes."""
    reference = "Petani yang sudah menerima bantuan alsintan tahun lalu tidak berhak menerima bantuan ini."
    assert [c for c in find_clashes(reference, "Setiap petani berhak atas bantuan Rp2 juta per musim.")
            if c.kind == "negation"] == []
    assert [c.rule for c in find_clashes(
        reference, "Petani yang sudah menerima bantuan alsintan tahun lalu tetap berhak menerima bantuan ini.")] \
        == ["negation:reference"]


def test_not_entitled_to_receive_is_denied_by_still_receiving():
    """"tidak berhak menerima insentif ini": the negation reaches through "berhak" to the receiving."""
    reference = "Penyuluh yang berstatus PNS atau PPPK tidak berhak menerima insentif ini."
    [clash] = find_clashes(reference, "Penyuluh yang berstatus PPPK tetap menerima insentif ini.")
    assert clash.kind == "negation" and "menerima" in clash.draft
    assert find_clashes(reference, "Penyuluh non-PNS menerima insentif ini setiap bulan.") == []


def test_a_text_that_serves_one_thing_and_not_another_denies_the_other():
    """"hanya melayani pengesahan STNK tahunan, dan tidak melayani penggantian STNK lima tahunan" asserts the serving
    too: only what it denies, said around the draft's "melayani", clashes."""
    reference = ("Samsat malam hanya melayani pengesahan STNK tahunan dan pembayaran pajak kendaraan bermotor, dan tidak "
                 "melayani penggantian STNK lima tahunan.")
    [clash] = find_clashes(reference, "Selain pengesahan STNK tahunan, Samsat malam juga melayani penggantian STNK "
                                      "lima tahunan.")
    assert clash.rule == "negation:reference" and "penggantian" in clash.draft
    assert [c for c in find_clashes(reference, "Samsat malam melayani pengesahan STNK tahunan setiap malam.")
            if c.kind == "negation"] == []
    # One word after the negated predicate names too little to tell which thing is denied.
    fees = "No fee is charged for the cruising permit itself, but port service fees apply at each port of call."
    assert [c for c in find_clashes(fees, "The permit is free, although port service fees are charged at every "
                                          "port of call.") if c.kind == "negation"] == []


def test_a_passive_prohibition_closing_the_clause_asserts_nothing():
    """"penjualan tiket di lokasi pada hari acara dilarang" forbids the sale, as "tidak ada penjualan" denies it."""
    ref = ("Tiket yang dijual paling banyak 90 persen dari kapasitas tempat, dan penjualan tiket di lokasi pada hari "
           "acara dilarang.")
    assert find_clashes(ref, "“Tiket hanya boleh dijual sampai 90 persen kapasitas, dan tidak ada penjualan tiket di "
                             "lokasi pada hari pertunjukan,” kata Kabid Humas Polda Metro Jaya.") == []
    [clash] = find_clashes("Penjualan tiket di lokasi pada hari acara tetap dilayani.",
                           "Tidak ada penjualan tiket di lokasi pada hari pertunjukan.")
    assert clash.kind == "negation"


def test_without_in_a_relative_clause_names_which_ones_from_further_back():
    """"Kapal yang masih membawa penumpang tanpa manifes" says which ships, not that manifests are absent."""
    reference = "Kapal yang mengangkut penumpang tanpa manifes ditahan hingga manifes yang sah diserahkan."
    assert find_clashes(reference, "Kapal yang masih membawa penumpang tanpa manifes ditahan di dermaga, seperti "
                                   "dua kapal pekan lalu.") == []


def test_without_a_thing_is_what_lacking_it_says():
    """Written for this project: "pulau tanpa nama baku" and "pulau yang belum memiliki nama baku" both speak of
    islands lacking a standard name; a draft giving them one contradicts it."""
    reference = "Badan Informasi Geospasial menargetkan pembakuan nama 2.400 pulau kecil yang belum memiliki nama baku."
    assert find_clashes(reference, "Badan Informasi Geospasial menargetkan 2.400 pulau kecil tanpa nama baku "
                                   "dibakukan.") == []
    assert find_clashes("Warga yang tidak memiliki KTP setempat dilayani.", "Warga tanpa KTP setempat dilayani.") == []
    assert find_clashes("Kapal wajib memiliki sertifikat kelaikan.", "Kapal tanpa sertifikat kelaikan boleh berlayar.")


def test_a_group_the_positive_sentence_excepts_is_the_one_the_other_denies():
    """"Praziquantel diberikan … kecuali ibu hamil" says what "Ibu hamil tidak diberi praziquantel" says; taking them
    in ("termasuk ibu hamil") is against it."""
    from service.judge.signals import find_clashes
    reference = "Ibu hamil tidak diberi praziquantel dan baru diobati setelah melahirkan."
    assert find_clashes(reference, "Praziquantel diberikan kepada penduduk berusia lima tahun ke atas, kecuali ibu "
                                   "hamil yang baru diobati setelah melahirkan.") == []
    assert [c.kind for c in find_clashes(reference, "Praziquantel diberikan kepada seluruh penduduk, termasuk ibu "
                                                    "hamil.")] == ["negation"]


def test_a_negated_and_an_asserted_verb_about_different_objects_do_not_clash():
    """"tidak membayar sewa" and "membayar listrik sendiri" speak of two payments; "bukan uang tunai" is not the
    "uang transpor" that rises. Written for this project."""
    reference = "Penghuni hunian sementara tidak dipungut sewa, tetapi membayar listrik sendiri."
    assert find_clashes(reference, "Penghuni tidak membayar sewa dan menerima jaminan hidup Rp10 ribu per hari.") == []
    assert find_clashes("Bantuan berupa barang, bukan uang tunai.", "Uang transpor peserta naik menjadi Rp175.000.") == []
    # the same object: still a clash
    assert [c.kind for c in find_clashes("Penghuni hunian sementara tidak membayar sewa.",
                                         "Penghuni hunian sementara membayar sewa Rp200.000 per bulan.")] == ["negation"]


def test_an_agent_noun_asserts_no_act():
    """"Penerima wajib mengikuti pelatihan" names the recipients; it says nothing of receiving the package again."""
    reference = "Penerima wajib mengikuti pelatihan menjahit selama 5 hari di balai latihan kerja setempat."
    assert find_clashes(reference, "Perempuan yang sudah menerima paket pada 2026 tidak dapat menerimanya lagi.") == []
    assert [c.kind for c in find_clashes("Penerima paket 2026 dapat menerima paket lagi pada 2027.",
                                         "Penerima paket 2026 tidak dapat menerima paket lagi pada 2027.")] == ["negation"]


def test_a_postponement_named_as_a_noun_is_a_postponement():
    reference = "Sekolah yang tidak membentuk tim dalam 30 hari ditunda pencairan BOSDA triwulan berikutnya."
    assert find_clashes(reference, "Sekolah yang lalai membentuk tim terancam penundaan pencairan BOSDA triwulan "
                                   "berikutnya.") == []


def test_a_state_closes_a_relative_clause_before_the_negated_passive():
    """"Anak yang sedang demam tidak diberi obat": "yang sedang demam" says which children; the "tidak" negates giving
    them the drug, which "tetap diberi obat" asserts. Written for this project."""
    reference = "Anak yang sedang demam tidak diberi obat dan dijadwalkan ulang paling lambat 7 hari."
    assert [c.kind for c in find_clashes(reference, "Anak yang sedang demam tetap diberi obat.")] == ["negation"]
