"""Scope clashes (service/judge/scope.py) with example sentences for service/judge/vocab/scope.json.
Written for this project."""

import json
from pathlib import Path

import pytest

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.scope import scope_clashes, scope_of

VOCAB = json.loads((Path(__file__).resolve().parents[3] / "service/judge/vocab/scope.json").read_text())


@pytest.mark.parametrize("reference, draft", [
    ("Vaksinasi HPV untuk anak laki-laki hanya di 10 kabupaten percontohan.",
     "Vaksinasi HPV untuk anak laki-laki dilaksanakan di seluruh kabupaten dan kota."),
    ("Tarif PPN 12 persen hanya untuk barang dan jasa mewah.",
     "Tarif PPN 12 persen dikenakan atas seluruh barang dan jasa tanpa pengecualian."),
    ("Layanan cek kesehatan tersedia di seluruh puskesmas.",
     "Layanan cek kesehatan hanya tersedia di puskesmas di Pulau Jawa."),
    ("The levy applies only to crude palm oil exports.", "The levy applies to all palm oil exports."),
    # A price set for named regions ("untuk wilayah"), restated for every province.
    ("Tarif angkutan perintis ditetapkan Rp50.000 untuk wilayah Maluku dan Papua.",
     "Tarif angkutan perintis Rp50.000 berlaku di semua provinsi."),
    # An exclusion ("tidak berlaku untuk") against a rule for all, the excluded sector named.
    ("Ketentuan ini tidak berlaku untuk sektor minyak dan gas bumi.",
     "Kewajiban ini berlaku bagi semua eksportir, termasuk perusahaan minyak dan gas bumi."),
])
def test_universal_against_restrictive_scope_clashes(reference, draft):
    [clash] = scope_clashes(reference, draft)
    assert clash.kind == "scope"


@pytest.mark.parametrize("reference, draft", [
    # Both sides universal, or both restrictive: no clash.
    ("Layanan tersedia di seluruh puskesmas.", "Semua puskesmas melayani pemeriksaan."),
    ("Program hanya untuk keluarga desil 1.", "Program khusus untuk keluarga desil 1."),
    # Negated cues say the opposite of the cue.
    ("Bantuan hanya untuk lansia.", "Tidak semua warga menerima bantuan itu."),
    # A passage saying both (a pilot now, nationwide later) is no evidence either way.
    ("Tahun ini hanya 10 kabupaten; seluruh provinsi mulai 2027.", "Layanan berlaku di seluruh provinsi."),
])
def test_no_scope_clash(reference, draft):
    assert scope_clashes(reference, draft) == []


def test_every_cue_of_the_vocabulary_is_recognised():
    for cue in VOCAB["universal"]:
        assert scope_of(f"Aturan ini berlaku {cue} wilayah.")[0], cue
    for cue in VOCAB["restrictive"]:
        assert scope_of(f"Aturan ini berlaku {cue} wilayah.")[1], cue


def test_a_draft_telling_the_past_states_no_coverage():
    reference = "Penyebaran nyamuk ber-Wolbachia dilakukan di lima kota percontohan."
    assert scope_clashes(reference, "Tahun lalu tercatat lebih dari 200 ribu kasus demam berdarah secara nasional.") == []
    assert scope_clashes(reference, "Penyebaran nyamuk ber-Wolbachia dilakukan secara nasional.")


def test_scope_cues_need_the_same_subject_not_just_the_same_places():
    """The scope cues name no subject: a pilot of digital social aid "terbatas di 10 kabupaten dan kota" says
    nothing about HPV immunisation "di semua kabupaten dan kota", though both share "dilaksanakan",
    "kabupaten" and "kota" (the judge's scope_min_coverage)."""
    pilot = Candidate("Uji coba penyaluran bantuan sosial berbasis identitas kependudukan digital pada 2026 "
                      "dilaksanakan terbatas di 10 kabupaten dan kota.", 0.90, PassageRef(position_id="p-bansos"))
    [j] = Judge().judge(["Imunisasi HPV bagi siswi kelas 5 dan 6 SD dilaksanakan di semua kabupaten dan kota."], [[pilot]])
    assert j.relation != "conflicts"
    [j] = Judge().judge(["Penyaluran bantuan sosial berbasis identitas kependudukan digital pada 2026 dilaksanakan di "
                         "semua kabupaten dan kota."], [[pilot]])
    assert j.relation == "conflicts" and "scope" in j.kinds


@pytest.mark.parametrize("text, restrictive", [
    ("Kampanye imunisasi campak digelar di 7 provinsi dengan cakupan terendah.", "di 7 provinsi"),
    ("The campaign runs in five provinces in eastern Indonesia.", "in five provinces"),
    # every province of Indonesia counted is no restriction
    ("Upah minimum baru berlaku di 38 provinsi.", None),
    # a count of regencies or villages may be all of them in one regency: no text here knows their totals
    ("Surat suara dikirim ke panitia pilkades di 172 desa.", None),
])
def test_a_counted_set_of_provinces_is_restrictive_unless_it_is_all_of_them(text, restrictive):
    assert scope_of(text)[1] == restrictive


def test_all_provinces_against_a_counted_few_clashes():
    [clash] = scope_clashes("Kampanye imunisasi campak digelar di 7 provinsi dengan cakupan terendah.",
                            "Kampanye imunisasi campak digelar serentak di seluruh provinsi.")
    assert clash.rule == "scope:universal" and clash.reference == "di 7 provinsi"


@pytest.mark.parametrize("reference, draft", [
    ("Pembatasan jam operasional ini belum berlaku bagi pedagang pasar tradisional.",
     "Pembatasan jam operasional berlaku mulai Januari, termasuk bagi pedagang pasar tradisional."),
    ("Insentif ini tidak berlaku bagi koperasi berbentuk badan hukum perseroan.",
     "Insentif diberikan kepada koperasi simpan pinjam maupun badan hukum perseroan."),
    ("Subsidi bunga diberikan kepada nelayan anggota koperasi beserta keluarganya.",
     "Subsidi bunga hanya untuk nelayan anggota koperasi dan tidak mencakup keluarga mereka."),
    ("The waiver does not apply to luxury vehicles.", "The waiver covers all new cars, including luxury vehicles."),
])
def test_a_group_left_out_against_the_same_group_taken_in(reference, draft):
    assert "scope" in [c.kind for c in scope_clashes(reference, draft)]


@pytest.mark.parametrize("reference, draft", [
    # the same group left out on both sides, and another group taken in
    ("Pembatasan jam operasional ini belum berlaku bagi pedagang pasar tradisional.",
     "Pembatasan itu tidak berlaku bagi pedagang pasar tradisional, termasuk pedagang kaki lima."),
    # another group taken in than the one left out
    ("Insentif ini tidak berlaku bagi koperasi berbentuk badan hukum perseroan.",
     "Insentif diberikan kepada petani maupun nelayan di seluruh kabupaten."),
])
def test_no_clash_when_the_groups_differ_or_agree(reference, draft):
    assert [c for c in scope_clashes(reference, draft) if c.rule == "scope:excluded"] == []


def test_a_scope_of_another_year_is_no_clash():
    reference = "Vaksinasi HPV tahun 2027 hanya dilaksanakan di 10 kabupaten percontohan."
    assert scope_clashes(reference, "Pada 2025, vaksinasi HPV secara nasional baru menjangkau separuh sasaran.") == []
    assert scope_clashes(reference, "Vaksinasi HPV tahun 2027 dilaksanakan di seluruh kabupaten.") != []


def test_thousands_of_groups_read_a_bounded_number_of_phrases():
    """A draft listing thousands of groups taken in, against a reference leaving thousands out: the phrases
    read per side are capped, so the left-out x taken-in pairs compared stay bounded, not quadratic."""
    from service.judge.scope import _LEFT_OUT, _TAKEN_IN, MAX_PHRASES, _phrases
    reference = " ".join(f"Aturan {i} tidak berlaku bagi kelompok nelayan nomor {i}." for i in range(3000))
    draft = " ".join(f"Aturan berlaku, termasuk kelompok petani nomor {i}." for i in range(3000))
    assert len(_phrases(_LEFT_OUT, reference)) == len(_phrases(_TAKEN_IN, draft)) == MAX_PHRASES
    assert scope_clashes(reference, draft) == []  # nelayan are not petani


def test_a_reference_naming_its_places_restricts_a_draft_saying_everywhere():
    """"di Jawa, Bali, dan Nusa Tenggara" names some regions: a draft saying the rule holds "di seluruh
    provinsi" widens it. A draft naming places says nothing against a reference's "seluruh" about something
    else ("seluruh hasil panen")."""
    ref = "Mulai 1 Maret 2027, penjualan pupuk nonsubsidi di kios resmi di Jawa, Bali, dan Nusa Tenggara wajib memakai KTP."
    [c] = scope_clashes(ref, "Penjualan pupuk nonsubsidi di kios resmi di seluruh provinsi wajib memakai KTP mulai 1 Maret 2027.")
    assert c.kind == "scope" and "Jawa, Bali, dan Nusa Tenggara" in c.reason
    assert scope_clashes("Petani wajib menjual seluruh hasil panen kepada koperasi desa.",
                         "Petani di Jawa, Bali, dan Nusa Tenggara menjual hasil panen kepada koperasi desa.") == []


def test_the_group_taken_in_is_named_before_its_relative_clause():
    """"maupun koperasi simpan pinjam yang beranggota lebih dari 500 orang": the group is savings-and-loan
    cooperatives, which the reference leaves out; the relative clause only says which of them."""
    ref = "Keringanan retribusi ini tidak berlaku bagi badan usaha berbentuk koperasi simpan pinjam."
    [c] = scope_clashes(ref, "Keringanan retribusi diberikan kepada pedagang perorangan maupun koperasi simpan pinjam "
                             "yang beranggota lebih dari 500 orang.")
    assert c.kind == "scope" and c.rule == "scope:excluded"


@pytest.mark.parametrize("alone", [
    "Festival layang-layang tahun ini digelar sepenuhnya di Sulawesi Utara.",
    "Festival layang-layang tahun ini hanya diadakan di Provinsi Sulawesi Utara.",
    "This year's kite festival is held only in North Sulawesi.",
])
def test_one_place_alone_against_a_list_naming_it_with_others(alone):
    # Written for this project: a rule put in one named place alone, against that place named with another.
    reference = "Festival layang-layang tahun ini digelar di Sulawesi Utara dan Gorontalo secara bergantian."
    if alone.startswith("This"):
        reference = "This year's kite festival is held in North Sulawesi and Gorontalo in turn."
    [clash] = scope_clashes(reference, alone)
    assert clash.rule == "scope:alone" and "Gorontalo" in clash.reference
    # The other way round: the reference puts it in one place alone, the draft lists two.
    [clash] = scope_clashes(alone, reference)
    assert clash.rule == "scope:alone"


def test_one_place_alone_is_no_clash_with_a_list_it_names_in_full():
    reference = "Festival layang-layang digelar di Sulawesi Utara dan Gorontalo."
    assert scope_clashes(reference, "Lomba hanya di Sulawesi Utara; pameran tetap di Gorontalo.") == []
    assert scope_clashes(reference, "Festival layang-layang digelar di Sulawesi Utara dan Gorontalo.") == []


def test_a_universal_the_position_states_elsewhere_restates_it():
    """The passage restricts the method ("hanya melalui aplikasi"); the position's other sentence says the
    service runs "di seluruh kantor imigrasi": a draft saying so restates the position."""
    reference = "Pengajuan paspor hanya dilakukan melalui aplikasi M-Paspor, tanpa antrean manual."
    draft = "Layanan dibuka di seluruh kantor imigrasi dengan sasaran pemohon paspor baru dan penggantian paspor."
    setting = "Direktorat Jenderal Imigrasi Layanan paspor 2027 dibuka serentak di seluruh kantor imigrasi mulai Januari."
    assert [c.kind for c in scope_clashes(reference, draft)] == ["scope"]
    assert scope_clashes(reference, draft, setting) == []


@pytest.mark.parametrize("draft, fires", [
    ("Vaksinasi campak tambahan digelar di seluruh provinsi bagi anak usia sekolah.", True),
    ("Operasi pasar beras menjangkau seluruh 12 kabupaten di Nusa Tenggara Timur.", True),
    ("Operasi pasar beras menjangkau seluruh 4 kabupaten di Pulau Flores.", False),  # four of four
    ("Vaksinasi campak tambahan digelar di seluruh kabupaten bagi anak usia sekolah.", False),  # no total known
])
def test_all_regions_of_a_kind_against_fewer_counted(draft, fires):
    """"di seluruh provinsi" (all 38) or "seluruh 12 kabupaten" against a reference counting fewer of that kind."""
    from service.judge.scope import counted_clashes
    reference = ("Vaksinasi campak tambahan dilaksanakan di tujuh provinsi, dan operasi pasar beras di "
                 "empat kabupaten.")
    assert bool(counted_clashes(reference, draft)) is fires


def test_the_judge_reads_a_counted_region_with_less_of_the_sentence_shared():
    passage = Candidate("Sub Pekan Imunisasi Nasional polio dilaksanakan pada September 2027 di sembilan provinsi.", 0.90,
                        PassageRef(position_id="p-polio"))
    sentence = "Imunisasi polio tambahan ini digelar di seluruh provinsi di Indonesia bagi anak usia 0 sampai 7 tahun."
    [j] = Judge().judge([sentence], [[passage]])
    assert j.relation == "conflicts" and "scope" in j.kinds


@pytest.mark.parametrize("reference, draft, clashes", [
    ("Bank sampah yang dikelola badan usaha swasta dikecualikan dari program insentif ini.",
     "Program ini juga terbuka bagi bank sampah yang dikelola badan usaha swasta.", True),
    ("Kelapa muda untuk konsumsi segar dan kelapa parut kering tidak termasuk dalam pembatasan ini.",
     "Pembatasan itu juga mencakup kelapa muda untuk konsumsi segar.", True),
    # taken in by its name alone ("juga dikenakan pada Pertalite"), and another name taken in
    ("Bensin bersubsidi jenis Pertalite tidak termasuk dalam kewajiban E5 pada 2027.",
     "Kewajiban campuran E5 itu juga dikenakan pada Pertalite, selain bensin RON 92 ke atas.", True),
    ("Bensin bersubsidi jenis Pertalite tidak termasuk dalam kewajiban E5 pada 2027.",
     "Kewajiban campuran E5 itu juga diterapkan pada Pertamax.", False),
    # the relative clause names another group: no clash
    ("Bank sampah yang dikelola badan usaha swasta dikecualikan dari program insentif ini.",
     "Program ini juga terbuka bagi bank sampah yang dikelola masyarakat desa.", False),
    # the rule named after "dikecualikan dari" is no group: the toys are left out of it, not the rule itself
    ("Perajin mainan tradisional dikecualikan dari kewajiban SNI mainan.",
     "Kewajiban SNI berlaku bagi semua mainan impor, termasuk kewajiban SNI mainan edukatif.", False),
    # a group denied what the rule gives ("tidak diberi", "tidak mendapat") is left out too
    ("Ibu hamil tidak diberi praziquantel dan baru diobati setelah melahirkan.",
     "Pengobatan massal praziquantel digelar bagi seluruh penduduk berusia lima tahun ke atas, termasuk ibu hamil.",
     True),
    ("Pekerja dengan kontrak kurang dari satu tahun tidak mendapat tunjangan ini.",
     "Tunjangan juga diberikan kepada pekerja dengan kontrak kurang dari satu tahun.", True),
    ("Ibu hamil tidak diberi praziquantel dan baru diobati setelah melahirkan.",
     "Pengobatan massal praziquantel digelar bagi seluruh penduduk, termasuk anak sekolah.", False),
])
def test_a_group_named_before_its_exclusion(reference, draft, clashes):
    """"<group> dikecualikan dari …" / "<group> tidak termasuk dalam …" leave out the group named before the cue,
    with its relative clause; a phrase taken in must carry most of that group's words."""
    found = [c for c in scope_clashes(reference, draft) if c.rule == "scope:excluded"]
    assert bool(found) is clashes


# (cue, a draft waiving a limit with it, a reference setting that limit): one example per cue of "regardless".
REGARDLESS = [
    ("tanpa memandang", "Asuransi terbuka bagi seluruh nelayan tanpa memandang usia maupun ukuran kapal.",
     "Asuransi diberikan kepada nelayan berusia 18 hingga 65 tahun dengan kapal paling besar 10 GT."),
    ("tanpa melihat", "Beasiswa diberikan tanpa melihat nilai rapor calon penerima.",
     "Beasiswa diberikan kepada siswa dengan nilai rapor minimal 80."),
    ("tanpa batasan", "Pendaftar dapat mengajukan kredit tanpa batasan plafon.",
     "Kredit diberikan dengan plafon paling banyak Rp50 juta."),
    ("tanpa batas", "Penumpang dapat membawa bagasi tanpa batas berat.",
     "Bagasi penumpang dibatasi dengan berat maksimal 20 kilogram."),
    ("tidak ada batasan", "Tidak ada batasan usia bagi peserta pelatihan ini.",
     "Peserta pelatihan berusia 18 sampai 30 tahun."),
    ("tidak ada batas", "Tidak ada batas jumlah permohonan per keluarga.",
     "Setiap keluarga dapat mengajukan paling banyak dua permohonan dengan jumlah yang ditetapkan."),
    ("tidak terbatas pada", "Program berlaku di seluruh desa, tidak terbatas pada wilayah 3T.",
     "Program hanya berlaku di desa wilayah 3T."),
    ("tidak dibatasi", "Kuota peserta tidak dibatasi jumlahnya tahun ini.",
     "Jumlah peserta dibatasi paling banyak 500 orang per angkatan."),
    ("regardless of", "The allowance is paid to all teachers regardless of rank.",
     "The allowance is paid only to teachers of rank III and above."),
    ("irrespective of", "Every household can apply irrespective of income.",
     "Households can apply only with an income below Rp4 million."),
    ("not limited to", "The subsidy covers all regions, not limited to border areas.",
     "The subsidy covers border areas only."),
    ("no limit on", "There is no limit on the number of claims.",
     "Each member may file at most three claims, whatever the number of visits."),
    ("without limits on", "Firms may hire without limits on contract length.",
     "Contracts may last up to 12 months in length."),
    ("not subject to", "Cultivated agarwood is not subject to any quota this year.",
     "Kuota ekspor gaharu ditetapkan paling banyak 450 ton."),
    ("not limited by", "Entry is not limited by age this year.",
     "Peserta berusia 18 sampai 30 tahun."),
    ("berapa pun", "Seluruh penginapan, berapa pun jumlah kamarnya, wajib memilah sampah.",
     "Penginapan dengan paling sedikit 30 kamar wajib memilah sampah."),
    ("berapapun", "Semua koperasi, berapapun asetnya, wajib diaudit setiap tahun.",
     "Koperasi dengan aset di atas Rp5 miliar wajib diaudit setiap tahun."),
    ("seberapa pun", "Pabrik seberapa pun kapasitasnya wajib memasang alat ukur emisi.",
     "Pabrik dengan kapasitas lebih dari 100 ton per hari wajib memasang alat ukur emisi."),
    ("no matter how", "Every shop must display prices, no matter how small its floor area.",
     "Shops with a floor area of at least 200 square metres must display prices."),
]


def test_every_regardless_cue_has_an_example():
    assert [cue for cue, _, _ in REGARDLESS] == VOCAB["regardless"]


@pytest.mark.parametrize("cue, draft, reference", REGARDLESS)
def test_a_limit_waived_against_the_same_limit_set(cue, draft, reference):
    [clash] = scope_clashes(reference, draft)
    assert clash.rule == "scope:regardless" and clash.draft.lower().startswith(cue)


@pytest.mark.parametrize("reference, draft", [
    # the reference sets no limit on it
    ("Asuransi diberikan kepada nelayan di seluruh Indonesia.",
     "Asuransi terbuka bagi seluruh nelayan tanpa memandang usia."),
    # it limits another thing
    ("Asuransi diberikan kepada nelayan dengan kapal paling besar 10 GT.",
     "Asuransi terbuka bagi seluruh nelayan tanpa memandang usia."),
    # the reference waives it too; a figure in another sentence limits nothing
    ("Vaksin diberikan kepada anak usia 0 sampai 7 tahun tanpa memandang status imunisasi sebelumnya.",
     "All children aged 0 to 7 receive the vaccine, regardless of previous immunisation status."),
    ("Pendaftaran dibuka 1 Juli. Status peserta diumumkan setelahnya.",
     "Pendaftaran terbuka tanpa memandang status peserta."),
])
def test_no_regardless_clash_without_the_same_limit(reference, draft):
    assert scope_clashes(reference, draft) == []


# (cue, a draft taking a group in before the cue, a reference leaving that group out): one example per cue of
# "taken_in_before". Written for this project.
TAKEN_IN_BEFORE = [
    ("juga dapat", "Pengguna ruas tol dalam kota Surabaya juga dapat menikmati potongan tarif tersebut.",
     "Potongan tarif berlaku di ruas antarkota dan tidak berlaku untuk ruas tol dalam kota."),
    ("juga bisa", "Sekolah swasta di daerah perbatasan juga bisa mengajukan bantuan ini.",
     "Bantuan sarana tidak berlaku bagi sekolah swasta di daerah perbatasan tahun ini."),
    ("juga boleh", "Mahasiswa yang sudah memegang KIP Kuliah juga boleh mengajukan pinjaman ini.",
     "Skema pinjaman tidak berlaku bagi mahasiswa yang sedang menerima KIP Kuliah."),
    ("juga berhak", "Pekerja kontrak di perusahaan alih daya juga berhak atas bantuan upah tersebut.",
     "Bantuan upah tidak diberikan kepada pekerja kontrak perusahaan alih daya."),
    ("juga diperbolehkan", "Kapal berbendera asing juga diperbolehkan mengangkut muatan di jalur ini.",
     "Izin angkut muatan dalam negeri dikecualikan bagi kapal berbendera asing."),
    ("juga diizinkan", "Truk bersumbu tiga juga diizinkan melintas selama masa mudik.",
     "Pembukaan jalur selama masa mudik tidak berlaku bagi truk bersumbu tiga atau lebih."),
    ("pun dapat", "Wajib pajak yang sedang menjalani pemeriksaan pun dapat mengikuti program ini.",
     "Program pengungkapan tidak berlaku bagi wajib pajak yang sedang diperiksa."),
    ("pun bisa", "Pelamar berstatus honorer daerah pun bisa mendaftar pada formasi ini.",
     "Formasi ini tidak terbuka kecuali untuk pelamar berstatus honorer daerah yang terdata."),
    ("pun boleh", "Pedagang kaki lima di trotoar pun boleh berjualan selama festival.",
     "Selama festival, izin berjualan tidak berlaku bagi pedagang kaki lima di trotoar."),
    ("pun berhak", "Mobil listrik yang didatangkan utuh dari luar negeri pun berhak atas potongan PPN.",
     "Insentif PPN tidak berlaku untuk mobil listrik yang diimpor dalam keadaan utuh (CBU)."),
    ("can also", "Inner-city toll roads can also offer the discount during the holiday.",
     "The discount does not apply to inner-city toll roads."),
    ("may also", "Retired civil servants may also apply for the housing loan.",
     "The housing loan does not cover retired civil servants."),
    ("are also eligible", "Students holding a KIP Kuliah card are also eligible for the loan.",
     "The loan scheme does not apply to students holding a KIP Kuliah card."),
    ("is also eligible", "Any vessel flying a foreign flag is also eligible for the permit.",
     "The permit does not apply to vessels flying a foreign flag."),
    ("tidak luput", "Kapal penangkap ikan berukuran di bawah 5 GT tidak luput dari kewajiban pemasangan VMS.",
     "Kewajiban pemasangan VMS tidak berlaku bagi kapal penangkap ikan berukuran di bawah 5 GT."),
    ("ikut", "Tenaga honorer di sekolah swasta ikut menerima tunjangan hari raya tahun ini.",
     "Tunjangan hari raya tidak diberikan kepada tenaga honorer di sekolah swasta."),
    ("turut", "Retribusi parkir di kawasan wisata turut dihapuskan selama libur sekolah.",
     "Retribusi parkir di kawasan wisata tidak termasuk dalam penghapusan retribusi ini."),
    ("juga mendapat", "Pelanggan rumah tangga berdaya 3.500 VA juga mendapat potongan tagihan tersebut.",
     "Potongan tagihan tidak berlaku bagi pelanggan rumah tangga berdaya 3.500 VA ke atas."),
    ("juga menerima", "Guru yang belum bersertifikat juga menerima tunjangan profesi mulai Januari.",
     "Tunjangan profesi tidak diberikan kepada guru yang belum bersertifikat."),
    ("juga memperoleh", "Pemudik bersepeda motor juga memperoleh tiket kapal gratis dalam program ini.",
     "Program kapal gratis tidak mencakup pemudik bersepeda motor."),
    ("juga menikmati", "Rumah bertipe di atas 70 meter persegi juga menikmati pembebasan PPN tersebut.",
     "Pembebasan PPN dikecualikan bagi rumah bertipe di atas 70 meter persegi."),
    ("pun mendapat", "Peserta mandiri kelas 1 pun mendapat keringanan iuran yang sama.",
     "Keringanan iuran tidak berlaku bagi peserta mandiri kelas 1."),
    ("pun menerima", "Penerima bantuan yang pindah domisili pun menerima bantuan di alamat barunya.",
     "Bantuan tidak diberikan kepada penerima bantuan yang pindah domisili."),
]


def test_every_taken_in_before_cue_has_an_example():
    assert [cue for cue, _, _ in TAKEN_IN_BEFORE] == VOCAB["taken_in_before"]


@pytest.mark.parametrize("cue, draft, reference", TAKEN_IN_BEFORE)
def test_a_group_taken_in_before_its_cue_against_the_group_left_out(cue, draft, reference):
    [clash] = scope_clashes(reference, draft)
    assert clash.rule == "scope:excluded" and clash.draft.lower().endswith(cue)


@pytest.mark.parametrize("draft", [
    # another group: the left-out one's relative clause names who is left out
    "Mahasiswa program sarjana juga boleh mengajukan pinjaman ini.",
    # the draft leaves the group out too
    "Mahasiswa yang sedang menerima KIP Kuliah tidak dapat mengajukan pinjaman ini.",
])
def test_no_inclusion_clash_for_another_group_or_the_same_exclusion(draft):
    reference = "Skema pinjaman tidak berlaku bagi mahasiswa yang sedang menerima KIP Kuliah."
    assert scope_clashes(reference, draft) == []


def test_the_judge_reads_a_group_taken_in_against_a_passage_below_the_clash_floor():
    """The exclusion is the position's last sentence and shares a third of the draft's words: the group names the
    subject, so the judge compares them as it does a modality's object."""
    top = Candidate("Kementerian meluncurkan skema pinjaman pendidikan tanpa bunga bagi mahasiswa program sarjana.",
                    0.91, PassageRef(position_id="p-pinjaman"))
    excluded = Candidate("Skema ini tidak berlaku bagi mahasiswa yang sedang menerima KIP Kuliah.", 0.88,
                         PassageRef(position_id="p-pinjaman", start=200))
    sentence = "Mahasiswa yang sudah memegang KIP Kuliah juga boleh mengajukan pinjaman ini untuk menutup biaya hidup."
    [j] = Judge().judge([sentence], [[top, excluded]])
    assert j.relation == "conflicts" and "scope" in j.kinds


def test_a_counted_set_of_regions_needs_what_it_counts_in_the_draft():
    """Written for this project: "di 32 provinsi" counts the provinces of a language programme; a draft about flag
    bearers "dari setiap provinsi" shares only the region noun."""
    from service.judge.scope import counted_clashes
    reference = "Badan Bahasa melaksanakan revitalisasi 120 bahasa daerah di 32 provinsi pada 2026."
    assert counted_clashes(reference, "Paskibraka beranggotakan 76 pelajar, sepasang dari setiap provinsi.") == []
    assert [c.rule for c in counted_clashes(reference, "Revitalisasi bahasa daerah digelar di seluruh provinsi.")] \
        == ["scope:counted"]


@pytest.mark.parametrize("reference, draft", [
    # "tidak berlaku di" / "tidak dilaksanakan di" and a taken-in place: the place's phrase ends before the reason
    ("Diskon pengisian malam hari tidak berlaku di wilayah ini.",
     "Pengguna di wilayah ini juga mendapat diskon untuk pengisian malam hari."),
    ("Penyemprotan tidak dilaksanakan di Kabupaten Sleman karena kasusnya menurun.",
     "Penyemprotan juga digelar di Kabupaten Sleman pada bulan ini."),
    ("Pembatasan truk tidak berlaku pada Sabtu, serta tidak berlaku bagi truk pengangkut BBM.",
     "Pembatasan truk juga diberlakukan pada hari Sabtu di ruas tol dalam kota."),
    # the examples that follow a left-out group name its members
    ("Kerja jarak jauh tidak berlaku bagi unit layanan tatap muka, seperti puskesmas dan kantor samsat.",
     "Kerja jarak jauh berlaku bagi semua pegawai, termasuk pegawai puskesmas dan kantor samsat."),
    # a group named before its cue on both sides
    ("Denda keterlambatan tidak termasuk dalam keringanan ini.", "Denda keterlambatan turut dihapus tahun ini."),
])
def test_more_forms_of_a_group_left_out_and_taken_in(reference, draft):
    [clash] = scope_clashes(reference, draft)
    assert clash.rule == "scope:excluded"


@pytest.mark.parametrize("draft", [
    # the group is left out on both sides
    "Tenaga honorer di sekolah swasta tidak ikut menerima tunjangan hari raya tahun ini.",
    # another group takes part
    "Guru ASN di sekolah negeri ikut menerima tunjangan hari raya tahun ini.",
])
def test_no_inclusion_clash_for_a_negated_or_another_group_before_ikut(draft):
    assert scope_clashes("Tunjangan hari raya tidak diberikan kepada tenaga honorer di sekolah swasta.", draft) == []


def test_neither_nor_takes_nothing_in():
    """"tidak menyasar penumpang bus maupun angkutan umum": "maupun" continues what is negated, as the position does."""
    reference = "Kewajiban ini tidak berlaku bagi penumpang bus dan angkutan umum perkotaan."
    assert scope_clashes(reference, "Aturan ini tidak menyasar penumpang bus maupun angkutan umum perkotaan.") == []
    assert [c.kind for c in scope_clashes(reference, "Aturan ini menyasar penumpang mobil pribadi maupun angkutan umum "
                                                     "perkotaan.")] == ["scope"]


def test_a_rule_for_both_of_two_groups_narrowed_to_one_or_widened_from_it():
    """"baik guru honorer maupun guru PPPK" against "hanya berlaku bagi guru PPPK"; and the other way round, a
    draft taking in "negeri maupun swasta" against a position that names public schools and leaves private ones
    out ("Madrasah swasta tidak diwajibkan …")."""
    both = "Tunjangan transportasi diberikan kepada guru di Kabupaten Sikka, baik guru honorer maupun guru PPPK."
    [clash] = scope_clashes(both, "Tunjangan transportasi itu hanya berlaku bagi guru PPPK di Kabupaten Sikka.")
    assert clash.rule == "scope:narrowed" and clash.reference.endswith("honorer maupun guru PPPK")
    assert scope_clashes(both, "Tunjangan transportasi hanya berlaku bagi guru PPPK, sedangkan guru honorer tidak "
                               "menerimanya.") != []
    # Both named, or a restriction of something else, is no narrowing.
    assert scope_clashes(both, "Tunjangan transportasi berlaku bagi guru honorer dan guru PPPK.") == []
    assert scope_clashes(both, "Tunjangan itu hanya dibayar pada Januari bagi honorer maupun PPPK.") == []
    reference = ("Sekolah lima hari berlaku di seluruh madrasah negeri di Kabupaten Bantul. Madrasah swasta tidak "
                 "diwajibkan mengikuti.")
    [widened] = scope_clashes(reference, "Sekolah lima hari berlaku di seluruh madrasah negeri maupun swasta di "
                                         "Kabupaten Bantul.")
    assert widened.rule == "scope:narrowed" and widened.draft == "negeri maupun swasta"


def test_neither_of_two_groups_or_a_denial_of_something_else_is_no_narrowing():
    reference = "Diskon sambung baru berlaku bagi pelanggan rumah tangga, sedangkan pelanggan industri tidak termasuk."
    assert scope_clashes(reference, "Diskon ini tidak berlaku bagi pelanggan bisnis maupun industri.") == []
    reference = "Label wajib bagi produk dalam negeri maupun impor, tetapi tidak berlaku bagi sampel pameran."
    assert scope_clashes(reference, "Label wajib dipasang pada produk buatan dalam negeri maupun impor.") == []


def test_a_universal_in_the_positions_own_other_words_restates_it():
    """Written for this project. The position's first sentence says "setiap SPBU" and "sepanjang jam operasional";
    its other sentences restrict something else. A draft saying "seluruh SPBU" or "seluruh jam operasional"
    restates the first, not a widening of the others."""
    exempt = "Kewajiban ini tidak berlaku bagi SPBU kompak di daerah 3T."
    setting = ("BPH Migas mewajibkan setiap SPBU penyalur Pertalite memasang kamera pengawas. " + exempt)
    draft = "BPH Migas mewajibkan seluruh SPBU penyalur Pertalite memasang kamera pengawas."
    assert scope_clashes(exempt, draft) and scope_clashes(exempt, draft, setting) == []
    nonfolding = "Sepeda nonlipat hanya boleh dibawa pada hari Sabtu dan Minggu."
    setting = "PT MRT Jakarta mengizinkan sepeda lipat dibawa sepanjang jam operasional. " + nonfolding
    draft = "Penumpang MRT boleh membawa sepeda lipat pada seluruh jam operasional."
    assert scope_clashes(nonfolding, draft, setting) == []


def test_a_count_of_what_exists_states_no_scope():
    exempt = "Kewajiban ini tidak berlaku bagi SPBU kompak di daerah 3T."
    assert scope_clashes(exempt, "Saat ini terdapat sekitar 7.800 SPBU penyalur BBM bersubsidi di seluruh Indonesia.") == []
    assert scope_clashes(exempt, "Kewajiban berlaku bagi seluruh SPBU penyalur BBM bersubsidi di Indonesia.")
    grant = "Hibah hanya diberikan kepada desa wisata berkategori rintisan dan berkembang."
    assert scope_clashes(grant, "Jumlah desa wisata yang terdaftar secara nasional mencapai 6.000 desa.") == []
    assert scope_clashes(grant, "Hibah diberikan kepada desa wisata secara nasional.")


def test_a_universal_the_position_gives_for_another_year_restates_nothing():
    """The position pilots in 10 regencies in 2026 and plans every province for 2027: "di seluruh provinsi tahun
    ini" is no restatement of the 2027 plan."""
    pilot = "Uji coba bansos digital pada 2026 dilaksanakan terbatas di 10 kabupaten dan kota."
    setting = pilot + " Perluasan ke seluruh provinsi direncanakan pada 2027."
    assert scope_clashes(pilot, "Pemerintah menerapkan bansos digital di seluruh provinsi tahun ini.", setting)


def test_every_one_of_a_kind_in_the_country_widens_a_counted_set():
    """Written for this project: "seluruh puskesmas di Indonesia" against "di 1.000 puskesmas"; the count said
    again "di seluruh Indonesia" is no widening."""
    from service.judge.scope import counted_clashes
    reference = "Kementerian Kesehatan mewajibkan skrining pendengaran bayi baru lahir di 1.000 puskesmas mulai 2026."
    [clash] = counted_clashes(reference, "Mulai 2026, seluruh puskesmas di Indonesia wajib melakukan skrining "
                                         "pendengaran bagi setiap bayi baru lahir.")
    assert clash.rule == "scope:counted" and "1.000 puskesmas" in clash.reason
    assert counted_clashes(reference, "Skrining pendengaran bayi baru lahir tersedia di 1.000 puskesmas di seluruh "
                                      "Indonesia.") == []
    assert counted_clashes("Beras fortifikasi hanya disalurkan di 100 kabupaten dan kota.",
                           "Beras fortifikasi disalurkan ke seluruh kabupaten dan kota di Indonesia.")


@pytest.mark.parametrize("reference, draft, fires", [
    ("Skrining talasemia gratis bagi 200.000 siswa kelas 10 SMA, SMK, dan MA.",
     "Skrining talasemia gratis bagi seluruh siswa kelas 10, 11, dan 12 SMA, SMK, dan MA.", True),
    ("Layanan kesehatan gigi sekolah bagi siswa kelas 1 sampai kelas 3 sekolah dasar.",
     "Layanan kesehatan gigi sekolah menjangkau seluruh siswa SD kelas 1 sampai kelas 6.", True),
    ("Layanan kesehatan gigi sekolah bagi siswa kelas 1 sampai kelas 3 sekolah dasar.",
     "Layanan kesehatan gigi sekolah menjangkau siswa SD kelas 1, 2, dan 3.", False),
    # Hospital and insurance classes are no grades.
    ("Iuran peserta JKN kelas 3 ditetapkan Rp42.000 per bulan.", "Iuran peserta JKN kelas 1 tetap Rp42.000.", False),
])
def test_school_grades_taken_in_are_a_scope(reference, draft, fires):
    """Written for this project."""
    assert any(c.rule == "scope:grades" for c in scope_clashes(reference, draft)) is fires


def test_the_judge_reads_a_counted_set_against_a_sentence_that_restates_the_rest():
    """The sentence shares most of the passage's words, so the scope cues are read, and the counted set too."""
    passage = "Kementerian Kesehatan mewajibkan skrining pendengaran bayi baru lahir di 1.000 puskesmas mulai 2026."
    sentence = "Mulai 2026, seluruh puskesmas di Indonesia wajib melakukan skrining pendengaran bayi baru lahir."
    [j] = Judge().judge([sentence], [[Candidate(passage, 0.93, PassageRef(position_id="p-dengar"))]])
    assert j.relation == "conflicts" and "1.000 puskesmas" in j.reasons[0]


def test_the_places_a_scope_names_do_not_count_against_the_subject():
    """"… larangan rotator dan sirene pada kendaraan pribadi, yang hanya berlaku di wilayah hukum Polda Metro Jaya":
    the places after "hanya" are what differs from the ban "di seluruh Indonesia", not another subject; without them
    the sentence is the passage's."""
    from service.judge.scope import without_scope

    assert without_scope("Bantuan menjangkau seluruh provinsi di Indonesia agar petani tidak tertinggal.") == (
        "Bantuan menjangkau  agar petani tidak tertinggal.")
    ref = PassageRef(position_id="p-rotator", title="Larangan rotator dan sirene pada kendaraan pribadi")
    ban = Candidate("Korps Lalu Lintas Polri melarang pemasangan dan penggunaan lampu rotator serta sirene pada "
                    "kendaraan pribadi di seluruh Indonesia.", 0.95, ref)
    sentence = ("Korlantas Polri menegaskan larangan pemasangan lampu rotator dan sirene pada kendaraan pribadi, yang "
                "untuk saat ini hanya berlaku di wilayah hukum Polda Metro Jaya.")
    [j] = Judge().judge([sentence], [[ban]])
    assert j.relation == "conflicts" and "scope" in j.kinds
    # Another subject with the same scope words is still no clash.
    [j] = Judge().judge(["Uji emisi kendaraan dinas untuk saat ini hanya berlaku di wilayah hukum Polda Metro Jaya."],
                        [[ban]])
    assert j.relation != "conflicts"


def test_a_scope_needs_the_rest_of_the_sentence_to_name_the_positions_title():
    """Left without its scope phrase, "Sejak Maret 2026, anak usia 13 sampai 15 tahun" shares words with a toy-safety
    passage but names one word of its title ("SNI wajib mainan anak"); "Semua paket harus tuntas …" is all scope;
    the rotator ban's sentence names its title's words."""
    from service.judge.judge import _scope_cover

    toys = Candidate("Mulai 1 April 2026, seluruh mainan anak untuk usia di bawah 14 tahun wajib memenuhi SNI.", 0.915,
                     PassageRef(position_id="p-mainan", title="SNI wajib mainan anak"))
    assert _scope_cover(toys, "Sejak Maret 2026, anak usia 13 sampai 15 tahun hanya boleh memakai platform berisiko "
                              "rendah.") == 0.0
    assert _scope_cover(toys, "Semua paket harus tuntas selambat-lambatnya 20 Desember 2026.") == 0.0
    ban = Candidate("Korps Lalu Lintas Polri melarang pemasangan lampu rotator serta sirene pada kendaraan pribadi di "
                    "seluruh Indonesia.", 0.95,
                    PassageRef(position_id="p-rotator", title="Larangan rotator dan sirene pada kendaraan pribadi"))
    assert _scope_cover(ban, "Larangan pemasangan lampu rotator dan sirene pada kendaraan pribadi hanya berlaku di "
                             "wilayah hukum Polda Metro Jaya.") >= 0.5


def test_a_scope_below_the_clash_floor_is_read_when_the_sentence_is_the_positions_subject():
    """A passage ranked under the floor ("Penyaluran terbatas di 14 provinsi sentra kelapa") still gets the scope
    rules when the sentence, its scope left out, is what the position's title and the passage name."""
    ref = PassageRef(position_id="p-kelapa", title="Bantuan benih kelapa genjah 2026")
    top = Candidate("Kementerian Pertanian menyalurkan 1,2 juta benih kelapa genjah kepada petani pada 2026.", 0.911, ref)
    limit = Candidate("Penyaluran terbatas di 14 provinsi sentra kelapa, dan benih diberikan tanpa biaya kepada "
                      "kelompok tani.", 0.88, ref)
    [j] = Judge().judge(["Program bantuan benih kelapa genjah 2026 menjangkau seluruh provinsi di Indonesia."],
                        [[top, limit]])
    assert j.relation == "conflicts" and "scope" in j.kinds
    [j] = Judge().judge(["Program vaksinasi ternak 2026 menjangkau seluruh provinsi di Indonesia."], [[top, limit]])
    assert j.relation != "conflicts"


def test_an_exception_the_position_states_elsewhere_is_no_narrowing():
    """"kepada penduduk …, kecuali ibu hamil" leaves out whom the position's own other sentence leaves out ("Ibu hamil
    tidak diberi praziquantel"); an exception of another group still narrows "seluruh penduduk"."""
    reference = ("Obat praziquantel diberikan dua kali setahun kepada seluruh penduduk desa endemis berusia 5 tahun ke "
                 "atas.")
    setting = reference + " Ibu hamil tidak diberi praziquantel dan baru diobati setelah melahirkan."
    draft = ("Praziquantel diberikan setiap Maret dan September kepada penduduk berusia lima tahun ke atas, kecuali ibu "
             "hamil yang baru diobati setelah melahirkan.")
    assert scope_clashes(reference, draft, setting) == []
    assert scope_clashes(reference, draft, reference)  # the position states no such exception
    assert scope_clashes(reference, draft.replace("ibu hamil", "lansia"), setting)


def test_any_regency_at_all_is_universal():
    [clash] = scope_clashes("Layanan hanya untuk penduduk ber-KTP Kota Sorong berusia 18 tahun ke atas.",
                            "Layanan ini terbuka bagi warga berusia 18 tahun ke atas dari kabupaten mana pun di Papua "
                            "Barat Daya.")
    assert clash.rule == "scope:universal" and clash.draft == "mana pun"


def test_all_of_a_thing_is_what_a_hundred_percent_of_it_says():
    """"menghapus seluruh denda" restates "menghapus 100 persen denda"; the exclusion of other customers is no
    narrowing of it. Written for this project."""
    reference = ("Perumda Air Minum menghapus 100 persen denda keterlambatan bagi pelanggan rumah tangga. Program tidak "
                 "berlaku bagi pelanggan niaga dan industri.")
    assert scope_clashes(reference, "Perumda Air Minum menghapus seluruh denda keterlambatan pelanggan rumah "
                                    "tangga.") == []
    assert scope_clashes(reference, "Perumda Air Minum menghapus denda keterlambatan seluruh pelanggan.")


def test_counted_sites_restrict_a_draft_saying_all_of_them():
    """"di 14 persimpangan jalan protokol" against "di seluruh jalan dan ruang publik"; a draft giving the count with
    its "seluruh" says the same. Written for this project."""
    reference = "Pemerintah Kota Makassar melarang warga memberi uang kepada pengemis di 14 persimpangan jalan protokol."
    [clash] = scope_clashes(reference, "Warga dilarang memberi uang kepada pengemis di seluruh jalan dan ruang publik.")
    assert clash.reference == "di 14 persimpangan jalan protokol"
    assert scope_clashes(reference, "Warga dilarang memberi uang kepada pengemis di seluruh 14 persimpangan jalan "
                                    "protokol.") == []
    assert scope_clashes(reference, "Bantuan disalurkan ke seluruh panti sosial di kota itu.") == []


def test_a_list_ending_in_maupun_takes_in_a_group_the_restriction_leaves_out():
    reference = "Program hanya bagi guru berstatus PNS atau PPPK berusia paling tinggi 50 tahun."
    [clash] = scope_clashes(reference, "Program terbuka bagi guru PNS, PPPK, maupun guru honorer berusia paling tinggi "
                                       "50 tahun.")
    assert clash.rule == "scope:narrowed" and "honorer" in clash.draft
    assert scope_clashes(reference, "Program terbuka bagi guru PNS maupun PPPK berusia paling tinggi 50 tahun.") == []


def test_a_list_denied_after_maupun_takes_in_nothing():
    reference = "Setoran minimal 2 liter, dan jelantah dari industri tidak diterima."
    assert scope_clashes(reference, "Setoran minimal satu liter, dan jelantah dari rumah makan, hotel, maupun industri "
                                    "tidak diterima.") == []
